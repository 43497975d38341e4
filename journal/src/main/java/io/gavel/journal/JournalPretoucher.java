package io.gavel.journal;

import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.core.io.ReferenceOwner;
import net.openhft.posix.MAdviseFlag;
import net.openhft.posix.PosixAPI;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
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
 * this: about one 60 s run in four had a 30-340 ms stall with the writer blocked in {@code mmap} of its next chunk,
 * waiting for the process's address-space lock (docs/PERFORMANCE.md).
 * <p>
 * It faults its pages in one at a time (read-ahead off on each chunk it holds, {@link #adviseNoReadahead}) and in
 * slices of {@link #SLICE_PAGES} pages, parking briefly between slices: a touch that read ahead the device's
 * megabytes, and a whole new stretch of file touched in one go, kept a core for ~20 ms, and on two cores the business
 * thread waited that long to run. What the writer leaves behind is written back by {@link JournalWriteBehind}, on a
 * thread of its own (docs/DESIGN.md, Journal).
 */
public final class JournalPretoucher implements AutoCloseable
{
    private static final int PAGE = 4096;
    private static final long PAUSE_NANOS = 2_000_000;
    /** At most this many pages (256 KiB, well under a millisecond of faults) per pass. */
    static final int SLICE_PAGES = 64;
    private static final long SLICE_PAUSE_NANOS = 50_000;
    /** How often the writer's page faults are counted again. */
    private static final long FAULTS_EVERY_NANOS = 1_000_000_000L;
    private final JournalWriter writer;
    private final long ahead;
    private final HelperThread thread;
    private final AtomicLong pagesTouched = new AtomicLong();
    private final AtomicLong touchedPosition = new AtomicLong();
    private volatile Throwable failure;

    private final ReferenceOwner owner = ReferenceOwner.temporary("gavel-journal-pretouch");
    /** The chunks of the writer's mapping this thread holds a reference to, by chunk number. */
    private final Int2ObjectHashMap<MappedBytesStore> held = new Int2ObjectHashMap<>();
    private final UnsafeBuffer touchBuffer = new UnsafeBuffer(0, 0);
    private MappedFile mapping;
    private long chunkSize;
    private long overlapSize;
    private long touchedUpTo;
    private volatile boolean readaheadOff;
    private final boolean lockPages;
    private volatile boolean pagesLocked;
    private final AtomicLong writerFaults = new AtomicLong(-1);

    private JournalPretoucher(final JournalWriter writer, final long ahead, final boolean lockPages)
    {
        this.writer = writer;
        this.ahead = ahead;
        this.lockPages = lockPages;
        this.thread = new HelperThread("gavel-journal-pretouch", this::run);
    }

    /** Starts touching up to {@code aheadBytes} past the writer's position. */
    public static JournalPretoucher start(final JournalWriter writer, final long aheadBytes)
    {
        return start(writer, aheadBytes, false);
    }

    /**
     * Starts touching up to {@code aheadBytes} past the writer's position, and with {@code lockPages} keeping the
     * pages of the chunks it holds in memory once touched ({@link PageLock}; where the kernel refuses, without).
     */
    public static JournalPretoucher start(final JournalWriter writer, final long aheadBytes, final boolean lockPages)
    {
        final JournalPretoucher pretoucher = unstarted(writer, aheadBytes, lockPages);
        pretoucher.thread.start();
        return pretoucher;
    }

    /** A pretoucher whose thread is not started: tests drive {@link #touchAhead()} themselves. */
    static JournalPretoucher unstarted(final JournalWriter writer, final long aheadBytes)
    {
        return unstarted(writer, aheadBytes, false);
    }

    static JournalPretoucher unstarted(final JournalWriter writer, final long aheadBytes, final boolean lockPages)
    {
        if (aheadBytes <= 0)
        {
            throw new IllegalArgumentException("pretouch distance must be positive, not " + aheadBytes);
        }
        return new JournalPretoucher(writer, aheadBytes, lockPages);
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

    /**
     * Page faults the writer's thread has taken, counted about once a second by this thread ({@link ThreadFaults});
     * -1 until first counted or where it cannot be (any thread may ask). With this pretoucher keeping up, it stands
     * still while the engine runs: each one is the kernel's time spent on the bid path.
     */
    public long writerFaults()
    {
        return writerFaults.get();
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
            touchedUpTo = position & ~(PAGE - 1L);
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

    /**
     * {@link #touchAhead()}, and when the writer has just moved to a new cycle file (a new day) and Chronicle closed
     * the old file's mapping under this thread, on to the new file instead of stopping for good.
     */
    int touchAheadAcrossRolls() throws IOException
    {
        try
        {
            return touchAhead();
        }
        catch (final IllegalStateException ex)
        {
            if (mapping == null || writer.currentMapping() == mapping)
            {
                throw ex;
            }
            closeFile();
            return 0;
        }
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
            lockPages(store);
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
                unlockPages(entries.getValue());
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

    /** Keeps the chunk's pages in memory as they are touched ({@link PageLock}), when this pretoucher locks pages. */
    private void lockPages(final MappedBytesStore store)
    {
        if (lockPages)
        {
            pagesLocked = PageLock.lockOnFault(store.addressForWrite(store.start()), chunkSize + overlapSize);
        }
    }

    private void unlockPages(final MappedBytesStore store)
    {
        if (lockPages && pagesLocked)
        {
            PageLock.unlock(store.addressForWrite(store.start()), chunkSize + overlapSize);
        }
    }

    /** Whether the kernel took the last lock of a chunk's pages (false when this pretoucher does not lock them). */
    public boolean pagesLocked()
    {
        return pagesLocked;
    }

    private void run()
    {
        try
        {
            long faultsCounted = 0;
            int faultsOf = 0;
            while (thread.running())
            {
                // Counted again when another thread takes over writing (recovery, then the bid thread), at once.
                final int writerThread = writer.writerThreadId();
                if (writerThread != faultsOf || System.nanoTime() - faultsCounted >= FAULTS_EVERY_NANOS)
                {
                    faultsCounted = System.nanoTime();
                    faultsOf = writerThread;
                    writerFaults.lazySet(ThreadFaults.of(writerThread));
                }
                // A full slice: more may be due, but give the core back between slices (its faults cost CPU).
                final int touched = touchAheadAcrossRolls();
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
                unlockPages(store);
                store.release(owner);
            }
            catch (final RuntimeException ex)
            {
                // Already let go with its closed queue: nothing of ours is left to release.
            }
        }
        held.clear();
        mapping = null;
    }

    /** Stops the thread and waits for it, so the file is no longer mapped here. */
    public void close()
    {
        if (!thread.stop())
        {
            closeFile();
        }
    }
}
