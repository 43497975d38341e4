package io.gavel.web;

import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.exceptions.DriverTimeoutException;
import io.gavel.cluster.ClusterConfig;
import io.gavel.cluster.shard.ShardDirectory;
import io.gavel.gateway.EngineConfig;
import org.agrona.CloseHelper;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where each auction's commands and events are, read once from the configuration: one engine (the default), one
 * cluster ({@code gavel.cluster.hosts}, the same keys the command line uses), or the shards of a directory
 * ({@code gavel.shard.directory}: engines and clusters, each by its own file), routed by auction id. Immutable after
 * it is built, so sockets may ask {@link #forAuction} from their own threads.
 */
final class Upstreams implements AutoCloseable
{
    private final List<Upstream> all;
    private final ShardDirectory directory;
    private final Map<String, Upstream> byShard;

    private Upstreams(final List<Upstream> all, final ShardDirectory directory, final Map<String, Upstream> byShard)
    {
        this.all = all;
        this.directory = directory;
        this.byShard = byShard;
    }

    /** One engine, through {@code aeron} (the embedder's, not closed here). */
    static Upstreams engine(final EngineConfig engine, final Aeron aeron)
    {
        return new Upstreams(List.of(Upstream.engine("engine", engine, aeron, false)), null, Map.of());
    }

    /**
     * What {@code configuration} names: a shard directory, else a cluster, else one engine. {@code aeron} is the
     * edge's client of its local media driver: clusters are reached through it, and so is an engine shard whose
     * gavel.aeron.dir is that driver's (another engine shard gets a client of its own driver).
     */
    static Upstreams from(final Properties configuration, final EngineConfig engine, final Aeron aeron)
    {
        final ClusterConfig cluster = ClusterConfig.load(configuration);
        final String directoryFile = cluster.shardDirectory();
        if (!directoryFile.isEmpty())
        {
            if (!cluster.hosts().isEmpty())
            {
                throw new IllegalArgumentException("the configuration sets both gavel.cluster.hosts and " +
                    "gavel.shard.directory: the web edge fronts one cluster, or the shards of a directory (each " +
                    "shard's own file names its cluster); remove one of the two");
            }
            return shards(ShardDirectory.load(Path.of(directoryFile)), engine.tokenSecret(), aeron);
        }
        if (!cluster.hosts().isEmpty())
        {
            return new Upstreams(List.of(Upstream.cluster("cluster", cluster, aeron)), null, Map.of());
        }
        return engine(engine, aeron);
    }

    private static Upstreams shards(final ShardDirectory directory, final String secret, final Aeron aeron)
    {
        if (directory.shards().isEmpty() || directory.ranges().isEmpty())
        {
            throw new IllegalArgumentException("the shard directory places no auctions: it needs shard.NAME=FILE " +
                "and auctions.FIRST-LAST=NAME entries (docs/CLUSTER.md, Shards)");
        }
        final Map<String, Upstream> byShard = new LinkedHashMap<>();
        try
        {
            for (final String shard : directory.shards().keySet())
            {
                byShard.put(shard, shard(shard, directory.shards().get(shard), directory.configuration(shard),
                    secret, aeron));
            }
        }
        catch (final RuntimeException ex)
        {
            byShard.values().forEach(CloseHelper::quietClose);
            throw ex;
        }
        return new Upstreams(new ArrayList<>(byShard.values()), directory, byShard);
    }

    private static Upstream shard(final String shard, final Path file, final Properties configuration,
        final String secret, final Aeron aeron)
    {
        final String where = "shard '" + shard + "' (" + file + ")";
        final ClusterConfig cluster = ClusterConfig.load(configuration);
        if (!cluster.shardDirectory().isEmpty())
        {
            throw new IllegalArgumentException(where + " sets gavel.shard.directory: a shard is one engine or one " +
                "cluster, shards do not nest");
        }
        final EngineConfig engine = EngineConfig.load(configuration);
        if (!engine.tokenSecret().isEmpty() && !engine.tokenSecret().equals(secret))
        {
            throw new IllegalArgumentException(where + " has another gavel.token.secret than the edge's: the edge " +
                "checks browser tokens and signs its own sessions with one secret, which every shard must share");
        }
        if (!cluster.hosts().isEmpty())
        {
            return Upstream.cluster(shard, cluster, aeron);
        }
        final String aeronDir = engine.aeronDir().isEmpty() ? CommonContext.getAeronDirectoryName() :
            engine.aeronDir();
        if (new File(aeronDir).getAbsoluteFile().equals(new File(aeron.context().aeronDirectoryName())
            .getAbsoluteFile()))
        {
            return Upstream.engine(shard, engine, aeron, false);
        }
        try
        {
            return Upstream.engine(shard, engine, Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir)
                .driverTimeoutMs(5_000)), true);
        }
        catch (final DriverTimeoutException | IllegalStateException ex)
        {
            throw new IllegalArgumentException(where + ": no media driver at " + aeronDir + " (the shard's " +
                "gavel.aeron.dir; its engine's driver must run on this machine): " + ex.getMessage());
        }
    }

    /**
     * The engine or cluster that holds {@code auctionId}.
     *
     * @throws IllegalArgumentException naming the auction when the shard directory does not place it.
     */
    Upstream forAuction(final long auctionId)
    {
        return directory == null ? all.get(0) : byShard.get(directory.shardOf(auctionId));
    }

    List<Upstream> all()
    {
        return all;
    }

    /** For the start-up line: "engine", "cluster (3 members)" or "shards east (engine), west (cluster)". */
    String describe()
    {
        if (directory == null)
        {
            return all.get(0).describe();
        }
        final List<String> names = new ArrayList<>();
        for (final Upstream upstream : all)
        {
            names.add(upstream.describe());
        }
        return String.join(", ", names);
    }

    public void close()
    {
        all.forEach(CloseHelper::quietClose);
    }
}
