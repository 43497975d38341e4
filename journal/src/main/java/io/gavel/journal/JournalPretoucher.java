package io.gavel.journal;

import net.openhft.posix.MAdviseFlag;
import net.openhft.posix.PosixAPI;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Touches the journal file's pages ahead of the writer, on its own thread, so the business thread never takes the
 * first-touch fault of a page (allocation, zeroing, the file system's block reservation, dirty-page throttling): by
 * the time the writer reaches a page it is in the page cache, dirty and backed. Chronicle's own pretoucher is not in
 * the open-source queue (and {@code ExcerptAppender.pretouch()} recurses into a StackOverflowError in 2026.4).
 * <p>
 * The writer publishes its file and position ({@link JournalWriter#writtenPosition()}); this thread maps the same
 * file a second time and, for each page from its last touch up to {@code ahead} bytes past the writer (within the
 * file's current length, so it never grows the file under Chronicle), does an atomic compare-and-set of 0 to 0 on
 * the page's first word: a write access that takes the fault but can never change a byte the writer wrote. Pages
 * live in the one page cache, so the writer's mapping then only takes a cheap minor fault.
 * <p>
 * It faults its pages in one at a time (read-ahead off on its own mapping, {@link #adviseNoReadahead(long)}) and in
 * slices of {@link #SLICE_PAGES} pages, parking briefly between slices: a touch that read ahead the device's
 * megabytes, and a whole new stretch of file touched in one go, kept a core for ~20 ms, and on two cores the business
 * thread waited that long to run. The same thread writes back, chunk by chunk, what the writer has left behind
 * ({@link #writeBehind()}), so the kernel never has the whole file to flush at once (docs/DESIGN.md, Journal).
 */
public final class JournalPretoucher implements AutoCloseable
{
    private static final int PAGE = 4096;
    private static final long WINDOW = 64L << 20;
    private static final long PAUSE_NANOS = 2_000_000;
    /** At most this many pages (256 KiB, well under a millisecond of faults) per pass. */
    static final int SLICE_PAGES = 64;
    private static final long SLICE_PAUSE_NANOS = 50_000;
    /** The engine's default {@code gavel.journal.writebehind.kb}: 1 MiB. */
    public static final long DEFAULT_WRITE_BEHIND = 1L << 20;
    /**
     * How far behind the writer a chunk must end before it is written back, in Chronicle's mapped chunks
     * ({@link JournalWriter#mappedChunk()}): the writer keeps its current chunk and the one before mapped (and,
     * now and then, the one holding its current index array), so three chunks back its pages are mapped by no one.
     */
    static final int WRITE_BEHIND_LAG_CHUNKS = 3;

    private final JournalWriter writer;
    private final long ahead;
    /** Written back at a time, behind the writer (see {@link #writeBehind()}); 0 = leave it all to the kernel. */
    private final long writeBehindChunk;
    /** How far behind the writer a chunk must end before it is written back. */
    private final long writeBehindLag;
    private final Thread thread;
    private final AtomicLong pagesTouched = new AtomicLong();
    private final AtomicLong touchedPosition = new AtomicLong();
    private volatile boolean running = true;
    private volatile Throwable failure;

    private File file;
    private FileChannel channel;
    private MappedByteBuffer window;
    private final UnsafeBuffer windowBuffer = new UnsafeBuffer(0, 0);
    private long windowStart;
    private long touchedUpTo;
    private long writtenBackUpTo;
    private volatile Throwable writeBehindFailure;
    private final AtomicLong bytesWrittenBack = new AtomicLong();
    private volatile boolean readaheadOff;

    private JournalPretoucher(final JournalWriter writer, final long ahead, final long writeBehindChunk,
        final long writeBehindLag)
    {
        this.writer = writer;
        this.ahead = ahead;
        this.writeBehindChunk = writeBehindChunk;
        this.writeBehindLag = writeBehindLag;
        this.thread = new Thread(this::run, "gavel-journal-pretouch");
        thread.setDaemon(true);
    }

    /** Starts touching up to {@code aheadBytes} past the writer's position. */
    public static JournalPretoucher start(final JournalWriter writer, final long aheadBytes)
    {
        return start(writer, aheadBytes, DEFAULT_WRITE_BEHIND);
    }

    /**
     * Starts touching up to {@code aheadBytes} past the writer's position and writing back, in chunks of
     * {@code writeBehindBytes}, what the writer has left behind (0 = none: the kernel writes it back in its own time).
     */
    public static JournalPretoucher start(final JournalWriter writer, final long aheadBytes,
        final long writeBehindBytes)
    {
        if (aheadBytes <= 0)
        {
            throw new IllegalArgumentException("pretouch distance must be positive, not " + aheadBytes);
        }
        if (writeBehindBytes < 0 || writeBehindBytes % PAGE != 0)
        {
            throw new IllegalArgumentException("write-behind chunk must be 0 or a positive multiple of " + PAGE +
                " bytes, not " + writeBehindBytes);
        }
        final JournalPretoucher pretoucher = unstarted(writer, aheadBytes, writeBehindBytes);
        pretoucher.thread.start();
        return pretoucher;
    }

    /** A pretoucher whose thread is not started: tests drive {@link #touchAhead()} themselves. */
    static JournalPretoucher unstarted(final JournalWriter writer, final long aheadBytes, final long writeBehindBytes)
    {
        return unstarted(writer, aheadBytes, writeBehindBytes, WRITE_BEHIND_LAG_CHUNKS * writer.mappedChunk());
    }

    /** The same, writing back only what ends {@code lagBytes} behind the writer (tests of the mechanics). */
    static JournalPretoucher unstarted(final JournalWriter writer, final long aheadBytes, final long writeBehindBytes,
        final long lagBytes)
    {
        return new JournalPretoucher(writer, aheadBytes, writeBehindBytes, lagBytes);
    }

    /** Pages touched so far (for tests and the operator). */
    public long pagesTouched()
    {
        return pagesTouched.get();
    }

    /** Where touching has reached in the current cycle file (any thread may ask). */
    public long touchedPosition()
    {
        return touchedPosition.get();
    }

    /** Why the thread stopped touching, or null while it works. */
    public Throwable failure()
    {
        return failure;
    }

    /**
     * One pass: touches what is due now, at most {@link #SLICE_PAGES} pages. Returns the pages touched. Only the
     * pretoucher's thread calls it.
     */
    int touchAhead() throws IOException
    {
        final File current = writer.currentFile();
        if (current == null)
        {
            return 0;
        }
        final long position = writer.writtenPosition();
        if (!current.equals(file))
        {
            closeFile();
            file = current;
            channel = FileChannel.open(current.toPath(), StandardOpenOption.READ, StandardOpenOption.WRITE);
            touchedUpTo = position & ~(PAGE - 1L);
            // A cycle file's first chunk (Chronicle's header, rewritten on every append, and its index of indexes)
            // stays mapped by the writer for the file's life: it is left to the kernel.
            writtenBackUpTo = Math.max(writer.mappedChunk(), position & ~(PAGE - 1L));
        }
        // Pages the writer has already reached are its own faults by now: a pretoucher that fell behind skips them.
        touchedUpTo = Math.max(touchedUpTo, position & ~(PAGE - 1L));
        final long size = channel.size();
        final long target = Math.min(position + ahead, size) & ~(PAGE - 1L);
        int touched = 0;
        while (touchedUpTo < target && touched < SLICE_PAGES)
        {
            if (window == null || touchedUpTo < windowStart || touchedUpTo >= windowStart + window.capacity())
            {
                unmapWindow();
                windowStart = touchedUpTo;
                final long length = Math.min(WINDOW, size - windowStart);
                window = channel.map(FileChannel.MapMode.READ_WRITE, windowStart, length);
                windowBuffer.wrap(window);
                adviseNoReadahead(length);
            }
            final int offset = (int)(touchedUpTo - windowStart);
            windowBuffer.compareAndSetInt(offset, 0, 0);
            touchedUpTo += PAGE;
            touched++;
        }
        if (touched > 0)
        {
            pagesTouched.addAndGet(touched);
            touchedPosition.lazySet(touchedUpTo);
        }
        return touched;
    }

    /** Whether the kernel took the advice to fault this thread's pages in one at a time (no read-ahead). */
    boolean readaheadOff()
    {
        return readaheadOff;
    }

    /**
     * A fault in a file's hole reads ahead: with the device's read-ahead (8 MiB on the development machine) one touch
     * zero-fills megabytes at once, and a slice of touches kept a core for ~20 ms. Faulting page by page spreads the
     * same work evenly. Advice only: where it is refused, touching still works, in bursts.
     */
    private void adviseNoReadahead(final long length)
    {
        try
        {
            readaheadOff = PosixAPI.posix().madvise(windowBuffer.addressOffset(), length, MAdviseFlag.MADV_RANDOM) == 0;
        }
        catch (final RuntimeException | LinkageError ex)
        {
            readaheadOff = false;
        }
    }

    /** Where writing back has reached in the current cycle file (the pretoucher's thread, or a test driving it). */
    long writtenBackUpTo()
    {
        return writtenBackUpTo;
    }

    /** Why writing back behind the writer stopped (touching goes on), or null. */
    public Throwable writeBehindFailure()
    {
        return writeBehindFailure;
    }

    /** Bytes this thread has written back behind the writer (for tests and the operator). */
    public long bytesWrittenBack()
    {
        return bytesWrittenBack.get();
    }

    /**
     * Writes back one chunk the writer has left behind, if one is due: {@code msync} of that range only, on this
     * thread. Without it the journal's dirty pages pile up until the kernel's background threshold (10 % of memory,
     * ~1.6 GB here, half a minute at 100,000 bids/s) and it then writes the whole file back at once, pages ahead of
     * the writer included, and the writer stalls for tens of milliseconds on pages it must fault writable again.
     * Kept small this way, the kernel has little to flush.
     * <p>
     * Only pages the writer no longer maps ({@link #WRITE_BEHIND_LAG_CHUNKS} of Chronicle's chunks behind it): to
     * write back a page that a process maps writable the kernel write-protects it in that mapping, which takes a
     * TLB shootdown, an interrupt of every other core running the process, per page. One megabyte behind the writer,
     * those interrupts were 70 % of this thread's time (a fifth of a core at 100,000 bids/s) and each one stopped
     * the engine's thread. Returns the bytes written back.
     */
    long writeBehind()
    {
        if (writeBehindChunk == 0 || channel == null || writeBehindFailure != null)
        {
            return 0;
        }
        final long chunkEnd = writtenBackUpTo + writeBehindChunk;
        if (writer.writtenPosition() < chunkEnd + writeBehindLag)
        {
            return 0;
        }
        try
        {
            final MappedByteBuffer behind =
                channel.map(FileChannel.MapMode.READ_WRITE, writtenBackUpTo, writeBehindChunk);
            try
            {
                behind.force();
            }
            finally
            {
                IoUtil.unmap(behind);
            }
        }
        catch (final IOException | UncheckedIOException ex)
        {
            // Writing back is an optimisation too: stop trying; the kernel still writes these pages in its own time.
            writeBehindFailure = ex;
            return 0;
        }
        writtenBackUpTo = chunkEnd;
        bytesWrittenBack.addAndGet(writeBehindChunk);
        return writeBehindChunk;
    }

    private void run()
    {
        try
        {
            while (running)
            {
                // A full slice: more may be due, but give the core back between slices (its faults cost CPU).
                final int touched = touchAhead();
                writeBehind();
                LockSupport.parkNanos(touched == SLICE_PAGES ? SLICE_PAUSE_NANOS : PAUSE_NANOS);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            // Touching is an optimisation: without it the writer takes its own faults, nothing is lost.
            failure = ex;
        }
        finally
        {
            closeFile();
        }
    }

    private void unmapWindow()
    {
        if (window != null)
        {
            windowBuffer.wrap(0, 0);
            IoUtil.unmap(window);
            window = null;
        }
    }

    private void closeFile()
    {
        unmapWindow();
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            channel = null;
        }
        file = null;
    }

    /** Stops the thread and waits for it, so the file is no longer mapped here. */
    public void close()
    {
        running = false;
        if (thread.getState() == Thread.State.NEW)
        {
            closeFile();
            return;
        }
        LockSupport.unpark(thread);
        try
        {
            thread.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
