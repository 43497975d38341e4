package io.gavel.perf.load;

import io.gavel.protocol.CommandEncoder;
import io.gavel.core.EventBuffer;
import io.gavel.core.MatchingCore;
import io.gavel.sbe.Format;
import io.gavel.sbe.RetractionPolicy;
import io.gavel.sbe.Role;
import io.gavel.sbe.TiePolicy;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The scale run: a core holding many open lots and registrations, measured as heap used after a full GC, so bytes
 * per lot and per registered bidder can be extrapolated to a 4 GiB heap.
 */
public final class Footprint
{
    private Footprint()
    {
    }

    public static void run(final int auctions, final int lots, final int bidders, final int bidsPerLot,
        final PrintStream out)
    {
        final long empty = usedAfterGc();
        final MatchingCore core = new MatchingCore();
        final CommandEncoder encoder = new CommandEncoder();
        final EventBuffer events = new EventBuffer();
        long sequence = 0;
        final long end = Long.MAX_VALUE / 2;
        for (int a = 1; a <= auctions; a++)
        {
            encoder.createAuction(++sequence, a, Format.TIMED, "USD", 0, TiePolicy.EARLIEST_WINS,
                RetractionPolicy.NULL_VAL, false, 0, 0, 0, 0, new long[0], new long[0], 0);
            core.apply(sequence, 1, 1, Role.ADMIN, encoder.buffer(), 0, encoder.length(), events);
        }
        final long withAuctions = usedAfterGc();
        final int lotsPerAuction = lots / auctions;
        for (int a = 1; a <= auctions; a++)
        {
            for (int lot = 1; lot <= lotsPerAuction; lot++)
            {
                encoder.addLot(++sequence, a, lot, 100, 0, 0, end);
                core.apply(sequence, 1, 1, Role.ADMIN, encoder.buffer(), 0, encoder.length(), events);
            }
        }
        final long withLots = usedAfterGc();
        final int biddersPerAuction = bidders / auctions;
        for (int a = 1; a <= auctions; a++)
        {
            for (int b = 1; b <= biddersPerAuction; b++)
            {
                encoder.registerBidder(++sequence, a, b, b, 0);
                core.apply(sequence, 1, 1, Role.ADMIN, encoder.buffer(), 0, encoder.length(), events);
                encoder.approveBidder(++sequence, a, b);
                core.apply(sequence, 1, 1, Role.ADMIN, encoder.buffer(), 0, encoder.length(), events);
            }
        }
        final long withBidders = usedAfterGc();
        for (int round = 0; round < bidsPerLot; round++)
        {
            for (int a = 1; a <= auctions; a++)
            {
                for (int lot = 1; lot <= lotsPerAuction; lot++)
                {
                    encoder.maxBid(++sequence, a, lot, 1 + (lot * 31L + round) % biddersPerAuction, 200 + round * 100L);
                    core.apply(sequence, 1, 1, Role.ADMIN, encoder.buffer(), 0, encoder.length(), events);
                }
            }
        }
        final long withBids = usedAfterGc();
        final double perLot = (withLots - withAuctions) / (double)(lotsPerAuction * auctions);
        final double perBidder = (withBidders - withLots) / (double)(biddersPerAuction * auctions);
        final double perBid = bidsPerLot == 0 ? 0 : (withBids - withBidders) / (double)(lots * (long)bidsPerLot);
        out.printf(Locale.ROOT, "heap after GC: empty %.1f MB, %d auctions %.1f MB, + %,d lots %.1f MB, " +
            "+ %,d registrations %.1f MB, + %d maximums per lot %.1f MB%n", empty / 1e6, auctions, withAuctions / 1e6,
            lots, withLots / 1e6, bidders, withBidders / 1e6, bidsPerLot, withBids / 1e6);
        out.printf(Locale.ROOT, "bytes per open lot %.0f, per registered bidder %.0f, per book entry %.0f%n", perLot,
            perBidder, perBid);
        final double goal = 1_000_000 * perLot + 10_000_000 * perBidder;
        out.printf(Locale.ROOT, "1M open lots and 10M registrations would take %.2f GiB (goal: fit in 4 GiB)%n",
            goal / (1L << 30));
        if (core.rules().auctions().isEmpty())
        {
            throw new IllegalStateException("nothing was built");
        }
    }

    private static long usedAfterGc()
    {
        for (int i = 0; i < 3; i++)
        {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
