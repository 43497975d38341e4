package io.gavel.perf.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code gavel perf load --shards N}: N shards loaded at once, each a real engine of its own (own media driver, Aeron
 * directory and journal) driven by its own open-loop harness at the given rate, so the combined rate is what N
 * single-engine shards answer together on this machine. The shards share nothing but the machine's cores, which is
 * the point: a shard needs nothing from another (docs/CLUSTER.md, "What stays on one shard").
 */
public final class ShardedLoad
{
    private ShardedLoad()
    {
    }

    /** One finished run per shard, in shard order. */
    public static List<LoadReport.Run> run(final LoadOptions options, final int shards, final PrintStream out)
        throws Exception
    {
        if (shards < 1)
        {
            throw new IllegalArgumentException("--shards must be at least 1, not " + shards);
        }
        options.validate();
        if (shards > 1 && options.driver.equals("external"))
        {
            // Every shard's engine would take the same channels and streams on the one driver.
            throw new IllegalArgumentException("--shards needs a driver per shard: use --driver embedded or process");
        }
        final ExecutorService pool = Executors.newFixedThreadPool(shards, task ->
        {
            final Thread thread = new Thread(task, "gavel-load-shard");
            thread.setDaemon(true);
            return thread;
        });
        try
        {
            final List<Future<LoadReport.Run>> futures = new ArrayList<>();
            for (int shard = 0; shard < shards; shard++)
            {
                final LoadOptions own = copy(options);
                // Progress lines of concurrent shards would overwrite each other on one terminal line.
                own.progress = false;
                futures.add(pool.submit(() -> LoadHarness.run(own, out)));
            }
            final List<LoadReport.Run> runs = new ArrayList<>();
            for (final Future<LoadReport.Run> future : futures)
            {
                try
                {
                    runs.add(future.get());
                }
                catch (final ExecutionException ex)
                {
                    throw ex.getCause() instanceof Exception e ? e : ex;
                }
            }
            return runs;
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    /** Answers per second summed over the shards' measured windows. */
    public static double combinedThroughput(final List<LoadReport.Run> runs)
    {
        return runs.stream().mapToDouble(run -> run.gavel().throughput()).sum();
    }

    private static LoadOptions copy(final LoadOptions options)
    {
        final LoadOptions copy = new LoadOptions();
        copy.transport = options.transport;
        copy.auctions = options.auctions;
        copy.lots = options.lots;
        copy.bidders = options.bidders;
        copy.rate = options.rate;
        copy.durationSeconds = options.durationSeconds;
        copy.warmupSeconds = options.warmupSeconds;
        copy.waitStrategy = options.waitStrategy;
        copy.journalParent = options.journalParent;
        copy.layout = options.layout;
        copy.sendWait = options.sendWait;
        copy.driver = options.driver;
        copy.aeronDir = options.aeronDir;
        return copy;
    }
}
