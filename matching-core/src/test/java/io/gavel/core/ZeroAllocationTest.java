package io.gavel.core;

import io.gavel.protocol.CommandEncoder;
import io.gavel.core.workload.WorkloadGenerator;
import io.gavel.sbe.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
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
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

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
        final long threadId = Thread.currentThread().getId();
        final StringBuilder windows = new StringBuilder();
        long best = Long.MAX_VALUE;
        for (int window = 0; window < 3 && best != 0; window++)
        {
            final long before = threads.getThreadAllocatedBytes(threadId);
            final long accepted = countAccepted(core, generator, encoder, out, sequence, 1_000_000);
            final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
            sequence += 1_000_000;
            windows.append(allocated).append(" bytes (").append(accepted).append(" accepted) ");
            assertTrue(accepted > 100_000, "the measured bids should mostly do real work: " + windows);
            assertTrue(allocated < 1_024, "1,000,000 bids allocated: " + windows);
            best = Math.min(best, allocated);
        }
        assertEquals(0, best, "no window of 1,000,000 bids after warm-up allocated nothing: " + windows);
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
