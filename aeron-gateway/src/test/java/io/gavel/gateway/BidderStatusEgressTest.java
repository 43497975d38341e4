package io.gavel.gateway;

import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelListener;
import io.gavel.client.Response;
import io.gavel.sbe.BidderStatusDecoder;
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
 * A bidder's limit is private (issue 14): the engine's BidderStatus answer goes to the asking session only, like
 * LotStatus, and another bidder may not ask for it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BidderStatusEgressTest
{
    static final long AUCTION = 1;

    @TempDir
    Path dir;

    @Test
    void theAnswerReachesOnlyTheAskingSession()
    {
        try (EngineHarness harness = new EngineHarness(dir);
            GavelClient admin = harness.client(900, Role.ADMIN, new GavelListener() {}))
        {
            assertAccepted(admin, admin.createAuction(AUCTION, AuctionSettings.live()));
            assertAccepted(admin, admin.registerBidder(AUCTION, 5, 105, 300_00));
            assertAccepted(admin, admin.registerBidder(AUCTION, 6, 106, 0));
            final List<Long> fiveHeard = new ArrayList<>();
            final List<Long> sixHeard = new ArrayList<>();
            try (GavelClient five = harness.client(5, Role.BIDDER, new GavelListener()
                {
                    public void onBidderStatus(final BidderStatusDecoder event)
                    {
                        fiveHeard.add(event.biddingLimit());
                    }
                });
                GavelClient six = harness.client(6, Role.BIDDER, new GavelListener()
                {
                    public void onBidderStatus(final BidderStatusDecoder event)
                    {
                        sixHeard.add(event.biddingLimit());
                    }
                }))
            {
                assertAccepted(five, five.requestBidderStatus(AUCTION, 5));
                assertEquals(List.of(300_00L), fiveHeard, "the answer comes before the acceptance");
                final Response refused = six.await(six.requestBidderStatus(AUCTION, 5), Duration.ofSeconds(10));
                assertEquals(RejectReason.NOT_AUTHORIZED, refused.reason(), refused.toString());
                six.pollUntil(() -> false, Duration.ofMillis(200));
                assertEquals(List.of(), sixHeard, "bidder 6 heard bidder 5's limit");
            }
        }
    }
}
