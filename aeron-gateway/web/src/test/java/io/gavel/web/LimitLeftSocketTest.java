package io.gavel.web;

import io.gavel.client.AuctionSettings;
import io.gavel.sbe.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.gavel.web.EdgeSocketTest.field;
import static io.gavel.web.WebHarness.AUCTION;
import static io.gavel.web.WebHarness.token;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 14: the bidder page's "limit left" comes from the engine (RequestBidderStatus, answered privately), on
 * hello and after the bidder's accepted bid and outbid, counted as OVER_LIMIT counts it (premium included), and
 * reaches only that bidder's sockets.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LimitLeftSocketTest
{
    @TempDir
    Path dir;

    @Test
    void theBiddersOwnLimitLeftArrivesOnHelloAfterItsBidAndAfterOutbid()
    {
        try (WebHarness harness = new WebHarness(dir);
            TestSocket eight = new TestSocket(harness.web.port(), harness.origin());
            TestSocket five = new TestSocket(harness.web.port(), harness.origin()))
        {
            // A 20% premium, so a count without it (the edge guessing from public events) would fail below.
            harness.accept(harness.admin.createAuction(AUCTION, AuctionSettings.live().premiumRateBps(2000)));
            harness.accept(harness.admin.addLot(AUCTION, 1, 100_00, 0, 0, 0));
            harness.accept(harness.admin.registerBidder(AUCTION, 8, 108, 500_00));
            harness.accept(harness.admin.approveBidder(AUCTION, 8));
            harness.accept(harness.admin.registerBidder(AUCTION, 5, 105, 0));
            harness.accept(harness.admin.approveBidder(AUCTION, 5));
            harness.accept(harness.admin.openLot(AUCTION, 1));

            eight.hello(token(8, Role.BIDDER), AUCTION).awaitType("snapshot");
            final String first = eight.awaitType("limit");
            assertEquals(500_00, field(first, "limit"), first);
            assertEquals(500_00, field(first, "left"), first);
            assertEquals(8, field(first, "bidder"), first);

            five.hello(token(5, Role.BIDDER), AUCTION).awaitType("snapshot");
            final String unlimited = five.awaitType("limit");
            assertTrue(unlimited.contains("\"limit\":null"), unlimited);

            final String opened = eight.await(m -> m.contains("\"state\":\"OPEN\""), "the open lot");
            final long ask = field(opened.substring(opened.indexOf("\"lot\":1")), "ask");
            final long version = field(opened.substring(opened.indexOf("\"lot\":1")), "askVersion");
            eight.send("{\"action\":\"bid\",\"id\":1,\"lot\":1,\"amount\":" + ask + ",\"askVersion\":" + version + "}");
            assertTrue(eight.awaitType("answer").contains("\"ok\":true"));
            final long leftAfterBid = 500_00 - (ask + ask * 2000 / 10_000);
            final String afterBid = eight.await(m -> m.startsWith("{\"t\":\"limit\"") &&
                m.contains("\"left\":" + leftAfterBid + "}"), "limit left after the bid, premium included");
            assertEquals(ask + ask * 2000 / 10_000, field(afterBid, "exposure"));

            final String bid = five.await(m -> m.contains("\"leader\":8"), "eight's bid");
            five.send("{\"action\":\"bid\",\"id\":2,\"lot\":1,\"amount\":" + field(bid, "ask") + ",\"askVersion\":" +
                field(bid, "askVersion") + "}");
            assertTrue(five.awaitType("answer").contains("\"ok\":true"));
            eight.awaitType("outbid");
            eight.await(m -> m.startsWith("{\"t\":\"limit\"") && m.contains("\"exposure\":0,"),
                "the whole limit back after outbid");
            // Private: five's page never hears eight's limit.
            assertTrue(five.messages.stream().noneMatch(m -> m.startsWith("{\"t\":\"limit\"") &&
                m.contains("\"bidder\":8")), five.messages::toString);
        }
    }
}
