package io.gavel.web;

import io.gavel.client.GavelClientException;
import io.gavel.client.GavelCommands;
import io.gavel.client.GavelListener;
import org.agrona.CloseHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The edge's own session (role EDGE) with every engine or cluster it fronts, opened at start so a shard that is down
 * fails the start by name, and the record of which of them followed a new leader since the edge last looked. A
 * session that is lost (its engine stopped, or its cluster ended it with no leader) is closed and reopened off the
 * edge thread ({@link SessionReopener}); meanwhile that upstream has no session ({@link #forAuction} is null and
 * {@link #unavailable} says why), and the edge is told when it is lost and when it is back. Built on the starting
 * thread; polled and used on the edge thread only ({@link #unplaced} excepted: any thread).
 */
final class EdgeSessions implements AutoCloseable
{
    /** Told on the edge thread when an upstream's session is lost, and when a new one is open. */
    interface Availability
    {
        void lost(Upstream upstream, String why);

        void back(Upstream upstream, GavelCommands session);
    }

    private static final Logger LOG = LoggerFactory.getLogger(EdgeSessions.class);

    private final Upstreams upstreams;
    private final String edgeToken;
    private final GavelListener listener;
    private final EdgeCounters counters;
    private final Availability availability;
    private final SessionReopener reopener = new SessionReopener();
    /** In the order the edge names its upstreams (an Upstream is equal only to itself); null while reopening. */
    private final Map<Upstream, GavelCommands> sessions = new LinkedHashMap<>();
    /** Why each upstream being reopened is unavailable. */
    private final Map<Upstream, String> down = new IdentityHashMap<>();
    private final List<Upstream> leaderChanged = new ArrayList<>();

    EdgeSessions(final Upstreams upstreams, final String edgeToken, final GavelListener listener,
        final EdgeCounters counters, final Availability availability)
    {
        this.upstreams = upstreams;
        this.edgeToken = edgeToken;
        this.listener = listener;
        this.counters = counters;
        this.availability = availability;
        for (final Upstream upstream : upstreams.all())
        {
            try
            {
                sessions.put(upstream, upstream.connect(edgeToken, listener, true, () -> leaderChanged.add(upstream)));
            }
            catch (final RuntimeException ex)
            {
                sessions.values().forEach(CloseHelper::quietClose);
                throw upstreams.all().size() == 1 ? ex :
                    new GavelClientException(upstream.describe() + ": " + ex.getMessage());
            }
        }
    }

    /** Where {@code auctionId} is (its engine, cluster or shard). */
    Upstream upstream(final long auctionId)
    {
        return upstreams.forAuction(auctionId);
    }

    /** The edge's session with the engine or cluster that holds {@code auctionId}; null while it is reopened. */
    GavelCommands forAuction(final long auctionId)
    {
        return sessions.get(upstreams.forAuction(auctionId));
    }

    /** The edge's session with {@code upstream}; null while it is reopened. */
    GavelCommands of(final Upstream upstream)
    {
        return sessions.get(upstream);
    }

    /** Why {@code upstream} has no session now (lost, being reopened), or null when it has one. */
    String unavailable(final Upstream upstream)
    {
        return down.get(upstream);
    }

    /** Why a socket cannot watch {@code auctionId} (the shard directory does not place it), or null. */
    String unplaced(final long auctionId)
    {
        try
        {
            upstreams.forAuction(auctionId);
            return null;
        }
        catch (final IllegalArgumentException ex)
        {
            return ex.getMessage();
        }
    }

    /**
     * Adopts the sessions reopened since the last cycle, then polls every session; one that fails is logged and does
     * not keep the others from being polled, nor the edge from following their leaders. None of them waits for its
     * upstream: one that is lost is closed, and reopened off this thread.
     */
    int poll()
    {
        int work = reopener.drain(this::reopened);
        List<Upstream> lost = null;
        for (final Map.Entry<Upstream, GavelCommands> entry : sessions.entrySet())
        {
            final GavelCommands session = entry.getValue();
            if (session == null)
            {
                continue;
            }
            try
            {
                work += session.poll();
            }
            catch (final RuntimeException ex)
            {
                LOG.warn("edge poll failed: {}", ex.toString());
            }
            if (session.isSessionLost())
            {
                lost = lost == null ? new ArrayList<>() : lost;
                lost.add(entry.getKey());
            }
        }
        if (lost != null)
        {
            lost.forEach(this::lose);
        }
        return work;
    }

    /**
     * The session with {@code upstream} is gone (its poll or a send found it so): it is closed, the upstream is
     * unavailable until a new one is open, and the edge is told.
     */
    private void lose(final Upstream upstream)
    {
        final GavelCommands session = sessions.get(upstream);
        if (session == null)
        {
            return;
        }
        CloseHelper.quietClose(session);
        sessions.put(upstream, null);
        final String why = upstream.lostReason() + "; the edge is reconnecting";
        down.put(upstream, why);
        counters.upstreamsLost.incrementAndGet();
        counters.upstreamsDown.incrementAndGet();
        LOG.warn("edge session lost: {}", why);
        reopener.reopen(upstream, edgeToken, () -> leaderChanged.add(upstream));
        availability.lost(upstream, why);
    }

    private void reopened(final SessionReopener.Reopened reopened)
    {
        reopened.listener.adopt(listener);
        sessions.put(reopened.upstream, reopened.session);
        down.remove(reopened.upstream);
        counters.upstreamsDown.decrementAndGet();
        counters.upstreamsReopened.incrementAndGet();
        availability.back(reopened.upstream, reopened.session);
    }

    /** Whether any session followed a new leader since {@link #clearLeaderChanges}. */
    boolean leaderChanged()
    {
        return !leaderChanged.isEmpty();
    }

    boolean leaderChanged(final Upstream upstream)
    {
        return leaderChanged.contains(upstream);
    }

    void clearLeaderChanges()
    {
        leaderChanged.clear();
    }

    public void close()
    {
        reopener.close();
        sessions.values().forEach(CloseHelper::quietClose);
        upstreams.close();
    }
}
