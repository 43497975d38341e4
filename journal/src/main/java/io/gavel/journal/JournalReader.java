package io.gavel.journal;

import io.gavel.sbe.JournalRecordDecoder;
import io.gavel.sbe.MessageHeaderDecoder;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Reads a journal's records in order and checks the hash chain as it goes. The visitor sees each record's decoded
 * head and its SBE frame; both are valid only during the call.
 */
public final class JournalReader implements AutoCloseable
{
    private final ChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final byte[] scratchBytes = new byte[RecordLayout.MAX_RECORD];
    private final UnsafeBuffer scratch = new UnsafeBuffer(scratchBytes);
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final JournalRecordDecoder recordDecoder = new JournalRecordDecoder();
    private long expectedChain = ChainHash.SEED;
    private long position;
    private long lastIndex = -1;

    private JournalReader(final ChronicleQueue queue)
    {
        this.queue = queue;
        this.tailer = queue.createTailer();
    }

    public static JournalReader open(final JournalLayout layout)
    {
        return new JournalReader(Queues.open(layout, false));
    }

    /**
     * Opens the journal to read the records after the one at Chronicle {@code index} (a snapshot's position); the
     * hash chain continues from that record's stored hash.
     */
    public static JournalReader openAfter(final JournalLayout layout, final long index)
    {
        final JournalReader reader = new JournalReader(Queues.open(layout, false));
        if (!reader.tailer.moveToIndex(index))
        {
            reader.close();
            throw new JournalException("the journal has no record at index " + index + " (a snapshot points there)");
        }
        final long[] stored = new long[1];
        reader.readOne((position, record, frame, offset, length, chainIntact) ->
        {
            stored[0] = record.chainHash();
            return true;
        });
        reader.expectedChain = stored[0];
        return reader;
    }

    /** Chronicle index of the record read last. */
    public long lastIndex()
    {
        return lastIndex;
    }

    /** What the reader found about one record. */
    public interface RecordVisitor
    {
        /**
         * @param position 1-based record number in the journal.
         * @param chainIntact whether the record's chain hash matches every record before it.
         * @return false to stop reading.
         */
        boolean onRecord(long position, JournalRecordDecoder record, DirectBuffer frame, int offset, int length,
            boolean chainIntact);
    }

    /** Reads the next record if there is one; false at the current end of the journal. */
    public boolean readOne(final RecordVisitor visitor)
    {
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return false;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            final long remaining = bytes.readRemaining();
            position++;
            lastIndex = dc.index();
            if (remaining < RecordLayout.HEAD_LENGTH || remaining > RecordLayout.MAX_RECORD)
            {
                throw new JournalException("record " + position + " has an impossible length of " + remaining +
                    " bytes");
            }
            final int length = (int)remaining;
            bytes.read(scratchBytes, 0, length);
            headerDecoder.wrap(scratch, 0);
            if (headerDecoder.schemaId() != JournalRecordDecoder.SCHEMA_ID ||
                headerDecoder.templateId() != JournalRecordDecoder.TEMPLATE_ID)
            {
                throw new JournalException("record " + position + " is not a Gavel journal record (schema " +
                    headerDecoder.schemaId() + ", template " + headerDecoder.templateId() + ")");
            }
            final long stored = scratch.getLong(RecordLayout.CHAIN_HASH_OFFSET, ByteOrder.LITTLE_ENDIAN);
            scratch.putLong(RecordLayout.CHAIN_HASH_OFFSET, 0L, ByteOrder.LITTLE_ENDIAN);
            final long computed = ChainHash.next(expectedChain, scratch, 0, length);
            scratch.putLong(RecordLayout.CHAIN_HASH_OFFSET, stored, ByteOrder.LITTLE_ENDIAN);
            final boolean intact = computed == stored;
            // Continue the chain from what is stored, so one bad record is reported once, not every record after it.
            expectedChain = stored;
            recordDecoder.wrapAndApplyHeader(scratch, 0, headerDecoder);
            return visitor.onRecord(position, recordDecoder, scratch, RecordLayout.HEAD_LENGTH,
                length - RecordLayout.HEAD_LENGTH, intact);
        }
    }

    /** Reads every record present now; returns how many were read. */
    public long readAll(final RecordVisitor visitor)
    {
        final long start = position;
        final boolean[] stop = {false};
        while (!stop[0] && readOne((p, r, f, o, l, c) ->
        {
            final boolean more = visitor.onRecord(p, r, f, o, l, c);
            stop[0] = !more;
            return more;
        }))
        {
            // read on
        }
        return position - start;
    }

    public void close()
    {
        tailer.close();
        queue.close();
    }
}
