package io.gavel.journal;

import io.gavel.sbe.JournalRecordDecoder;
import io.gavel.sbe.JournalRecordEncoder;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.MessageHeaderEncoder;
import io.gavel.sbe.RecordKind;
import io.gavel.sbe.Role;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.ExcerptContext;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.posix.PosixAPI;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends records to a journal's Chronicle queue, chaining each to the one before. Single-threaded: the engine's
 * business-logic thread owns it. Opening an existing journal resumes its chain and sequence from its last record.
 */
public final class JournalWriter implements AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final byte[] scratchBytes = new byte[RecordLayout.MAX_RECORD];
    private final UnsafeBuffer scratch = new UnsafeBuffer(scratchBytes);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final JournalRecordEncoder recordEncoder = new JournalRecordEncoder();
    private long chainHash = ChainHash.SEED;
    private long lastSequence;
    private long lastTime;
    private long lastIndex = -1;
    /** Where the last record ends in the current cycle file, for the pretoucher's thread. */
    private final AtomicLong writtenPosition = new AtomicLong();
    private volatile File currentFile;
    private volatile MappedFile currentMapping;
    /** The thread appending now, and its kernel id for other threads (the pretoucher counts its page faults). */
    private Thread writerThread;
    private volatile int writerThreadId;
    private int currentCycle = Integer.MIN_VALUE;
    /** The engine sequence of the last record forced to the device by {@link #sync()}, for other threads. */
    private final AtomicLong syncedSequence = new AtomicLong();
    /** The last engine sequence whose records are all appended, as the engine published it, for the syncer. */
    private final AtomicLong completedSequence = new AtomicLong();
    private long syncedIndex = -1;
    private long syncs;
    private File syncFile;
    private FileChannel syncChannel;

    private JournalWriter(final SingleChronicleQueue queue)
    {
        this.queue = queue;
        this.appender = queue.createAppender();
        resumeFromLastRecord();
    }

    public static JournalWriter open(final JournalLayout layout)
    {
        return new JournalWriter(Queues.open(layout, false));
    }

    /** A writer whose records go to the cycle file of this clock's day (tests of a roll to a new day). */
    static JournalWriter open(final JournalLayout layout, final TimeProvider clock)
    {
        return new JournalWriter(Queues.open(layout, false, clock));
    }

    /** The engine sequence of the last record written, or 0 for a new journal. */
    public long lastSequence()
    {
        return lastSequence;
    }

    /** The engine time of the last record written, or 0 for a new journal. */
    public long lastTime()
    {
        return lastTime;
    }

    public long chainHash()
    {
        return chainHash;
    }

    /** Chronicle index of the last record written (by this writer or found on opening); -1 for an empty journal. */
    public long lastIndex()
    {
        return lastIndex;
    }

    /** Appends one record: the head stamped with these values, then {@code length} bytes of SBE frame. */
    public void append(
        final RecordKind kind,
        final long engineSequence,
        final long engineTime,
        final int eventIndex,
        final long sessionId,
        final long principal,
        final Role role,
        final DirectBuffer frame,
        final int offset,
        final int length)
    {
        append(kind, engineSequence, engineTime, eventIndex, sessionId, principal, role, 0, 0, frame, offset, length);
    }

    /**
     * Appends one record with where its command came from: the Aeron image ({@code sourceKey}) and the stream position
     * just after the frame, so a restarted engine can skip what it has already journaled.
     */
    public void append(
        final RecordKind kind,
        final long engineSequence,
        final long engineTime,
        final int eventIndex,
        final long sessionId,
        final long principal,
        final Role role,
        final long sourceKey,
        final long sourcePosition,
        final DirectBuffer frame,
        final int offset,
        final int length)
    {
        if (length > RecordLayout.MAX_PAYLOAD)
        {
            throw new JournalException("record of " + length + " bytes exceeds the journal's " +
                RecordLayout.MAX_PAYLOAD + "-byte limit");
        }
        recordEncoder.wrapAndApplyHeader(scratch, 0, headerEncoder)
            .engineSequence(engineSequence)
            .engineTime(engineTime)
            .kind(kind)
            .eventIndex(eventIndex)
            .sessionId(sessionId)
            .principal(principal)
            .role(role == null ? Role.NULL_VAL : role)
            .chainHash(0)
            .sourceKey(sourceKey)
            .sourcePosition(sourcePosition);
        frame.getBytes(offset, scratch, RecordLayout.HEAD_LENGTH, length);
        final int recordLength = RecordLayout.HEAD_LENGTH + length;
        chainHash = ChainHash.next(chainHash, scratch, 0, recordLength);
        scratch.putLong(RecordLayout.CHAIN_HASH_OFFSET, chainHash, ByteOrder.LITTLE_ENDIAN);

        final long endPosition;
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.write(scratchBytes, 0, recordLength);
            endPosition = bytes.writePosition();
        }
        if (Thread.currentThread() != writerThread)
        {
            writerThread = Thread.currentThread();
            writerThreadId = threadId();
        }
        if (appender.cycle() != currentCycle)
        {
            currentCycle = appender.cycle();
            currentMapping = mappingOf(appender);
            currentFile = appender.currentFile();
        }
        writtenPosition.lazySet(endPosition);
        lastIndex = appender.lastIndexAppended();
        lastSequence = engineSequence;
        lastTime = engineTime;
    }

    /** The cycle file the last record went to, or null before the first append (any thread may ask). */
    public File currentFile()
    {
        return currentFile;
    }

    /**
     * The mapped file this writer's own appender writes {@link #currentFile()} through, or null before the first append
     * (any thread may ask): the {@link JournalPretoucher} maps its next chunk and touches its pages through it, so
     * the writer itself never maps, grows or faults the file.
     */
    public MappedFile currentMapping()
    {
        return currentMapping;
    }

    /**
     * The kernel's id of the thread that appended last, or 0 before the first append, after {@link #releaseThread()}
     * until the next one, or where unknown (any thread may ask).
     */
    public int writerThreadId()
    {
        return writerThreadId;
    }

    /** Where the last record ends in {@link #currentFile()} (any thread may ask). */
    public long writtenPosition()
    {
        return writtenPosition.get();
    }

    /**
     * How much of its cycle file Chronicle maps at a time for this writer: one block and the overlap past it
     * (64 MiB + 16 MiB by default). The writer's pages further behind than a couple of these are no longer mapped by
     * it, and writing them back costs the writer nothing ({@link JournalPretoucher}).
     */
    public long mappedChunk()
    {
        return queue.blockSize() + queue.overlapSize();
    }

    /**
     * Forces every record appended so far to the device ({@code fdatasync} of the cycle file; on a new cycle file
     * also its directory), once for all records since the last call: the group commit of {@link JournalSync#FSYNC}.
     * Nothing to force, nothing done.
     */
    public void sync()
    {
        if (syncedIndex == lastIndex || currentFile == null)
        {
            return;
        }
        try
        {
            final File file = currentFile;
            if (!file.equals(syncFile))
            {
                if (syncChannel != null)
                {
                    // Records of the batch may still sit in the previous cycle file.
                    syncChannel.force(false);
                    syncChannel.close();
                }
                syncChannel = FileChannel.open(file.toPath(), StandardOpenOption.READ, StandardOpenOption.WRITE);
                syncFile = file;
                try (FileChannel directory = FileChannel.open(file.getParentFile().toPath(), StandardOpenOption.READ))
                {
                    directory.force(true);
                }
            }
            syncChannel.force(false);
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot force the journal to its device: " + ex.getMessage(), ex);
        }
        syncs++;
        syncedIndex = lastIndex;
        syncedSequence.setRelease(lastSequence);
    }

    /**
     * Publishes that every record of the command with the last sequence appended (the command and its events) is in
     * the journal, for a {@link JournalSyncer} on another thread. Until called, the syncer does not consider it.
     */
    public void completeCommand()
    {
        completedSequence.setRelease(lastSequence);
    }

    /** The last sequence published by {@link #completeCommand()}, or the journal's last on opening (any thread). */
    public long completedSequence()
    {
        return completedSequence.getAcquire();
    }

    /** How many times {@link #sync()} forced the journal. */
    public long syncs()
    {
        return syncs;
    }

    /** The engine sequence of the last record {@link #sync()} forced to the device (any thread may ask). */
    public long syncedSequence()
    {
        return syncedSequence.getAcquire();
    }

    /**
     * Lets another thread append from now on. Chronicle confines an appender to the thread that used it first; the
     * engine's recovery may append on the starting thread before the business-logic thread takes over.
     */
    public void releaseThread()
    {
        appender.singleThreadedCheckReset();
        // Whose page faults are counted is the next appender's: none until it appends (writerThreadId() 0).
        writerThread = null;
        writerThreadId = 0;
    }

    public void close()
    {
        if (syncChannel != null)
        {
            try
            {
                syncChannel.close();
            }
            catch (final IOException ex)
            {
                // Closing a channel we only forced through: nothing of the journal depends on it.
            }
        }
        appender.close();
        queue.close();
    }

    private static int threadId()
    {
        try
        {
            return PosixAPI.posix().gettid();
        }
        catch (final RuntimeException | LinkageError ex)
        {
            return 0;
        }
    }

    private static MappedFile mappingOf(final ExcerptAppender appender)
    {
        // Chronicle's appender is its excerpt context; its wire's bytes are the mapped file it writes through.
        if (appender instanceof ExcerptContext && ((ExcerptContext)appender).wire() != null &&
            ((ExcerptContext)appender).wire().bytes() instanceof MappedBytes)
        {
            return ((MappedBytes)((ExcerptContext)appender).wire().bytes()).mappedFile();
        }
        return null;
    }

    private void resumeFromLastRecord()
    {
        try (ExcerptTailer tailer = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd())
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    return;
                }
                final Bytes<?> bytes = dc.wire().bytes();
                final int length = (int)Math.min(bytes.readRemaining(), RecordLayout.MAX_RECORD);
                bytes.read(scratchBytes, 0, length);
                if (length < RecordLayout.HEAD_LENGTH)
                {
                    throw new JournalException("the journal's last record is truncated (" + length + " bytes)");
                }
                final JournalRecordDecoder decoder = new JournalRecordDecoder();
                decoder.wrapAndApplyHeader(scratch, 0, new MessageHeaderDecoder());
                chainHash = decoder.chainHash();
                lastIndex = dc.index();
                lastSequence = decoder.engineSequence();
                lastTime = decoder.engineTime();
                completedSequence.set(lastSequence);
            }
        }
    }
}
