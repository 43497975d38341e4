package io.gavel.cluster;

import io.aeron.driver.MediaDriver;
import io.gavel.gateway.EngineConfig;
import io.gavel.replay.journal.JournalVerifier;
import org.agrona.CloseHelper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The members a cluster test starts (one for each of {@code gavel.cluster.hosts}), either in this JVM (a media driver
 * each) or each in its own child process ({@link NodeProcess}, so one can be killed with -9), and the media driver the
 * test's clients share. Closing it closes what the test handed it with {@link #own}, newest first, then the members,
 * then the clients' driver; closing twice does nothing more, so a test can stop the cluster before reading its
 * journals and still close it after each test. Public for other modules' cluster tests (the web edge's), through this
 * module's test jar.
 */
public final class ClusterUnderTest implements AutoCloseable
{
    private final Path dir;
    private final ClusterConfig config;
    /** Each member's engine settings (in this JVM), or null when the members are child processes. */
    private final EngineConfig[] engines;
    /** Members in this JVM (null while stopped), or null when the members are child processes. */
    private final ClusterNode[] nodes;
    private final List<NodeProcess> processes = new ArrayList<>();
    private final List<AutoCloseable> owned = new ArrayList<>();
    private MediaDriver clientDriver;

    private ClusterUnderTest(final Path dir, final Properties properties, final boolean inThisJvm,
        final IntFunction<Properties> memberProperties)
    {
        this.dir = dir;
        this.config = ClusterConfig.load(properties);
        this.nodes = inThisJvm ? new ClusterNode[config.memberCount()] : null;
        this.engines = inThisJvm ? new EngineConfig[config.memberCount()] : null;
        for (int id = 0; inThisJvm && id < engines.length; id++)
        {
            final Properties member = new Properties();
            member.putAll(properties);
            member.putAll(memberProperties.apply(id));
            engines[id] = EngineConfig.load(member);
        }
    }

    /** Starts every member in this JVM, then the clients' media driver. */
    public static ClusterUnderTest inThisJvm(final Path dir, final Properties properties)
    {
        return inThisJvm(dir, properties, id -> new Properties(), LoggedSettings.APP_VERSION);
    }

    /**
     * Starts every member in this JVM, member N with {@code properties} overridden by {@code memberProperties(N)}
     * (its own file), writing {@code appVersion} into the log, then the clients' media driver.
     */
    static ClusterUnderTest inThisJvm(final Path dir, final Properties properties,
        final IntFunction<Properties> memberProperties, final int appVersion)
    {
        final ClusterUnderTest cluster = new ClusterUnderTest(dir, properties, true, memberProperties);
        try
        {
            for (int id = 0; id < cluster.nodes.length; id++)
            {
                cluster.nodes[id] = ClusterNode.start(cluster.config, cluster.engines[id], id, appVersion);
            }
            cluster.clientDriver = TestClusters.clientDriver(dir);
        }
        catch (final RuntimeException ex)
        {
            cluster.close();
            throw ex;
        }
        return cluster;
    }

    /**
     * Writes the configuration to {@code dir/cluster.properties}, starts every member in a child process, waits until
     * each says it started (their logs are in {@code dir}), then starts the clients' media driver.
     */
    public static ClusterUnderTest inChildProcesses(final Path dir, final Properties properties,
        final long startSeconds) throws IOException
    {
        final ClusterUnderTest cluster = new ClusterUnderTest(dir, properties, false, id -> new Properties());
        try
        {
            final Path configFile = TestClusters.write(properties, dir.resolve("cluster.properties"));
            for (int id = 0; id < cluster.config.memberCount(); id++)
            {
                final NodeProcess node = new NodeProcess(id, configFile, dir);
                cluster.processes.add(node);
                node.start();
            }
            for (final NodeProcess node : cluster.processes)
            {
                node.awaitStarted(startSeconds, TimeUnit.SECONDS);
            }
            cluster.clientDriver = TestClusters.clientDriver(dir);
        }
        catch (final IOException | RuntimeException | Error ex)
        {
            cluster.close();
            throw ex;
        }
        return cluster;
    }

    public ClusterConfig config()
    {
        return config;
    }

    /** The media driver for the test's clients, apart from the members' drivers. */
    public MediaDriver clientDriver()
    {
        return clientDriver;
    }

    /** {@code resource} is closed by {@link #close()}, before anything handed over earlier and before the members. */
    public <T extends AutoCloseable> T own(final T resource)
    {
        owned.add(0, resource);
        return resource;
    }

    /** Member {@code memberId} in this JVM, null while stopped. */
    public ClusterNode node(final int memberId)
    {
        return nodes[memberId];
    }

    /** Stops member {@code memberId} in this JVM (a clean close: it leaves its directory for a restart). */
    public void stop(final int memberId)
    {
        final ClusterNode node = nodes[memberId];
        nodes[memberId] = null;
        node.close();
    }

    /** Starts member {@code memberId} in this JVM again from its directory (its snapshots and log). */
    public ClusterNode restart(final int memberId) throws InterruptedException
    {
        nodes[memberId] = ClusterNodeMain.startWhenMarkFileExpires(config, engines[memberId], memberId);
        return nodes[memberId];
    }

    /** Member {@code memberId}'s child process. */
    public NodeProcess process(final int memberId)
    {
        return processes.get(memberId);
    }

    /** The leader's member id, as {@code gavel cluster status} reads it from the members' directories. */
    public int awaitLeader()
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int leader;
        while ((leader = ClusterStatus.leader(ClusterStatus.read(config))) < 0)
        {
            assertTrue(System.nanoTime() < deadline, "no leader within 60 s");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        return leader;
    }

    /** The last 3,000 characters of each child process's log, for a failure message. */
    public String logs() throws IOException
    {
        final StringBuilder text = new StringBuilder();
        for (final NodeProcess node : processes)
        {
            final String log = node.log();
            text.append("--- member ").append(node.memberId()).append('\n')
                .append(log, Math.max(0, log.length() - 3000), log.length());
        }
        return text.toString();
    }

    /**
     * After {@link #close()}: every member's audit journal verifies, and all hold the same records (equal chain hashes,
     * record counts and replayed state hashes). Returns member 0's summary for the test's own checks.
     */
    JournalSummary assertJournalsVerifyAndAgree()
    {
        final JournalSummary first = JournalSummary.read(config.nodeDir(0).resolve("journal"));
        long stateHash = 0;
        for (int id = 0; id < config.memberCount(); id++)
        {
            final Path journal = config.nodeDir(id).resolve("journal");
            final JournalVerifier.Report report = JournalVerifier.verify(journal, n -> { });
            assertTrue(report.verified(), "member " + id + "'s journal: " + report.failure);
            if (id == 0)
            {
                stateHash = report.stateHash;
            }
            assertEquals(stateHash, report.stateHash, "member " + id + "'s replayed state hash");
            final JournalSummary summary = JournalSummary.read(journal);
            assertEquals(first.records(), summary.records(), "member " + id + "'s record count");
            assertEquals(first.lastChainHash(), summary.lastChainHash(), "member " + id + "'s records differ");
        }
        return first;
    }

    /** Closes what the test handed over (newest first), the members (politely), then the clients' driver. */
    public void close()
    {
        for (final AutoCloseable resource : owned)
        {
            CloseHelper.quietClose(resource);
        }
        owned.clear();
        if (nodes != null)
        {
            CloseHelper.quietCloseAll(nodes);
            Arrays.fill(nodes, null);
        }
        for (final NodeProcess node : processes)
        {
            try
            {
                node.close();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        CloseHelper.quietClose(clientDriver);
        clientDriver = null;
    }
}
