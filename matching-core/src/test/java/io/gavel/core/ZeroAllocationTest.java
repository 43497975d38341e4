package io.gavel.core;

import io.gavel.protocol.CommandEncoder;
import io.gavel.core.workload.WorkloadGenerator;
import io.gavel.sbe.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No allocation on the steady-state bid path: after warm-up, one million bids over 10,000 lots (decode, rules,
 * encode events) allocate zero bytes on the core's thread, by the thread's own allocated-bytes counter.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ZeroAllocationTest
{
    @Test
    void millionBidsOverTenThousandLotsAllocateNothing()
    {
        ThreadAllocation.assertSupported();

        // 10 auctions x 1,000 lots = 10,000 open lots; 10,000 bidders per auction = 100,000 registrations.
        final WorkloadGenerator.Config config = new WorkloadGenerator.Config().auctions(10, 1_000, 10_000);
        config.bidsOnly = true;
        config.liveEvery = 5;
        config.timedLotSeconds = 1_000_000;
        final MatchingCore core = new MatchingCore();
        final WorkloadGenerator generator = new WorkloadGenerator(11, config).observe(core.rules());
        final CommandEncoder encoder = new CommandEncoder();
        final EventBuffer out = new EventBuffer();

        long sequence = 0;
        while (generator.inSetup())
        {
            final long time = generator.next(encoder);
            core.apply(++sequence, time, 1, Role.ADMIN, encoder.buffer(), 0, encoder.length(), out);
        }
        sequence = applyBids(core, generator, encoder, out, sequence, 2_000_000);

        // A rare JIT event (a deoptimisation rematerialising an object) can charge a few bytes to this thread while
        // it runs; that is not the bid path allocating. So: up to three windows of 1,000,000 bids, one of which must
        // allocate exactly nothing, and none may allocate more than a few hundred bytes (one allocation per bid
        // would show as 16 MB or more in every window).
        final StringBuilder windows = new StringBuilder();
        final long[] result = new long[1];
        long best = Long.MAX_VALUE;
        for (int window = 0; window < 3 && best != 0; window++)
        {
            final long first = sequence;
            final long allocated = ThreadAllocation.during(
                () -> countAccepted(core, generator, encoder, out, first, 1_000_000), result);
            final long accepted = result[0];
            sequence += 1_000_000;
            windows.append(allocated).append(" bytes (").append(accepted).append(" accepted) ");
            assertTrue(accepted > 100_000, "the measured bids should mostly do real work: " + windows);
            assertTrue(allocated < 1_024, "1,000,000 bids allocated: " + windows);
            best = Math.min(best, allocated);
        }
        assertEquals(0, best, "no window of 1,000,000 bids after warm-up allocated nothing: " + windows);
    }

    /**
     * Books that keep growing while lots close and open: 1,000 lots (TIMED maximums and LIVE commission books) with
     * 1,000 possible bidders each, so books move to bigger blocks of the arena in every window of 100,000 bids (the
     * largest goes from about 30 to 95, 125, 145 maximums); TIMED lots end throughout (engine time runs 10 s a window,
     * lots end between 12 s and 36 s, later when bids extend them); and one command in 1,000 runs a LIVE auction, so
     * LIVE lots open (entering their commission books, of a hundred maximums and more, into their ladders), take bids
     * at the ask and are hammered. Before the arena each such growth allocated a new array per book or ladder (this
     * test then fails in its first window). The arena is sized up front, which a warm-up cannot do for books that are
     * still growing; its blocks then come from its unused tail and from the blocks books gave back when they grew.
     */
    @Test
    void growingBooksAndClosingLotsAllocateNothing()
    {
        final WorkloadGenerator.Config config = new WorkloadGenerator.Config().auctions(10, 100, 1_000);
        config.bidsOnly = true;
        config.liveEvery = 5;
        config.crowdPerLot = 0;
        config.timedLotSeconds = 24;
        config.meanGapNanos = 100_000;
        config.liveControlPerMille = 1;
        final MatchingCore core = new MatchingCore();
        // Every lot's book blocks on the way to 512 entries (512 + 256 + ... + 4 < 1,024 entries), all at once, and
        // the ladders of the 200 LIVE lots (a lot opening enters its commission book into its ladder).
        core.rules().reserveBookEntries(1_000 * 1_024 + 200 * 512);
        final WorkloadGenerator generator = new WorkloadGenerator(13, config).observe(core.rules());
        final CommandEncoder encoder = new CommandEncoder();
        // Opening a LIVE lot answers with an event per commission bidder: the output buffer is sized for the largest
        // answer up front too (it would grow once, to the largest, and never again).
        final EventBuffer out = new EventBuffer(1 << 20);
        long sequence = 0;
        while (generator.inSetup())
        {
            final long time = generator.next(encoder);
            core.apply(++sequence, time, 1, Role.ADMIN, encoder.buffer(), 0, encoder.length(), out);
        }
        // Warm-up: until LIVE lots have both sold and passed (the first pass loads PassReason: 11 KB, once).
        int warmUp = 0;
        while (warmUp < 20_000 || !liveLotsSoldAndPassed(core))
        {
            sequence = applyBids(core, generator, encoder, out, sequence, 5_000);
            warmUp += 5_000;
            assertTrue(warmUp <= 100_000, "no LIVE lot was both sold and passed in the warm-up");
        }
        final long arenaBytes = core.rules().bookArenaBytes();

        final StringBuilder windows = new StringBuilder();
        final long[] result = new long[1];
        long best = Long.MAX_VALUE;
        for (int window = 0; window < 3; window++)
        {
            final int largestBefore = largestBook(core);
            final int liveClosedBefore = liveLotsClosed(core);
            final long first = sequence;
            final long allocated = ThreadAllocation.during(
                () -> countAccepted(core, generator, encoder, out, first, 100_000), result);
            final long accepted = result[0];
            sequence += 100_000;
            windows.append(allocated).append(" bytes (").append(accepted).append(" accepted, largest book ")
                .append(largestBefore).append(" -> ").append(largestBook(core)).append(", ")
                .append(closedLots(core)).append(" lots closed, ").append(liveLotsClosed(core) - liveClosedBefore)
                .append(" LIVE lots opened and hammered) ");
            assertTrue(accepted > 10_000, "the measured bids should do real work: " + windows);
            assertTrue(largestBook(core) > largestBefore, "books should still be growing: " + windows);
            assertTrue(liveLotsClosed(core) - liveClosedBefore >= 10, "LIVE lots should open and close: " + windows);
            assertTrue(allocated < 1_024, "100,000 bids on growing books allocated: " + windows);
            best = Math.min(best, allocated);
        }
        assertTrue(closedLots(core) > 100, "lots should close during the run: " + windows);
        assertEquals(0, best, "no window of 100,000 bids on growing books allocated nothing: " + windows);
        assertEquals(arenaBytes, core.rules().bookArenaBytes(), "the reserved arena should not have grown");
    }

    private static int largestBook(final MatchingCore core)
    {
        int largest = 0;
        for (final io.gavel.core.rules.Auction auction : core.rules().auctions())
        {
            for (long lotId = 1; auction.lot(lotId) != null; lotId++)
            {
                largest = Math.max(largest, auction.lot(lotId).book().size());
            }
        }
        return largest;
    }

    private static boolean liveLotsSoldAndPassed(final MatchingCore core)
    {
        boolean sold = false;
        boolean passed = false;
        for (final io.gavel.core.rules.Auction auction : core.rules().auctions())
        {
            for (long lotId = 1; !auction.isTimed() && auction.lot(lotId) != null; lotId++)
            {
                sold |= auction.lot(lotId).state() == io.gavel.sbe.LotState.SOLD;
                passed |= auction.lot(lotId).state() == io.gavel.sbe.LotState.PASSED;
            }
        }
        return sold && passed;
    }

    private static int liveLotsClosed(final MatchingCore core)
    {
        int closed = 0;
        for (final io.gavel.core.rules.Auction auction : core.rules().auctions())
        {
            for (long lotId = 1; !auction.isTimed() && auction.lot(lotId) != null; lotId++)
            {
                closed += auction.lot(lotId).isClosed() ? 1 : 0;
            }
        }
        return closed;
    }

    private static int closedLots(final MatchingCore core)
    {
        int closed = 0;
        for (final io.gavel.core.rules.Auction auction : core.rules().auctions())
        {
            for (long lotId = 1; auction.lot(lotId) != null; lotId++)
            {
                closed += auction.lot(lotId).isClosed() ? 1 : 0;
            }
        }
        return closed;
    }

    private static long applyBids(final MatchingCore core, final WorkloadGenerator generator,
        final CommandEncoder encoder, final EventBuffer out, final long from, final int count)
    {
        long sequence = from;
        for (int i = 0; i < count; i++)
        {
            final long time = generator.next(encoder);
            core.apply(++sequence, time, 1, Role.ADMIN, encoder.buffer(), 0, encoder.length(), out);
        }
        return sequence;
    }

    /** The measured loop: the same work, plus counting accepted bids without allocating. Sequences continue. */
    private static long countAccepted(final MatchingCore core, final WorkloadGenerator generator,
        final CommandEncoder encoder, final EventBuffer out, final long from, final int count)
    {
        long sequence = from;
        long accepted = 0;
        for (int i = 0; i < count; i++)
        {
            final long time = generator.next(encoder);
            // More than one event means the bid changed the lot (BidAccepted and its response, at least).
            if (core.apply(++sequence, time, 1, Role.ADMIN, encoder.buffer(), 0, encoder.length(), out) > 1)
            {
                accepted++;
            }
        }
        return accepted;
    }
}
