package io.gavel.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one-writer guarantee: an engine holds an exclusive OS file lock on {@code engine.lock} in its journal directory
 * for as long as it runs, and writes its process id into the file so a second engine can say who holds it. The
 * operating system drops the lock when the process dies, however it dies (SIGKILL included), so a restart never has
 * to clean up after a crash. Read-only tools (verify, audit, tail, stats, checkpoints) do not take the lock.
 */
public final class JournalLock implements AutoCloseable
{
    public static final String FILE = "engine.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private JournalLock(final FileChannel channel, final FileLock lock)
    {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the journal's lock or throws {@code journal DIR is in use by process PID}. */
    public static JournalLock acquire(final JournalLayout layout)
    {
        final Path file = layout.root().resolve(FILE);
        FileChannel channel = null;
        try
        {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            FileLock lock;
            try
            {
                lock = channel.tryLock();
            }
            catch (final OverlappingFileLockException ex)
            {
                lock = null; // held by this very JVM
            }
            if (lock == null)
            {
                final String holder = readHolder(channel);
                channel.close();
                throw new JournalException("journal " + layout.root() + " is in use by process " + holder +
                    " (one engine per journal)");
            }
            final byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(false);
            return new JournalLock(channel, lock);
        }
        catch (final IOException ex)
        {
            closeQuietly(channel);
            throw new JournalException("cannot lock journal " + layout.root() + " (" + file + "): " + ex.getMessage(),
                ex);
        }
    }

    private static String readHolder(final FileChannel channel) throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        final String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
        return text.isEmpty() ? "(unknown: it has not written its id yet)" : text;
    }

    private static void closeQuietly(final FileChannel channel)
    {
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignored)
            {
                // already failing; the first error is the one to report
            }
        }
    }

    /** Releases the lock; the file stays, holding the last owner's id, which is harmless. */
    public void close()
    {
        try
        {
            lock.release();
        }
        catch (final IOException ignored)
        {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }
}
