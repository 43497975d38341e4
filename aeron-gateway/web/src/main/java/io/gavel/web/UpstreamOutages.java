package io.gavel.web;

import io.gavel.client.GavelCommands;

import java.util.Collection;

/**
 * What the edge does while the edge's session with one engine or cluster is lost and being reopened off the edge
 * thread ({@link EdgeSessions}): that shard's sockets are told ({@code {"t":"upstream","state":"reconnecting"}}),
 * its feeds wait, and the bids sent and not answered are told their answer is lost; once a new session is open its
 * sockets hear {@code "state":"connected"}, get a fresh snapshot from it, and its bidders their limit line again. New bids meanwhile are refused at once by
 * the edge ({@code upstream_unavailable}). Every other shard's sockets carry on. Edge thread only.
 */
final class UpstreamOutages implements EdgeSessions.Availability
{
    private final Collection<AuctionFeed> feeds;
    private final BrowserAnswers answers;
    private final EdgeCounters counters;
    private final BrowserAnswers.LimitRequest limits;

    /** {@code feeds}: the edge's feeds, a live view; {@code limits} asks a bidder's limit again once it is back. */
    UpstreamOutages(final Collection<AuctionFeed> feeds, final BrowserAnswers answers, final EdgeCounters counters,
        final BrowserAnswers.LimitRequest limits)
    {
        this.feeds = feeds;
        this.answers = answers;
        this.counters = counters;
        this.limits = limits;
    }

    /** {@code {"t":"upstream","state":...,"message":...}}: the sockets of a shard hear it lost, and back. */
    static String notice(final String state, final String message)
    {
        return "{\"t\":\"upstream\",\"state\":\"" + state + "\",\"message\":" + EventJson.quote(message) + "}";
    }

    public void lost(final Upstream upstream, final String why)
    {
        answers.abandon(upstream, why);
        final String notice = notice("reconnecting", why);
        for (final AuctionFeed feed : feeds)
        {
            if (feed.upstream == upstream)
            {
                feed.detach();
                feed.waiting.forEach(socket -> socket.send(notice));
            }
        }
    }

    public void back(final Upstream upstream, final GavelCommands session)
    {
        final String notice = notice("connected", upstream.describe() + " is back; a fresh snapshot follows");
        for (final AuctionFeed feed : feeds)
        {
            if (feed.upstream == upstream)
            {
                feed.watchers.forEach(socket -> socket.send(notice));
                feed.waiting.forEach(socket -> socket.send(notice));
                counters.resyncs.incrementAndGet();
                feed.reattach(session);
                // What the bidders may still commit may have changed meanwhile (and a request was lost with the
                // old session): each bidder watching hears its limit from the new session.
                feed.waiting.stream().filter(BrowserSocket::isBidder).mapToLong(socket -> socket.principal)
                    .distinct().forEach(bidder -> limits.askLimit(feed.auctionId, bidder));
            }
        }
    }
}
