package io.gavel.perf;

import io.gavel.core.EventBuffer;
import io.gavel.core.MatchingCore;
import io.gavel.protocol.CommandEncoder;
import io.gavel.sbe.Format;
import io.gavel.sbe.RetractionPolicy;
import io.gavel.sbe.Role;
import io.gavel.sbe.TiePolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Bids per second through the core when every lot's proxy book is already deep, as the 60 s load run's lots become
 * (hundreds of maximums each): one TIMED auction of 1,000 lots, each holding {@code depth} maximums, one per
 * registered bidder; each bid is a random bidder of the book raising a random lot above its top, so it becomes the
 * leader and its old entry leaves from wherever it was. What the proxy book's insertion costs shows here, and not in
 * {@link CoreThroughputBenchmark}, whose lots attract crowds of 16.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DeepBookBenchmark
{
    static final int BATCH = 1_000;
    static final int LOTS = 1_000;
    private static final long AUCTION = 1;
    private static final long START_TIME = 1_000_000_000L;
    /** Above the largest increment of the default table, so every raise is at least the minimum acceptable bid. */
    private static final long STEP = 10_000;

    /** Maximums per lot, and bidders in the auction. */
    @Param({"16", "300"})
    public int depth;

    private final CommandEncoder encoder = new CommandEncoder();
    private final EventBuffer out = new EventBuffer();
    private final SplittableRandom random = new SplittableRandom(2026);
    private final long[] top = new long[LOTS + 1];
    private MatchingCore core;
    private long sequence;
    private long time = START_TIME;

    @Setup
    public void setUp()
    {
        core = new MatchingCore();
        encoder.createAuction(next(), AUCTION, Format.TIMED, "USD", 1_500, TiePolicy.EARLIEST_WINS,
            RetractionPolicy.NULL_VAL, false, 0, 0, -1, -1, new long[0], new long[0], 0);
        apply();
        for (int lot = 1; lot <= LOTS; lot++)
        {
            encoder.addLot(next(), AUCTION, lot, 100, 0, 0, START_TIME + 10_000_000L * 1_000_000_000L);
            apply();
        }
        for (int bidder = 1; bidder <= depth; bidder++)
        {
            encoder.registerBidder(next(), AUCTION, bidder, bidder, 0);
            apply();
            encoder.approveBidder(next(), AUCTION, bidder);
            apply();
        }
        // Each lot's book grows to one maximum per bidder, each new one leading.
        for (int bidder = 1; bidder <= depth; bidder++)
        {
            for (int lot = 1; lot <= LOTS; lot++)
            {
                top[lot] += STEP;
                encoder.maxBid(next(), AUCTION, lot, bidder, top[lot]);
                apply();
            }
        }
        for (int lot = 1; lot <= LOTS; lot++)
        {
            final int size = core.rules().auction(AUCTION).lot(lot).book().size();
            if (size != depth)
            {
                throw new IllegalStateException("lot " + lot + " holds " + size + " maximums, not " + depth);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int raiseTop()
    {
        int events = 0;
        for (int i = 0; i < BATCH; i++)
        {
            final int lot = 1 + random.nextInt(LOTS);
            top[lot] += STEP + random.nextInt((int)STEP);
            encoder.maxBid(next(), AUCTION, lot, 1 + random.nextInt(depth), top[lot]);
            events += apply();
        }
        return events;
    }

    private long next()
    {
        time += 1_000;
        return ++sequence;
    }

    private int apply()
    {
        return core.apply(sequence, time, 1, Role.ADMIN, encoder.buffer(), 0, encoder.length(), out);
    }
}
