package io.gavel.web;

import io.gavel.client.GavelClientException;
import io.gavel.client.GavelCommands;
import io.gavel.client.GavelListener;
import org.agrona.CloseHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The edge's own session (role EDGE) with every engine or cluster it fronts, opened at start so a shard that is down
 * fails the start by name, and the record of which of them followed a new leader since the edge last looked. Built
 * on the starting thread; polled and used on the edge thread only ({@link #unplaced} excepted: any thread).
 */
final class EdgeSessions implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(EdgeSessions.class);

    private final Upstreams upstreams;
    /** In the order the edge names its upstreams (an Upstream is equal only to itself). */
    private final Map<Upstream, GavelCommands> sessions = new LinkedHashMap<>();
    private final List<Upstream> leaderChanged = new ArrayList<>();

    EdgeSessions(final Upstreams upstreams, final String edgeToken, final GavelListener listener)
    {
        this.upstreams = upstreams;
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

    /** The edge's session with the engine or cluster that holds {@code auctionId}. */
    GavelCommands forAuction(final long auctionId)
    {
        return sessions.get(upstreams.forAuction(auctionId));
    }

    GavelCommands of(final Upstream upstream)
    {
        return sessions.get(upstream);
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
     * Polls every session; one that fails (its engine or cluster gone) is logged and does not keep the others from
     * being polled, nor the edge from following their leaders.
     */
    int poll()
    {
        int work = 0;
        for (final GavelCommands session : sessions.values())
        {
            try
            {
                work += session.poll();
            }
            catch (final RuntimeException ex)
            {
                LOG.warn("edge poll failed: {}", ex.toString());
            }
        }
        return work;
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
        sessions.values().forEach(CloseHelper::quietClose);
        upstreams.close();
    }
}
