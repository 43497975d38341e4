package io.gavel.cluster.shard;

import io.gavel.client.Response;
import io.gavel.cluster.ClusterConfig;
import io.gavel.cluster.client.ClusterGavelClient;
import org.agrona.CloseHelper;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Bids routed by auction id: one {@link ClusterGavelClient} per shard of the {@link ShardDirectory}, each command
 * sent to the shard that holds its auction. Nothing a client sends touches two shards (docs/CLUSTER.md, "What stays
 * on one shard"), so routing is a lookup and each shard's answers stay exactly-once on their own.
 */
public final class ShardedClusterClient implements AutoCloseable
{
    private final ShardDirectory directory;
    private final Map<String, ClusterGavelClient> clients = new LinkedHashMap<>();

    /**
     * @param connect makes the client of one shard from its cluster configuration (token, local driver, listeners
     *     are the caller's).
     */
    public ShardedClusterClient(final ShardDirectory directory,
        final Function<ClusterConfig, ClusterGavelClient> connect)
    {
        this.directory = directory;
        try
        {
            for (final String shard : directory.shards().keySet())
            {
                final ClusterConfig config = ClusterConfig.load(directory.configuration(shard));
                if (config.memberCount() == 0)
                {
                    throw new IllegalArgumentException("shard '" + shard + "' is a single engine " +
                        "(its configuration has no gavel.cluster.hosts); this client routes to cluster shards");
                }
                clients.put(shard, connect.apply(config));
            }
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    /** The client of the shard that holds {@code auctionId}. */
    public ClusterGavelClient forAuction(final long auctionId)
    {
        return clients.get(directory.shardOf(auctionId));
    }

    public long maxBid(final long auctionId, final long lotId, final long bidderId, final long maximum)
    {
        return forAuction(auctionId).maxBid(auctionId, lotId, bidderId, maximum);
    }

    /** The answer to a command sent for {@code auctionId}. */
    public Response await(final long auctionId, final long correlationId, final Duration timeout)
    {
        return forAuction(auctionId).await(correlationId, timeout);
    }

    /** Polls every shard's client. */
    public int poll()
    {
        int work = 0;
        for (final ClusterGavelClient client : clients.values())
        {
            work += client.poll();
        }
        return work;
    }

    public Map<String, ClusterGavelClient> clients()
    {
        return clients;
    }

    public void close()
    {
        clients.values().forEach(CloseHelper::quietClose);
    }
}
