package io.gavel.journal;

import io.gavel.sbe.RecordKind;
import io.gavel.sbe.Role;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Reading ahead on a helper thread shows exactly what the reader shows on the caller's thread: every record's number,
 * Chronicle index, chain verdict and bytes, in order, through more records than the ring holds at once; a record the
 * reader refuses is refused with the same message after the same records; closing early stops the helper.
 */
@Timeout(60)
class ReadAheadReaderTest
{
    private static final int COMMANDS = 60_000;

    @TempDir
    Path dir;

    @Test
    void showsWhatTheReaderShowsRecordForRecord()
    {
        final JournalLayout layout = journal(COMMANDS);
        final List<String> direct = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(layout))
        {
            drain(reader, reader, direct);
        }
        final List<String> ahead = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(layout);
            ReadAheadReader readAhead = ReadAheadReader.start(reader))
        {
            drain(readAhead, readAhead, ahead);
        }
        assertEquals(2 * COMMANDS, direct.size());
        assertEquals(direct, ahead);
    }

    @Test
    void aRecordTheReaderRefusesIsRefusedTheSameWay()
    {
        final JournalLayout layout = journal(1_000);
        try (ChronicleQueue queue = Queues.open(layout, false); ExcerptAppender appender = queue.createAppender())
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().write(new byte[]{1, 2, 3});
            }
        }
        final List<String> direct = new ArrayList<>();
        final JournalException refused;
        try (JournalReader reader = JournalReader.open(layout))
        {
            refused = assertThrows(JournalException.class, () -> drain(reader, reader, direct));
        }
        final List<String> ahead = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(layout);
            ReadAheadReader readAhead = ReadAheadReader.start(reader))
        {
            final JournalException again = assertThrows(JournalException.class,
                () -> drain(readAhead, readAhead, ahead));
            assertEquals(refused.getMessage(), again.getMessage());
            assertThrows(JournalException.class, () -> readAhead.readOne((p, r, f, o, l, c) -> true),
                "and stays refused");
        }
        assertTrue(refused.getMessage().contains("record 2001 has an impossible length"), refused.getMessage());
        assertEquals(direct, ahead);
    }

    @Test
    void closingBeforeTheEndStopsTheHelper()
    {
        final JournalLayout layout = journal(COMMANDS);
        try (JournalReader reader = JournalReader.open(layout))
        {
            final ReadAheadReader readAhead = ReadAheadReader.start(reader);
            for (int i = 0; i < 10; i++)
            {
                assertTrue(readAhead.readOne((p, r, f, o, l, c) -> true));
            }
            readAhead.close(); // the helper is blocked on a full ring by now, or soon: it must still stop
        }
    }

    private static void drain(final RecordSource source, final Object indexed, final List<String> out)
    {
        final CRC32C crc = new CRC32C();
        final byte[] bytes = new byte[RecordLayout.MAX_RECORD];
        final JournalReader.RecordVisitor visitor = (position, record, frame, offset, length, intact) ->
        {
            frame.getBytes(0, bytes, 0, offset + length);
            crc.reset();
            crc.update(bytes, 0, offset + length);
            out.add(position + " " + record.engineSequence() + " " + record.kind() + " " + intact + " " +
                Long.toHexString(crc.getValue()));
            return true;
        };
        while (source.readOne(visitor))
        {
            final long index = indexed instanceof JournalReader ? ((JournalReader)indexed).lastIndex() :
                ((ReadAheadReader)indexed).lastIndex();
            out.set(out.size() - 1, out.get(out.size() - 1) + " @" + Long.toHexString(index));
        }
    }

    /** A command and one event per sequence, frames of varied lengths. */
    private JournalLayout journal(final int commands)
    {
        final JournalLayout layout = JournalLayout.createOrOpen(dir.resolve("j"));
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[200]);
        try (JournalWriter writer = JournalWriter.open(layout))
        {
            for (int sequence = 1; sequence <= commands; sequence++)
            {
                final int length = 8 + sequence % 150;
                frame.putInt(0, sequence);
                writer.append(RecordKind.COMMAND, sequence, sequence, 0, 1, 1, Role.ADMIN, frame, 0, length);
                writer.append(RecordKind.EVENT, sequence, sequence, 0, 1, 1, Role.ADMIN, frame, 0, length / 2 + 8);
            }
        }
        return layout;
    }
}
