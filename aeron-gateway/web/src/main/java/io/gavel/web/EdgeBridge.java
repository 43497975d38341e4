package io.gavel.web;

import io.gavel.client.GavelClientException;
import io.gavel.client.GavelCommands;
import io.gavel.client.GavelListener;
import io.gavel.gateway.SessionToken;
import io.gavel.sbe.*;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The edge's one thread on Aeron. It holds one edge session (role EDGE: it bids for the bidders whose tokens the
 * sockets presented, and hears their private notices) with each engine or cluster of its {@link Upstreams} (one, or
 * one per shard), one {@link AuctionFeed} per auction watched (bound to the session of the auction's shard), and a
 * session per clerk console on its auction's shard ({@link ClerkConsoles}: opened off this thread, since opening one
 * may wait seconds for an engine or a leader and this thread serves every socket). An engine's public events come on
 * its public stream, a cluster's on the edge session's egress; when a cluster session follows a new leader, every
 * feed of that cluster takes a fresh snapshot (the old leader may have died before sending the last events) and the
 * cluster client resends unanswered commands with their correlation ids, so a browser's bid is answered once. It
 * never waits for an engine or cluster that is gone: a lost edge session is reopened off this thread
 * ({@link EdgeSessions}), that shard's bids are refused meanwhile and its sockets told ({@link UpstreamOutages}).
 * Sockets hand it work through a queue; everything it owns is touched by this thread only.
 */
