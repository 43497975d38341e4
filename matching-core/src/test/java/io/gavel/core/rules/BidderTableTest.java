package io.gavel.core.rules;

import io.gavel.core.EventBuffer;
import io.gavel.core.MatchingCore;
import io.gavel.core.workload.WorkloadGenerator;
import io.gavel.protocol.CommandEncoder;
import io.gavel.sbe.Role;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BidderTable finds exactly what was added, dense or hashed ids alike, and its slots' copies of each bidder's paddle,
 * approval and limit always say what the bidder's own fields say (the flags are derived, never state of their own).
 */
class BidderTableTest
{
    @Property(tries = 300)
    void findsWhatWasAddedWithItsHotFields(
        @ForAll @Size(max = 300) final List<@LongRange(min = -5, max = 2_000) Long> small,
        @ForAll @Size(max = 50) final List<Long> anyIds)
    {
        final BidderTable table = new BidderTable();
        final Map<Long, Bidder> model = new HashMap<>();
        int i = 0;
        for (final List<Long> ids : List.of(small, anyIds))
        {
            for (final long id : ids)
            {
                if (!model.containsKey(id))
                {
                    i++;
                    final Bidder bidder = new Bidder(id, 10_000 + i, i % 3 == 0 ? 5_000 : 0);
                    bidder.status = BidderStatus.values()[i % 3];
                    table.add(bidder);
                    model.put(id, bidder);
                }
                else
                {
                    // A status change is written through update, as Auction.setStatus does.
                    final Bidder bidder = model.get(id);
                    bidder.status = BidderStatus.values()[(bidder.status.ordinal() + 1) % 3];
                    table.update(bidder);
                }
                for (final Map.Entry<Long, Bidder> entry : model.entrySet())
                {
                    final Bidder bidder = entry.getValue();
                    final int position = table.find(entry.getKey());
                    assertTrue(position != BidderTable.ABSENT, "id " + entry.getKey());
                    assertSame(bidder, table.bidderAt(position));
                    assertEquals(bidder.paddle, table.paddleAt(position));
                    assertEquals(bidder.status == BidderStatus.APPROVED, table.approvedAt(position));
                    assertEquals(bidder.hasLimit(), table.limitedAt(position));
                }
                if (!model.containsKey(id + 1_000_003))
                {
                    assertEquals(BidderTable.ABSENT, table.find(id + 1_000_003), "an id never added");
                }
                assertEquals(model.size(), table.size());
                assertTrue(table.matchesBidders());
            }
        }
    }

    @Test
    void slotsFollowApprovalsAndSuspensionsThroughASaleAndASnapshot()
    {
        final MatchingCore core = new MatchingCore();
        final WorkloadGenerator.Config config = new WorkloadGenerator.Config().auctions(4, 20, 300);
        final WorkloadGenerator generator = new WorkloadGenerator(11, config).observe(core.rules());
        final CommandEncoder encoder = new CommandEncoder();
        final EventBuffer out = new EventBuffer();
        int suspended = 0;
        for (int sequence = 1; sequence <= 30_000; sequence++)
        {
            final long time = generator.next(encoder);
            core.apply(sequence, time, 1, Role.ADMIN, encoder.buffer(), 0, encoder.length(), out);
        }
        for (final Auction auction : core.rules().auctions())
        {
            assertTrue(auction.bidderTable().matchesBidders(), "auction " + auction.id);
            for (final Bidder bidder : auction.bidders)
            {
                suspended += bidder.status == BidderStatus.SUSPENDED ? 1 : 0;
            }
        }
        assertTrue(suspended > 0, "the workload suspended someone");
    }
}
