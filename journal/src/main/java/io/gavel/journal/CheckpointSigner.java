package io.gavel.journal;

import io.gavel.sbe.JournalRecordDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Signs checkpoints of the journal on a thread of its own, never the business thread: it tails the journal as the
 * engine writes it, hashes every record with SHA-256 and, every {@code every} records or {@code interval} of wall
 * time (whichever comes first, when there is something new), appends a signed {@link Checkpoint} to the
 * {@link CheckpointLog}. It resumes after the last checkpoint in the log, so records written just before a crash are
 * signed by the next engine. Closing signs what is left, so a cleanly stopped journal is covered to its last record.
 */
public final class CheckpointSigner implements AutoCloseable, JournalReader.RecordVisitor
{
    private final JournalLayout layout;
    private final PrivateKey key;
    private final PublicKey publicKey;
    private final long every;
    private final long intervalNanos;
    private final Consumer<String> errors;
    private final RecordDigest digest = new RecordDigest();
    private final Thread thread;
    private volatile boolean closing;
    private volatile long signedTo;
    private long skipTo;
    private long from;
    private long position;
    private long chain;
    private long pending;
    private long lastSignedNanos;
    private byte[] previous = new byte[Checkpoint.DIGEST_LENGTH];

    private CheckpointSigner(final JournalLayout layout, final PrivateKey key, final long every,
        final long intervalNanos, final Consumer<String> errors)
    {
        this.layout = layout;
        this.key = key;
        this.publicKey = Ed25519Keys.publicOf(key);
        this.every = every;
        this.intervalNanos = intervalNanos;
        this.errors = errors;
        final List<String> lines = CheckpointLog.lines(layout);
        if (!lines.isEmpty())
        {
            final Checkpoint last;
            try
            {
                last = Checkpoint.parse(lines.get(lines.size() - 1));
            }
            catch (final JournalException ex)
            {
                throw new JournalException("the last line of " + CheckpointLog.file(layout) + " is damaged (" +
                    ex.getMessage() + "); run 'gavel journal verify' on the journal", ex);
            }
            skipTo = last.to();
            signedTo = last.to();
            previous = last.sha256();
        }
        from = skipTo + 1;
        digest.begin(previous);
        thread = new Thread(this::run, "gavel-checkpoint-signer");
        thread.setDaemon(true);
    }

    /**
     * Starts signing the journal.
     *
     * @param every    records per checkpoint at most.
     * @param interval longest wall time between a record and the checkpoint that covers it.
     * @param errors   told, in one line, why signing stopped (the engine logs it).
     */
    public static CheckpointSigner start(final JournalLayout layout, final PrivateKey key, final long every,
        final long interval, final TimeUnit unit, final Consumer<String> errors)
    {
        final CheckpointSigner signer = new CheckpointSigner(layout, key, Math.max(1, every), unit.toNanos(interval),
            errors);
        signer.thread.start();
        return signer;
    }

    /** The fingerprint of the key that signs (as checkpoints and {@code journal verify} name it). */
    public String keyFingerprint()
    {
        return Ed25519Keys.fingerprint(publicKey);
    }

    /** The last record a checkpoint covers (for tests and operators). */
    public long signedTo()
    {
        return signedTo;
    }

    private void run()
    {
        final IdleStrategy idle = new BackoffIdleStrategy(1, 1, 1_000, TimeUnit.MILLISECONDS.toNanos(5));
        lastSignedNanos = System.nanoTime();
        try (JournalReader reader = JournalReader.open(layout))
        {
            while (true)
            {
                final boolean stopping = closing;
                int read = 0;
                while (read < 10_000 && reader.readOne(this))
                {
                    read++;
                    if (pending >= every)
                    {
                        sign();
                    }
                }
                if (pending > 0 && (stopping || System.nanoTime() - lastSignedNanos >= intervalNanos))
                {
                    sign();
                }
                if (stopping && read == 0)
                {
                    return;
                }
                idle.idle(read);
            }
        }
        catch (final RuntimeException ex)
        {
            errors.accept("journal checkpoints stopped at record " + position + ": " + ex.getMessage());
        }
    }

    public boolean onRecord(final long position, final JournalRecordDecoder record, final DirectBuffer frame,
        final int offset, final int length, final boolean chainIntact)
    {
        this.position = position;
        if (position <= skipTo)
        {
            return true; // signed by an earlier run
        }
        digest.add(frame, offset + length);
        chain = record.chainHash();
        pending++;
        return true;
    }

    private void sign()
    {
        final byte[] sha256 = digest.finish();
        final Checkpoint checkpoint = Checkpoint.sign(from, position, Instant.now(), chain, sha256, previous, key,
            publicKey);
        CheckpointLog.append(layout, checkpoint.line());
        previous = sha256;
        signedTo = position;
        from = position + 1;
        pending = 0;
        lastSignedNanos = System.nanoTime();
        digest.begin(previous);
    }

    /** Signs what the journal holds now, then stops. Call after the engine's last record is written. */
    public void close()
    {
        closing = true;
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
