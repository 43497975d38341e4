package io.gavel.journal;

import net.openhft.chronicle.bytes.MappedFile;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes back, on its own thread ({@code gavel-journal-writeback}), the journal pages the writer has left behind, a
 * chunk at a time: {@code msync} of that range only. Without it the journal's dirty pages pile up until the kernel's
 * background threshold (10 % of memory, ~1.6 GB here, half a minute at 100,000 bids/s) and it then writes the whole
 * file back at once, pages ahead of the writer included, and the writer stalls for tens of milliseconds on pages it
 * must fault writable again. Kept small this way, the kernel has little to flush.
 * <p>
 * Only pages no one maps any more ({@link #LAG_CHUNKS} of Chronicle's chunks behind the writer): to write back a page
 * that a process maps writable the kernel write-protects it in that mapping, which takes a TLB shootdown, an
 * interrupt of every other core running the process, per page. One megabyte behind the writer, those interrupts were
 * 70 % of the writing-back thread's time (a fifth of a core at 100,000 bids/s) and each one stopped the engine's
 * thread. A cycle file's first chunk (Chronicle's header, rewritten on every append, and its index of indexes) stays
 * mapped by the writer for the file's life: it is left to the kernel.
 * <p>
 * Its own thread, apart from the {@link JournalPretoucher}'s: each {@code msync} waits for the device (its flush
 * included, 1-100 ms, more when the disk is busy), and touching ahead must not wait with it.
 */
public final class JournalWriteBehind implements AutoCloseable
{
    private static final int PAGE = 4096;
    private static final long PAUSE_NANOS = 2_000_000;
    /** The engine's default {@code gavel.journal.writebehind.kb}: 1 MiB. */
    public static final long DEFAULT_CHUNK = 1L << 20;
    /**
     * How far behind the writer a chunk must end before it is written back, in Chronicle's mapped chunks
     * ({@link JournalWriter#mappedChunk()}): the writer keeps its current chunk mapped, the pretoucher the one before
     * (and those ahead), and now and then the writer the one holding its current index array, so three chunks back
     * its pages are mapped by no one.
     */
    static final int LAG_CHUNKS = 3;

    private final JournalWriter writer;
    private final long chunk;
    private final long lag;
    private final HelperThread thread;
    private final AtomicLong bytesWrittenBack = new AtomicLong();
    private volatile Throwable failure;
    private MappedFile mapping;
    private FileChannel channel;
    private long writtenBackUpTo;

    private JournalWriteBehind(final JournalWriter writer, final long chunk, final long lag)
    {
        if (chunk <= 0 || chunk % PAGE != 0)
        {
            throw new IllegalArgumentException("write-behind chunk must be a positive multiple of " + PAGE +
                " bytes, not " + chunk);
        }
        this.writer = writer;
        this.chunk = chunk;
        this.lag = lag;
        this.thread = new HelperThread("gavel-journal-writeback", this::run);
    }

    /** Starts writing back, in chunks of {@code chunkBytes}, what the writer has left behind. */
    public static JournalWriteBehind start(final JournalWriter writer, final long chunkBytes)
    {
        final JournalWriteBehind writeBehind = unstarted(writer, chunkBytes);
        writeBehind.thread.start();
        return writeBehind;
    }

    /** One whose thread is not started: tests drive {@link #writeBehind()} themselves. */
    static JournalWriteBehind unstarted(final JournalWriter writer, final long chunkBytes)
    {
        return new JournalWriteBehind(writer, chunkBytes, LAG_CHUNKS * writer.mappedChunk());
    }

    /** Bytes written back behind the writer so far (for tests and the operator). */
    public long bytesWrittenBack()
    {
        return bytesWrittenBack.get();
    }

    /** Why writing back stopped (the kernel then writes these pages in its own time), or null while it works. */
    public Throwable failure()
    {
        return failure;
    }

    /** Where writing back has reached in the current cycle file (its thread, or a test driving it). */
    long writtenBackUpTo()
    {
        return writtenBackUpTo;
    }

    /** Writes back one chunk, if one is due; returns the bytes written back. Only its thread (or a test) calls it. */
    long writeBehind()
    {
        if (failure != null)
        {
            return 0;
        }
        try
        {
            final MappedFile current = writer.currentMapping();
            if (current == null)
            {
                return 0;
            }
            final long position = writer.writtenPosition();
            if (current != mapping)
            {
                closeFile();
                mapping = current;
                channel = FileChannel.open(current.file().toPath(), StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
                writtenBackUpTo = Math.max(writer.mappedChunk(), position & ~(PAGE - 1L));
            }
            final long chunkEnd = writtenBackUpTo + chunk;
            if (position < chunkEnd + lag)
            {
                return 0;
            }
            // A mapping of its own, never touched: no page of it is in this mapping's page table, so the kernel has
            // nothing to write-protect here (the writer's and pretoucher's mappings have let these pages go).
            final MappedByteBuffer behind = channel.map(FileChannel.MapMode.READ_WRITE, writtenBackUpTo, chunk);
            try
            {
                behind.force();
            }
            finally
            {
                IoUtil.unmap(behind);
            }
            writtenBackUpTo = chunkEnd;
            bytesWrittenBack.addAndGet(chunk);
            return chunk;
        }
        catch (final IOException | UncheckedIOException ex)
        {
            // Writing back is an optimisation: stop trying; the kernel still writes these pages in its own time.
            failure = ex;
            return 0;
        }
    }

    private void run()
    {
        try
        {
            while (thread.running())
            {
                // Behind by more than a chunk (after a slow device flush): catch up before pausing.
                if (writeBehind() == 0)
                {
                    LockSupport.parkNanos(PAUSE_NANOS);
                }
            }
        }
        catch (final RuntimeException ex)
        {
            failure = ex;
        }
        finally
        {
            closeFile();
        }
    }

    private void closeFile()
    {
        mapping = null;
        // Only forced through: nothing of the journal depends on closing it.
        CloseHelper.quietClose(channel);
        channel = null;
    }

    /** Stops the thread and waits for it. */
    public void close()
    {
        if (!thread.stop())
        {
            closeFile();
        }
    }
}