final class EdgeBridge implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(EdgeBridge.class);

    final EdgeCounters counters = new EdgeCounters();
    private final WebSettings settings;
    private final EdgeSessions sessions;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Map<Long, AuctionFeed> feeds = new HashMap<>();
    private final BidderSockets bidders = new BidderSockets();
    private final BrowserAnswers answers = new BrowserAnswers(this::askLimit);
    private final EventFanOut fanOut = new EventFanOut(counters);
    private final ClerkConsoles clerks = new ClerkConsoles(counters, answers, this::watch);
    private final Thread thread;
    private volatile boolean running = true;

    EdgeBridge(final WebSettings settings, final Upstreams upstreams)
    {
        this.settings = settings;
        final String edgeToken = SessionToken.issue(settings.secret, settings.edgeId, Role.EDGE,
            System.currentTimeMillis() + Duration.ofDays(3650).toMillis());
        sessions = new EdgeSessions(upstreams, edgeToken, new EdgeListener(), counters,
            new UpstreamOutages(feeds.values(), answers, counters, this::askLimit));
        thread = new Thread(this::run, "gavel-web-edge");
        thread.setDaemon(true);
        thread.start();
    }

    /** The edge's session with the engine or cluster that holds {@code auctionId} (its shard's); null while lost. */
    private GavelCommands session(final long auctionId)
    {
        return sessions.forAuction(auctionId);
    }

    /** What a bidder's command is sent as, on the edge's session with its auction's engine or cluster. */
    @FunctionalInterface
    private interface BidderCommand
    {
        long send(GavelCommands session);
    }

    /**
     * Sends a bidder's command for {@code socket}, whose answer goes back to it; when the auction's engine or cluster
     * has no session now (lost, being reopened) or the send fails, the socket is told at once, nothing held.
     */
    private void sendForBidder(final BrowserSocket socket, final String action, final long requestId,
        final BidderCommand command)
    {
        final Upstream upstream = sessions.upstream(socket.auctionId);
        final GavelCommands session = sessions.of(upstream);
        if (session == null)
        {
            counters.upstreamRefused.incrementAndGet();
            socket.error(action, requestId, "upstream_unavailable", sessions.unavailable(upstream) +
                ": nothing was sent, try again once it is back");
            return;
        }
        try
        {
            answers.expect(command.send(session), socket, action, requestId, upstream);
        }
        catch (final GavelClientException ex)
        {
            // An engine that stopped fails the send at once (the session is then lost, found by the next poll); a
            // back pressure longer than the edge waits, too. Either way nothing reached the engine.
            counters.upstreamRefused.incrementAndGet();
            socket.error(action, requestId, "upstream_unavailable", upstream.describe() + " did not take the " +
                action + ": " + ex.getMessage() + "; nothing was sent, try again");
        }
    }

    /** For `gavel perf web`: told the event sequence of each public event as it leaves for the sockets. */
    void onFanOut(final java.util.function.LongConsumer hook)
    {
        fanOut.onFanOut(hook);
    }

    /** Why a socket cannot watch {@code auctionId} (the shard directory does not place it), or null; any thread. */
    String unplaced(final long auctionId)
    {
        return sessions.unplaced(auctionId);
    }

    private void run()
    {
        final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 100_000);
        while (running)
        {
            int work = 0;
            Runnable task;
            while ((task = tasks.poll()) != null)
            {
                work++;
                try
                {
                    task.run();
                }
                catch (final RuntimeException ex)
                {
                    LOG.warn("edge task failed: {}", ex.toString());
                }
            }
            try
            {
                work += sessions.poll();
                work += followLeaders();
            }
            catch (final RuntimeException ex)
            {
                LOG.warn("edge poll failed: {}", ex.toString());
            }
            // Apart: an edge session that cannot reach its engine or cluster must not keep the consoles' openings
            // from being handed over, nor their answers from being read.
            try
            {
                work += clerks.poll();
            }
            catch (final RuntimeException ex)
            {
                LOG.warn("edge console poll failed: {}", ex.toString());
            }
            fanOut.flush();
            idle.idle(work);
        }
    }

    /**
     * After a cluster session followed a new leader: the dead leader may have applied commands whose events it never
     * sent, and no gap shows until the next event; so every feed of that cluster takes a fresh snapshot now.
     */
    private int followLeaders()
    {
        if (!sessions.leaderChanged())
        {
            return 0;
        }
        for (final AuctionFeed feed : feeds.values())
        {
            if (sessions.leaderChanged(feed.upstream))
            {
                counters.resyncs.incrementAndGet();
                feed.resync();
            }
        }
        sessions.clearLeaderChanges();
        return 1;
    }

    /** A verified socket joins its auction: a snapshot now (or when the feed is synced), then every event after. */
    void join(final BrowserSocket socket, final SessionToken token, final String rawToken)
    {
        tasks.add(() ->
        {
            if (token.role() == Role.BIDDER)
            {
                bidders.add(socket);
                askLimit(socket.auctionId, token.principal());
            }
            else
            {
                // Welcome and the snapshot come once its session is open (watch, from the consoles).
                clerks.open(socket, sessions.upstream(socket.auctionId), rawToken);
                return;
            }
            watch(socket);
        });
    }

    /** Welcome, then the snapshot now (or when the feed is synced), then every event after. */
    private void watch(final BrowserSocket socket)
    {
        socket.send("{\"t\":\"welcome\",\"principal\":" + socket.principal + ",\"role\":\"" + socket.role +
            "\",\"auction\":" + socket.auctionId + "}");
        final AuctionFeed feed = feed(socket.auctionId);
        if (feed.syncing())
        {
            feed.waiting.add(socket);
            final String why = sessions.unavailable(feed.upstream);
            if (why != null)
            {
                socket.send(UpstreamOutages.notice("reconnecting", why));
            }
        }
        else
        {
            socket.send(feed.snapshot(System.currentTimeMillis()));
            feed.watchers.add(socket);
        }
    }

    private AuctionFeed feed(final long auctionId)
    {
        AuctionFeed feed = feeds.get(auctionId);
        if (feed == null)
        {
            final Upstream upstream = sessions.upstream(auctionId);
            feed = new AuctionFeed(auctionId, settings.config.webVideo(auctionId), upstream, sessions.of(upstream));
            feeds.put(auctionId, feed);
            feed.sync();
        }
        return feed;
    }

    void leave(final BrowserSocket socket)
    {
        tasks.add(() ->
        {
            final AuctionFeed feed = feeds.get(socket.auctionId);
            if (feed != null)
            {
                feed.watchers.remove(socket);
                feed.waiting.remove(socket);
            }
            bidders.remove(socket);
            clerks.leave(socket);
        });
    }

    /** A checked message from an identified socket; runs on the edge thread. */
    void command(final BrowserSocket socket, final BrowserRequest request, final String action)
        throws BrowserRequest.Malformed
    {
        final long requestId = request.number("id", 0);
        final long auction = socket.auctionId;
        if ("sync".equals(action))
        {
            tasks.add(() -> resend(socket));
            return;
        }
        if (socket.isBidder())
        {
            final long bidder = socket.principal;
            switch (action)
            {
                case "bid" ->
                {
                    final long lot = request.number("lot");
                    final long amount = request.number("amount");
                    final long version = request.number("askVersion");
                    tasks.add(() -> sendForBidder(socket, action, requestId,
                        session -> session.liveBid(auction, lot, bidder, amount, (int)version)));
                }
                case "max" ->
                {
                    final long lot = request.number("lot");
                    final long amount = request.number("amount");
                    tasks.add(() -> sendForBidder(socket, action, requestId,
                        session -> session.maxBid(auction, lot, bidder, amount)));
                }
                default -> socket.error(action, "unknown_action", "a bidder may send hello, bid, max or sync");
            }
            return;
        }
        final long lot = request.number("lot");
        final ClerkAction clerkAction = ClerkAction.of(action, request, auction, lot);
        if (clerkAction == null)
        {
            socket.error(action, "unknown_action",
                "a console may send open, warn, hammer, pass, reopen, floor, jump, increment or sync");
            return;
        }
        tasks.add(() -> clerks.send(socket, clerkAction, action, requestId));
    }

    private void resend(final BrowserSocket socket)
    {
        final AuctionFeed feed = feeds.get(socket.auctionId);
        if (feed != null && !feed.syncing() && feed.watchers.contains(socket))
        {
            socket.send(feed.snapshot(System.currentTimeMillis()));
        }
    }

    /**
     * Asks the engine for the bidder's limit and exposure (RULES.md R5): the edge cannot count them itself (the
     * limit is never public, exposure includes premium and private maximums). Only if the bidder has a socket here.
     */
    private void askLimit(final long auctionId, final long bidderId)
    {
        final GavelCommands session = session(auctionId);
        if (session != null && bidders.has(bidderId))
        {
            session.requestBidderStatus(auctionId, bidderId);
        }
    }

    /** The edge session's listener: answers, snapshots, public events (fanned out), private notices (routed). */
    private final class EdgeListener implements GavelListener
    {
        public void onResponse(final long correlationId, final boolean accepted, final RejectReason reason,
            final long engineSequence, final boolean duplicate)
        {
            for (final AuctionFeed feed : feeds.values())
            {
                if (feed.syncing())
                {
                    feed.onSyncAnswer(correlationId, accepted, reason, engineSequence, duplicate);
                }
            }
            answers.answer(correlationId, accepted, reason);
        }

        public void onLotStatus(final LotStatusDecoder event)
        {
            final AuctionFeed feed = feeds.get(event.auctionId());
            if (feed != null)
            {
                feed.mirror.onLotStatus(event);
            }
        }

        @Override
        public void onPublicEvent(final int templateId, final DirectBuffer buffer, final int offset,
            final int length)
        {
            final long auctionId = buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH,
                java.nio.ByteOrder.LITTLE_ENDIAN);
            final AuctionFeed feed = feeds.get(auctionId);
            if (feed == null)
            {
                return;
            }
            final long before = feed.mirror.eventSequence();
            feed.mirror.onPublicEvent(templateId, buffer, offset, length);
            if (feed.mirror.gapDetected())
            {
                // Missed an event: everyone watching gets a fresh snapshot once the mirror is whole again.
                counters.resyncs.incrementAndGet();
                feed.resync();
                return;
            }
            if (!feed.mirror.isLive() || feed.mirror.eventSequence() == before)
            {
                return;
            }
            fanOut.publish(feed, templateId, buffer, offset);
        }

        public void onOutbid(final OutbidDecoder event)
        {
            bidders.send(event.bidderId(), EventJson.notice("outbid", event.auctionId(), event.lotId(),
                event.bidderId(), event.price()));
            askLimit(event.auctionId(), event.bidderId());
        }

        public void onLotWon(final LotWonDecoder event)
        {
            bidders.send(event.bidderId(), EventJson.notice("won", event.auctionId(), event.lotId(),
                event.bidderId(), event.price()));
            askLimit(event.auctionId(), event.bidderId());
        }

        public void onBidderStatus(final BidderStatusDecoder event)
        {
            bidders.limit(event);
        }

        public void onSaleSettled(final SaleSettledDecoder event)
        {
            bidders.send(event.bidderId(), "{\"t\":\"settled\",\"auction\":" + event.auctionId() + ",\"lot\":" +
                event.lotId() + ",\"bidder\":" + event.bidderId() + ",\"result\":\"" + event.result() +
                "\",\"sale\":" + event.saleNumber() + "}");
        }
    }

    public void close()
    {
        running = false;
        try
        {
            thread.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        clerks.close();
        sessions.close();
    }
}
