package io.gavel.web;

import io.aeron.Aeron;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelCommands;
import io.gavel.client.GavelListener;
import io.gavel.cluster.ClusterConfig;
import io.gavel.cluster.client.ClusterGavelClient;
import io.gavel.gateway.EngineConfig;
import io.gavel.protocol.EventDecoder;
import org.agrona.CloseHelper;

import java.time.Duration;

/**
 * One place the edge's commands go: a single engine or a cluster (a shard is one of these). It opens the edge's
 * sessions there: the edge's own (with the auction's public events) and one per clerk console. An engine's public
 * events come on its public stream; a cluster sends them on every session's egress and moves with the leader, so a
 * cluster session also tells the edge when it followed a new leader (to resync what it mirrors).
 */
final class Upstream implements AutoCloseable
{
    private static final Duration ENGINE_TIMEOUT = Duration.ofSeconds(5);
    /**
     * The most a send on the edge thread waits out an engine's back pressure; an engine whose ingress is not
     * connected fails the send at once (the session is then lost and reopened off the edge thread).
     */
    private static final Duration SEND_WAIT = Duration.ofMillis(20);

    /** "engine", "cluster", or the shard's name in the directory. */
    final String name;
    private final EngineConfig engine;
    private final ClusterConfig cluster;
    private final Aeron aeron;
    private final boolean ownsAeron;

    private Upstream(final String name, final EngineConfig engine, final ClusterConfig cluster, final Aeron aeron,
        final boolean ownsAeron)
    {
        this.name = name;
        this.engine = engine;
        this.cluster = cluster;
        this.aeron = aeron;
        this.ownsAeron = ownsAeron;
    }

    /** A single engine, reached through {@code aeron} (its media driver). */
    static Upstream engine(final String name, final EngineConfig engine, final Aeron aeron, final boolean ownsAeron)
    {
        return new Upstream(name, engine, null, aeron, ownsAeron);
    }

    /** A cluster's members (gavel.cluster.hosts and ports), reached through the local media driver of {@code aeron}. */
    static Upstream cluster(final String name, final ClusterConfig cluster, final Aeron aeron)
    {
        if (cluster.memberCount() == 0)
        {
            throw new IllegalArgumentException(name + ": no cluster members (gavel.cluster.hosts is empty)");
        }
        return new Upstream(name, null, cluster, aeron, false);
    }

    boolean isCluster()
    {
        return cluster != null;
    }

    /**
     * A session signed in with {@code token}; every frame it receives goes to {@code listener}. With
     * {@code marketData} an engine session also subscribes to the public stream (a cluster session always gets the
     * public events). {@code onLeaderChange} runs on the polling thread when a cluster session follows a new leader.
     * The session never waits for its upstream once open: a cluster session does not reconnect inside its poll and
     * an engine session does not retry a send to an engine that is gone; either says
     * {@link GavelCommands#isSessionLost} instead, and the edge opens a new one off its thread.
     */
    GavelCommands connect(final String token, final GavelListener listener, final boolean marketData,
        final Runnable onLeaderChange)
    {
        if (cluster != null)
        {
            final EventDecoder decoder = new EventDecoder();
            return ClusterGavelClient.connect(new ClusterGavelClient.Context().cluster(cluster).aeron(aeron)
                .token(token)
                .frameListener((buffer, offset, length) -> decoder.decode(buffer, offset, length, listener))
                .onLeaderChange(leader -> onLeaderChange.run())
                .reconnectInPoll(false));
        }
        return GavelClient.connect(new GavelClient.Context()
            .aeron(aeron)
            .ingress(engine.ingressChannel(), engine.ingressStream())
            .publicStream(engine.publicChannel(), engine.publicStream())
            .subscribePublic(marketData)
            .token(token)
            .listener(listener)
            .timeout(ENGINE_TIMEOUT)
            .sendWait(SEND_WAIT));
    }

    /** Why a session here was lost, for messages: what {@link GavelCommands#isSessionLost} means for this kind. */
    String lostReason()
    {
        return cluster != null ? describe() + " ended the session: no cluster leader answered for some seconds" :
            describe() + " is not reachable: its ingress is not connected (the engine stopped)";
    }

    /** For messages: "engine", "cluster" or "shard east (cluster)". */
    String describe()
    {
        final String kind = cluster != null ? "cluster" : "engine";
        return name.equals(kind) ? kind : "shard " + name + " (" + kind + ")";
    }

    public void close()
    {
        if (ownsAeron)
        {
            CloseHelper.quietClose(aeron);
        }
    }
}
