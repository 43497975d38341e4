package io.gavel.web;

import io.gavel.sbe.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.gavel.web.WebHarness.AUCTION;
import static io.gavel.web.WebHarness.token;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The edge as a browser meets it, over real sockets: a snapshot then events in sequence, one bid per ask, private
 * notices only on their bidder's sockets, a clerk console that runs the lot with the clerk's own authority.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EdgeSocketTest
{
    @TempDir
    Path dir;

    static long field(final String json, final String name)
    {
        final Matcher m = Pattern.compile("\"" + name + "\":(-?\\d+)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return Long.parseLong(m.group(1));
    }

    @Test
    void aLateJoinerGetsTheSnapshotThenEveryEventInSequence()
    {
        try (WebHarness harness = new WebHarness(dir).liveSale();
            TestSocket five = new TestSocket(harness.web.port(), harness.origin()))
        {
            harness.accept(harness.admin.openLot(AUCTION, 1));
            five.hello(token(5, Role.BIDDER), AUCTION);
            assertTrue(five.awaitType("welcome").contains("\"principal\":5"));
            final String snapshot = five.awaitType("snapshot");
            assertTrue(snapshot.contains("{\"lot\":1,\"state\":\"OPEN\""), snapshot);
            assertTrue(snapshot.contains("\"video\":\"https://video.example/embed/sale1\""), snapshot);
            final long seq = field(snapshot, "seq");
            final Matcher ask = Pattern.compile("\"lot\":1,\"state\":\"OPEN\",\"leader\":0,\"price\":(\\d+),\"ask\":" +
                "(\\d+),\"askVersion\":(\\d+)").matcher(snapshot);
            assertTrue(ask.find(), snapshot);
            five.send("{\"action\":\"bid\",\"id\":1,\"lot\":1,\"amount\":" + ask.group(2) + ",\"askVersion\":" +
                ask.group(3) + "}");
            assertTrue(five.awaitType("answer").contains("\"ok\":true"));
            final String bid = five.awaitType("bid");
            assertEquals(seq + 1, field(bid, "seq"), "the first event after the snapshot is the next in sequence");
            assertEquals(105, field(bid, "paddle"));
            assertTrue(bid.contains("\"source\":\"INTERNET\""), bid);
        }
    }

    @Test
    void twoBiddersRaceForOneAskExactlyOneWinsAndOnlyTheLoserIsToldAndOnlyTheOutbidHearsIt()
    {
        try (WebHarness harness = new WebHarness(dir).liveSale();
            TestSocket five = new TestSocket(harness.web.port(), harness.origin());
            TestSocket six = new TestSocket(harness.web.port(), harness.origin());
            TestSocket seven = new TestSocket(harness.web.port(), harness.origin()))
        {
            harness.accept(harness.admin.openLot(AUCTION, 1));
            for (final TestSocket socket : List.of(five, six, seven))
            {
                socket.hello(token(List.of(five, six, seven).indexOf(socket) + 5, Role.BIDDER), AUCTION);
                socket.awaitType("snapshot");
            }
            final String snapshot = five.awaitType("snapshot");
            final Matcher ask = Pattern.compile("\"lot\":1,\"state\":\"OPEN\",\"leader\":0,\"price\":\\d+,\"ask\":" +
                "(\\d+),\"askVersion\":(\\d+)").matcher(snapshot);
            assertTrue(ask.find(), snapshot);
            final String bid = "{\"action\":\"bid\",\"id\":1,\"lot\":1,\"amount\":" + ask.group(1) +
                ",\"askVersion\":" + ask.group(2) + "}";
            five.send(bid);
            six.send(bid);
            final String a5 = five.awaitType("answer");
            final String a6 = six.awaitType("answer");
            assertTrue(a5.contains("\"ok\":true") ^ a6.contains("\"ok\":true"), a5 + " / " + a6);
            assertTrue((a5 + a6).contains("\"reason\":\"ASK_MOVED\""), a5 + " / " + a6);
            final TestSocket winner = a5.contains("\"ok\":true") ? five : six;
            final TestSocket loser = winner == five ? six : five;
            // Seven outbids the winner: the winner alone is told.
            final String after = seven.awaitType("bid");
            seven.send("{\"action\":\"bid\",\"id\":2,\"lot\":1,\"amount\":" + field(after, "ask") +
                ",\"askVersion\":" + field(after, "askVersion") + "}");
            assertTrue(seven.awaitType("answer").contains("\"ok\":true"));
            assertTrue(winner.awaitType("outbid").contains("\"bidder\":" + (winner == five ? 5 : 6)));
            seven.await(m -> m.contains("\"leader\":7"), "seven's bid event");
            loser.await(m -> m.contains("\"leader\":7"), "seven's bid event");
            assertTrue(loser.messages.stream().noneMatch(m -> m.contains("\"t\":\"outbid\"")), loser.messages::toString);
            assertTrue(seven.messages.stream().noneMatch(m -> m.contains("\"t\":\"outbid\"")), seven.messages::toString);
        }
    }

    @Test
    void aClerkRunsTheLotWithItsOwnAuthorityAndEveryPageSeesIt()
    {
        try (WebHarness harness = new WebHarness(dir).liveSale();
            TestSocket clerk = new TestSocket(harness.web.port(), harness.origin());
            TestSocket stranger = new TestSocket(harness.web.port(), harness.origin());
            TestSocket five = new TestSocket(harness.web.port(), harness.origin()))
        {
            clerk.hello(token(50, Role.CLERK), AUCTION).awaitType("snapshot");
            five.hello(token(5, Role.BIDDER), AUCTION).awaitType("snapshot");
            clerk.send("{\"action\":\"open\",\"id\":1,\"lot\":1}");
            assertTrue(clerk.awaitType("answer").contains("\"ok\":true"));
            final String opened = five.awaitType("opened");
            clerk.send("{\"action\":\"floor\",\"id\":2,\"lot\":1,\"paddle\":106,\"amount\":" + field(opened, "ask") +
                ",\"askVersion\":" + field(opened, "askVersion") + "}");
            final String floor = five.await(m -> m.contains("\"source\":\"FLOOR\""), "the floor bid");
            assertEquals(106, field(floor, "paddle"));
            clerk.send("{\"action\":\"warn\",\"id\":3,\"lot\":1}");
            five.awaitType("warning");
            clerk.send("{\"action\":\"hammer\",\"id\":4,\"lot\":1}");
            final String sold = five.awaitType("sold");
            assertEquals(field(floor, "price"), field(sold, "price"));
            // A clerk not assigned to this auction: the engine refuses, not the edge.
            stranger.hello(token(51, Role.CLERK), AUCTION).awaitType("snapshot");
            stranger.send("{\"action\":\"open\",\"id\":9,\"lot\":2}");
            assertTrue(stranger.awaitType("answer").contains("\"reason\":\"NOT_AUTHORIZED\""));
            // A bidder cannot run a lot through the edge: not an action a bidder has.
            five.send("{\"action\":\"open\",\"id\":5,\"lot\":2}");
            assertTrue(five.awaitType("error").contains("\"code\":\"unknown_action\""));
        }
    }

    @Test
    void theWinnerAloneHearsWonThenSaleSettled()
    {
        try (WebHarness harness = new WebHarness(dir).liveSale();
            TestSocket five = new TestSocket(harness.web.port(), harness.origin());
            TestSocket six = new TestSocket(harness.web.port(), harness.origin());
            io.gavel.client.GavelClient settlement = io.gavel.client.GavelClient.connect(
                new io.gavel.client.GavelClient.Context().aeron(harness.aeron)
                    .token(token(800, Role.SETTLEMENT)).timeout(java.time.Duration.ofSeconds(10))))
        {
            five.hello(token(5, Role.BIDDER), AUCTION).awaitType("snapshot");
            six.hello(token(6, Role.BIDDER), AUCTION).awaitType("snapshot");
            harness.accept(harness.admin.openLot(AUCTION, 1));
            final String opened = five.awaitType("opened");
            five.send("{\"action\":\"bid\",\"id\":1,\"lot\":1,\"amount\":" + field(opened, "ask") +
                ",\"askVersion\":" + field(opened, "askVersion") + "}");
            assertTrue(five.awaitType("answer").contains("\"ok\":true"));
            harness.accept(harness.admin.fairWarning(AUCTION, 1));
            harness.accept(harness.admin.hammer(AUCTION, 1));
            final String won = five.awaitType("won");
            assertEquals(1, field(won, "lot"));
            assertEquals(5, field(won, "bidder"));
            final io.gavel.client.Response paid = settlement.await(
                settlement.settlementResult(AUCTION, 1, io.gavel.sbe.PaymentResult.PAID), java.time.Duration.ofSeconds(10));
            assertTrue(paid != null && paid.accepted(), String.valueOf(paid));
            final String settled = five.awaitType("settled");
            assertEquals(1, field(settled, "lot"));
            assertEquals(5, field(settled, "bidder"));
            assertTrue(settled.contains("\"result\":\"PAID\""), settled);
            // Six, watching the same sale, saw the public SOLD but neither private notice.
            six.awaitType("sold");
            six.send("{\"action\":\"sync\"}");
            // The edge's one thread routed both notices before it answers this sync: any misrouted one is here now.
            six.await(m -> six.messages.stream().filter(x -> x.startsWith("{\"t\":\"snapshot\"")).count() >= 2,
                "the second snapshot");
            assertTrue(six.messages.stream().noneMatch(m -> m.contains("\"t\":\"won\"") ||
                m.contains("\"t\":\"settled\"")), six.messages::toString);
        }
    }
}
