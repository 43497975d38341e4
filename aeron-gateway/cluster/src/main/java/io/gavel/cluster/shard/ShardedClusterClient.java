package io.gavel.cluster.shard;

import io.aeron.Aeron;
import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelCommands;
import io.gavel.client.Response;
import io.gavel.cluster.ClusterConfig;
import io.gavel.cluster.client.ClusterGavelClient;
import io.gavel.gateway.EngineConfig;
import io.gavel.sbe.PaymentResult;
import org.agrona.CloseHelper;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Commands routed by auction id: one client per shard of the {@link ShardDirectory} (a cluster's
 * {@link ClusterGavelClient} or a single engine's {@link GavelClient}, both {@link GavelCommands}), each command sent
 * to the shard that holds its auction. Nothing a client sends touches two shards (docs/CLUSTER.md, "What stays on one
 * shard"), so routing is a lookup and each shard's answers stay exactly-once on their own.
 */
public final class ShardedClusterClient implements GavelCommands
{
    private final ShardDirectory directory;
    private final Map<String, GavelCommands> clients = new LinkedHashMap<>();
    // Which shard each unanswered command went to, so await(correlationId) asks that shard.
    private final Long2ObjectHashMap<GavelCommands> sentTo = new Long2ObjectHashMap<>();
    private final IdleStrategy idle = new BackoffIdleStrategy();

    /**
     * Every shard a cluster: {@code connect} makes the client of one shard from its cluster configuration (token,
     * local driver, listeners are the caller's); a shard whose configuration names no cluster is refused.
     */
    public ShardedClusterClient(final ShardDirectory directory,
        final Function<ClusterConfig, ClusterGavelClient> connect)
    {
        this(directory, (shard, properties) ->
        {
            final ClusterConfig config = ClusterConfig.load(properties);
            if (config.memberCount() == 0)
            {
                throw new IllegalArgumentException("shard '" + shard + "' is a single engine " +
                    "(its configuration has no gavel.cluster.hosts); connect it with a client for either kind");
            }
            return connect.apply(config);
        });
    }

    /**
     * Shards of either kind: {@code connect} makes the client of one shard from its name and configuration (see
     * {@link #connectEither} for the usual choice by gavel.cluster.hosts).
     */
    public ShardedClusterClient(final ShardDirectory directory,
        final BiFunction<String, Properties, GavelCommands> connect)
    {
        this.directory = directory;
        try
        {
            for (final String shard : directory.shards().keySet())
            {
                clients.put(shard, connect.apply(shard, directory.configuration(shard)));
            }
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    /**
     * A shard's client by its configuration: the cluster's when it names one (gavel.cluster.hosts), else a session
     * with the single engine through that engine's media driver (its gavel.aeron.dir), signed in with {@code token}.
     */
    public static GavelCommands connectEither(final Properties configuration, final String token,
        final Duration timeout)
    {
        if (ClusterConfig.namesCluster(configuration))
        {
            return ClusterGavelClient.connect(new ClusterGavelClient.Context()
                .cluster(ClusterConfig.load(configuration))
                .aeronDirectory(aeronDirectory(EngineConfig.load(configuration)))
                .token(token).timeout(timeout));
        }
        final EngineConfig config = EngineConfig.load(configuration);
        final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDirectory(config)));
        try
        {
            return GavelClient.connect(new GavelClient.Context().aeron(aeron).closesAeron(true)
                .ingress(config.ingressChannel(), config.ingressStream())
                .publicStream(config.publicChannel(), config.publicStream()).subscribePublic(false)
                .token(token).timeout(timeout));
        }
        catch (final RuntimeException ex)
        {
            aeron.close();
            throw ex;
        }
    }

    private static String aeronDirectory(final EngineConfig config)
    {
        return config.aeronDir().isEmpty() ? io.aeron.CommonContext.getAeronDirectoryName() : config.aeronDir();
    }

    /** The client of the shard that holds {@code auctionId}. */
    public GavelCommands forAuction(final long auctionId)
    {
        return clients.get(directory.shardOf(auctionId));
    }

    private long sent(final GavelCommands shard, final long correlationId)
    {
        sentTo.put(correlationId, shard);
        return correlationId;
    }

    public long createAuction(final long auctionId, final AuctionSettings settings)
    {
        final GavelCommands shard = forAuction(auctionId);
        return sent(shard, shard.createAuction(auctionId, settings));
    }

    public long addLot(final long auctionId, final long lotId, final long startPrice, final long reserve,
        final long buyNowPrice, final long endTime)
    {
        final GavelCommands shard = forAuction(auctionId);
        return sent(shard, shard.addLot(auctionId, lotId, startPrice, reserve, buyNowPrice, endTime));
    }

    public long registerBidder(final long auctionId, final long bidderId, final long paddle, final long limit,
        final String paymentMethod)
    {
        final GavelCommands shard = forAuction(auctionId);
        return sent(shard, shard.registerBidder(auctionId, bidderId, paddle, limit, paymentMethod));
    }

    public long approveBidder(final long auctionId, final long bidderId)
    {
        final GavelCommands shard = forAuction(auctionId);
        return sent(shard, shard.approveBidder(auctionId, bidderId));
    }

    public long suspendBidder(final long correlationId, final long auctionId, final long bidderId,
        final String reason)
    {
        final GavelCommands shard = forAuction(auctionId);
        return sent(shard, shard.suspendBidder(correlationId, auctionId, bidderId, reason));
    }

    public long openLot(final long auctionId, final long lotId)
    {
        final GavelCommands shard = forAuction(auctionId);
        return sent(shard, shard.openLot(auctionId, lotId));
    }

    public long fairWarning(final long auctionId, final long lotId)
    {
        final GavelCommands shard = forAuction(auctionId);
        return sent(shard, shard.fairWarning(auctionId, lotId));
    }

    public long hammer(final long auctionId, final long lotId)
    {
        final GavelCommands shard = forAuction(auctionId);
        return sent(shard, shard.hammer(auctionId, lotId));
    }

    public long reopen(final long auctionId, final long lotId)
    {
        final GavelCommands shard = forAuction(auctionId);
        return sent(shard, shard.reopen(auctionId, lotId));
    }

    public long withdrawLot(final long auctionId, final long lotId)
    {
        final GavelCommands shard = forAuction(auctionId);
        return sent(shard, shard.withdrawLot(auctionId, lotId));
    }

    public long assignClerk(final long auctionId, final long clerkId, final boolean assign)
    {
        final GavelCommands shard = forAuction(auctionId);
        return sent(shard, shard.assignClerk(auctionId, clerkId, assign));
    }

    public long setIncrement(final long auctionId, final long lotId, final long increment)
    {
        final GavelCommands shard = forAuction(auctionId);
        return sent(shard, shard.setIncrement(auctionId, lotId, increment));
    }

    public long jumpAsk(final long auctionId, final long lotId, final long ask)
    {
        final GavelCommands shard = forAuction(auctionId);
        return sent(shard, shard.jumpAsk(auctionId, lotId, ask));
    }

    public long requestBidderStatus(final long auctionId, final long bidderId)
    {
        final GavelCommands shard = forAuction(auctionId);
        return sent(shard, shard.requestBidderStatus(auctionId, bidderId));
    }

    public long maxBid(final long auctionId, final long lotId, final long bidderId, final long maximum)
    {
        final GavelCommands shard = forAuction(auctionId);
        return sent(shard, shard.maxBid(auctionId, lotId, bidderId, maximum));
    }

    public long liveBid(final long auctionId, final long lotId, final long bidderId, final long amount,
        final int askVersion)
    {
        final GavelCommands shard = forAuction(auctionId);
        return sent(shard, shard.liveBid(auctionId, lotId, bidderId, amount, askVersion));
    }

    public long floorBid(final long auctionId, final long lotId, final long paddle, final long amount,
        final int askVersion)
    {
        final GavelCommands shard = forAuction(auctionId);
        return sent(shard, shard.floorBid(auctionId, lotId, paddle, amount, askVersion));
    }

    public long buyNow(final long auctionId, final long lotId, final long bidderId)
    {
        final GavelCommands shard = forAuction(auctionId);
        return sent(shard, shard.buyNow(auctionId, lotId, bidderId));
    }

    public long settlementResult(final long auctionId, final long lotId, final PaymentResult result)
    {
        final GavelCommands shard = forAuction(auctionId);
        return sent(shard, shard.settlementResult(auctionId, lotId, result));
    }

    public long requestAuctionStatus(final long auctionId)
    {
        final GavelCommands shard = forAuction(auctionId);
        return sent(shard, shard.requestAuctionStatus(auctionId));
    }

    /** The answer to a command sent through this client, from the shard it went to (null: unknown id or timeout). */
    public Response await(final long correlationId, final Duration timeout)
    {
        final GavelCommands shard = sentTo.get(correlationId);
        if (shard == null)
        {
            return null;
        }
        final Response response = shard.await(correlationId, timeout);
        if (response != null)
        {
            sentTo.remove(correlationId);
        }
        return response;
    }

    /** The answer to a command sent for {@code auctionId}. */
    public Response await(final long auctionId, final long correlationId, final Duration timeout)
    {
        sentTo.remove(correlationId);
        return forAuction(auctionId).await(correlationId, timeout);
    }

    public boolean pollUntil(final BooleanSupplier condition, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        idle.reset();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                return false;
            }
            idle.idle(poll());
        }
        return true;
    }

    /** Polls every shard's client. */
    public int poll()
    {
        int work = 0;
        for (final GavelCommands client : clients.values())
        {
            work += client.poll();
        }
        return work;
    }

    public String describe()
    {
        return "shards " + String.join(", ", clients.keySet());
    }

    public Map<String, GavelCommands> clients()
    {
        return clients;
    }

    public void close()
    {
        clients.values().forEach(CloseHelper::quietClose);
    }
}
