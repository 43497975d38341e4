package io.gavel.cluster;

import io.aeron.driver.MediaDriver;
import io.gavel.client.Response;
import io.gavel.cluster.client.ClusterGavelClient;
import io.gavel.gateway.EngineConfig;
import io.gavel.replay.journal.JournalVerifier;
import io.gavel.sbe.Format;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.RetractionPolicy;
import io.gavel.sbe.Role;
import io.gavel.sbe.TiePolicy;
import org.agrona.CloseHelper;
import org.agrona.collections.LongArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The settings that change what the replicated core decides (rate limit, burst, idempotency window) come from the
 * cluster's log, not from each member's file: three members whose files all differ refuse exactly the same commands
 * of a flood (same sequences, same state hash, same journals), each member whose file differs says so in one line,
 * and a member restarted from a snapshot keeps the log's values. Commands that reach the log before its settings are
 * held and decided right after them, in log order. A log begun by the version before settings were logged (Aeron's
 * default application version in its term entries) replays with each member's own values, as it did.
 */
class ClusterLogSettingsTest
{
    /** Member N's own file: all three differ in every deciding setting. */
    private static final long[] RATE = {1, 5, 25};
    private static final long[] BURST = {10, 20, 30};
    private static final int[] WINDOW = {4096, 2048, 1024};
    private static final int FLOOD = 60;

    @TempDir
    Path dir;

    private ClusterUnderTest cluster;

    @AfterEach
    void stop()
    {
        CloseHelper.quietClose(cluster);
    }

