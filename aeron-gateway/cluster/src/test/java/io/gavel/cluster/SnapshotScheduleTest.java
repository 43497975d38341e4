package io.gavel.cluster;

import io.aeron.cluster.service.Cluster;
import io.aeron.driver.MediaDriver;
import io.gavel.cluster.client.ClusterGavelClient;
import io.gavel.sbe.Role;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three members (one process, a media driver each) with {@code gavel.cluster.snapshot.every=20}: the leader asks for
 * snapshots by itself, every member takes them at the same log position, and {@code gavel cluster status} shows the
 * last one. A follower stopped afterwards and restarted loads its latest snapshot, replays only the log after it,
 * catches up to the others' state hash, and its audit journal still verifies and equals the leader's.
 */
class SnapshotScheduleTest
{
    private static final int EVERY = 20;

    @TempDir
    Path dir;

    private ClusterUnderTest cluster;

    @AfterEach
    void stop()
    {
        CloseHelper.quietClose(cluster);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theLeaderSnapshotsOnScheduleAndARestartedMemberRecoversFromIt() throws Exception
    {
        final Properties properties = TestClusters.properties(dir, 3);
        properties.setProperty("gavel.cluster.snapshot.every", Integer.toString(EVERY));
        properties.setProperty("gavel.cluster.snapshot.interval.s", "0");
        cluster = ClusterUnderTest.inThisJvm(dir, properties);
        final ClusterConfig config = cluster.config();
        final MediaDriver clientDriver = cluster.clientDriver();
        try (ClusterGavelClient admin = TestClusters.client(clientDriver, config, TestClusters.ADMIN, Role.ADMIN);
            ClusterGavelClient bidder = TestClusters.client(clientDriver, config, 101, Role.BIDDER))
        {
            TestClusters.timedSale(admin, 5, 1, System.currentTimeMillis() * 1_000_000L +
                TimeUnit.HOURS.toNanos(1), 1);
            bid(bidder, EVERY + 5, 100_00);
            final int leader = admin.leaderMemberId();
            // Asked by the leader's schedule, taken by all three at the same log position.
            await(() -> cluster.node(0).service().lastSnapshotSequence() >= EVERY &&
                cluster.node(1).service().lastSnapshotSequence() >= EVERY &&
                cluster.node(2).service().lastSnapshotSequence() >= EVERY, "every member to take a scheduled snapshot");
            // The service has written its part; the recording log's entry follows once the consensus module is done.
            await(() -> ClusterStatus.read(config).stream().allMatch(member -> member.lastSnapshot() != null &&
                "ACTIVE".equals(member.moduleState())), "every member to record its snapshot");
            assertTrue(cluster.node(leader).snapshotsRequested() >= 1, "the leader's schedule asked for no snapshot");
            final List<ClusterStatus.Member> status = ClusterStatus.read(config);
            for (final ClusterStatus.Member member : status)
            {
                assertNotNull(member.lastSnapshot(), ClusterStatus.describe(status));
                assertEquals(status.get(0).lastSnapshot().logPosition(), member.lastSnapshot().logPosition(),
                    ClusterStatus.describe(status));
            }
            assertTrue(ClusterStatus.describe(status).contains("last snapshot: log position " +
                status.get(0).lastSnapshot().logPosition()), ClusterStatus.describe(status));

            final int follower = (leader + 1) % 3;
            assertEquals(Cluster.Role.FOLLOWER, cluster.node(follower).service().role());
            final long snapshotSequence = cluster.node(follower).service().lastSnapshotSequence();
            cluster.stop(follower);
            bid(bidder, 5, 200_00);
            final ClusterNode restarted = cluster.restart(follower);
            await(() -> restarted.service().appliedSequence() == cluster.node(leader).service().appliedSequence(),
                "the restarted member to catch up");
            assertEquals(snapshotSequence, restarted.service().snapshotSequence(),
                "the restarted member did not start from its latest snapshot");
            assertEquals(cluster.node(leader).service().stateHash(), restarted.service().stateHash());
        }
        final long applied = cluster.node(0).service().appliedSequence();
        cluster.close();
        assertEquals(applied, cluster.assertJournalsVerifyAndAgree().lastSequence());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theLeaderSnapshotsByTimeWhenCommandsCame()
    {
        final Properties properties = TestClusters.properties(dir, 1);
        properties.setProperty("gavel.cluster.snapshot.every", "0");
        properties.setProperty("gavel.cluster.snapshot.interval.s", "1");
        cluster = ClusterUnderTest.inThisJvm(dir, properties);
        final ClusterConfig config = cluster.config();
        final ClusterNode node = cluster.node(0);
        try (ClusterGavelClient admin = TestClusters.client(cluster.clientDriver(), config, TestClusters.ADMIN,
            Role.ADMIN))
        {
            TestClusters.timedSale(admin, 5, 1, System.currentTimeMillis() * 1_000_000L +
                TimeUnit.HOURS.toNanos(1), 1);
            final long applied = node.service().appliedSequence();
            await(() -> node.service().lastSnapshotSequence() == applied, "a snapshot by time");
            await(() -> ClusterStatus.read(config).get(0).lastSnapshot() != null, "the snapshot to be recorded");
            assertTrue(node.snapshotsRequested() >= 1);
        }
    }

    /** {@code count} rising maximum bids from bidder 101, each answered before the next. */
    private static void bid(final ClusterGavelClient bidder, final int count, final long from)
    {
        for (int i = 0; i < count; i++)
        {
            TestClusters.accepted(bidder, bidder.maxBid(5, 1, 101, from + 100L * i));
        }
    }

    private static void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
