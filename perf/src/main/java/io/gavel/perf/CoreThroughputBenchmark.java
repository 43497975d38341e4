package io.gavel.perf;

import io.gavel.protocol.CommandEncoder;
import io.gavel.core.EventBuffer;
import io.gavel.core.MatchingCore;
import io.gavel.core.workload.WorkloadGenerator;
import io.gavel.sbe.Role;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Bids per second through the core on one thread: decode the SBE command, apply the rules, encode the events. 10,000
 * open lots (10 auctions of 1,000) and 100,000 registered bidders; the seeded workload bids on random lots, TIMED
 * maximums and LIVE bids at the ask. Each operation is one bid, and includes generating and encoding that bid.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CoreThroughputBenchmark
{
    static final int BATCH = 1_000;

    private final CommandEncoder encoder = new CommandEncoder();
    private final EventBuffer out = new EventBuffer();
    private MatchingCore core;
    private WorkloadGenerator generator;
    private long sequence;

    @Setup
    public void setUp()
    {
        final WorkloadGenerator.Config config = new WorkloadGenerator.Config().auctions(10, 1_000, 10_000);
        config.bidsOnly = true;
        config.liveEvery = 5;
        config.timedLotSeconds = 10_000_000;
        core = new MatchingCore();
        generator = new WorkloadGenerator(2026, config).observe(core.rules());
        while (generator.inSetup())
        {
            final long time = generator.next(encoder);
            core.apply(++sequence, time, 1, Role.ADMIN, encoder.buffer(), 0, encoder.length(), out);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int bids()
    {
        int events = 0;
        for (int i = 0; i < BATCH; i++)
        {
            final long time = generator.next(encoder);
            events += core.apply(++sequence, time, 1, Role.ADMIN, encoder.buffer(), 0, encoder.length(), out);
        }
        return events;
    }

    /** The workload generator alone (choose and encode a bid): what {@link #bids()} spends outside the core. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long generateOnly()
    {
        long sum = 0;
        for (int i = 0; i < BATCH; i++)
        {
            sum += generator.next(encoder) + encoder.length();
        }
        return sum;
    }
}
