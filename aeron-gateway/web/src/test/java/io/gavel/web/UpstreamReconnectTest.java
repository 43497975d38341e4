package io.gavel.web;

import io.gavel.sbe.Role;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import static io.gavel.web.NorthSouthEdge.NORTH_AUCTION;
import static io.gavel.web.NorthSouthEdge.SOUTH_AUCTION;
import static io.gavel.web.EdgeSocketTest.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edge's own session with a shard that goes away (a cluster with no leader, an engine that stopped) is lost and
 * reopened off the edge thread: meanwhile the other shard's bids on the same edge are answered promptly, the gone
 * shard's sockets are told it is reconnecting and their bids are refused at once, and once the shard is back its
 * sockets get a fresh snapshot and bid again, without restarting the edge. The edge fronts a shard directory of an
 * engine (north, auction 7) and a one-member cluster in this JVM (south, auction 107, client timeout 2 s).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class UpstreamReconnectTest
{
    /**
     * How long a healthy shard's bid may take to be answered while the other shard is gone: generous for a loaded
     * machine, and well under what the edge thread used to wait (5 s per send to a stopped engine; 3 x 2 s per poll
     * reconnecting a cluster session with no leader).
     */
    private static final long PROMPT_MILLIS = 2_500;

    @TempDir
    Path dir;

    private NorthSouthEdge shards;

    @AfterEach
    void stop()
    {
        CloseHelper.quietClose(shards);
    }

    @Test
    void aClusterShardWithNoLeaderHoldsUpNoBidOnTheEngineShardAndComesBack() throws IOException
    {
        shards = NorthSouthEdge.start(dir, "2000", false);
        try (TestSocket five = shards.socket(); TestSocket six = shards.socket(); TestSocket gone = shards.socket())
        {
            final Ask northAsk = new Ask(five.hello(WebHarness.token(5, Role.BIDDER), NORTH_AUCTION)
                .awaitType("snapshot"));
            six.hello(WebHarness.token(6, Role.BIDDER), NORTH_AUCTION).awaitType("snapshot");
            final Ask southAsk = new Ask(gone.hello(WebHarness.token(5, Role.BIDDER), SOUTH_AUCTION)
                .awaitType("snapshot"));
            final long stopped = System.nanoTime();
            shards.stopSouth();
            // A bid in flight: the cluster client holds it (no leader) until the session is lost with it.
            gone.send("{\"action\":\"bid\",\"id\":70,\"lot\":1,\"amount\":" + southAsk.amount +
                ",\"askVersion\":" + southAsk.version + "}");
            // Aeron Cluster ends the edge's south session some seconds after its only member stopped (17-29 s in
            // ClerkConsoleOpeningTest); on the old code the edge then reconnected it inside its poll, 3 x 2 s each
            // cycle, and north's bids waited. North bids until south's sockets hear that south is reconnecting, and
            // a few times after.
            final long slowest = bidUntil(northAsk, five, six, stopped, gone, "shard south (cluster)");
            System.out.printf("UPSTREAM RECONNECT: south's loss told %d ms after its member stopped; north's " +
                "slowest answer meanwhile %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped),
                slowest);
            final String reconnecting = gone.await(m -> m.startsWith("{\"t\":\"upstream\""), "reconnecting");
            assertTrue(reconnecting.contains("\"state\":\"reconnecting\"") &&
                reconnecting.contains("no cluster leader"), reconnecting);
            // The bid in flight hears its answer is lost with the session, not silence.
            final String lost = gone.await(m -> m.contains("\"code\":\"upstream_lost\""), "the lost answer");
            assertTrue(lost.contains("\"id\":70") && lost.contains("may or may not have been taken"), lost);
            refusedAtOnce(gone, "shard south (cluster)");

            // South is back: its sockets get a fresh snapshot from the edge's new session and bid again.
            final int before = gone.messages.size();
            shards.startSouth();
            recovers(gone, before);
            assertEquals(1, shards.web.counters().upstreamsLost.get());
            assertEquals(1, shards.web.counters().upstreamsReopened.get());
            assertEquals(0, shards.web.counters().upstreamsDown.get());
            northAsk.bid(five, six, 20_000);
        }
    }

    @Test
    void anEngineShardThatStopsHoldsUpNoBidOnTheClusterShardAndComesBack() throws IOException
    {
        shards = NorthSouthEdge.start(dir, "2000", false);
        try (TestSocket five = shards.socket(); TestSocket six = shards.socket(); TestSocket gone = shards.socket())
        {
            final Ask southAsk = new Ask(five.hello(WebHarness.token(5, Role.BIDDER), SOUTH_AUCTION)
                .awaitType("snapshot"));
            six.hello(WebHarness.token(6, Role.BIDDER), SOUTH_AUCTION).awaitType("snapshot");
            gone.hello(WebHarness.token(5, Role.BIDDER), NORTH_AUCTION).awaitType("snapshot");
            final long stopped = System.nanoTime();
            shards.stopNorth();
            // On the old code each send to north (its heartbeat, every second) waited 5 s for it on the edge thread.
            final long slowest = bidUntil(southAsk, five, six, stopped, gone, "shard north (engine)");
            System.out.printf("UPSTREAM RECONNECT: north's loss told %d ms after its engine stopped; south's " +
                "slowest answer meanwhile %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped),
                slowest);
            final String reconnecting = gone.await(m -> m.startsWith("{\"t\":\"upstream\""), "reconnecting");
            assertTrue(reconnecting.contains("\"state\":\"reconnecting\"") &&
                reconnecting.contains("the engine stopped"), reconnecting);
            refusedAtOnce(gone, "shard north (engine)");

            final int before = gone.messages.size();
            shards.startNorth();
            recovers(gone, before);
            assertEquals(1, shards.web.counters().upstreamsLost.get());
            assertEquals(1, shards.web.counters().upstreamsReopened.get());
            southAsk.bid(five, six, 20_000);
        }
    }

    /**
     * Five and six take turns at {@code ask}'s lot while the other shard is gone, each bid answered (accepted) within
     * {@link #PROMPT_MILLIS}, until {@code gone} hears its shard is reconnecting and for 4 s after (or 50 s from
     * {@code stopped}, when it never hears: the old code); returns the slowest answer in milliseconds.
     */
    private static long bidUntil(final Ask ask, final TestSocket five, final TestSocket six, final long stopped,
        final TestSocket gone, final String shard)
    {
        final Predicate<String> told = m -> m.startsWith("{\"t\":\"upstream\"") && m.contains(shard);
        long toldAt = 0;
        long slowest = 0;
        while (toldAt == 0 || System.nanoTime() - toldAt < TimeUnit.SECONDS.toNanos(4))
        {
            assertTrue(System.nanoTime() - stopped < TimeUnit.SECONDS.toNanos(50),
                () -> "the gone shard's socket was never told: " + gone.messages);
            final long millis = ask.bid(five, six, PROMPT_MILLIS);
            slowest = Math.max(slowest, millis);
            if (toldAt == 0 && gone.messages.stream().anyMatch(told))
            {
                toldAt = System.nanoTime();
            }
        }
        return slowest;
    }

    /** A bid on the gone shard: refused at once, with the shard named and nothing held. */
    private static void refusedAtOnce(final TestSocket gone, final String shard)
    {
        final long sent = System.nanoTime();
        gone.send("{\"action\":\"bid\",\"id\":77,\"lot\":1,\"amount\":10000,\"askVersion\":0}");
        final String refused = gone.await(m -> m.contains("\"code\":\"upstream_unavailable\""), "the refusal");
        final long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        assertTrue(millis < PROMPT_MILLIS, () -> "refused after " + millis + " ms");
        assertTrue(refused.contains("\"id\":77") && refused.contains("\"action\":\"bid\"") &&
            refused.contains(shard) && refused.contains("nothing was sent"), refused);
        assertTrue(gone.messages.stream().noneMatch(m -> m.startsWith("{\"t\":\"answer\"")), gone.messages::toString);
    }

    /** Once its shard is back, {@code gone} hears so, gets a fresh snapshot, and its bid at that ask is accepted. */
    private static void recovers(final TestSocket gone, final int before)
    {
        // The shard starts again and the edge's next attempt (each up to 3 x 2 s for a cluster) opens a session.
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (gone.messages.stream().skip(before).noneMatch(m -> m.startsWith("{\"t\":\"upstream\"") &&
            m.contains("\"state\":\"connected\"")))
        {
            assertTrue(System.nanoTime() < deadline, () -> "the shard never came back: " + gone.messages);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // polling the recorded messages
        }
        final String back = gone.await(m -> gone.messages.indexOf(m) >= before &&
            m.startsWith("{\"t\":\"upstream\"") && m.contains("\"state\":\"connected\""), "the shard back");
        final String snapshot = gone.await(m -> gone.messages.indexOf(m) > gone.messages.indexOf(back) &&
            m.startsWith("{\"t\":\"snapshot\""), "a fresh snapshot");
        final Ask ask = new Ask(snapshot);
        // Its limit line again, from the new session (before its bid, which would ask anyway).
        final int backAt = gone.messages.indexOf(back);
        final long limitDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (gone.messages.subList(backAt, gone.messages.size()).stream()
            .noneMatch(m -> m.startsWith("{\"t\":\"limit\"") && m.contains("\"auction\":" + ask.auction + ",")))
        {
            assertTrue(System.nanoTime() < limitDeadline, () -> "no limit line after the shard came back: " +
                gone.messages);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // polling the recorded messages
        }
        gone.send("{\"action\":\"bid\",\"id\":78,\"lot\":1,\"amount\":" + ask.amount + ",\"askVersion\":" +
            ask.version + "}");
        final String answer = gone.await(m -> m.startsWith("{\"t\":\"answer\"") && m.contains("\"id\":78,"),
            "the answer after the shard came back");
        assertTrue(answer.contains("\"ok\":true"), answer);
    }

    /** Lot 1's ask on one auction, followed from its bid events; five and six take turns (no one outbids itself). */
    private static final class Ask
    {
        private static final long PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

        final long auction;
        long amount;
        long version;
        int round;
        long lastSent;

        Ask(final String snapshot)
        {
            auction = field(snapshot, "auction");
            final String lots = snapshot.substring(snapshot.indexOf("\"lots\""));
            amount = field(lots, "ask");
            version = field(lots, "askVersion");
        }

        /**
         * One bid at the ask, answered (accepted) within {@code boundMillis}; returns how long it took. Bids leave at
         * most every {@link #PACE_NANOS}, so a socket stays well under the edge's rate limit (20 messages a second).
         */
        long bid(final TestSocket five, final TestSocket six, final long boundMillis)
        {
            final long due = lastSent + PACE_NANOS;
            while (System.nanoTime() < due)
            {
                LockSupport.parkNanos(due - System.nanoTime()); // pacing the bids, not waiting for an event
            }
            lastSent = System.nanoTime();
            round++;
            final TestSocket bidder = round % 2 == 1 ? five : six;
            final int id = 1000 + round;
            final long sent = System.nanoTime();
            bidder.send("{\"action\":\"bid\",\"id\":" + id + ",\"lot\":1,\"amount\":" + amount +
                ",\"askVersion\":" + version + "}");
            final String answer = bidder.await(m -> m.startsWith("{\"t\":\"answer\"") &&
                m.contains("\"id\":" + id + ","), "the answer to bid " + id);
            final long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            assertTrue(answer.contains("\"ok\":true"), answer);
            assertTrue(millis <= boundMillis,
                () -> "bid " + id + " answered after " + millis + " ms (bound " + boundMillis + " ms)");
            final long price = amount;
            final String event = bidder.await(m -> m.startsWith("{\"t\":\"bid\"") &&
                m.contains("\"price\":" + price + ","), "the event of bid " + id);
            amount = field(event, "ask");
            version = field(event, "askVersion");
            return millis;
        }
    }

}
