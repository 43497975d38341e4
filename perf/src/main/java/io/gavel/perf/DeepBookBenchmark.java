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
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Bids through the core when every lot's proxy book is already deep, as the 60 s load run's lots become (hundreds of
 * maximums each): one TIMED auction of {@code lots} lots (1,000; {@code -p lots=10000} is the load run's count, whose
 * books no longer fit in the caches), each holding {@code depth} maximums, one per bidder. What the proxy book's
 * placement costs shows here, and not in {@link CoreThroughputBenchmark}, whose lots attract crowds of 16.
 * <ul>
 * <li>{@code raiseTop}: bids per second of a random bidder of the book raising a random lot above its top, so it
 * leads and its old entry leaves from wherever it was (the books keep their depth).</li>
 * <li>{@code join}: time per bid of new bidders joining at the top, as most of the load run's bids do: each
 * invocation (a fresh core each time) places {@value #JOIN_BIDS} new leaders, the same number on every lot (100
 * each of 1,000 lots), the books growing by as many.</li>
 * </ul>
 */
public class DeepBookBenchmark
{
    static final int BATCH = 1_000;
    static final int JOIN_BIDS = 100_000;
    private static final long AUCTION = 1;
    private static final long START_TIME = 1_000_000_000L;
    /** Above the largest increment of the default table, so every raise is at least the minimum acceptable bid. */
    private static final long STEP = 10_000;

    /** A core whose lots' books hold {@code depth} maximums each, and bidders registered for them and the joiners. */
    @State(Scope.Thread)
    public abstract static class Books
    {
        /** Maximums per lot at the start. */
        @Param({"16", "300"})
        public int depth;

        /** Lots in the auction; must divide {@value #JOIN_BIDS}. */
        @Param({"1000"})
        public int lots;

        final CommandEncoder encoder = new CommandEncoder();
        final EventBuffer out = new EventBuffer();
        final SplittableRandom random = new SplittableRandom(2026);
        long[] top;
        MatchingCore core;
        long sequence;
        long time = START_TIME;

        void build()
        {
            core = new MatchingCore();
            sequence = 0;
            time = START_TIME;
            if (JOIN_BIDS % lots != 0)
            {
                throw new IllegalArgumentException("lots must divide " + JOIN_BIDS + ": " + lots);
            }
            top = new long[lots + 1];
            encoder.createAuction(next(), AUCTION, Format.TIMED, "USD", 1_500, TiePolicy.EARLIEST_WINS,
                RetractionPolicy.NULL_VAL, false, 0, 0, -1, -1, new long[0], new long[0], 0);
            apply();
            for (int lot = 1; lot <= lots; lot++)
            {
                encoder.addLot(next(), AUCTION, lot, 100, 0, 0, START_TIME + 10_000_000L * 1_000_000_000L);
                apply();
            }
            for (int bidder = 1; bidder <= depth + joiners(); bidder++)
            {
                encoder.registerBidder(next(), AUCTION, bidder, bidder, 0);
                apply();
                encoder.approveBidder(next(), AUCTION, bidder);
                apply();
            }
            // Each lot's book grows to one maximum per bidder, each new one leading.
            for (int bidder = 1; bidder <= depth; bidder++)
            {
                for (int lot = 1; lot <= lots; lot++)
                {
                    raise(lot, bidder, STEP);
                }
            }
            checkDepth(depth);
        }

        /** New bidders per lot in one invocation of {@code join}. */
        int joiners()
        {
            return JOIN_BIDS / lots;
        }

        void checkDepth(final int expected)
        {
            for (int lot = 1; lot <= lots; lot++)
            {
                final int size = core.rules().auction(AUCTION).lot(lot).book().size();
                if (size != expected)
                {
                    throw new IllegalStateException("lot " + lot + " holds " + size + " maximums, not " + expected);
                }
            }
        }

        /** The bidder's new maximum on the lot: {@code step} above the lot's top. */
        int raise(final int lot, final long bidder, final long step)
        {
            top[lot] += step;
            encoder.maxBid(next(), AUCTION, lot, bidder, top[lot]);
            return apply();
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

    /** Built once: the raises keep every book at its depth. */
    @State(Scope.Thread)
    public static class Raising extends Books
    {
        @Setup(Level.Trial)
        public void setUp()
        {
            build();
        }
    }

    /** Built again before each invocation, since joining grows the books. */
    @State(Scope.Thread)
    public static class Joining extends Books
    {
        @Setup(Level.Iteration)
        public void setUp()
        {
            build();
        }

        @TearDown(Level.Iteration)
        public void tearDown()
        {
            checkDepth(depth + joiners());
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Fork(1)
    @OperationsPerInvocation(BATCH)
    public int raiseTop(final Raising books)
    {
        int events = 0;
        for (int i = 0; i < BATCH; i++)
        {
            final int lot = 1 + books.random.nextInt(books.lots);
            events += books.raise(lot, 1 + books.random.nextInt(books.depth), STEP + books.random.nextInt((int)STEP));
        }
        return events;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 5)
    @Measurement(iterations = 10)
    @Fork(1)
    @OperationsPerInvocation(JOIN_BIDS)
    public int join(final Joining books)
    {
        int events = 0;
        for (int joiner = 1; joiner <= books.joiners(); joiner++)
        {
            for (int lot = 1; lot <= books.lots; lot++)
            {
                events += books.raise(lot, books.depth + joiner, STEP);
            }
        }
        return events;
    }
}
