package io.gavel.journal;

import io.gavel.sbe.RecordKind;
import io.gavel.sbe.Role;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 11's tamper evidence against someone who can rewrite the whole journal: signed checkpoints, checked against
 * a trusted public key kept outside the journal.
 */
@Timeout(60)
class CheckpointTest
{
    @TempDir
    Path dir;

    private KeyPair house;
    private JournalLayout layout;

    @BeforeEach
    void signAJournal()
    {
        house = Ed25519Keys.generate(dir.resolve("house.key"), dir.resolve("house.pub"));
        layout = JournalLayout.createOrOpen(dir.resolve("journal"));
        write(layout, 25, -1);
        try (CheckpointSigner signer = CheckpointSigner.start(layout, Ed25519Keys.readPrivate(dir.resolve("house.key")),
            10, 1, TimeUnit.HOURS, error -> fail(error)))
        {
            assertNotNull(signer);
        }
    }

    /** Writes {@code records} records with a valid chain; the payload of record {@code altered} differs. */
    private static void write(final JournalLayout layout, final int records, final int altered)
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[16]);
        try (JournalWriter writer = JournalWriter.open(layout))
        {
            for (int i = 1; i <= records; i++)
            {
                frame.putLong(0, i);
                frame.putLong(8, i == altered ? 666 : i * 31L);
                writer.append(RecordKind.EVENT, i, 1_000L * i, 0, 1, 1, Role.ADMIN, frame, 0, frame.capacity());
            }
        }
    }

    private CheckpointVerifier.Report verify(final JournalLayout journal)
    {
        return CheckpointVerifier.verify(journal, Ed25519Keys.readPublic(dir.resolve("house.pub")));
    }

    @Test
    void aCleanlyClosedJournalIsCoveredToItsLastRecord()
    {
        final CheckpointVerifier.Report report = verify(layout);
        assertTrue(report.verified(), report.failure);
        assertEquals(3, report.checkpoints, "every 10 records, and the rest on close");
        assertEquals(25, report.covered);
        assertEquals(Ed25519Keys.fingerprint(house.getPublic()),
            Ed25519Keys.fingerprint(Ed25519Keys.publicOf(house.getPrivate())));
        // A restarted signer continues after the last checkpoint and covers what was added since.
        write(layout, 0, -1);
        try (JournalWriter writer = JournalWriter.open(layout))
        {
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[8]);
            writer.append(RecordKind.EVENT, 26, 26_000, 0, 1, 1, Role.ADMIN, frame, 0, 8);
        }
        final CheckpointVerifier.Report uncovered = verify(layout);
        assertEquals("records 26..26 are not covered by a valid signed checkpoint (written after the last one: the " +
            "engine is running, or was killed before signing them and has not been restarted)", uncovered.failure);
        CheckpointSigner.start(layout, house.getPrivate(), 10, 1, TimeUnit.HOURS, error -> fail(error)).close();
        final CheckpointVerifier.Report resumed = verify(layout);
        assertTrue(resumed.verified(), resumed.failure);
        assertEquals(4, resumed.checkpoints);
        assertEquals(26, resumed.covered);
    }

    @Test
    void aJournalRewrittenWithARecomputedChainFailsTheCheckpoints() throws Exception
    {
        // The attacker rewrites everything: record 14 altered, the 64-bit chain recomputed, so the chain verifies.
        final JournalLayout forged = JournalLayout.createOrOpen(dir.resolve("forged"));
        write(forged, 25, 14);
        final List<Long> chain = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(forged))
        {
            reader.readAll((position, record, frame, offset, length, intact) -> chain.add(intact ? 1L : 0L));
        }
        assertFalse(chain.contains(0L), "the forged journal's own chain is intact");

        // Keeping the house's checkpoints: the second one no longer matches.
        Files.copy(CheckpointLog.file(layout), CheckpointLog.file(forged));
        final CheckpointVerifier.Report kept = verify(forged);
        assertFalse(kept.verified());
        assertTrue(kept.failure.startsWith("checkpoint 2 (records 11..20) does not match the journal: records " +
            "11..20 hash to "), kept.failure);
        assertTrue(kept.failure.endsWith(": the journal was rewritten after it was signed"), kept.failure);
        assertEquals(10, kept.covered);

        // Re-signing with the attacker's own key: the signatures are valid, but not the house's.
        Files.delete(CheckpointLog.file(forged));
        final KeyPair attacker = Ed25519Keys.generate(dir.resolve("evil.key"), dir.resolve("evil.pub"));
        CheckpointSigner.start(forged, attacker.getPrivate(), 10, 1, TimeUnit.HOURS, error -> fail(error)).close();
        final CheckpointVerifier.Report resigned = verify(forged);
        assertEquals("checkpoint 1 (records 1..10) is signed by key " + Ed25519Keys.fingerprint(attacker.getPublic()) +
            ", not by the trusted key " + Ed25519Keys.fingerprint(house.getPublic()), resigned.failure);
        assertEquals(0, resigned.covered);
    }

    @Test
    void aDeletedCheckpointLogLeavesEveryRecordUncovered() throws Exception
    {
        Files.delete(CheckpointLog.file(layout));
        assertEquals("there are no signed checkpoints (checkpoints.log is missing or empty): none of the 25 records " +
            "is covered by a signature", verify(layout).failure);
    }

    @Test
    void aTamperedOrRemovedCheckpointIsNamed() throws Exception
    {
        final Path log = CheckpointLog.file(layout);
        final List<String> lines = Files.readAllLines(log);
        // Claim the second checkpoint covers one record less: the signature no longer fits the line.
        final List<String> tampered = new ArrayList<>(lines);
        tampered.set(1, tampered.get(1).replace(" to=20 ", " to=19 "));
        Files.write(log, tampered);
        final CheckpointVerifier.Report report = verify(layout);
        assertEquals("checkpoint 2 (records 11..19) has an invalid signature: it was altered after it was signed, " +
            "or forged", report.failure);
        assertEquals(10, report.covered);

        final List<String> removed = new ArrayList<>(lines);
        removed.remove(1);
        Files.write(log, removed);
        assertEquals("checkpoint 2 (records 21..25) does not follow the checkpoint before it, which ends at record " +
            "10: a checkpoint was removed or the log was edited", verify(layout).failure);

        Files.write(log, List.of(lines.get(0), "checkpoint v1 from=11 garbage"));
        assertTrue(verify(layout).failure.startsWith("checkpoint 2 (line 2 of checkpoints.log) is damaged: "),
            verify(layout).failure);
    }
}
