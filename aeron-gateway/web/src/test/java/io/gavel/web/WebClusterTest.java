package io.gavel.web;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.gavel.client.AuctionSettings;
import io.gavel.cluster.ClusterConfig;
import io.gavel.cluster.ClusterUnderTest;
import io.gavel.cluster.NodeProcess;
import io.gavel.cluster.TestClusters;
import io.gavel.cluster.client.ClusterGavelClient;
import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalReader;
import io.gavel.sbe.BidAcceptedDecoder;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.RecordKind;
import io.gavel.sbe.Role;
import org.agrona.CloseHelper;
import org.agrona.collections.Long2LongHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static io.gavel.web.EdgeSocketTest.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web edge in front of a three-member cluster (members in child processes, on 127.0.0.1): two bidder sockets
 * take turns at the ask of a LIVE lot while a third watches; the leader is killed ({@code kill -9}) with a bid in
 * flight. Bidding carries on through the new leader; every browser bid is answered exactly once, and accepted
 * (no bid competes, so a resend that the core did not recognise would show as ASK_MOVED); the journal holds each
 * accepted bid once; and every page, the watcher's included, sees every accepted bid's price (as its event, or in
 * the snapshot the edge sends after the leader change), never an event twice; outbid notices reach their bidder's
 * page only.
 */
class WebClusterTest
{
    private static final long AUCTION = 3;
    private static final long LOT = 1;
    private static final int BIDS_PER_PHASE = 6;
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    @TempDir
    Path dir;

    private ClusterUnderTest cluster;
    private final List<Long> accepted = new ArrayList<>();
    /** Browser bid sent to its answer on the socket, microseconds, bids without a kill in flight. */
    private final List<Long> answerMicros = new ArrayList<>();
    private int requestId;

