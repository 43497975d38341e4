package io.gavel.gateway;

import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelListener;
import io.gavel.sbe.AskChangedDecoder;
import io.gavel.sbe.BidAcceptedDecoder;
import io.gavel.sbe.LotOpenedDecoder;
import io.gavel.sbe.LotSoldDecoder;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.Role;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * 100 sessions bid at once on one live lot over UDP on loopback: every session sees the identical sequence of public
 * events, and each ask is won exactly once (everyone else who bid on it is told ASK_MOVED).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ContentionTest
{
    static final int SESSIONS = 100;
    static final int THREADS = 4;
    static final int ASKS = 60;
    static final String SMALL_TERMS = "|term-length=65536";

    @TempDir
    Path dir;

    /** One bidder: its client, what it saw, and its one bid in flight. */
    static final class Bidder implements GavelListener
    {
        final long id;
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        GavelClient client;
        volatile long ask;
        volatile int askVersion;
        volatile long holder;
        volatile boolean sold;
        long inFlight;

        Bidder(final long id)
        {
            this.id = id;
        }

        public void onPublicEvent(final int templateId, final DirectBuffer buffer, final int offset, final int length)
        {
            final StringBuilder frame = new StringBuilder().append(templateId).append(':');
            for (int i = 0; i < length; i++)
            {
                frame.append(Integer.toHexString(buffer.getByte(offset + i) & 0xFF));
            }
            seen.add(frame.toString());
        }

        public void onLotOpened(final LotOpenedDecoder e)
        {
            ask = e.ask();
            askVersion = e.askVersion();
        }

        public void onBidAccepted(final BidAcceptedDecoder e)
        {
            ask = e.ask();
            askVersion = e.askVersion();
            holder = e.leaderId();
        }

        public void onAskChanged(final AskChangedDecoder e)
        {
            ask = e.ask();
            askVersion = e.askVersion();
        }

        public void onLotSold(final LotSoldDecoder e)
        {
            sold = true;
        }

        public void onResponse(final long correlationId, final boolean accepted, final RejectReason reason,
            final long engineSequence, final boolean duplicate)
        {
            if (correlationId == inFlight)
            {
                inFlight = 0;
                (accepted ? ACCEPTED : REJECTED).incrementAndGet();
                if (!accepted)
                {
                    REASONS.merge(reason, 1, Integer::sum);
                }
            }
        }
    }

    static final AtomicInteger ACCEPTED = new AtomicInteger();
    static final AtomicInteger REJECTED = new AtomicInteger();
    static final ConcurrentHashMap<RejectReason, Integer> REASONS = new ConcurrentHashMap<>();

    @Test
    void hundredSessionsOneLiveLotOverUdp() throws Exception
    {
        final EngineConfig config = EngineConfig.defaults()
            .set("gavel.ingress.channel", "aeron:udp?endpoint=127.0.0.1:" + LoopbackPorts.freeUdpPort() + SMALL_TERMS)
            .set("gavel.public.channel", "aeron:udp?control=127.0.0.1:" + LoopbackPorts.freeUdpPort() +
                "|control-mode=dynamic" + SMALL_TERMS)
            .set("gavel.session.rate.limit", "0")
            // Clients wait unpolled (no heartbeats) while the others connect; on a loaded machine that took over
            // the default 10 s, the engine closed their sessions for silence and their bids went unanswered.
            .set("gavel.session.timeout.ms", "120000")
            // A hundred clients over UDP, most of them unpolled while the others connect and bid: on a loaded
            // machine one can meet back pressure beyond the default 100 retries (microseconds) and be dropped as too
            // slow (a fresh-clone CI run lost a Connect's answer that way, the case AeronEgress now waits out
            // without retrying). Dropping slow subscribers is tested elsewhere; here every client must get its
            // answers.
            .set("gavel.egress.retry.limit", "1000000");
        try (EngineHarness harness = new EngineHarness(dir, config))
        {
            final String publicSubscription = config.publicChannel()
                .replace("aeron:udp?", "aeron:udp?endpoint=127.0.0.1:0|").replace(SMALL_TERMS, "");
            final Bidder clerk = new Bidder(0);
            clerk.client = connect(harness, 9_000, Role.AUCTIONEER, clerk, publicSubscription);
            EndToEndTest.assertAccepted(clerk.client, clerk.client.createAuction(1, AuctionSettings.live()
                .increments(new long[]{0}, new long[]{10_00})));
            EndToEndTest.assertAccepted(clerk.client, clerk.client.addLot(1, 1, 100_00, 0, 0, 0));
            final List<Bidder> bidders = new ArrayList<>();
            for (int i = 1; i <= SESSIONS; i++)
            {
                EndToEndTest.assertAccepted(clerk.client, clerk.client.registerBidder(1, i, i, 0));
                EndToEndTest.assertAccepted(clerk.client, clerk.client.approveBidder(1, i));
                final Bidder bidder = new Bidder(i);
                bidder.client = connect(harness, i, Role.BIDDER, bidder, publicSubscription);
                bidders.add(bidder);
            }
            for (final Bidder bidder : bidders)
            {
                assertTrue(bidder.client.pollUntil(bidder.client::isPublicConnected, Duration.ofSeconds(20)),
                    "bidder " + bidder.id + " has no public stream");
            }
            EndToEndTest.assertAccepted(clerk.client, clerk.client.openLot(1, 1));
            final long finalAsk = 100_00 + ASKS * 10_00L;

            final AtomicBoolean done = new AtomicBoolean();
            final List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++)
            {
                final List<Bidder> mine = bidders.subList(t * SESSIONS / THREADS, (t + 1) * SESSIONS / THREADS);
                final Thread thread = new Thread(() -> race(mine, finalAsk, done), "racer-" + t);
                threads.add(thread);
                thread.start();
            }
            assertTrue(clerk.client.pollUntil(() -> clerk.ask >= finalAsk, Duration.ofSeconds(120)),
                "the ladder stopped at " + clerk.ask);
            done.set(true);
            for (final Thread thread : threads)
            {
                thread.join(30_000);
            }
            // Let every bid still in flight be answered before the hammer, so none lands after it.
            for (final Bidder bidder : bidders)
            {
                final EngineCounters c = harness.engine.counters();
                // The counters say where an unanswered bid went (seen flaky once under a loaded full build).
                assertTrue(bidder.client.pollUntil(() -> bidder.inFlight == 0, Duration.ofSeconds(20)),
                    "bidder " + bidder.id + " in flight " + bidder.inFlight + " frames " + c.framesIn.get() +
                    " commands " + c.commandsIn.get() + " heartbeats " + c.heartbeats.get() + " unknown " +
                    c.unauthenticated.get() + " malformed " + c.malformed.get() + " undeliverable " +
                    c.repliesUndeliverable.get() + " sessions " + c.sessions.get() + " dropped " +
                    c.subscribersDropped.get() + " busy " + c.busy.get());
            }
            EndToEndTest.assertAccepted(clerk.client, clerk.client.hammer(1, 1));
            assertTrue(clerk.client.pollUntil(() -> clerk.sold, Duration.ofSeconds(10)));
            for (final Bidder bidder : bidders)
            {
                assertTrue(bidder.client.pollUntil(() -> bidder.sold && bidder.inFlight == 0, Duration.ofSeconds(20)),
                    "bidder " + bidder.id + " did not see the sale");
            }

            // Every session saw exactly what the clerk saw, in the same order, from the opening of the lot (all
            // sessions were connected by then; earlier events went out before some of them joined).
            final List<String> reference = fromOpening(clerk.seen);
            for (final Bidder bidder : bidders)
            {
                final List<String> seen = fromOpening(bidder.seen);
                assertEquals(reference.size(), seen.size(), "bidder " + bidder.id + ": events seen");
                assertTrue(reference.equals(seen), "bidder " + bidder.id + " saw a different public stream");
            }
            // Each ask won exactly once: one accepted bid per ask, asks strictly ascending, no ask skipped.
            final long internetBids = reference.stream().filter(f -> f.startsWith(BidAcceptedDecoder.TEMPLATE_ID + ":"))
                .count();
            assertEquals(ACCEPTED.get(), internetBids, "accepted bids vs. BidAccepted events");
            assertTrue(internetBids >= ASKS, "asks won: " + internetBids);
            assertTrue(REJECTED.get() > 0, "no race happened");
            assertTrue(REASONS.keySet().stream().allMatch(r -> r == RejectReason.ASK_MOVED ||
                r == RejectReason.ALREADY_LEADING), REASONS.toString());
            for (final Bidder bidder : bidders)
            {
                bidder.client.close();
            }
            clerk.client.close();
        }
    }

    private static List<String> fromOpening(final List<String> seen)
    {
        final List<String> copy = new ArrayList<>(seen);
        for (int i = 0; i < copy.size(); i++)
        {
            if (copy.get(i).startsWith(LotOpenedDecoder.TEMPLATE_ID + ":"))
            {
                return copy.subList(i, copy.size());
            }
        }
        throw new AssertionError("no LotOpened seen");
    }

    private static void race(final List<Bidder> bidders, final long finalAsk, final AtomicBoolean done)
    {
        while (!done.get())
        {
            for (final Bidder bidder : bidders)
            {
                bidder.client.poll();
                if (bidder.inFlight == 0 && bidder.holder != bidder.id && bidder.ask > 0 && bidder.ask < finalAsk)
                {
                    bidder.inFlight = bidder.client.liveBid(1, 1, bidder.id, bidder.ask, bidder.askVersion);
                }
            }
        }
    }

    private static GavelClient connect(final EngineHarness harness, final long principal, final Role role,
        final GavelListener listener, final String publicSubscription)
    {
        return GavelClient.connect(new GavelClient.Context()
            .aeron(harness.aeron)
            .ingress(harness.config.ingressChannel(), harness.config.ingressStream())
            .publicStream(publicSubscription, harness.config.publicStream())
            .response("aeron:udp?endpoint=127.0.0.1:0" + SMALL_TERMS, 5_000 + (int)principal)
            .token(EngineHarness.token(principal, role))
            .listener(listener)
            .timeout(Duration.ofSeconds(20)));
    }


}
