package io.gavel.replay.journal;

import io.gavel.protocol.CommandEncoder;
import io.gavel.core.EventBuffer;
import io.gavel.core.MatchingCore;
import io.gavel.core.workload.WorkloadGenerator;
import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalWriter;
import io.gavel.sbe.RecordKind;
import io.gavel.sbe.Role;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Real journals for tests: a random workload written exactly as the engine writes it (command, then its events),
 * and tampered copies made the way an attacker with file access would, record bytes rewritten through Chronicle.
 */
final class JournalFixture
{
    private JournalFixture()
    {
    }

    /** Writes {@code commands} commands of a seeded workload; returns the core's final state hash. */
    static long writeWorkload(final Path dir, final long seed, final int commands)
    {
        final WorkloadGenerator.Config config = new WorkloadGenerator.Config().auctions(6, 15, 30);
        config.timedLotSeconds = 1;
        final MatchingCore core = new MatchingCore();
        final WorkloadGenerator generator = new WorkloadGenerator(seed, config).observe(core.rules());
        final CommandEncoder encoder = new CommandEncoder();
        final EventBuffer events = new EventBuffer();
        try (JournalWriter writer = JournalWriter.open(JournalLayout.createOrOpen(dir)))
        {
            for (long sequence = 1; sequence <= commands; sequence++)
            {
                final long time = generator.next(encoder);
                final long principal = 1 + (sequence % 5);
                writer.append(RecordKind.COMMAND, sequence, time, 0, 7, principal, Role.ADMIN, encoder.buffer(), 0,
                    encoder.length());
                core.apply(sequence, time, principal, Role.ADMIN, encoder.buffer(), 0, encoder.length(), events);
                final long seq = sequence;
                final int[] index = {0};
                events.forEach((buffer, offset, length) -> writer.append(RecordKind.EVENT, seq, time, index[0]++, 7,
                    principal, Role.ADMIN, buffer, offset, length));
            }
        }
        return core.stateHash();
    }

    static List<byte[]> rawRecords(final Path dir)
    {
        final List<byte[]> records = new ArrayList<>();
        try (ChronicleQueue queue = open(dir); ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return records;
                    }
                    final byte[] bytes = new byte[(int)dc.wire().bytes().readRemaining()];
                    dc.wire().bytes().read(bytes);
                    records.add(bytes);
                }
            }
        }
    }

    /** Copies a journal record by record through {@code tamper}, bypassing the writer (so no chain is recomputed). */
    static Path tamperedCopy(final Path source, final Path target, final UnaryOperator<List<byte[]>> tamper)
        throws IOException
    {
        final List<byte[]> records = tamper.apply(rawRecords(source));
        Files.createDirectories(target.resolve("queue"));
        Files.copy(source.resolve("gavel-journal.properties"), target.resolve("gavel-journal.properties"));
        try (ChronicleQueue queue = open(target); ExcerptAppender appender = queue.createAppender())
        {
            for (final byte[] record : records)
            {
                try (DocumentContext dc = appender.writingDocument())
                {
                    dc.wire().bytes().write(record);
                }
            }
        }
        return target;
    }

    private static ChronicleQueue open(final Path dir)
    {
        return ChronicleQueue.singleBuilder(dir.resolve("queue")).rollCycle(RollCycles.FAST_DAILY).build();
    }
}
