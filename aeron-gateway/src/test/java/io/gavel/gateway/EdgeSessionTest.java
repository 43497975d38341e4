package io.gavel.gateway;

import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelListener;
import io.gavel.client.Response;
import io.gavel.sbe.OutbidDecoder;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.gavel.gateway.EndToEndTest.assertAccepted;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A web edge (Role.EDGE) bids for the bidders it verified over its one session, receives every private notice to
 * route per socket, and may do nothing else; an ordinary bidder's session still receives only its own notices.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EdgeSessionTest
{
    static final long AUCTION = 1;
    static final long LOT = 7;
    static final long EDGE = 800;

    @TempDir
    Path dir;

    @Test
    void anEdgeBidsForItsBiddersAndHearsTheirNoticesButRunsNoLot()
    {
        try (EngineHarness harness = new EngineHarness(dir);
            GavelClient admin = harness.client(900, Role.ADMIN, new GavelListener() {}))
        {
            assertAccepted(admin, admin.createAuction(AUCTION, AuctionSettings.live()));
            assertAccepted(admin, admin.addLot(AUCTION, LOT, 100_00, 0, 0, 0));
            for (final long bidder : new long[]{5, 6, 7})
            {
                assertAccepted(admin, admin.registerBidder(AUCTION, bidder, 100 + bidder, 0));
                assertAccepted(admin, admin.approveBidder(AUCTION, bidder));
            }
            assertAccepted(admin, admin.openLot(AUCTION, LOT));
            final List<Long> edgeOutbid = new ArrayList<>();
            final List<Long> otherOutbid = new ArrayList<>();
            final long[] ask = new long[2];
            try (GavelClient edge = harness.client(EDGE, Role.EDGE, new GavelListener()
                {
                    public void onOutbid(final OutbidDecoder event)
                    {
                        edgeOutbid.add(event.bidderId());
                    }
                });
                GavelClient seven = harness.client(7, Role.BIDDER, new GavelListener()
                {
                    public void onOutbid(final OutbidDecoder event)
                    {
                        otherOutbid.add(event.bidderId());
                    }

                    public void onBidAccepted(final io.gavel.sbe.BidAcceptedDecoder event)
                    {
                        ask[0] = event.ask();
                        ask[1] = event.askVersion();
                    }
                }))
            {
                assertAccepted(edge, edge.liveBid(AUCTION, LOT, 5, 100_00, 1));
                final Response second = edge.await(edge.liveBid(AUCTION, LOT, 6, 100_00, 1), Duration.ofSeconds(10));
                assertEquals(RejectReason.ASK_MOVED, second.reason(), second.toString());
                final Response stale = edge.await(edge.openLot(AUCTION, LOT), Duration.ofSeconds(10));
                assertEquals(RejectReason.NOT_AUTHORIZED, stale.reason(), "an edge runs no lot");
                final Response floor = edge.await(edge.floorBid(AUCTION, LOT, 106, 200_00, 0), Duration.ofSeconds(10));
                assertEquals(RejectReason.NOT_AUTHORIZED, floor.reason(), "an edge enters no floor bid");
                assertTrue(seven.pollUntil(() -> ask[0] > 100_00, Duration.ofSeconds(10)), "no public bid");
                assertAccepted(seven, seven.liveBid(AUCTION, LOT, 7, ask[0], (int)ask[1]));
                assertTrue(edge.pollUntil(() -> edgeOutbid.contains(5L), Duration.ofSeconds(10)),
                    "the edge was not told its bidder 5 was outbid");
                seven.pollUntil(() -> false, Duration.ofMillis(200));
                assertEquals(List.of(), otherOutbid, "bidder 7 heard another bidder's notice");
            }
        }
    }
}
