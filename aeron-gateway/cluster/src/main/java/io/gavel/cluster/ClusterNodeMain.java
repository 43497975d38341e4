package io.gavel.cluster;

import io.gavel.gateway.DriverInUseException;
import io.gavel.gateway.EngineConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Runs one cluster member until the cluster stops it or the process is told to stop:
 * {@code ClusterNodeMain --id N -c FILE} (what {@code gavel cluster node} runs). Prints one line when the member is
 * up, naming its directories, so scripts and tests can wait for it.
 */
public final class ClusterNodeMain
{
    private ClusterNodeMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        int memberId = -1;
        Path file = null;
        for (int i = 0; i < args.length; i++)
        {
            if (("--id".equals(args[i]) || "-i".equals(args[i])) && i + 1 < args.length)
            {
                memberId = parseId(args[++i]);
            }
            else if (("-c".equals(args[i]) || "--config".equals(args[i])) && i + 1 < args.length)
            {
                file = Paths.get(args[++i]);
            }
            else
            {
                usage("unknown argument '" + args[i] + "'");
            }
        }
        if (memberId < 0 || file == null)
        {
            usage("both --id and -c are required");
        }
        try
        {
            System.exit(run(memberId, readProperties(file)));
        }
        catch (final IllegalArgumentException | IllegalStateException ex)
        {
            System.err.println("gavel cluster node: " + ex.getMessage());
            System.exit(2);
        }
        catch (final DriverInUseException ex)
        {
            System.err.println("gavel cluster node: " + ex.getMessage());
            System.exit(3);
        }
    }

    /** Starts member {@code memberId} and blocks until it is terminated; returns the process exit status. */
    public static int run(final int memberId, final Properties properties) throws InterruptedException
    {
        final ClusterConfig cluster = ClusterConfig.load(properties);
        final EngineConfig engine = EngineConfig.load(properties);
        final ClusterNode node = startWhenMarkFileExpires(cluster, engine, memberId);
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "gavel-cluster-shutdown"));
        System.out.println("gavel cluster node " + memberId + " started: members " + cluster.clusterMembers() +
            "; directory " + node.nodeDir() + "; aeron " + node.aeronDirectory() + "; snapshots every " +
            cluster.snapshotEvery() + " commands or " + cluster.get("gavel.cluster.snapshot.interval.s") +
            " s (0 = off); own session rate limit " + engine.sessionRateLimit() + "/s, burst " +
            engine.sessionRateBurst() + ", correlation window " + engine.correlationWindow() +
            " (the values in the cluster's log decide)");
        System.out.flush();
        while (!node.awaitTermination(1, TimeUnit.SECONDS))
        {
            // Waits for the cluster's termination hook; a signal runs the shutdown hook instead.
        }
        node.close();
        return 0;
    }

    /**
     * After a kill -9 the member's mark files still look active for a few seconds (Aeron's liveness window): wait that
     * out rather than fail, for at most a minute.
     */
    static ClusterNode startWhenMarkFileExpires(final ClusterConfig cluster, final EngineConfig engine,
        final int memberId) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true)
        {
            try
            {
                return ClusterNode.start(cluster, engine, memberId);
            }
            catch (final RuntimeException ex)
            {
                final String message = String.valueOf(ex.getMessage());
                if (!message.contains("active") || System.nanoTime() > deadline)
                {
                    throw ex;
                }
                System.out.println("gavel cluster node " + memberId + ": waiting for the previous run's mark file " +
                    "to expire (" + message + ")");
                Thread.sleep(1_000);
            }
        }
    }

    public static Properties readProperties(final Path file)
    {
        final Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file))
        {
            properties.load(in);
        }
        catch (final NoSuchFileException ex)
        {
            throw new IllegalArgumentException("configuration file " + file + " does not exist");
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read configuration file " + file + ": " + ex.getMessage());
        }
        return properties;
    }

    private static int parseId(final String text)
    {
        try
        {
            return Integer.parseInt(text);
        }
        catch (final NumberFormatException ex)
        {
            usage("--id must be a member number, not '" + text + "'");
            return -1;
        }
    }

    private static void usage(final String problem)
    {
        System.err.println("gavel cluster node: " + problem + "\nusage: gavel cluster node --id N -c FILE");
        System.exit(2);
    }
}
