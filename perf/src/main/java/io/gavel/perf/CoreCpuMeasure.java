package io.gavel.perf;

import io.gavel.core.EventBuffer;
import io.gavel.core.MatchingCore;
import io.gavel.core.workload.WorkloadGenerator;
import io.gavel.protocol.CommandEncoder;
import io.gavel.sbe.Role;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Bids per CPU-second of the bidding thread, on the workload of {@link CoreThroughputBenchmark} (10,000 open lots,
 * 100,000 registrations, the same seed): a figure that a busy machine disturbs much less than wall-clock throughput,
 * so two builds can be compared on a shared machine. Usage: {@code CoreCpuMeasure [rounds] [bidsPerRound]}; prints
 * each round, the median, and the events and state hash at the end (equal for builds that behave alike). Uses only
 * public API, so it can be compiled against an older build's jar to measure that build.
 */
public final class CoreCpuMeasure
{
    private CoreCpuMeasure()
    {
    }

    public static void main(final String[] args)
    {
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        final int bids = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
        final WorkloadGenerator.Config config = new WorkloadGenerator.Config().auctions(10, 1_000, 10_000);
        config.bidsOnly = true;
        config.liveEvery = 5;
        config.timedLotSeconds = 10_000_000;
        final MatchingCore core = new MatchingCore();
        final WorkloadGenerator generator = new WorkloadGenerator(2026, config).observe(core.rules());
        final CommandEncoder encoder = new CommandEncoder();
        final EventBuffer out = new EventBuffer();
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sequence = 0;
        while (generator.inSetup())
        {
            final long time = generator.next(encoder);
            core.apply(++sequence, time, 1, Role.ADMIN, encoder.buffer(), 0, encoder.length(), out);
        }
        final double[] rates = new double[rounds];
        long events = 0;
        for (int round = -2; round < rounds; round++)
        {
            final long cpu = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < bids; i++)
            {
                final long time = generator.next(encoder);
                events += core.apply(++sequence, time, 1, Role.ADMIN, encoder.buffer(), 0, encoder.length(), out);
            }
            final double rate = bids * 1e9 / (threads.getCurrentThreadCpuTime() - cpu);
            System.out.printf("round %d: %.2f M bids per CPU-second%n", round, rate / 1e6);
            if (round >= 0)
            {
                rates[round] = rate;
            }
        }
        java.util.Arrays.sort(rates);
        // Events and state hash: two builds that should behave alike must print the same.
        System.out.printf("median of %d rounds (after 2 warm-up rounds): %.2f M bids per CPU-second (%d events, "
            + "state hash %016x)%n", rounds, rates[rounds / 2] / 1e6, events, core.stateHash());
    }
}
