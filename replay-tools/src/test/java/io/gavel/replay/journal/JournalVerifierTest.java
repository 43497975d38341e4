package io.gavel.replay.journal;

import io.gavel.journal.ChainHash;
import io.gavel.journal.JournalException;
import io.gavel.sbe.JournalRecordEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import io.gavel.sbe.MessageHeaderDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * ARCHITECTURE.md §4: replaying a journal reproduces every event byte for byte (random workloads); altering,
 * removing or swapping any record fails verification and names the record; bad directories are refused clearly.
 */
class JournalVerifierTest
{
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {3, 17, 99})
    void randomWorkloadJournalVerifiesByteForByte(final long seed)
    {
        final Path journal = dir.resolve("journal");
        JournalFixture.writeWorkload(journal, seed, 5_000);
        final JournalVerifier.Report report = JournalVerifier.verify(journal, null);
        assertTrue(report.verified(), report.failure);
        assertEquals(5_000, report.commands);
        assertEquals(5_000, report.lastSequence);
        assertTrue(report.events > 5_000);
        assertEquals(6, report.auctions);
        assertEquals(90, report.lots);
        assertEquals(report.commands + report.events, report.records);
    }

    @Test
    void flippedByteInAnEventFailsAtThatRecord() throws IOException
    {
        final Path journal = written();
        final int victim = indexOfEvent(journal, 40);
        final Path tampered = JournalFixture.tamperedCopy(journal, dir.resolve("flip"), records ->
        {
            final byte[] record = records.get(victim);
            record[record.length - 3] ^= 0x01;
            return records;
        });
        final JournalVerifier.Report report = JournalVerifier.verify(tampered, null);
        assertFalse(report.verified());
        assertEquals(victim + 1, report.failedRecord, report.failure);
        assertTrue(report.failure.contains("hash chain"), report.failure);
    }

    /**
     * An event altered and the whole chain recomputed after it (as a forger would): the chain holds, so only the byte
     * comparison with what the core emits on replay can catch it, and it must, at that record.
     */
    @Test
    void alteredEventWithARecomputedChainFailsTheComparison() throws IOException
    {
        final Path journal = written();
        final int victim = indexOfEvent(journal, 40);
        final int chainAt = MessageHeaderDecoder.ENCODED_LENGTH + JournalRecordEncoder.chainHashEncodingOffset();
        final Path forged = JournalFixture.tamperedCopy(journal, dir.resolve("forged"), records ->
        {
            final byte[] record = records.get(victim);
            record[record.length - 3] ^= 0x01;
            long chain = ChainHash.SEED;
            for (final byte[] each : records)
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(each);
                buffer.putLong(chainAt, 0L, ByteOrder.LITTLE_ENDIAN);
                chain = ChainHash.next(chain, buffer, 0, each.length);
                buffer.putLong(chainAt, chain, ByteOrder.LITTLE_ENDIAN);
            }
            return records;
        });
        final JournalVerifier.Report report = JournalVerifier.verify(forged, null);
        assertFalse(report.verified());
        assertEquals(victim + 1, report.failedRecord, report.failure);
        assertTrue(report.failure.contains("differs from what the core emits on replay"), report.failure);
    }

    @Test
    void flippedByteInACommandFailsAtThatRecord() throws IOException
    {
        final Path journal = written();
        final Path tampered = JournalFixture.tamperedCopy(journal, dir.resolve("flip-command"), records ->
        {
            // Record 100 is some command or event: change one byte of its SBE frame (a bid amount, an id...).
            records.get(99)[records.get(99).length - 1] ^= 0x10;
            return records;
        });
        final JournalVerifier.Report report = JournalVerifier.verify(tampered, null);
        assertFalse(report.verified());
        assertEquals(100, report.failedRecord, report.failure);
    }

    @Test
    void deletedRecordFailsAtTheRecordAfterIt() throws IOException
    {
        final Path journal = written();
        final Path tampered = JournalFixture.tamperedCopy(journal, dir.resolve("delete"), records ->
        {
            final List<byte[]> copy = new ArrayList<>(records);
            copy.remove(250);
            return copy;
        });
        final JournalVerifier.Report report = JournalVerifier.verify(tampered, null);
        assertFalse(report.verified());
        assertEquals(251, report.failedRecord, report.failure);
    }

    @Test
    void swappedRecordsFailAtTheFirstOfThem() throws IOException
    {
        final Path journal = written();
        final Path tampered = JournalFixture.tamperedCopy(journal, dir.resolve("swap"), records ->
        {
            final List<byte[]> copy = new ArrayList<>(records);
            Collections.swap(copy, 300, 301);
            return copy;
        });
        final JournalVerifier.Report report = JournalVerifier.verify(tampered, null);
        assertFalse(report.verified());
        assertEquals(301, report.failedRecord, report.failure);
    }

    @Test
    void truncatedTailIsReported() throws IOException
    {
        final Path journal = written();
        // Drop the trailing events of the last command, as if the engine died between the two writes.
        final Path tampered = JournalFixture.tamperedCopy(journal, dir.resolve("tail"), records ->
            new ArrayList<>(records.subList(0, lastCommandIndex(records) + 1)));
        final JournalVerifier.Report report = JournalVerifier.verify(tampered, null);
        assertFalse(report.verified());
        assertTrue(report.failure.contains("missing events"), report.failure);
    }

    @Test
    void missingEmptyAndForeignDirectoriesAreRefused() throws IOException
    {
        assertThrows(JournalException.class, () -> JournalVerifier.verify(dir.resolve("nope"), null));
        final Path empty = Files.createDirectories(dir.resolve("empty"));
        final JournalException emptyError = assertThrows(JournalException.class,
            () -> JournalVerifier.verify(empty, null));
        assertTrue(emptyError.getMessage().contains("not a Gavel journal"), emptyError.getMessage());
        final Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Files.writeString(foreign.resolve("gavel-journal.properties"),
            "journal.format=1\nsbe.schemaId=" + MessageHeaderDecoder.SCHEMA_ID + "\nsbe.version=99\n");
        final JournalException versionError = assertThrows(JournalException.class,
            () -> JournalVerifier.verify(foreign, null));
        assertTrue(versionError.getMessage().contains("version 99"), versionError.getMessage());
    }

    private Path written()
    {
        final Path journal = dir.resolve("journal");
        JournalFixture.writeWorkload(journal, 5, 400);
        assertTrue(JournalVerifier.verify(journal, null).verified());
        return journal;
    }

    private static int indexOfEvent(final Path journal, final int from)
    {
        final List<byte[]> records = JournalFixture.rawRecords(journal);
        for (int i = from; i < records.size(); i++)
        {
            // The record kind sits in the JournalRecord block: 8 header bytes, then sequence and time (16).
            if (records.get(i)[8 + 16] == 2)
            {
                return i;
            }
        }
        throw new AssertionError("no event record");
    }

    private static int lastCommandIndex(final List<byte[]> records)
    {
        for (int i = records.size() - 1; i >= 0; i--)
        {
            if (records.get(i)[8 + 16] == 1 && i < records.size() - 1)
            {
                return i;
            }
        }
        throw new AssertionError("no command followed by events");
    }
}
