package io.gavel.perf.load;

import io.gavel.cluster.ClusterConfig;
import io.gavel.cluster.ClusterNodeMain;
import org.agrona.IoUtil;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The members of a load run's cluster: each {@code gavel cluster node} ({@link ClusterNodeMain}) in a child JVM of
 * its own, with this JVM's class path and module flags, on 127.0.0.1, all under one temporary directory that
 * {@link #close()} deletes. The configuration turns the session rate limit and scheduled snapshots off, as the
 * single engine of the same run has them (LoadEnvironment), so both sides answer the same load the same way.
 */
final class ClusterMembers implements AutoCloseable
{
    static final String SECRET = "load-harness";
    /** Member heap: three members share the machine with the harness and the single engine. */
    static final List<String> MEMBER_JVM = List.of("-Xms256m", "-Xmx512m", "-Xmn192m", "-XX:ParallelGCThreads=1",
        "-XX:ConcGCThreads=1");

    final Path dir;
    final Properties properties;
    final ClusterConfig config;
    private final List<Process> processes = new ArrayList<>();

    private ClusterMembers(final Path dir, final Properties properties)
    {
        this.dir = dir;
        this.properties = properties;
        this.config = ClusterConfig.load(properties);
    }

    /** Starts {@code members} members and waits until each has printed its "started" line. */
    static ClusterMembers start(final int members, final long timeoutSeconds) throws IOException
    {
        final Path dir = Files.createTempDirectory("gavel-load-cluster-");
        final ClusterMembers cluster = new ClusterMembers(dir, properties(dir, members));
        try
        {
            final Path file = dir.resolve("cluster.properties");
            try (OutputStream out = Files.newOutputStream(file))
            {
                cluster.properties.store(out, "gavel perf load --cluster");
            }
            for (int id = 0; id < members; id++)
            {
                cluster.processes.add(new ProcessBuilder(command(id, file)).redirectErrorStream(true)
                    .redirectOutput(log(dir, id).toFile()).start());
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            for (int id = 0; id < members; id++)
            {
                cluster.awaitStarted(id, deadline);
            }
            return cluster;
        }
        catch (final IOException | RuntimeException ex)
        {
            cluster.close();
            throw ex;
        }
    }

    /** Loopback members with the rate limit and snapshots off, on ports nothing else holds. */
    static Properties properties(final Path dir, final int members)
    {
        final Properties properties = new Properties();
        properties.setProperty("gavel.cluster.hosts", String.join(",", java.util.Collections.nCopies(members,
            "127.0.0.1")));
        properties.setProperty("gavel.cluster.port.base", Integer.toString(freePortBase(members)));
        properties.setProperty("gavel.cluster.dir", dir.resolve("cluster").toString());
        properties.setProperty("gavel.token.secret", SECRET);
        // One load session sends the whole rate: the per-session limit (2,000/s by default) would refuse most of it.
        // The members all run with the same value, as they must (docs/CLUSTER.md).
        properties.setProperty("gavel.session.rate.limit", "0");
        properties.setProperty("gavel.cluster.snapshot.every", "0");
        properties.setProperty("gavel.cluster.snapshot.interval.s", "0");
        return properties;
    }

    /** A port base whose members' UDP ports (base + 100 N + 1..7) are free now, somewhere in 21000-44000. */
    private static int freePortBase(final int members)
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            final int base = 21_000 + 100 * ThreadLocalRandom.current().nextInt(230);
            if (free(base, members))
            {
                return base;
            }
        }
        throw new IllegalStateException("no free UDP ports for the cluster's members on 127.0.0.1 in 21000-44000");
    }

    private static boolean free(final int base, final int members)
    {
        for (int member = 0; member < members; member++)
        {
            for (int offset = 1; offset <= 7; offset++)
            {
                try (DatagramSocket socket = new DatagramSocket(null))
                {
                    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), base + 100 * member + offset));
                }
                catch (final IOException ex)
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<String> command(final int memberId, final Path file)
    {
        final List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            // The module flags the launcher and Surefire give this JVM (one place: the parent pom), not its heap.
            if (argument.startsWith("--add-") || argument.startsWith("--enable-native-access") ||
                argument.startsWith("--sun-misc-") || argument.startsWith("-Dchronicle.") ||
                argument.startsWith("-Daeron."))
            {
                command.add(argument);
            }
        }
        command.addAll(MEMBER_JVM);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ClusterNodeMain.class.getName());
        command.addAll(List.of("--id", Integer.toString(memberId), "-c", file.toString()));
        return command;
    }

    private static Path log(final Path dir, final int memberId)
    {
        return dir.resolve("node-" + memberId + ".log");
    }

    private void awaitStarted(final int memberId, final long deadline) throws IOException
    {
        final String started = "gavel cluster node " + memberId + " started";
        while (!Files.readString(log(dir, memberId)).contains(started))
        {
            final Process process = processes.get(memberId);
            if (!process.isAlive())
            {
                throw new IllegalStateException("cluster member " + memberId + " exited " + process.exitValue() +
                    ": " + lastLines(memberId));
            }
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("cluster member " + memberId + " did not start in time: " +
                    lastLines(memberId));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    /** The end of a member's log, for an error message. */
    String lastLines(final int memberId)
    {
        try
        {
            final String text = Files.readString(log(dir, memberId)).strip();
            return text.length() <= 600 ? text : "..." + text.substring(text.length() - 600);
        }
        catch (final IOException ex)
        {
            return "(no log: " + ex.getMessage() + ")";
        }
    }

    /** Stops every member (SIGTERM, so each closes its driver, archive and journal), then deletes the directory. */
    public void close()
    {
        for (final Process process : processes)
        {
            process.destroy();
        }
        for (final Process process : processes)
        {
            try
            {
                if (!process.waitFor(30, TimeUnit.SECONDS))
                {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
            catch (final InterruptedException ex)
            {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        IoUtil.delete(dir.toFile(), true);
    }
}