    private static Properties ownFile(final int memberId)
    {
        final Properties own = new Properties();
        own.setProperty("gavel.session.rate.limit", Long.toString(RATE[memberId]));
        own.setProperty("gavel.session.rate.burst", Long.toString(BURST[memberId]));
        own.setProperty("gavel.correlation.window", Integer.toString(WINDOW[memberId]));
        return own;
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void membersWithOtherFilesDecideByTheLogAndSaySo() throws InterruptedException
    {
        cluster = ClusterUnderTest.inThisJvm(dir, TestClusters.properties(dir, 3), ClusterLogSettingsTest::ownFile,
            LoggedSettings.APP_VERSION);
        final ClusterConfig config = cluster.config();
        try (ClusterGavelClient admin = TestClusters.client(cluster.clientDriver(), config, TestClusters.ADMIN,
            Role.ADMIN);
            ClusterGavelClient flooder = TestClusters.client(cluster.clientDriver(), config, 101, Role.BIDDER))
        {
            for (int id = 0; id < 3; id++)
            {
                final GavelClusteredService service = cluster.node(id).service();
                assertTrue(admin.pollUntil(() -> service.settings().fromLog(), Duration.ofSeconds(30)),
                    "member " + id + " never applied the log's settings");
            }
            final ClusterSettings log = cluster.node(0).service().settings().current();
            int following = 0;
            for (int id = 0; id < 3; id++)
            {
                final ClusterSettings own = ClusterSettings.of(EngineConfig.load(ownFile(id)));
                assertEquals(log, cluster.node(id).service().settings().current(),
                    "member " + id + " decides with other values");
                if (own.equals(log))
                {
                    assertNull(cluster.node(id).service().settings().told(), "member " + id + " agrees with the log");
                    continue;
                }
                following++;
                // Every member's rate limit, burst and window differ from every other's: the line names all three.
                assertEquals(String.format("member %d: gavel.session.rate.limit is %d here but %d in the cluster's " +
                    "log, gavel.session.rate.burst is %d here but %d in the cluster's log, gavel.correlation.window " +
                    "is %d here but %d in the cluster's log; following the log", id, RATE[id], log.sessionRateLimit(),
                    BURST[id], log.sessionRateBurst(), WINDOW[id], log.correlationWindow()),
                    cluster.node(id).service().settings().told());
            }
            // The log's values are one member's own (the first leader's); the other two follow them.
            assertEquals(2, following, "the log's settings " + log + " are no member's own");

            final long end = System.currentTimeMillis() * 1_000_000L + TimeUnit.HOURS.toNanos(1);
            TestClusters.timedSale(admin, 5, 1, end, 1);
            final int accepted = flood(flooder, FLOOD, 100_00);
            assertTrue(accepted >= log.sessionRateBurst() && accepted < FLOOD,
                "the flood was not limited by the log's burst " + log.sessionRateBurst() + ": " + accepted);
            assertMembersAgree(admin);

            // gavel cluster status shows what each member decides with, and from where.
            final String status = ClusterStatus.describe(ClusterStatus.read(config));
            assertTrue(status.contains("decides with " + log.describe() + " (from the cluster's log)"), status);

            // A member whose file differs, restarted from a snapshot, keeps deciding with the log's values.
            final int leader = admin.leaderMemberId();
            int follower = (leader + 1) % 3;
            if (cluster.node(follower).service().settings().told() == null)
            {
                follower = (leader + 2) % 3;
            }
            final OperatorSnapshot.Taken taken = OperatorSnapshot.take(config, Duration.ofSeconds(30));
            final File followerLog = config.nodeDir(follower).resolve("consensus").toFile();
            assertTrue(admin.pollUntil(() -> taken.snapshot().equals(ClusterStatus.latestSnapshot(followerLog)),
                Duration.ofSeconds(30)), "the follower did not record the snapshot");
            final String noticeBefore = cluster.node(follower).service().settings().told();
            assertNotNull(noticeBefore);
            cluster.stop(follower);
            final ClusterNode restarted = cluster.restart(follower);
            assertTrue(admin.pollUntil(() -> restarted.service().snapshotSequence() > 0, Duration.ofSeconds(30)),
                "the restarted member did not load the snapshot");
            assertTrue(restarted.service().settings().fromLog());
            assertEquals(log, restarted.service().settings().current());
            assertEquals(noticeBefore, restarted.service().settings().told(), "the restart's own line");
            // Its own rate and burst differ from the log's: had it taken them, it would decide this flood otherwise.
            flood(flooder, 40, 500_00);
            assertMembersAgree(admin);
        }
        cluster.close();
        cluster.assertJournalsVerifyAndAgree();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aLogBegunBeforeSettingsWereLoggedReplaysWithEachMembersOwnValues() throws InterruptedException
    {
        final Properties properties = TestClusters.properties(dir, 3);
        properties.setProperty("gavel.session.rate.limit", "1");
        properties.setProperty("gavel.session.rate.burst", "10");
        // Members writing the version before settings were logged: their log holds no settings entry.
        cluster = ClusterUnderTest.inThisJvm(dir, properties, id -> new Properties(),
            LoggedSettings.VERSION_BEFORE_LOGGED_SETTINGS);
        final ClusterConfig config = cluster.config();
        final ClusterSettings own = new ClusterSettings(1, 10, 4096);
        final long applied;
        final long stateHash;
        final long rateLimited;
        try (ClusterGavelClient admin = TestClusters.client(cluster.clientDriver(), config, TestClusters.ADMIN,
            Role.ADMIN);
            ClusterGavelClient flooder = TestClusters.client(cluster.clientDriver(), config, 101, Role.BIDDER))
        {
            final long end = System.currentTimeMillis() * 1_000_000L + TimeUnit.HOURS.toNanos(1);
            TestClusters.timedSale(admin, 5, 1, end, 1);
            final int accepted = flood(flooder, 30, 100_00);
            assertTrue(accepted >= 10 && accepted < 30, "accepted " + accepted);
            assertMembersAgree(admin);
            final GavelClusteredService leader = cluster.node(admin.leaderMemberId()).service();
            applied = leader.appliedSequence();
            stateHash = leader.stateHash();
            rateLimited = leader.rateLimited();
            for (int id = 0; id < 3; id++)
            {
                assertFalse(cluster.node(id).service().settings().fromLog());
                assertEquals(own, cluster.node(id).service().settings().current());
            }
            final String status = ClusterStatus.describe(ClusterStatus.read(config));
            assertTrue(status.contains("decides with " + own.describe() +
                " (from its own file: the log was begun before settings were logged)"), status);
        }
        // This version replays that log from its start: each member's own values, the same decisions as before.
        for (int id = 0; id < 3; id++)
        {
            cluster.stop(id);
        }
        for (int id = 0; id < 3; id++)
        {
            cluster.restart(id);
        }
        try (ClusterGavelClient admin = TestClusters.client(cluster.clientDriver(), config, TestClusters.ADMIN,
            Role.ADMIN))
        {
            for (int id = 0; id < 3; id++)
            {
                final GavelClusteredService service = cluster.node(id).service();
                assertTrue(admin.pollUntil(() -> service.appliedSequence() >= applied, Duration.ofSeconds(30)),
                    "member " + id + " did not replay the log");
                assertEquals(applied, service.appliedSequence(), "member " + id + " replayed other decisions");
                assertEquals(stateHash, service.stateHash(), "member " + id + "'s state after the replay");
                assertEquals(rateLimited, service.rateLimited(), "member " + id + " refused other commands");
                assertFalse(service.settings().fromLog(), "member " + id + " found settings in a log without any");
                assertEquals(own, service.settings().current());
                assertNull(service.settings().told());
            }
        }
        cluster.close();
        cluster.assertJournalsVerifyAndAgree();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void commandsBeforeTheLogsSettingsAreHeldAndDecidedInOrderRightAfterThem()
    {
        final Properties properties = TestClusters.properties(dir, 1);
        final ClusterConfig config = ClusterConfig.load(properties);
        final MediaDriver clientDriver = TestClusters.clientDriver(dir);
        // A one-member cluster whose service offers its settings only once six commands wait for them.
        ClusterNode node = null;
        try
        {
            node = ClusterNode.start(config, EngineConfig.load(properties), 0, LoggedSettings.APP_VERSION, 6);
            try (ClusterGavelClient admin = TestClusters.client(clientDriver, config, TestClusters.ADMIN, Role.ADMIN))
            {
                // Each command needs the one before it: held out of order or lost, one would be refused.
                final long end = System.currentTimeMillis() * 1_000_000L + TimeUnit.HOURS.toNanos(1);
                final long[] sent = {
                    admin.createAuction(5, Format.TIMED, "GBP", 0, TiePolicy.EARLIEST_WINS, RetractionPolicy.NONE),
                    admin.addLot(5, 1, 10_00, 0, 0, end),
                    admin.registerBidder(5, 101, 1, 0),
                    admin.approveBidder(5, 101),
                    admin.registerBidder(5, 102, 2, 0),
                    admin.approveBidder(5, 102)};
                long previous = 0;
                for (final long id : sent)
                {
                    final Response answer = TestClusters.accepted(admin, id);
                    assertEquals(previous + 1, answer.engineSequence(), "applied out of order: " + answer);
                    previous = answer.engineSequence();
                }
                final GavelClusteredService service = node.service();
                assertTrue(service.settings().fromLog());
                assertEquals(6, service.settings().released(), "the commands were not held for the settings");
                // After the settings, commands are decided at once.
                TestClusters.accepted(admin, admin.addLot(5, 2, 10_00, 0, 0, end));
            }
        }
        finally
        {
            CloseHelper.quietCloseAll(node, clientDriver);
        }
        final JournalVerifier.Report report = JournalVerifier.verify(config.nodeDir(0).resolve("journal"), n -> { });
        assertTrue(report.verified(), report.failure);
    }

    /** Sends {@code count} maximums at once from one session; returns how many were accepted (the rest refused). */
    private static int flood(final ClusterGavelClient flooder, final int count, final long firstAmount)
    {
        final LongArrayList sent = new LongArrayList();
        for (int i = 0; i < count; i++)
        {
            sent.addLong(flooder.maxBid(5, 1, 101, firstAmount + 100L * i));
        }
        int accepted = 0;
        for (int i = 0; i < count; i++)
        {
            final Response answer = flooder.await(sent.getLong(i), Duration.ofSeconds(30));
            assertNotNull(answer, "command " + i + " of the flood was never answered");
            if (answer.accepted())
            {
                accepted++;
            }
            else
            {
                assertEquals(RejectReason.RATE_LIMITED, answer.reason(), answer.toString());
            }
        }
        return accepted;
    }

    /** Every member has taken the log as far as the leader and decided alike: sequences, refusals, state. */
    private void assertMembersAgree(final ClusterGavelClient client)
    {
        final GavelClusteredService leader = cluster.node(client.leaderMemberId()).service();
        final long logPosition = leader.appliedLogPosition();
        for (int id = 0; id < 3; id++)
        {
            final GavelClusteredService service = cluster.node(id).service();
            assertTrue(client.pollUntil(() -> service.appliedLogPosition() >= logPosition, Duration.ofSeconds(30)),
                "member " + id + " did not take the whole log");
            assertEquals(leader.appliedSequence(), service.appliedSequence(),
                "member " + id + " sequenced other commands than the leader (decided the rate limit otherwise)");
            assertEquals(leader.stateHash(), service.stateHash(), "member " + id + "'s state hash");
        }
        final List<ClusterStatus.Member> status = ClusterStatus.read(cluster.config());
        for (final ClusterStatus.Member member : status)
        {
            assertNotNull(member.settings(), ClusterStatus.describe(status));
        }
    }
}