    @AfterEach
    void stop()
    {
        CloseHelper.quietClose(cluster);
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void browsersBidThroughALeaderChangeAndEachBidIsAnsweredOnce() throws Exception
    {
        final long started = System.nanoTime();
        final Properties properties = TestClusters.properties(dir, 3);
        cluster = ClusterUnderTest.inChildProcesses(dir, properties, 120);
        final ClusterConfig config = cluster.config();
        final MediaDriver clientDriver = cluster.clientDriver();
        try (ClusterGavelClient admin = TestClusters.client(clientDriver, config, TestClusters.ADMIN, Role.ADMIN))
        {
            TestClusters.accepted(admin, admin.createAuction(AUCTION, AuctionSettings.live()));
            TestClusters.accepted(admin, admin.addLot(AUCTION, LOT, 100_00, 0, 0, 0));
            for (long bidder = 5; bidder <= 7; bidder++)
            {
                TestClusters.accepted(admin, admin.registerBidder(AUCTION, bidder, 100 + bidder, 0));
                TestClusters.accepted(admin, admin.approveBidder(AUCTION, bidder));
            }
            TestClusters.accepted(admin, admin.openLot(AUCTION, LOT));
        }

        final Aeron aeron = cluster.own(Aeron.connect(new Aeron.Context()
            .aeronDirectoryName(clientDriver.aeronDirectoryName())));
        final Properties edge = new Properties();
        edge.putAll(properties);
        edge.setProperty("gavel.aeron.dir", clientDriver.aeronDirectoryName());
        edge.setProperty("gavel.web.port", "0");
        final WebGateway web = cluster.own(WebGateway.start(edge, aeron));
        assertEquals("cluster", web.upstream());
        final String origin = "http://127.0.0.1:" + web.port();
        final PageView five = page(new TestSocket(web.port(), origin), 5);
        final PageView six = page(new TestSocket(web.port(), origin), 6);
        final PageView watcher = page(new TestSocket(web.port(), origin), 7);

        for (int i = 0; i < BIDS_PER_PHASE; i++)
        {
            answerMicros.add(bidAtTheAsk(i % 2 == 0 ? five : six, i % 2 == 0 ? six : five, watcher, () -> { }));
        }

        final int leader = cluster.awaitLeader();
        final int watcherSnapshots = watcher.update().snapshots;
        final long[] killedAt = new long[1];
        // The first bid of the second phase is in flight when the leader dies: the edge resends it to the new one.
        bidAtTheAsk(five, six, watcher, () ->
        {
            killedAt[0] = System.nanoTime();
            kill(cluster.process(leader));
        });
        final long killToAnswerMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt[0]);
        for (int i = 1; i < BIDS_PER_PHASE; i++)
        {
            answerMicros.add(bidAtTheAsk(i % 2 == 0 ? five : six, i % 2 == 0 ? six : five, watcher, () -> { }));
        }
        final int newLeader = cluster.awaitLeader();
        assertNotEquals(leader, newLeader, "the killed member still leads");
        // The dead leader may have applied bids whose events it never sent: after the leader change every page
        // watching the cluster's auctions got a fresh snapshot, the watcher's included.
        assertTrue(web.counters().resyncs.get() >= 1, "no resync after the leader change");
        assertTrue(watcher.update().snapshots > watcherSnapshots, "the watcher got no snapshot after the change");

        // Every browser request answered exactly once (a sync afterwards: anything still due arrives before its
        // snapshot, since the edge thread sends both in order).
        for (final PageView page : List.of(five, six))
        {
            page.socket.send("{\"action\":\"sync\"}");
            final int snapshots = page.snapshots;
            awaitTrue(() -> page.update().snapshots > snapshots, "the snapshot a sync asks for");
        }
        for (int id = 1; id <= requestId; id++)
        {
            final String marker = "{\"t\":\"answer\",\"id\":" + id + ",";
            final long answers = five.socket.messages.stream().filter(m -> m.startsWith(marker)).count() +
                six.socket.messages.stream().filter(m -> m.startsWith(marker)).count();
            assertEquals(1, answers, "answers to browser request " + id);
        }
        // Every page saw every accepted bid's price.
        for (final PageView page : List.of(five, six, watcher))
        {
            for (final long amount : accepted)
            {
                assertTrue(page.pricesSeen.contains(amount), "bidder " + page.bidder + "'s page never showed " +
                    amount + "; it saw " + page.pricesSeen);
            }
        }
        // Private notices: the cluster sends them to the edge's session too, and the edge to that bidder only.
        for (final PageView page : List.of(five, six))
        {
            awaitTrue(() -> page.socket.messages.stream().anyMatch(m -> m.startsWith("{\"t\":\"outbid\"") &&
                m.contains("\"bidder\":" + page.bidder + ",")), "bidder " + page.bidder + "'s outbid notice");
        }
        assertTrue(watcher.socket.messages.stream().noneMatch(m -> m.startsWith("{\"t\":\"outbid\"")),
            "the watcher heard another bidder's notice");
        // The new leader's journal holds each accepted bid exactly once.
        final Path journal = config.nodeDir(newLeader).resolve("journal");
        awaitTrue(() -> acceptedBids(journal).size() >= accepted.size(), "every accepted bid in the journal");
        final Long2LongHashMap bids = acceptedBids(journal);
        assertEquals(accepted.size(), bids.size(), "bids accepted in the journal: " + bids);
        for (final long amount : accepted)
        {
            assertEquals(1, bids.get(amount), "bid at " + amount + " in the journal");
        }
        answerMicros.sort(Long::compare);
        System.out.printf("WEB CLUSTER: %d browser bids, kill -9 of leader %d with a bid in flight, answered " +
            "through member %d after %d ms; other bids, socket to answer: median %d us, max %d us (%d bids); " +
            "resyncs %d; whole test %d s; load average %.1f%n", accepted.size(), leader, newLeader,
            killToAnswerMillis, answerMicros.get(answerMicros.size() / 2), answerMicros.get(answerMicros.size() - 1),
            answerMicros.size(), web.counters().resyncs.get(),
            TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private PageView page(final TestSocket socket, final long bidder)
    {
        cluster.own(socket);
        socket.hello(TestClusters.token(bidder, Role.BIDDER), AUCTION);
        final PageView page = new PageView(socket, bidder);
        awaitTrue(() -> page.update().snapshots > 0, "bidder " + bidder + "'s snapshot");
        return page;
    }

    /**
     * {@code bidder} bids the ask its page shows; {@code duringFlight} runs once the bid is sent. The bid must be
     * accepted, and the other pages must show its price before the next bid (each bid is at the ask it saw).
     */
    private long bidAtTheAsk(final PageView bidder, final PageView other, final PageView watcher,
        final Runnable duringFlight)
    {
        bidder.update();
        final long amount = bidder.ask;
        final int id = ++requestId;
        bidder.socket.send("{\"action\":\"bid\",\"id\":" + id + ",\"lot\":" + LOT + ",\"amount\":" + amount +
            ",\"askVersion\":" + bidder.askVersion + "}");
        final long sent = System.nanoTime();
        duringFlight.run();
        final String marker = "{\"t\":\"answer\",\"id\":" + id + ",";
        awaitTrue(() -> bidder.socket.messages.stream().anyMatch(m -> m.startsWith(marker)), "answer to " + id);
        final String answer = bidder.socket.messages.stream().filter(m -> m.startsWith(marker)).findFirst()
            .orElseThrow();
        assertTrue(answer.contains("\"ok\":true"), "bid " + id + " at " + amount + ": " + answer);
        final long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sent);
        accepted.add(amount);
        for (final PageView page : List.of(bidder, other, watcher))
        {
            awaitTrue(() -> page.update().price == amount && page.leader == bidder.bidder,
                "bidder " + page.bidder + "'s page showing the bid at " + amount);
        }
        return micros;
    }

    private static void kill(final NodeProcess node)
    {
        try
        {
            node.kill();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    private static void awaitTrue(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + WAIT_NANOS;
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "no " + what + " within 60 s");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    /** BidAccepted events in a member's audit journal, counted by price. */
    private static Long2LongHashMap acceptedBids(final Path journal)
    {
        final Long2LongHashMap byPrice = new Long2LongHashMap(0);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final BidAcceptedDecoder bid = new BidAcceptedDecoder();
        try (JournalReader reader = JournalReader.open(JournalLayout.openExisting(journal)))
        {
            reader.readAll((position, record, frame, offset, length, chainIntact) ->
            {
                if (record.kind() == RecordKind.EVENT)
                {
                    header.wrap(frame, offset);
                    if (header.templateId() == BidAcceptedDecoder.TEMPLATE_ID)
                    {
                        bid.wrapAndApplyHeader(frame, offset, header);
                        if (bid.auctionId() == AUCTION)
                        {
                            byPrice.put(bid.price(), byPrice.get(bid.price()) + 1);
                        }
                    }
                }
                return true;
            });
        }
        return byPrice;
    }

    /** What a page shows of the lot, read from its socket's messages in order, as the page's script reads them. */
    private static final class PageView
    {
        final TestSocket socket;
        final long bidder;
        final List<Long> pricesSeen = new ArrayList<>();
        int snapshots;
        long seq;
        long price;
        long ask;
        long askVersion;
        long leader;
        private int next;

        PageView(final TestSocket socket, final long bidder)
        {
            this.socket = socket;
            this.bidder = bidder;
        }

        PageView update()
        {
            while (next < socket.messages.size())
            {
                final String message = socket.messages.get(next++);
                if (message.startsWith("{\"t\":\"snapshot\""))
                {
                    snapshots++;
                    seq = field(message, "seq");
                    final String lots = message.substring(message.indexOf("\"lots\":["));
                    show(lots);
                    final java.util.regex.Matcher history = java.util.regex.Pattern
                        .compile("\"t\":\"bid\"[^}]*\"price\":(\\d+)")
                        .matcher(message.substring(message.indexOf("\"history\":")));
                    while (history.find())
                    {
                        pricesSeen.add(Long.parseLong(history.group(1)));
                    }
                }
                else if (message.contains("\"seq\":"))
                {
                    final long eventSeq = field(message, "seq");
                    assertTrue(eventSeq > seq, "bidder " + bidder + "'s page got event " + eventSeq + " after " +
                        seq + ": " + message);
                    seq = eventSeq;
                    if (message.startsWith("{\"t\":\"bid\""))
                    {
                        show(message);
                    }
                }
            }
            return this;
        }

        private void show(final String lot)
        {
            leader = field(lot, "leader");
            price = field(lot, "price");
            ask = field(lot, "ask");
            askVersion = field(lot, "askVersion");
            pricesSeen.add(price);
        }
    }
}
