package io.gavel.ops;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.gavel.client.Response;
import io.gavel.cluster.ClusterConfig;
import io.gavel.cluster.ClusterNode;
import io.gavel.cluster.ClusterNodeMain;
import io.gavel.cluster.client.ClusterGavelClient;
import io.gavel.gateway.EngineConfig;
import io.gavel.gateway.SessionToken;
import io.gavel.sbe.Format;
import io.gavel.sbe.RetractionPolicy;
import io.gavel.sbe.Role;
import io.gavel.sbe.TiePolicy;
import org.agrona.CloseHelper;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static io.gavel.ops.CommandLineErrorsTest.gavel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code gavel cluster status} on a running one-member cluster, and the client commands ({@code auction},
 * {@code bidder}, {@code bid}, {@code auction hammer}, {@code auction status}) reaching the cluster's leader when the
 * configuration names a cluster; precise errors when it names none, and for engine-only commands when it names one.
 */
class ClusterCommandsTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void statusShowsTheLeaderAndClientCommandsGoThroughTheCluster() throws Exception
    {
        final Path file = dir.resolve("cluster.properties");
        Files.writeString(file, "gavel.token.secret=ops-cluster\n" +
            "gavel.cluster.hosts=127.0.0.1\n" +
            "gavel.cluster.port.base=" + (21_000 + 1_000 * ThreadLocalRandom.current().nextInt(24) + 700) + "\n" +
            "gavel.cluster.dir=" + dir.resolve("cluster") + "\n" +
            "gavel.cluster.term.length=65536\n" +
            "gavel.cluster.archive.segment.length=1048576\n" +
            "gavel.aeron.dir=" + dir.resolve("client-aeron") + "\n");
        final Properties properties = ClusterNodeMain.readProperties(file);
        final ClusterConfig config = ClusterConfig.load(properties);
        final MediaDriver driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(dir.resolve("client-aeron").toString()).threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new SleepingMillisIdleStrategy(1)).termBufferSparseFile(true)
            .publicationTermBufferLength(65536).ipcTermBufferLength(65536)
            .dirDeleteOnStart(true).dirDeleteOnShutdown(true));
        final ClusterNode node = ClusterNode.start(config, EngineConfig.load(properties), 0);
        try (ClusterGavelClient admin = ClusterGavelClient.connect(new ClusterGavelClient.Context().cluster(config)
            .aeronDirectory(driver.aeronDirectoryName()).timeout(Duration.ofSeconds(20))
            .token(SessionToken.issue("ops-cluster", 1, Role.ADMIN, System.currentTimeMillis() + 600_000))))
        {
            accepted(admin, admin.createAuction(7, Format.TIMED, "GBP", 0, TiePolicy.EARLIEST_WINS,
                RetractionPolicy.NONE));
            accepted(admin, admin.addLot(7, 1, 10_00, 0, 0,
                System.currentTimeMillis() * 1_000_000L + TimeUnit.HOURS.toNanos(1)));
            accepted(admin, admin.registerBidder(7, 101, 1, 0));
            accepted(admin, admin.approveBidder(7, 101));

            final CommandLineErrorsTest.Outcome status = gavel("cluster", "status", "-c", file.toString());
            assertEquals(0, status.exit(), status.toString());
            assertTrue(status.out().contains("leader: member 0"), status.out());
            assertTrue(status.out().contains("role LEADER"), status.out());

            final CommandLineErrorsTest.Outcome bid = gavel("bid", "-c", file.toString(), "--principal", "101",
                "--role", "bidder", "--timeout", "30", "--auction", "7", "--lot", "1", "--bidder", "101",
                "--max", "50");
            assertEquals(0, bid.exit(), bid.toString());
            assertTrue(bid.out().contains("maximum of 50.00 accepted on auction 7 lot 1 (cluster, leader member 0"),
                bid.out());

            // A LIVE sale run entirely from the command line against the cluster: every client command picks the
            // cluster client when the configuration names a cluster.
            final String c = file.toString();
            ok(gavel("auction", "create", "-c", c, "--auction", "8", "--format", "LIVE"), "auction 8 created");
            ok(gavel("auction", "add-lot", "-c", c, "--auction", "8", "--lot", "1", "--start", "100"),
                "lot 1 added to auction 8");
            ok(gavel("bidder", "register", "-c", c, "--auction", "8", "--bidder", "102", "--paddle", "2"), "102");
            ok(gavel("bidder", "approve", "-c", c, "--auction", "8", "--bidder", "102"), "bidder 102 approved");
            ok(gavel("auction", "open-lot", "-c", c, "--auction", "8", "--lot", "1"), "auction 8 lot 1");
            ok(gavel("bid", "-c", c, "--principal", "102", "--role", "bidder", "--auction", "8", "--lot", "1",
                "--bidder", "102", "--amount", "100"), "bid at 100.00 accepted on auction 8 lot 1 (cluster");
            ok(gavel("auction", "hammer", "-c", c, "--auction", "8", "--lot", "1"),
                "auction 8 lot 1: SOLD to paddle 2 at 100.00");
            ok(gavel("auction", "status", "-c", c, "--auction", "8"), "SOLD");
            final CommandLineErrorsTest.Outcome snapshot = gavel("snapshot", "-c", c);
            assertEquals(GavelMain.EXIT_FAILED, snapshot.exit(), snapshot.toString());
            assertTrue(snapshot.err().contains("gavel snapshot talks to a single engine"), snapshot.toString());

            // No snapshot yet: purge-log removes nothing and says why, on standard error, exit 1.
            final CommandLineErrorsTest.Outcome purge = gavel("cluster", "purge-log", "-c", c);
            assertEquals(GavelMain.EXIT_FAILED, purge.exit(), purge.toString());
            assertTrue(purge.err().contains("gavel: member 0: no snapshot yet, nothing purged: a restart needs the " +
                "whole log (take one with gavel cluster snapshot)"), purge.toString());
            assertTrue(purge.out().contains("every member's log reaches log position "), purge.toString());

            // An operator's cluster snapshot now, then seen by status with the cluster's settings.
            final CommandLineErrorsTest.Outcome taken = gavel("cluster", "snapshot", "-c", c);
            assertEquals(0, taken.exit(), taken.toString());
            assertTrue(taken.out().contains("snapshot taken by member 0 (leader) at log position "), taken.toString());
            final String position = taken.out().replaceAll("(?s).*at log position (\\d+).*", "$1");
            final CommandLineErrorsTest.Outcome after = gavel("cluster", "status", "-c", c);
            assertTrue(after.out().contains("last snapshot: log position " + position + ", term "), after.toString());
            assertTrue(after.out().contains("log on disk: from log position 0, 1 segment (1.0 MiB); nothing can " +
                "be purged before the member has two snapshots"), after.toString());
            assertTrue(after.out().contains("heartbeat timeout 3000 ms") &&
                after.out().contains("term length 65536 bytes"), after.toString());
            // And what the member decides with, from the cluster's log (the defaults, as its file sets none).
            assertTrue(after.out().contains("decides with gavel.session.rate.limit 2000, gavel.session.rate.burst " +
                "500, gavel.correlation.window 4096 (from the cluster's log)"), after.toString());

            // A token the cluster refuses: its reason, as a single engine names it, in one line.
            final CommandLineErrorsTest.Outcome refused = gavel("bid", "-c", c, "--token", "not-a-token",
                "--auction", "8", "--lot", "1", "--bidder", "102", "--amount", "200");
            assertEquals(GavelMain.EXIT_FAILED, refused.exit(), refused.toString());
            assertTrue(refused.err().contains("the cluster refused this client's token: INVALID_TOKEN"),
                refused.toString());
            assertTrue(!refused.err().contains("\tat "), "a stack trace: " + refused);
        }
        finally
        {
            CloseHelper.quietCloseAll(node, driver);
        }
    }

    @Test
    void statusWithoutAClusterSaysSo() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("engine.properties"), "gavel.token.secret=x\n");
        final CommandLineErrorsTest.Outcome status = gavel("cluster", "status", "-c", file.toString());
        assertEquals(GavelMain.EXIT_USAGE, status.exit(), status.toString());
        assertTrue(status.err().contains("gavel.cluster.hosts is empty: the configuration names no cluster"),
            status.toString());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void snapshotWithoutTheLeaderHereSaysWhereToRunIt() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("remote.properties"), "gavel.token.secret=x\n" +
            "gavel.cluster.hosts=10.0.0.1,10.0.0.2,10.0.0.3\ngavel.cluster.dir=" + dir.resolve("none") + "\n");
        final CommandLineErrorsTest.Outcome snapshot = gavel("cluster", "snapshot", "-c", file.toString());
        assertEquals(GavelMain.EXIT_FAILED, snapshot.exit(), snapshot.toString());
        assertTrue(snapshot.err().contains("no member whose directories are on this machine leads the cluster; " +
            "run gavel cluster snapshot on the leader's machine"), snapshot.toString());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void purgeLogWithoutAMemberHereSaysSo() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("remote.properties"), "gavel.token.secret=x\n" +
            "gavel.cluster.hosts=10.0.0.1,10.0.0.2,10.0.0.3\ngavel.cluster.dir=" + dir.resolve("none") + "\n");
        final CommandLineErrorsTest.Outcome purge = gavel("cluster", "purge-log", "-c", file.toString());
        assertEquals(GavelMain.EXIT_FAILED, purge.exit(), purge.toString());
        assertTrue(purge.err().contains("no member of this cluster keeps its directories on this machine"),
            purge.toString());
        final CommandLineErrorsTest.Outcome negative = gavel("cluster", "purge-log", "-c", file.toString(),
            "--before", "-1");
        assertEquals(GavelMain.EXIT_USAGE, negative.exit(), negative.toString());
        assertTrue(negative.err().contains("--before must be a log position (0 or more), not -1"),
            negative.toString());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void nodeRefusesABadConfigurationByName() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("bad.properties"), "gavel.token.secret=x\n" +
            "gavel.cluster.hosts=127.0.0.1\ngavel.cluster.dir=" + dir.resolve("cluster") + "\n" +
            "gavel.cluster.term.length=100000\n");
        final CommandLineErrorsTest.Outcome node = gavel("cluster", "node", "--id", "0", "-c", file.toString());
        assertEquals(GavelMain.EXIT_USAGE, node.exit(), node.toString());
        assertTrue(node.err().contains("setting 'gavel.cluster.term.length' must be a power of two from 65536 " +
            "(64 KiB) to 1073741824 (1 GiB), not 100000"), node.toString());
        assertTrue(!Files.exists(dir.resolve("cluster")), "a refused member created its directories");
    }

    private static void ok(final CommandLineErrorsTest.Outcome outcome, final String expected)
    {
        assertEquals(0, outcome.exit(), outcome.toString());
        assertTrue(outcome.out().contains(expected), outcome.toString());
    }

    private static void accepted(final ClusterGavelClient client, final long correlationId)
    {
        final Response response = client.await(correlationId, Duration.ofSeconds(60));
        assertNotNull(response);
        assertTrue(response.accepted(), response.toString());
    }
}
