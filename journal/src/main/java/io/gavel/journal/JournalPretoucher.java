package io.gavel.journal;

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
 */
public final class JournalPretoucher implements AutoCloseable
{
    private static final int PAGE = 4096;
    private static final long WINDOW = 64L << 20;
    private static final long PAUSE_NANOS = 2_000_000;

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
        final JournalPretoucher pretoucher = new JournalPretoucher(writer, aheadBytes);
        pretoucher.thread.start();
        return pretoucher;
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

    /** One pass: touches what is due now. Returns the pages touched. Only the pretoucher's thread calls it. */
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
        while (touchedUpTo < target)
        {
            if (window == null || touchedUpTo < windowStart || touchedUpTo >= windowStart + window.capacity())
            {
                unmapWindow();
                windowStart = touchedUpTo;
                final long length = Math.min(WINDOW, size - windowStart);
                window = channel.map(FileChannel.MapMode.READ_WRITE, windowStart, length);
                windowBuffer.wrap(window);
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

    private void run()
    {
        try
        {
            while (running)
            {
                if (touchAhead() == 0)
                {
                    LockSupport.parkNanos(PAUSE_NANOS);
                }
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
