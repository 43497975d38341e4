package io.gavel.journal;

import io.gavel.sbe.RecordKind;
import io.gavel.sbe.Role;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The pretoucher keeps touched pages ahead of the writer while it writes, and never changes a byte the writer wrote:
 * every record reads back with its chain intact. {@link JournalWriter#sync()} forces once per call with something new.
 */
@Timeout(60)
class JournalPretoucherTest
{
    private static final long AHEAD = 1L << 20;

    @TempDir
    Path dir;

    @Test
    void touchesAheadOfTheWriterWithoutChangingWhatItWrote()
    {
        final JournalLayout layout = JournalLayout.createOrOpen(dir.resolve("j"));
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[200]);
        final int records = 100_000;
        long touchedAheadSeen = 0;
        try (JournalWriter writer = JournalWriter.open(layout))
        {
            writer.append(RecordKind.COMMAND, 1, 1, 0, 1, 1, Role.ADMIN, frame, 0, frame.capacity());
            try (JournalPretoucher pretoucher = JournalPretoucher.start(writer, AHEAD))
            {
                // The first pass reaches AHEAD past the writer (the file is longer than that once mapped).
                awaitTouched(pretoucher, writer.writtenPosition() + AHEAD - 4096);
                assertNull(pretoucher.failure());
                for (int i = 2; i <= records; i++)
                {
                    frame.putLong(0, i);
                    frame.putLong(frame.capacity() - 8, -i);
                    writer.append(RecordKind.COMMAND, i, i, 0, 1, 1, Role.ADMIN, frame, 0, frame.capacity());
                    if (i % 10_000 == 0)
                    {
                        // The pretoucher started at a page boundary at or below the writer's first position.
                        touchedAheadSeen = Math.max(touchedAheadSeen,
                            pretoucher.touchedPosition() - writer.writtenPosition());
                    }
                }
                final long end = writer.writtenPosition();
                awaitTouched(pretoucher, end + AHEAD - 4096);
                assertNull(pretoucher.failure());
                assertTrue(end > 20 * AHEAD, "the test wrote across many touch distances: " + end);
            }
        }
        assertTrue(touchedAheadSeen > 0, "pages were touched ahead of the writer while it wrote");
        final long[] read = {0};
        try (JournalReader reader = JournalReader.open(layout))
        {
            reader.readAll((position, record, buffer, offset, length, chainIntact) ->
            {
                assertTrue(chainIntact, "record " + position + " chain");
                assertEquals(position, record.engineSequence());
                if (position > 1)
                {
                    assertEquals(position, buffer.getLong(offset));
                    assertEquals(-position, buffer.getLong(offset + length - 8));
                }
                read[0]++;
                return true;
            });
        }
        assertEquals(records, read[0]);
    }

    private static void awaitTouched(final JournalPretoucher pretoucher, final long position)
    {
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (pretoucher.touchedPosition() < position && pretoucher.failure() == null)
        {
            assertTrue(System.nanoTime() < deadline, "touched up to " + pretoucher.touchedPosition() +
                ", waiting for " + position);
            Thread.yield();
        }
        assertNull(pretoucher.failure());
    }

    @Test
    void touchesInSlicesSoNoPassHoldsTheCoreLong() throws Exception
    {
        // A whole new stretch of file touched in one pass kept a core for ~20 ms: each pass is a slice.
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[200]);
        try (JournalWriter writer = JournalWriter.open(JournalLayout.createOrOpen(dir.resolve("slices"))))
        {
            writer.append(RecordKind.COMMAND, 1, 1, 0, 1, 1, Role.ADMIN, frame, 0, frame.capacity());
            try (JournalPretoucher pretoucher = JournalPretoucher.unstarted(writer, AHEAD))
            {
                final long pagesDue = AHEAD / 4096;
                long total = 0;
                int passes = 0;
                int touched;
                while ((touched = pretoucher.touchAhead()) > 0)
                {
                    assertTrue(touched <= JournalPretoucher.SLICE_PAGES, "pass " + passes + " touched " + touched);
                    total += touched;
                    passes++;
                    assertEquals(total, pretoucher.pagesTouched());
                }
                assertTrue(total >= pagesDue - 1, "touched " + total + " of the " + pagesDue + " pages due");
                assertTrue(passes >= pagesDue / JournalPretoucher.SLICE_PAGES, passes + " passes");
                assertTrue(pretoucher.touchedPosition() >= writer.writtenPosition() + AHEAD - 2 * 4096);
                // Its mapping faults page by page: one touch no longer zero-fills the device's read-ahead at once.
                assertTrue(pretoucher.readaheadOff(), "madvise(MADV_RANDOM) was taken on the pretoucher's window");
            }
        }
    }

    @Test
    void writesBackOnlyPagesTheWriterNoLongerMapsAndChangesNothing() throws Exception
    {
        // Dirty journal pages left to pile up are flushed by the kernel all at once, pages ahead included; and a page
        // written back while the writer still maps it costs the writer's core a TLB shootdown.
        final long chunk = 1 << 20;
        final JournalLayout layout = JournalLayout.createOrOpen(dir.resolve("behind"));
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[4000]);
        long mappedChunk = 0;
        long lag = 0;
        long checked = 0;
        long records = 1;
        try (JournalWriter writer = JournalWriter.open(layout))
        {
            writer.append(RecordKind.COMMAND, 1, 1, 0, 1, 1, Role.ADMIN, frame, 0, frame.capacity());
            mappedChunk = writer.mappedChunk();
            lag = JournalWriteBehind.LAG_CHUNKS * mappedChunk;
            try (JournalPretoucher pretoucher = JournalPretoucher.unstarted(writer, AHEAD);
                JournalWriteBehind writeBehind = JournalWriteBehind.unstarted(writer, chunk))
            {
                pretoucher.touchAhead();
                assertEquals(0, writeBehind.writeBehind(), "nothing is far enough behind the writer yet");
                // Past the first chunk (left to the kernel), the lag, and a few chunks' worth written back.
                while (writer.writtenPosition() < mappedChunk + lag + 8 * chunk)
                {
                    records++;
                    frame.putLong(0, records);
                    writer.append(RecordKind.COMMAND, records, records, 0, 1, 1, Role.ADMIN, frame, 0,
                        frame.capacity());
                    if (records % 256 == 0)
                    {
                        while (pretoucher.touchAhead() > 0)
                        {
                            assertTrue(pretoucher.touchedPosition() > writer.writtenPosition() - 4096,
                                "touches nothing the writer has passed");
                        }
                        final long writerChunk = writer.writtenPosition() / writer.currentMapping().chunkSize();
                        for (final int held : pretoucher.heldChunks())
                        {
                            assertTrue(held >= writerChunk - 1 && held <= writerChunk + 1,
                                "holds chunk " + held + " with the writer in chunk " + writerChunk);
                        }
                        while (writeBehind.writeBehind() == chunk)
                        {
                            final long to = writeBehind.writtenBackUpTo();
                            assertTrue(to - chunk >= mappedChunk, "the first chunk is left to the kernel: " + to);
                            assertTrue(to <= writer.writtenPosition() - lag,
                                "written back up to " + to + " with the writer at " + writer.writtenPosition());
                            assertNotMapped(writer.currentFile(), to - chunk, to);
                            checked++;
                        }
                    }
                }
                assertTrue(checked >= 4, checked + " chunks written back while it wrote");
                assertEquals(checked * chunk, writeBehind.bytesWrittenBack());
                assertNull(writeBehind.failure());
            }
        }
        assertReadsBack(layout, records);
    }

    @Test
    void mapsTheWritersNextChunkSoTheWriterNeverMapsOrGrowsTheFile() throws Exception
    {
        // The writer blocked for 30-340 ms in mmap of its next chunk (the process's address-space lock) about once a
        // minute at 100,000 bids/s; growing the file and mapping a chunk happen together in Chronicle, so a writer
        // that finds every chunk already mapped does neither.
        final JournalLayout layout = JournalLayout.createOrOpen(dir.resolve("chunks"));
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[4000]);
        final List<String> mappedBy = new CopyOnWriteArrayList<>();
        final long chunkSize;
        long records = 1;
        try (JournalWriter writer = JournalWriter.open(layout))
        {
            writer.append(RecordKind.COMMAND, 1, 1, 0, 1, 1, Role.ADMIN, frame, 0, frame.capacity());
            final MappedFile mapping = writer.currentMapping();
            assertNotNull(mapping, "the writer's mapped file is known after its first record");
            assertEquals(writer.currentFile().getCanonicalPath(), mapping.file().getCanonicalPath());
            mapping.setNewChunkListener((file, chunk, micros) ->
                mappedBy.add("chunk " + chunk + " by " + Thread.currentThread().getName()));
            chunkSize = mapping.chunkSize();
            try (JournalPretoucher pretoucher = JournalPretoucher.start(writer, AHEAD);
                JournalWriteBehind writeBehind = JournalWriteBehind.start(writer, 1 << 20))
            {
                while (writer.writtenPosition() < 5 * chunkSize + chunkSize / 2)
                {
                    awaitTouched(pretoucher, writer.writtenPosition() + AHEAD - 4096);
                    for (int i = 0; i < 64; i++)
                    {
                        records++;
                        frame.putLong(0, records);
                        writer.append(RecordKind.COMMAND, records, records, 0, 1, 1, Role.ADMIN, frame, 0,
                            frame.capacity());
                    }
                }
                assertNull(pretoucher.failure());
                // Its own thread writes back what is three mapped chunks behind, past the file's first chunk.
                final long due = writer.writtenPosition() - writer.mappedChunk() * (JournalWriteBehind.LAG_CHUNKS + 1);
                final long writeBackDeadline = System.nanoTime() + 10_000_000_000L;
                while (writeBehind.bytesWrittenBack() < due - (1 << 20))
                {
                    assertTrue(System.nanoTime() < writeBackDeadline, writeBehind.bytesWrittenBack() +
                        " bytes written back, " + due + " due");
                    Thread.yield();
                }
                assertNull(writeBehind.failure());
                // Chunks the writer is two past are let go, by this thread and Chronicle's: none stays mapped (the
                // first chunk, with the file's header, stays, and with it its overlap into the second).
                final long deadline = System.nanoTime() + 10_000_000_000L;
                while (mappingsOf(writer.currentFile(), chunkSize + mapping.overlapSize(), 3 * chunkSize) > 0)
                {
                    assertTrue(System.nanoTime() < deadline, "chunks 1 and 2 are still mapped");
                    Thread.yield();
                }
            }
        }
        final List<String> expected = new ArrayList<>();
        for (int chunk = 1; chunk <= 6; chunk++)
        {
            expected.add("chunk " + chunk + " by gavel-journal-pretouch");
        }
        assertEquals(expected, mappedBy, "every chunk after the first was mapped (and the file grown) ahead");
        assertReadsBack(layout, records);
    }

    @Test
    void followsTheWriterToANewDaysFile() throws Exception
    {
        // The journal rolls to a new cycle file each day (UTC): the pretoucher lets the old file's chunks go and
        // touches ahead in the new one, where the writer now writes.
        final SetTimeProvider clock = new SetTimeProvider(Instant.parse("2026-11-30T23:59:00Z"));
        final JournalLayout layout = JournalLayout.createOrOpen(dir.resolve("roll"));
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[200]);
        try (JournalWriter writer = JournalWriter.open(layout, clock))
        {
            writer.append(RecordKind.COMMAND, 1, 1, 0, 1, 1, Role.ADMIN, frame, 0, frame.capacity());
            try (JournalPretoucher pretoucher = JournalPretoucher.unstarted(writer, AHEAD))
            {
                while (pretoucher.touchAheadAcrossRolls() > 0)
                {
                    // Touch the whole distance in the first day's file.
                }
                final File firstDay = writer.currentFile();
                clock.advanceMillis(120_000);
                writer.append(RecordKind.COMMAND, 2, 2, 0, 1, 1, Role.ADMIN, frame, 0, frame.capacity());
                assertNotEquals(firstDay, writer.currentFile(), "the journal rolled to the next day's file");
                while (pretoucher.touchAheadAcrossRolls() > 0)
                {
                    // And in the second's.
                }
                assertNull(pretoucher.failure());
                assertTrue(pretoucher.touchedPosition() >= writer.writtenPosition() + AHEAD - 4096,
                    "touched " + pretoucher.touchedPosition() + " with the writer at " + writer.writtenPosition());
                assertArrayEquals(new int[] {0, 1}, pretoucher.heldChunks(), "the new file's first chunks");
            }
        }
        final long[] read = {0};
        try (JournalReader reader = JournalReader.open(layout))
        {
            reader.readAll((position, record, buffer, offset, length, chainIntact) ->
            {
                assertTrue(chainIntact, "record " + position + " chain");
                read[0]++;
                return true;
            });
        }
        assertEquals(2, read[0]);
    }

    /** Every record reads back with its chain intact, each after the first carrying its own sequence first. */
    private static void assertReadsBack(final JournalLayout layout, final long records)
    {
        final long[] read = {0};
        try (JournalReader reader = JournalReader.open(layout))
        {
            reader.readAll((position, record, buffer, offset, length, chainIntact) ->
            {
                assertTrue(chainIntact, "record " + position + " chain");
                if (position > 1)
                {
                    assertEquals(position, buffer.getLong(offset));
                }
                read[0]++;
                return true;
            });
        }
        assertEquals(records, read[0]);
    }

    /** How many of this process's mappings of the file overlap {@code [from, to)}; 0 where /proc is not there. */
    private static int mappingsOf(final File file, final long from, final long to) throws Exception
    {
        final Path maps = Path.of("/proc/self/maps");
        if (!Files.exists(maps))
        {
            return 0;
        }
        final String path = file.getCanonicalPath();
        int overlapping = 0;
        for (final String line : Files.readAllLines(maps))
        {
            if (line.endsWith(path))
            {
                final String[] fields = line.split("\\s+");
                final String[] range = fields[0].split("-");
                final long length = Long.parseUnsignedLong(range[1], 16) - Long.parseUnsignedLong(range[0], 16);
                final long offset = Long.parseLong(fields[2], 16);
                overlapping += offset < to && offset + length > from ? 1 : 0;
            }
        }
        return overlapping;
    }

    /** No mapping in this process (the writer's, the pretoucher's) covers any of {@code [from, to)} of the file. */
    private static void assertNotMapped(final File file, final long from, final long to) throws Exception
    {
        assertEquals(0, mappingsOf(file, from, to), "[" + from + ", " + to + ") of " + file + " is still mapped");
    }

    @Test
    void syncForcesOncePerCallWithNewRecords()
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[64]);
        try (JournalWriter writer = JournalWriter.open(JournalLayout.createOrOpen(dir.resolve("s"))))
        {
            writer.sync();
            assertEquals(0, writer.syncs(), "nothing written, nothing forced");
            writer.append(RecordKind.COMMAND, 1, 1, 0, 1, 1, Role.ADMIN, frame, 0, frame.capacity());
            writer.append(RecordKind.EVENT, 1, 1, 0, 1, 1, Role.ADMIN, frame, 0, frame.capacity());
            assertEquals(0, writer.syncedSequence());
            writer.sync();
            writer.sync();
            assertEquals(1, writer.syncs(), "one force for both records; the second call had nothing new");
            assertEquals(1, writer.syncedSequence());
            writer.append(RecordKind.COMMAND, 2, 2, 0, 1, 1, Role.ADMIN, frame, 0, frame.capacity());
            writer.sync();
            assertEquals(2, writer.syncs());
            assertEquals(2, writer.syncedSequence());
        }
    }

    @Test
    void aDistanceOfZeroIsRefused()
    {
        try (JournalWriter writer = JournalWriter.open(JournalLayout.createOrOpen(dir.resolve("z"))))
        {
            assertEquals("pretouch distance must be positive, not 0",
                assertThrows(IllegalArgumentException.class, () -> JournalPretoucher.start(writer, 0)).getMessage());
            assertEquals("write-behind chunk must be a positive multiple of 4096 bytes, not 1000",
                assertThrows(IllegalArgumentException.class, () -> JournalWriteBehind.start(writer, 1000))
                    .getMessage());
        }
    }
}
