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
        final List<Target> targets = check(configuration, engine);
        final ShardDirectory directory = targets.get(0).directory;
        if (directory == null)
        {
            final Target only = targets.get(0);
            return new Upstreams(List.of(only.cluster != null ? Upstream.cluster(only.name, only.cluster, aeron) :
                Upstream.engine(only.name, engine, aeron, false)), null, Map.of());
        }
        final Map<String, Upstream> byShard = new LinkedHashMap<>();
        try
        {
            for (final Target target : targets)
            {
                byShard.put(target.name, target.connect(aeron));
            }
        }
        catch (final RuntimeException ex)
        {
            byShard.values().forEach(CloseHelper::quietClose);
            throw ex;
        }
        return new Upstreams(new ArrayList<>(byShard.values()), directory, byShard);
    }

    /** One engine or cluster the configuration names, checked but not connected. */
    private static final class Target
    {
        final String name;
        final String where;
        final ShardDirectory directory;
        final EngineConfig engine;
        final ClusterConfig cluster;

        Target(final String name, final String where, final ShardDirectory directory, final EngineConfig engine,
            final ClusterConfig cluster)
        {
            this.name = name;
            this.where = where;
            this.directory = directory;
            this.engine = engine;
            this.cluster = cluster;
        }

        Upstream connect(final Aeron aeron)
        {
            if (cluster != null)
            {
                return Upstream.cluster(name, cluster, aeron);
            }
            final String aeronDir = engine.aeronDir().isEmpty() ? CommonContext.getAeronDirectoryName() :
                engine.aeronDir();
            if (new File(aeronDir).getAbsoluteFile().equals(new File(aeron.context().aeronDirectoryName())
                .getAbsoluteFile()))
            {
                return Upstream.engine(name, engine, aeron, false);
            }
            try
            {
                return Upstream.engine(name, engine, Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir)
                    .driverTimeoutMs(5_000)), true);
            }
            catch (final DriverTimeoutException | IllegalStateException ex)
            {
                throw new IllegalArgumentException(where + ": no media driver at " + aeronDir + " (the shard's " +
                    "gavel.aeron.dir; its engine's driver must run on this machine): " + ex.getMessage());
            }
        }
    }

    /**
     * Checks what {@code configuration} names without connecting to anything, so a bad configuration is refused
     * before the edge waits for drivers or engines.
     *
     * @throws IllegalArgumentException naming what is wrong and what to fix.
     */
    static void check(final Properties configuration)
    {
        check(configuration, EngineConfig.load(configuration));
    }

    private static List<Target> check(final Properties configuration, final EngineConfig engine)
    {
        final ClusterConfig cluster = ClusterConfig.load(configuration);
        final String directoryFile = cluster.shardDirectory();
        if (directoryFile.isEmpty())
        {
            if (!cluster.hosts().isEmpty())
            {
                return List.of(new Target("cluster", "cluster", null, engine, cluster));
            }
            return List.of(new Target("engine", "engine", null, engine, null));
        }
        if (!cluster.hosts().isEmpty())
        {
            throw new IllegalArgumentException("the configuration sets both gavel.cluster.hosts and " +
                "gavel.shard.directory: the web edge fronts one cluster, or the shards of a directory (each " +
                "shard's own file names its cluster); remove one of the two");
        }
        final ShardDirectory directory = ShardDirectory.load(Path.of(directoryFile));
        if (directory.shards().isEmpty() || directory.ranges().isEmpty())
        {
            throw new IllegalArgumentException("the shard directory " + directoryFile + " places no auctions: it " +
                "needs shard.NAME=FILE and auctions.FIRST-LAST=NAME entries (docs/CLUSTER.md, Shards)");
        }
        final List<Target> targets = new ArrayList<>();
        for (final String shard : directory.shards().keySet())
        {
            final String where = "shard '" + shard + "' (" + directory.shards().get(shard) + ")";
            final Properties shardConfiguration = directory.configuration(shard);
            final ClusterConfig shardCluster = ClusterConfig.load(shardConfiguration);
            if (!shardCluster.shardDirectory().isEmpty())
            {
                throw new IllegalArgumentException(where + " sets gavel.shard.directory: a shard is one engine " +
                    "or one cluster, shards do not nest");
            }
            final EngineConfig shardEngine = EngineConfig.load(shardConfiguration);
            if (!shardEngine.tokenSecret().isEmpty() && !shardEngine.tokenSecret().equals(engine.tokenSecret()))
            {
                throw new IllegalArgumentException(where + " has another gavel.token.secret than the edge's: the " +
                    "edge checks browser tokens and signs its own sessions with one secret, which every shard " +
                    "must share");
            }
            targets.add(new Target(shard, where, directory, shardEngine,
                shardCluster.hosts().isEmpty() ? null : shardCluster));
        }
        return targets;
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
