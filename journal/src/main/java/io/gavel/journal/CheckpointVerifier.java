package io.gavel.journal;

import io.gavel.sbe.JournalRecordDecoder;
import org.agrona.DirectBuffer;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a journal against its signed checkpoints and a trusted public key: every checkpoint is signed by that key,
 * they follow each other with no gap, and the journal's records hash to exactly what each one signed. Says which
 * records a valid checkpoint covers and which are not covered; stops at the first problem and says which checkpoint
 * and why. Someone who rewrites the whole journal can recompute its 64-bit chain, but not sign with the key.
 */
public final class CheckpointVerifier implements JournalReader.RecordVisitor
{
    /** What the check found. */
    public static final class Report
    {
        public int checkpoints;
        /** Records 1..covered are covered by valid checkpoints. */
        public long covered;
        public long records;
        /** Null when every record is covered by a valid checkpoint; else the first problem. */
        public String failure;

        public boolean verified()
        {
            return failure == null;
        }
    }

    private final Report report = new Report();
    private final RecordDigest digest = new RecordDigest();
    private final List<Checkpoint> checkpoints;
    private int next;
    private long chainAtTo;

    private CheckpointVerifier(final List<Checkpoint> checkpoints)
    {
        this.checkpoints = checkpoints;
    }

    public static Report verify(final JournalLayout layout, final PublicKey trusted)
    {
        final List<String> lines = CheckpointLog.lines(layout);
        final List<Checkpoint> parsed = new ArrayList<>();
        final Report early = new Report();
        final String trustedKey = Ed25519Keys.fingerprint(trusted);
        long expectedFrom = 1;
        byte[] expectedPrevious = new byte[Checkpoint.DIGEST_LENGTH];
        for (int i = 0; i < lines.size() && early.failure == null; i++)
        {
            final int number = i + 1;
            final Checkpoint checkpoint;
            try
            {
                checkpoint = Checkpoint.parse(lines.get(i));
            }
            catch (final JournalException ex)
            {
                early.failure = "checkpoint " + number + " (line " + number + " of " + CheckpointLog.FILE +
                    ") is damaged: " + ex.getMessage();
                break;
            }
            final String name = "checkpoint " + number + " (records " + checkpoint.from() + ".." + checkpoint.to() +
                ")";
            if (!checkpoint.key().equals(trustedKey))
            {
                early.failure = name + " is signed by key " + checkpoint.key() + ", not by the trusted key " +
                    trustedKey;
            }
            else if (!checkpoint.signedBy(trusted))
            {
                early.failure = name + " has an invalid signature: it was altered after it was signed, or forged";
            }
            else if (checkpoint.from() != expectedFrom)
            {
                early.failure = name + " does not follow the checkpoint before it, which ends at record " +
                    (expectedFrom - 1) + ": a checkpoint was removed or the log was edited";
            }
            else if (!Arrays.equals(checkpoint.previous(), expectedPrevious))
            {
                early.failure = name + " does not chain to the checkpoint before it: the log was edited";
            }
            if (early.failure != null)
            {
                break;
            }
            parsed.add(checkpoint);
            expectedFrom = checkpoint.to() + 1;
            expectedPrevious = checkpoint.sha256();
        }
        final CheckpointVerifier verifier = new CheckpointVerifier(parsed);
        verifier.report.checkpoints = lines.size();
        verifier.report.failure = early.failure;
        try (JournalReader reader = JournalReader.open(layout))
        {
            verifier.digest.begin(new byte[Checkpoint.DIGEST_LENGTH]);
            verifier.report.records = reader.readAll(verifier);
        }
        verifier.finish();
        return verifier.report;
    }

    public boolean onRecord(final long position, final JournalRecordDecoder record, final DirectBuffer frame,
        final int offset, final int length, final boolean chainIntact)
    {
        if (next >= checkpoints.size())
        {
            return true; // past the last checkpoint: count the records that are not covered
        }
        final Checkpoint checkpoint = checkpoints.get(next);
        digest.add(frame, offset + length);
        if (position == checkpoint.to())
        {
            final String name = "checkpoint " + (next + 1) + " (records " + checkpoint.from() + ".." +
                checkpoint.to() + ")";
            final byte[] sha256 = digest.finish();
            if (!Arrays.equals(sha256, checkpoint.sha256()))
            {
                fail(name + " does not match the journal: records " + checkpoint.from() + ".." + checkpoint.to() +
                    " hash to " + java.util.HexFormat.of().formatHex(sha256) + ", the signed digest is " +
                    checkpoint.sha256Hex() + ": the journal was rewritten after it was signed");
                next = checkpoints.size();
                return true;
            }
            if (record.chainHash() != checkpoint.chain())
            {
                fail(name + " signed chain head " + String.format("%016x", checkpoint.chain()) + " but record " +
                    position + " holds " + String.format("%016x", record.chainHash()));
                next = checkpoints.size();
                return true;
            }
            report.covered = position;
            digest.begin(checkpoint.sha256());
            next++;
        }
        return true;
    }

    private void finish()
    {
        if (next < checkpoints.size())
        {
            final Checkpoint missing = checkpoints.get(next);
            fail("checkpoint " + (next + 1) + " covers records " + missing.from() + ".." + missing.to() +
                " but the journal ends at record " + report.records + ": records were removed");
        }
        if (checkpoints.isEmpty() && report.records > 0)
        {
            fail("there are no signed checkpoints (" + CheckpointLog.FILE + " is missing or empty): none of the " +
                report.records + " records is covered by a signature");
        }
        else if (report.covered < report.records)
        {
            fail("records " + (report.covered + 1) + ".." + report.records + " are not covered by a valid signed " +
                "checkpoint (written after the last one: the engine is running, or was killed before signing them " +
                "and has not been restarted)");
        }
    }

    private void fail(final String why)
    {
        if (report.failure == null)
        {
            report.failure = why;
        }
    }
}
