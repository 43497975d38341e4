package io.gavel.web;

import io.gavel.sbe.Role;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.gavel.web.NorthSouthEdge.NORTH_AUCTION;
import static io.gavel.web.NorthSouthEdge.SOUTH_AUCTION;
import static io.gavel.web.EdgeSocketTest.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A clerk console's session is opened off the edge thread: while one console waits for a cluster with no leader,
 * the other browsers on the same edge keep bidding and hearing events, the console is told it is connecting and then
 * why it could not connect; a console closed while its session opens leaves no session behind; a shard with its
 * queue of consoles full refuses the next at once, and another shard's consoles still open; stopping the edge while
 * one opens stops cleanly. The edge fronts a shard directory of an engine (north, auction 7) and a one-member
 * cluster in this JVM (south, auction 107; its client timeout 2 s or 5 s, so a console gives up after three times that
 * with no leader).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClerkConsoleOpeningTest
{

    @TempDir
    Path dir;

    private NorthSouthEdge shards;

    @AfterEach
    void stop()
    {
        CloseHelper.quietClose(shards);
    }

    @Test
    void aConsoleWaitingForALeaderlessClusterHoldsUpNoOtherSocket()
    {
        shards = NorthSouthEdge.start(dir, "2000", true);
        try (TestSocket five = shards.socket(); TestSocket six = shards.socket(); TestSocket clerk = shards.socket())
        {
            five.hello(WebHarness.token(5, Role.BIDDER), NORTH_AUCTION);
            six.hello(WebHarness.token(6, Role.BIDDER), NORTH_AUCTION).awaitType("snapshot");
            String event = five.awaitType("snapshot");
            event = event.substring(event.indexOf("\"lots\""));
            // South loses its only member: no leader; a console for a south auction cannot open its session.
            shards.stopSouth();
            clerk.hello(WebHarness.token(50, Role.CLERK), SOUTH_AUCTION);
            // The console's first word (on the old code: its close, once the edge thread had waited for it).
            await(() -> !clerk.messages.isEmpty() || clerk.closed.isDone(), "the console's first word");
            final long consoleAsked = System.nanoTime();
            for (int round = 1; round <= 4; round++)
            {
                // Five and six take turns at the ask (a leader does not outbid itself).
                final TestSocket bidder = round % 2 == 1 ? five : six;
                bidder.send("{\"action\":\"bid\",\"id\":" + round + ",\"lot\":1,\"amount\":" + field(event, "ask") +
                    ",\"askVersion\":" + field(event, "askVersion") + "}");
                final int id = round;
                final String answer = bidder.await(m -> m.startsWith("{\"t\":\"answer\"") &&
                    m.contains("\"id\":" + id + ","), "the answer to bid " + round);
                // Before the console gives up (3 x 2 s): on the old code this answer waited behind it.
                assertTrue(clerk.messages.stream().noneMatch(m -> m.contains("\"t\":\"error\"")) &&
                    !clerk.closed.isDone(), () -> "the bid waited for the console: " + clerk.messages + " " +
                    clerk.closed.getNow("open"));
                assertTrue(answer.contains("\"ok\":true"), answer);
                final String last = event;
                final long price = field(last, "ask");
                event = bidder.await(m -> m.startsWith("{\"t\":\"bid\"") && m.contains("\"price\":" + price + ","),
                    "the event of bid " + round);
            }
            System.out.printf("CLERK OPENING: four north bids answered %d ms after the console began connecting%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - consoleAsked));
            final String connecting = clerk.awaitType("console");
            assertTrue(connecting.contains("\"state\":\"connecting\"") && connecting.contains("shard south (cluster)"),
                connecting);
            // While it connects its commands are refused, not held.
            clerk.send("{\"action\":\"hammer\",\"id\":1,\"lot\":1}");
            final String refused = clerk.await(m -> m.contains("\"code\":\"connecting\""), "connecting refusal");
            assertTrue(refused.contains("nothing was sent"), refused);
            // Then it gives up with the reason, and the socket closes "try again later" (the page reconnects).
            final String error = clerk.await(m -> m.contains("\"code\":\"console_unavailable\""), "the failure");
            assertTrue(error.contains("no cluster leader answered"), error);
            assertTrue(clerk.awaitClose().startsWith("1013"), clerk.closed::join);
            assertTrue(clerk.messages.stream().noneMatch(m -> m.contains("\"t\":\"welcome\"")),
                clerk.messages::toString);
            await(() -> shards.web.counters().consolesOpening.get() == 0, "no console opening");
            assertEquals(0, shards.web.counters().consoleSessions.get());
            assertEquals(1, shards.web.counters().consoleFailures.get());
        }
    }

    @Test
    void aConsoleOpensOnceTheClusterHasALeaderAgainAndOneClosedWhileOpeningLeavesNoSession()
    {
        shards = NorthSouthEdge.start(dir, "5000", true);
        try (TestSocket gone = shards.socket())
        {
            shards.stopSouth();
            gone.hello(WebHarness.token(50, Role.CLERK), SOUTH_AUCTION);
            gone.awaitType("console");
            gone.close();
            await(() -> shards.web.counters().socketsOpen.get() == 0, "the console's socket closed");
            // A leader again while the closed console's session is still being opened (up to 3 x 5 s).
            shards.startSouth();
            await(() -> shards.web.counters().consolesOpening.get() == 0, "the opening to end");
            assertEquals(0, shards.web.counters().consoleFailures.get(), "it opened, once a leader answered");
            assertEquals(1, shards.web.counters().consolesAbandoned.get(), "its session came after its socket left");
            assertEquals(0, shards.web.counters().consoleSessions.get(), "and was closed");

            // A console now: connecting, then welcome and the snapshot, and its commands run.
            final TestSocket clerk = shards.socket();
            clerk.hello(WebHarness.token(50, Role.CLERK), SOUTH_AUCTION);
            assertTrue(clerk.awaitType("console").contains("\"state\":\"connecting\""));
            clerk.awaitType("welcome");
            assertTrue(clerk.messages.indexOf(clerk.awaitType("console")) <
                clerk.messages.indexOf(clerk.awaitType("welcome")), clerk.messages::toString);
            clerk.send("{\"action\":\"warn\",\"id\":2,\"lot\":1}");
            final String answer = clerk.awaitType("answer");
            assertTrue(answer.contains("\"ok\":true"), answer);
            assertEquals(1, shards.web.counters().consoleSessions.get());
            clerk.close();
            await(() -> shards.web.counters().consoleSessions.get() == 0, "the console's session closed with its socket");
            assertEquals(0, shards.web.counters().consolesOpening.get());
        }
    }

    @Test
    void aConsoleWhoseClusterSessionIsLostAndCannotBeReopenedIsToldAndClosed()
    {
        shards = NorthSouthEdge.start(dir, "2000", true);
        try (TestSocket clerk = shards.socket(); TestSocket onNorth = shards.socket(); TestSocket bidder = shards.socket())
        {
            // South's edge session is polled before north's (the order the edge names them): a south that fails
            // must not keep north's from being polled.
            assertEquals("shard south (cluster), shard north (engine)", shards.web.upstream());
            clerk.hello(WebHarness.token(50, Role.CLERK), SOUTH_AUCTION).awaitType("welcome");
            onNorth.hello(WebHarness.token(50, Role.CLERK), NORTH_AUCTION).awaitType("welcome");
            final String snapshot = bidder.hello(WebHarness.token(5, Role.BIDDER), NORTH_AUCTION).awaitType("snapshot");
            final long stopped = System.nanoTime();
            shards.stopSouth();
            // Once the cluster ends its session (no leader) the console is told and closed once; nothing reconnects
            // on the edge thread.
            // (Aeron Cluster gives up on the session some seconds after the member stopped: about 17 s here.)
            await(() -> clerk.messages.stream().anyMatch(m -> m.contains("\"code\":\"console_unavailable\"")),
                "the console told of its loss", 60);
            final String lost = clerk.awaitType("error");
            assertTrue(lost.contains("the console's session was lost") && lost.contains("no cluster leader"), lost);
            assertTrue(clerk.awaitClose().startsWith("1013"), clerk.closed::join);
            System.out.printf("CLERK OPENING: a console lost its session %d ms after the member stopped%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped));
            await(() -> shards.web.counters().consoleSessions.get() == 1, "the lost console's session closed");
            // North's console and bidder still run (the edge's own session with south, lost too, is reopened off the
            // edge thread: docs/WEB.md, A shard that goes away); the bid's answer comes on north's edge session.
            final String lots = snapshot.substring(snapshot.indexOf("\"lots\""));
            bidder.send("{\"action\":\"bid\",\"id\":4,\"lot\":1,\"amount\":" + field(lots, "ask") +
                ",\"askVersion\":" + field(lots, "askVersion") + "}");
            onNorth.send("{\"action\":\"warn\",\"id\":3,\"lot\":1}");
            await(() -> onNorth.messages.stream().anyMatch(m -> m.startsWith("{\"t\":\"answer\"")) &&
                bidder.messages.stream().anyMatch(m -> m.startsWith("{\"t\":\"answer\"")), "north's answers", 60);
            assertTrue(onNorth.awaitType("answer").contains("\"ok\":true"), onNorth.messages::toString);
            assertTrue(bidder.awaitType("answer").contains("\"ok\":true"), bidder.messages::toString);
        }
    }

    @Test
    void stoppingTheEdgeWhileAConsoleOpensStopsTheOpenerAndLeavesNoSession()
    {
        shards = NorthSouthEdge.start(dir, "2000", true);
        try (TestSocket clerk = shards.socket(); TestSocket ready = shards.socket())
        {
            // One console open on north (the engine; clerk 50 is assigned there too), one opening on south.
            ready.hello(WebHarness.token(50, Role.CLERK), NORTH_AUCTION).awaitType("welcome");
            shards.stopSouth();
            clerk.hello(WebHarness.token(50, Role.CLERK), SOUTH_AUCTION);
            clerk.awaitType("console");
            assertEquals(1, shards.web.counters().consoleSessions.get());
            final EdgeCounters counters = shards.web.counters();
            final long stopping = System.nanoTime();
            shards.web.close();
            shards.web = null;
            System.out.printf("CLERK OPENING: the edge stopped in %d ms with a console opening%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping));
            // It stopped without waiting for the opening (which gives up 3 x 2 s after the hello).
            assertEquals(1, counters.consolesOpening.get(), "the edge waited for the console's opening");
            assertEquals(0, counters.consoleSessions.get(), "north's console closed with the edge");
            // The opening under way gives up by itself (3 x 2 s), closes what it has, and its thread ends.
            await(() -> counters.consolesOpening.get() == 0, "the opening to end");
            assertEquals(0, counters.consoleSessions.get());
            await(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("gavel-web-console-")), "the opener's threads to end");
            System.out.printf("CLERK OPENING: the opening ended and its thread too %d ms after the stop began%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping));
        }
    }

    @Test
    void aShardWithItsQueueOfConsolesFullRefusesTheNextAtOnceAndOtherShardsConsolesStillOpen()
    {
        // 3 x 5 s before the first opening gives up: the queue stays full while the test fills it, even when loaded.
        shards = NorthSouthEdge.start(dir, "5000", true);
        final java.util.List<TestSocket> waiting = new java.util.ArrayList<>();
        try (TestSocket refused = shards.socket(); TestSocket onNorth = shards.socket())
        {
            shards.stopSouth();
            // One opening on south's thread and a full queue behind it.
            for (int i = 0; i <= ConsoleOpener.QUEUE; i++)
            {
                final TestSocket console = shards.socket();
                waiting.add(console);
                console.hello(WebHarness.token(50, Role.CLERK), SOUTH_AUCTION).awaitType("console");
            }
            refused.hello(WebHarness.token(50, Role.CLERK), SOUTH_AUCTION);
            final String error = refused.awaitType("error");
            assertTrue(error.contains("\"code\":\"console_unavailable\"") &&
                error.contains(ConsoleOpener.QUEUE + " consoles already wait for shard south (cluster)"), error);
            assertTrue(refused.awaitClose().startsWith("1013"), refused.closed::join);
            // North's consoles have a thread of their own: one opens while south's are stuck.
            onNorth.hello(WebHarness.token(50, Role.CLERK), NORTH_AUCTION).awaitType("welcome");
            assertTrue(waiting.stream().allMatch(c -> c.messages.stream().noneMatch(m -> m.contains("welcome"))));
            // The clerks give up: the queued openings are skipped; south is back, so the one under way opens, and its
            // session is closed on arrival (and the edge's own session with south, once the cluster has ended it, is
            // reopened off the edge thread: docs/WEB.md, A shard that goes away).
            waiting.forEach(TestSocket::close);
            shards.startSouth();
            await(() -> shards.web.counters().consolesOpening.get() == 0, "the openings to end");
            assertEquals(1, shards.web.counters().consoleFailures.get(), "the refused one only");
            assertEquals(1, shards.web.counters().consoleSessions.get(), "north's console only");
        }
        finally
        {
            waiting.forEach(TestSocket::close);
        }
    }

    /** Polls {@code condition} for up to 30 s. */
    private static void await(final BooleanSupplier condition, final String what)
    {
        await(condition, what, 30);
    }

    private static void await(final BooleanSupplier condition, final String what, final int seconds)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean())
        {
            assertFalse(System.nanoTime() > deadline, "no " + what + " within " + seconds + " s");
            Thread.onSpinWait();
            try
            {
                Thread.sleep(5); // polling the condition, not waiting for something to happen by itself
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
    }
}
