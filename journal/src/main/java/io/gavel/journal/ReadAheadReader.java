package io.gavel.journal;

import io.gavel.sbe.JournalRecordDecoder;
import io.gavel.sbe.MessageHeaderDecoder;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * A {@link JournalReader} run on a thread of its own, ahead of whoever replays: that thread reads each record from the
 * mapped file and checks its hash chain, and hands it over through a ring buffer (one copy); the replaying thread
 * only decodes, applies and compares. Records arrive exactly as the reader would show them (same numbers, same chain
 * verdicts, a record the reader refuses as the same {@link JournalException} at the same place), so the
 * {@link ReplayCursor} over it is the same loop. Reads up to the end of the journal as it stands while reading; for
 * a journal that is complete (verify, recovery), not for following one that grows.
 */
public final class ReadAheadReader implements RecordSource, AutoCloseable
{
    private static final int RING_BYTES = 4 << 20;
    private static final int RECORD = 1;
    private static final int END = 2;
    private static final int FAILED = 3;
    /** Ahead of each record in the ring: its 1-based number, its Chronicle index, whether its chain holds. */
    private static final int POSITION = 0;
    private static final int INDEX = 8;
    private static final int INTACT = 16;
    private static final int PREFIX = 20;

    private final JournalReader reader;
    private final OneToOneRingBuffer ring = new OneToOneRingBuffer(new UnsafeBuffer(
        ByteBuffer.allocateDirect(RING_BYTES + RingBufferDescriptor.TRAILER_LENGTH)));
    private final Thread thread;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final JournalRecordDecoder record = new JournalRecordDecoder();
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final IdleStrategy waitForRecords = new BackoffIdleStrategy(100, 10, TimeUnit.MICROSECONDS.toNanos(1),
        TimeUnit.MICROSECONDS.toNanos(100));
    private final MessageHandler handler = this::onMessage;
    private volatile boolean closing;
    private JournalReader.RecordVisitor visitor;
    private boolean more;
    private boolean ended;
    private String failure;
    private long lastIndex = -1;

    private ReadAheadReader(final JournalReader reader)
    {
        this.reader = reader;
        reader.releaseThread();
        this.thread = new Thread(this::readAhead, "gavel-journal-read-ahead");
        thread.setDaemon(true);
    }

    /** Starts reading {@code reader} (positioned where replay begins) ahead on a thread of its own. */
    public static ReadAheadReader start(final JournalReader reader)
    {
        final ReadAheadReader readAhead = new ReadAheadReader(reader);
        readAhead.thread.start();
        return readAhead;
    }

    /** Chronicle index of the record shown last, or -1. */
    public long lastIndex()
    {
        return lastIndex;
    }

    public boolean readOne(final JournalReader.RecordVisitor visitor)
    {
        if (failure != null)
        {
            throw new JournalException(failure);
        }
        if (ended)
        {
            return false;
        }
        this.visitor = visitor;
        waitForRecords.reset();
        while (ring.read(handler, 1) == 0)
        {
            waitForRecords.idle();
        }
        this.visitor = null;
        if (failure != null)
        {
            throw new JournalException(failure);
        }
        return !ended && more;
    }

    private void onMessage(final int type, final org.agrona.MutableDirectBuffer buffer, final int index,
        final int length)
    {
        if (type == END)
        {
            ended = true;
            return;
        }
        if (type == FAILED)
        {
            failure = buffer.getStringWithoutLengthAscii(index, length);
            return;
        }
        final long position = buffer.getLong(index + POSITION);
        lastIndex = buffer.getLong(index + INDEX);
        final boolean intact = buffer.getInt(index + INTACT) != 0;
        view.wrap(buffer, index + PREFIX, length - PREFIX);
        record.wrapAndApplyHeader(view, 0, header);
        more = visitor.onRecord(position, record, view, RecordLayout.HEAD_LENGTH,
            length - PREFIX - RecordLayout.HEAD_LENGTH, intact);
    }

    private void readAhead()
    {
        final IdleStrategy waitForRoom = new BackoffIdleStrategy(10, 10, TimeUnit.MICROSECONDS.toNanos(10),
            TimeUnit.MICROSECONDS.toNanos(200));
        final JournalReader.RecordVisitor copier = (position, decoded, frame, offset, length, intact) ->
        {
            final int recordLength = offset + length;
            int claimed;
            while ((claimed = ring.tryClaim(RECORD, PREFIX + recordLength)) < 0)
            {
                if (closing)
                {
                    return false;
                }
                waitForRoom.idle();
            }
            waitForRoom.reset();
            final org.agrona.concurrent.AtomicBuffer buffer = ring.buffer();
            buffer.putLong(claimed + POSITION, position);
            buffer.putLong(claimed + INDEX, reader.lastIndex());
            buffer.putInt(claimed + INTACT, intact ? 1 : 0);
            buffer.putBytes(claimed + PREFIX, frame, 0, recordLength);
            ring.commit(claimed);
            return true;
        };
        try
        {
            while (!closing && reader.readOne(copier))
            {
                // read on
            }
            send(END, "");
        }
        catch (final JournalException ex)
        {
            send(FAILED, ex.getMessage());
        }
        catch (final RuntimeException ex)
        {
            send(FAILED, "the journal cannot be read: " + ex);
        }
        finally
        {
            reader.releaseThread();
        }
    }

    private void send(final int type, final String message)
    {
        final UnsafeBuffer text = new UnsafeBuffer(new byte[Math.max(1, message.length())]);
        final int length = text.putStringWithoutLengthAscii(0, message);
        while (!closing && !ring.write(type, text, 0, length))
        {
            Thread.onSpinWait();
        }
    }

    /** Stops reading ahead (the records not shown are dropped); the reader may then be closed by its owner. */
    public void close()
    {
        closing = true;
        try
        {
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        reader.releaseThread();
    }
}
