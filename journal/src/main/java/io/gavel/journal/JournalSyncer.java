package io.gavel.journal;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The group commit of {@link JournalSync#FSYNC}, off the business thread: forces the journal file to the device
 * whenever the writer has published a newer complete command ({@link JournalWriter#completedSequence()}), then
 * publishes that sequence as synced. The business thread never waits for the device; the egress waits until
 * {@link #syncedSequence()} reaches a command's sequence before answering it. While one force runs, the next batch
 * gathers, so under load one force covers many commands.
 */
public final class JournalSyncer implements AutoCloseable
{
    private static final long IDLE_NANOS = 20_000;

    private final JournalWriter writer;
    private final Thread thread;
    private final AtomicLong syncedSequence = new AtomicLong();
    private final AtomicLong forces = new AtomicLong();
    private volatile boolean running = true;
    private volatile Throwable failure;
    private File file;
    private FileChannel channel;

    private JournalSyncer(final JournalWriter writer)
    {
        this.writer = writer;
        this.syncedSequence.set(writer.completedSequence());
        this.thread = new Thread(this::run, "gavel-journal-sync");
        thread.setDaemon(true);
    }

    /** Starts forcing; what the journal held before is taken as synced (recovery read it back from the file). */
    public static JournalSyncer start(final JournalWriter writer)
    {
        final JournalSyncer syncer = new JournalSyncer(writer);
        syncer.thread.start();
        return syncer;
    }

    /** The engine sequence of the last command whose records are on the device (any thread may ask). */
    public long syncedSequence()
    {
        return syncedSequence.getAcquire();
    }

    /** Forces done so far. */
    public long forces()
    {
        return forces.get();
    }

    /** Why forcing stopped (nothing is acknowledged as synced after it), or null. */
    public Throwable failure()
    {
        return failure;
    }

    private void run()
    {
        try
        {
            while (running)
            {
                // Read the sequence first: every record of it was written before the writer published it.
                final long completed = writer.completedSequence();
                if (completed > syncedSequence.get())
                {
                    force();
                    forces.incrementAndGet();
                    syncedSequence.setRelease(completed);
                }
                else
                {
                    LockSupport.parkNanos(IDLE_NANOS);
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            failure = new JournalException("cannot force the journal to its device: " + ex.getMessage(), ex);
        }
        finally
        {
            closeChannel();
        }
    }

    private void force() throws IOException
    {
        final File current = writer.currentFile();
        if (!current.equals(file))
        {
            if (channel != null)
            {
                // Records published before the roll may still sit in the previous cycle file.
                channel.force(false);
                channel.close();
            }
            channel = FileChannel.open(current.toPath(), StandardOpenOption.READ, StandardOpenOption.WRITE);
            file = current;
            try (FileChannel directory = FileChannel.open(current.getParentFile().toPath(), StandardOpenOption.READ))
            {
                directory.force(true);
            }
        }
        channel.force(false);
    }

    private void closeChannel()
    {
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ex)
            {
                // Only forced through: nothing of the journal depends on this channel.
            }
            channel = null;
        }
    }

    /** Stops after the force in progress, if any. */
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
        try
        {
            thread.join(10_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
