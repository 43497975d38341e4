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
 * It touches in slices of {@link #SLICE_PAGES} pages and parks briefly between slices: the faults of a whole new
 * stretch of file (tens of MiB when Chronicle grows the file) taken in one go kept a core for ~20 ms, and on two
 * cores the business thread waited that long to run (docs/PERFORMANCE.md, "The pretoucher's bursts").
 */
public final class JournalPretoucher implements AutoCloseable
{
    private static final int PAGE = 4096;
    private static final long WINDOW = 64L << 20;
    private static final long PAUSE_NANOS = 2_000_000;
    /** At most this many pages (256 KiB, well under a millisecond of faults) per pass. */
    static final int SLICE_PAGES = 64;
    private static final long SLICE_PAUSE_NANOS = 50_000;

    private final JournalWriter writer;
    private final long ahead;
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
    private volatile boolean readaheadOff;

    private JournalPretoucher(final JournalWriter writer, final long ahead)
    {
        this.writer = writer;
        this.ahead = ahead;
        this.thread = new Thread(this::run, "gavel-journal-pretouch");
        thread.setDaemon(true);
    }

    /** Starts touching up to {@code aheadBytes} past the writer's position. */
    public static JournalPretoucher start(final JournalWriter writer, final long aheadBytes)
    {
        if (aheadBytes <= 0)
        {
            throw new IllegalArgumentException("pretouch distance must be positive, not " + aheadBytes);
        }
        final JournalPretoucher pretoucher = unstarted(writer, aheadBytes);
        pretoucher.thread.start();
        return pretoucher;
    }

    /** A pretoucher whose thread is not started: tests drive {@link #touchAhead()} themselves. */
    static JournalPretoucher unstarted(final JournalWriter writer, final long aheadBytes)
    {
        return new JournalPretoucher(writer, aheadBytes);
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
        }
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

    private void run()
    {
        try
        {
            while (running)
            {
                // A full slice: more may be due, but give the core back between slices (its faults cost CPU).
                LockSupport.parkNanos(touchAhead() == SLICE_PAGES ? SLICE_PAUSE_NANOS : PAUSE_NANOS);
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
