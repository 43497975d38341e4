package io.gavel.journal;

import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.core.io.ReferenceOwner;
import net.openhft.posix.MAdviseFlag;
import net.openhft.posix.PosixAPI;
import org.agrona.IoUtil;
import org.agrona.collections.Int2ObjectHashMap;
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
 * Keeps the business thread out of the kernel while it journals: on its own thread, it maps the writer's next chunk
 * of the cycle file before the writer needs it and touches the file's pages ahead of the writer <em>through the
 * writer's own mapping</em>, so the writer never grows the file, never maps, and never takes a page fault
 * (first-touch allocation and zeroing, the file system's block reservation, the file's time stamp, dirty-page
 * throttling). Chronicle's own pretoucher is not in the open-source queue (and {@code ExcerptAppender.pretouch()}
 * recurses into a StackOverflowError in 2026.4).
 * <p>
 * Chronicle maps a cycle file in chunks ({@link JournalWriter#mappedChunk()}), one {@link MappedBytesStore} each,
 * shared by everything that writes through the same {@link MappedFile} ({@link JournalWriter#currentMapping()}). This
 * thread acquires the chunks from the writer's position to {@code ahead} bytes past it, and one more, as Chronicle's
 * writer would (growing the file under Chronicle's own locks and mapping it): when the writer reaches a chunk,
 * Chronicle finds it mapped and only counts a reference. Once the writer is two chunks past one, this thread lets
 * its reference go. It touches each page with an atomic compare-and-set of 0 to 0 on its first word: a write
 * access that takes the fault and fills the writer's page table, but can never change a byte the writer wrote. A page
 * in the overlap of two chunks is touched through both (the writer may reach it through either). Measured before
 * this: about one 60 s run in four had a 30-340 ms stall with the writer blocked in {@code mmap} of its next chunk, waiting for the process's
 * address-space lock (docs/PERFORMANCE.md).
 * <p>
 * It faults its pages in one at a time (read-ahead off on each chunk it holds, {@link #adviseNoReadahead}) and in
 * slices of {@link #SLICE_PAGES} pages, parking briefly between slices: a touch that read ahead the device's
 * megabytes, and a whole new stretch of file touched in one go, kept a core for ~20 ms, and on two cores the business
 * thread waited that long to run. The same thread writes back, chunk by chunk, what the writer has left behind
 * ({@link #writeBehind()}), so the kernel never has the whole file to flush at once (docs/DESIGN.md, Journal).
 */
public final class JournalPretoucher implements AutoCloseable
{
    private static final int PAGE = 4096;
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

    private final ReferenceOwner owner = ReferenceOwner.temporary("gavel-journal-pretouch");
    /** The chunks of the writer's mapping this thread holds a reference to, by chunk number. */
    private final Int2ObjectHashMap<MappedBytesStore> held = new Int2ObjectHashMap<>();
    private final UnsafeBuffer touchBuffer = new UnsafeBuffer(0, 0);
    private MappedFile mapping;
    private long chunkSize;
    private long overlapSize;
    private FileChannel channel;
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
     * One pass: touches what is due now, at most {@link #SLICE_PAGES} pages, mapping the chunks it needs. Returns the
     * pages touched. Only the pretoucher's thread calls it.
     */
    int touchAhead() throws IOException
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
            chunkSize = current.chunkSize();
            overlapSize = current.overlapSize();
            channel = FileChannel.open(current.file().toPath(), StandardOpenOption.READ, StandardOpenOption.WRITE);
            touchedUpTo = position & ~(PAGE - 1L);
            // A cycle file's first chunk (Chronicle's header, rewritten on every append, and its index of indexes)
            // stays mapped by the writer for the file's life: it is left to the kernel.
            writtenBackUpTo = Math.max(writer.mappedChunk(), position & ~(PAGE - 1L));
        }
        releaseChunksBehind(position);
        // Pages the writer has already reached are its own faults by now: a pretoucher that fell behind skips them.
        touchedUpTo = Math.max(touchedUpTo, position & ~(PAGE - 1L));
        final long target = (position + ahead) & ~(PAGE - 1L);
        // The chunk after the one the writer is in is always mapped ahead, however short the touch distance.
        chunk(chunkOf(position) + 1);
        int touched = 0;
        while (touchedUpTo < target && touched < SLICE_PAGES)
        {
            final int chunk = chunkOf(touchedUpTo);
            touch(chunk, touchedUpTo);
            if (chunk > 0 && touchedUpTo - chunk * chunkSize < overlapSize)
            {
                touch(chunk - 1, touchedUpTo);
            }
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

    /** The chunks of the writer's mapping this thread holds now, lowest first (for tests). */
    int[] heldChunks()
    {
        return held.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private int chunkOf(final long position)
    {
        return (int)(position / chunkSize);
    }

    private void touch(final int chunk, final long page) throws IOException
    {
        touchBuffer.wrap(chunk(chunk).addressForWrite(page), Integer.BYTES);
        touchBuffer.compareAndSetInt(0, 0, 0);
    }

    /** The writer's mapping of this chunk, held by this thread: mapped (and the file grown) here if nobody has yet. */
    private MappedBytesStore chunk(final int chunk) throws IOException
    {
        MappedBytesStore store = held.get(chunk);
        if (store == null)
        {
            store = mapping.acquireByteStore(owner, chunk * chunkSize);
            held.put(chunk, store);
            adviseNoReadahead(store);
        }
        return store;
    }

    /** Lets go of the chunks the writer is two chunks past: it can no longer write through them. */
    private void releaseChunksBehind(final long position)
    {
        final int keepFrom = chunkOf(position) - 1;
        final Int2ObjectHashMap<MappedBytesStore>.EntryIterator entries = held.entrySet().iterator();
        while (entries.hasNext())
        {
            entries.next();
            if (entries.getIntKey() < keepFrom)
            {
                entries.getValue().release(owner);
                entries.remove();
            }
        }
    }

    /** Whether the kernel took the advice to fault this thread's pages in one at a time (no read-ahead). */
    boolean readaheadOff()
    {
        return readaheadOff;
    }

    /**
     * A fault in a file's hole reads ahead: with the device's read-ahead (8 MiB on the development machine) one touch
     * zero-fills megabytes at once, and a slice of touches kept a core for ~20 ms. Faulting page by page spreads the
     * same work evenly. The writer reads nothing through its mapping, so the advice costs it nothing. Advice only:
     * where it is refused, touching still works, in bursts.
     */
    private void adviseNoReadahead(final MappedBytesStore store)
    {
        try
        {
            readaheadOff = PosixAPI.posix().madvise(store.addressForWrite(store.start()), chunkSize + overlapSize,
                MAdviseFlag.MADV_RANDOM) == 0;
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

    private void closeFile()
    {
        for (final MappedBytesStore store : held.values())
        {
            try
            {
                store.release(owner);
            }
            catch (final RuntimeException ex)
            {
                // Already let go with its closed queue: nothing of ours is left to release.
            }
        }
        held.clear();
        mapping = null;
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
