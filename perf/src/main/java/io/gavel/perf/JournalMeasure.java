package io.gavel.perf;

import io.aeron.driver.MediaDriver;
import io.gavel.protocol.CommandEncoder;
import io.gavel.core.EventBuffer;
import io.gavel.core.MatchingCore;
import io.gavel.core.workload.WorkloadGenerator;
import io.gavel.gateway.EmbeddedDriver;
import io.gavel.gateway.EngineConfig;
import io.gavel.gateway.GavelEngine;
import io.gavel.gateway.SnapshotReplica;
import io.gavel.gateway.SnapshotStore;
import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalPretoucher;
import io.gavel.journal.JournalWriteBehind;
import io.gavel.journal.JournalWriter;
import io.gavel.replay.journal.JournalVerifier;
import io.gavel.sbe.RecordKind;
import io.gavel.sbe.Role;
import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Journal figures of issue 4, on this machine: append latency while writing a journal of N commands (with their
 * events, as the engine writes them), verify speed in records per second, and restart time of an engine on that
 * journal with a recent snapshot. For issue 13 also the writer's pause at a snapshot: one taken on the writer's own
 * thread (as {@code gavel.snapshot.thread=business}) and one taken by a {@link SnapshotReplica} following the journal
 * as it is written (the default).
 * <p>
 * {@code java -cp perf/target/benchmarks.jar <flags> io.gavel.perf.JournalMeasure [commands] [dir] [pretouch-mb]
 * [auctions]}
 * <p>
 * {@code pretouch-mb} (default 64, as the engine's {@code gavel.journal.pretouch.mb}) starts a
 * {@link JournalPretoucher} that far ahead of the writer; 0 measures the writer taking its own page faults.
 * {@code auctions} (default 40) of 250 lots each: 400 gives the 100,000 open lots of the snapshot-pause goal (the
 * setup alone is then 2.1 M commands).
 */
public final class JournalMeasure
{
    private JournalMeasure()
    {
    }

    /**
     * The business (writer) thread's pause at each way of snapshotting: on the thread itself, the command that took
     * it lasts as long as the snapshot; with the replica, the longest command the writer ran while the replica was
     * writing, next to the longest of the whole run (page faults, GC and the scheduler make that one).
     */
    private static void printPauses(final WorkloadGenerator.Config config, final int commands,
        final long[] commandStart, final int[] commandNanos, final long businessAt, final long businessSnapshotNanos,
        final List<long[]> replicaSnapshots, final long setupEnd)
    {
        final Histogram commandHistogram = new Histogram(10_000_000_000L, 3);
        for (int sequence = 1; sequence <= commands; sequence++)
        {
            if (sequence != businessAt)
            {
                commandHistogram.recordValue(commandNanos[sequence]);
            }
        }
        System.out.printf("snapshot on the writer's thread (gavel.snapshot.thread=business) at %d: %.1f ms " +
            "(%d auctions x %d lots): the writer's pause%n", businessAt, businessSnapshotNanos / 1e6, config.auctions,
            config.lotsPerAuction);
        for (final long[] snapshot : replicaSnapshots)
        {
            final long from = snapshot[1];
            final long to = from + snapshot[2];
            // The control: the same length of time just before the snapshot began, same run, same load.
            final long[] during = longest(commands, commandStart, commandNanos, businessAt, from, to);
            final long[] before = longest(commands, commandStart, commandNanos, businessAt, from - snapshot[2], from);
            // During the set-up the state grows and young collections copy it: those pauses are the GC's.
            System.out.printf("snapshot by the replica at %d (%s): %.1f ms on its own thread; meanwhile the writer " +
                "ran %d commands, the longest %.3f ms (as long before it: %d commands, the longest %.3f ms)%n",
                snapshot[0], snapshot[0] < setupEnd ? "set-up" : "bidding", snapshot[2] / 1e6, during[0],
                during[1] / 1e6, before[0], before[1] / 1e6);
        }
        System.out.printf("writer's command (append + core + events), whole run but the business snapshot: " +
            "p50 %.1f us, p99.9 %.1f us, p99.99 %.1f us, max %.3f ms%n",
            commandHistogram.getValueAtPercentile(50) / 1e3, commandHistogram.getValueAtPercentile(99.9) / 1e3,
            commandHistogram.getValueAtPercentile(99.99) / 1e3, commandHistogram.getMaxValue() / 1e6);
    }

    /** How many of the writer's commands overlap {@code [from, to]}, and the longest of them. */
    private static long[] longest(final int commands, final long[] commandStart, final int[] commandNanos,
        final long excluded, final long from, final long to)
    {
        long longest = 0;
        long count = 0;
        for (int sequence = 1; sequence <= commands; sequence++)
        {
            if (commandStart[sequence] <= to && commandStart[sequence] + commandNanos[sequence] >= from &&
                sequence != excluded)
            {
                longest = Math.max(longest, commandNanos[sequence]);
                count++;
            }
        }
        return new long[]{count, longest};
    }

    public static void main(final String[] args) throws Exception
    {
        final int commands = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        final Path dir = args.length > 1 ? Paths.get(args[1]) : Files.createTempDirectory("gavel-journal-measure-");
        final Path journal = dir.resolve("journal");
        final long pretouchBytes = (args.length > 2 ? Long.parseLong(args[2]) : 64) << 20;
        // auctions of 250 lots and 2,500 bidders each: 40 = 10,000 open lots, 400 = 100,000.
        final int auctions = args.length > 3 ? Integer.parseInt(args[3]) : 40;
        final WorkloadGenerator.Config config = new WorkloadGenerator.Config().auctions(auctions, 250, 2_500);
        config.timedLotSeconds = 100_000;
        config.meanGapNanos = 10_000;
        final MatchingCore core = new MatchingCore();
        final WorkloadGenerator generator = new WorkloadGenerator(7, config).observe(core.rules());
        final CommandEncoder encoder = new CommandEncoder();
        final EventBuffer events = new EventBuffer();
        final Histogram appendNanos = new Histogram(10_000_000_000L, 3);
        final JournalLayout layout = JournalLayout.createOrOpen(journal);
        // Issue 13: the replica follows the journal from the start and takes eight snapshots, the last one about
        // 10,000 commands before the end (the restart below starts from it); the business-thread way is timed at
        // 20,000 before the end, into a directory of its own, so the two never compete for one file.
        final long replicaEvery = Math.max(1, (commands - 10_000) / 8);
        final long businessAt = Math.max(1, commands - 20_000);
        final List<long[]> replicaSnapshots = new CopyOnWriteArrayList<>();
        final SnapshotStore replicaStore = new SnapshotStore(layout.snapshotDir(), replicaEvery, 0, 1)
            .listener((sequence, started, took) -> replicaSnapshots.add(new long[]{sequence, started, took}));
        final SnapshotStore businessStore = new SnapshotStore(dir.resolve("business-snapshots"), 0, 0, 1);
        final long[] commandStart = new long[commands + 1];
        final int[] commandNanos = new int[commands + 1];
        long records = 0;
        long businessSnapshotNanos = 0;
        long setupEnd = 0;
        final long writeStart = System.nanoTime();
        final SnapshotReplica replica;
        try (JournalWriter writer = JournalWriter.open(layout);
            JournalPretoucher pretoucher = pretouchBytes == 0 ? null : JournalPretoucher.start(writer, pretouchBytes);
            JournalWriteBehind writeBehind = JournalWriteBehind.start(writer, JournalWriteBehind.DEFAULT_CHUNK))
        {
            replica = SnapshotReplica.start(layout, replicaStore, core.correlationWindow(), 0, 0, 0, 0,
                error -> System.out.println("replica: " + error));
            for (int sequence = 1; sequence <= commands; sequence++)
            {
                final long commandBegin = System.nanoTime();
                final long time = generator.next(encoder);
                long start = System.nanoTime();
                writer.append(RecordKind.COMMAND, sequence, time, 0, 1, 1, Role.ADMIN, encoder.buffer(), 0,
                    encoder.length());
                appendNanos.recordValue(System.nanoTime() - start);
                core.apply(sequence, time, 1, Role.ADMIN, encoder.buffer(), 0, encoder.length(), events);
                final long seq = sequence;
                final int[] index = {0};
                final Histogram histogram = appendNanos;
                events.forEach((buffer, offset, length) ->
                {
                    final long t0 = System.nanoTime();
                    writer.append(RecordKind.EVENT, seq, time, index[0]++, 1, 1, Role.ADMIN, buffer, offset, length);
                    histogram.recordValue(System.nanoTime() - t0);
                });
                records += 1 + events.count();
                if (sequence == businessAt)
                {
                    // Taken on this (the writer's) thread, as gavel.snapshot.thread=business takes it.
                    final long snapshotStart = System.nanoTime();
                    businessStore.take(core, sequence, time, writer.lastIndex());
                    businessSnapshotNanos = System.nanoTime() - snapshotStart;
                }
                if (setupEnd == 0 && !generator.inSetup())
                {
                    setupEnd = sequence;
                }
                commandStart[sequence] = commandBegin;
                commandNanos[sequence] = (int)Math.min(Integer.MAX_VALUE, System.nanoTime() - commandBegin);
            }
        }
        final double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
        replica.close();
        System.out.printf("journal: %d commands, %d records written in %.1f s (%.0f records/s including the core)%n",
            commands, records, writeSeconds, records / writeSeconds);
        System.out.printf("pretouch: %s%n", pretouchBytes == 0 ? "off" : (pretouchBytes >> 20) + " MiB ahead");
        System.out.printf("append latency (ns): p50 %d, p99 %d, p99.9 %d, max %d (%d appends)%n",
            appendNanos.getValueAtPercentile(50), appendNanos.getValueAtPercentile(99),
            appendNanos.getValueAtPercentile(99.9), appendNanos.getMaxValue(), appendNanos.getTotalCount());
        System.out.printf("appends over 100 us: %d, over 1 ms: %d%n",
            appendNanos.getCountBetweenValues(100_000, appendNanos.getMaxValue()),
            appendNanos.getCountBetweenValues(1_000_000, appendNanos.getMaxValue()));
        printPauses(config, commands, commandStart, commandNanos, businessAt, businessSnapshotNanos,
            replicaSnapshots, setupEnd);

        // Twice: the first as `gavel journal verify` runs (a fresh JVM's compiler still at work on a short journal),
        // the second with the replay loop compiled.
        for (final String run : new String[]{"verify", "verify again"})
        {
            final long verifyStart = System.nanoTime();
            final JournalVerifier.Report report = JournalVerifier.verify(journal, null);
            final double verifySeconds = (System.nanoTime() - verifyStart) / 1e9;
            System.out.printf("%s: %s, %d records in %.1f s = %.0f records/s%n", run, report.verified() ? "verified" :
                report.failure, report.records, verifySeconds, report.records / verifySeconds);
        }

        final String aeronDir = dir.resolve("aeron").toString();
        try (MediaDriver driver = EmbeddedDriver.launch(aeronDir))
        {
            final long restartStart = System.nanoTime();
            final GavelEngine engine = GavelEngine.start(EngineConfig.defaults()
                .set("gavel.aeron.dir", driver.aeronDirectoryName()).set("gavel.journal.dir", journal.toString())
                .set("gavel.token.secret", "measure").set("gavel.snapshot.every", "0"));
            final double restartSeconds = (System.nanoTime() - restartStart) / 1e9;
            System.out.printf("restart: %.2f s (%s)%n", restartSeconds, engine.recovery());
            engine.close();
        }
        System.out.println("journal left in " + journal);
    }

}
