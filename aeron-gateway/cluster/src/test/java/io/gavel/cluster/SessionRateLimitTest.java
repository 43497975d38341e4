package io.gavel.cluster;

import io.aeron.driver.MediaDriver;
import io.gavel.client.Response;
import io.gavel.cluster.client.ClusterGavelClient;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.Role;
import org.agrona.CloseHelper;
import org.agrona.collections.LongArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One session floods a three-member cluster past {@code gavel.session.rate.limit}: every one of its commands is
 * answered (accepted, or RATE_LIMITED), none lost; another session bidding meanwhile is served as usual. The limit is
 * decided on the log by cluster time, so all three members refuse the same commands: their journals hold the same
 * records (equal chain hashes, none for a refused command), and verify. The buckets travel in the cluster snapshot
 * ({@code gavel cluster snapshot}'s path): a follower restarted from one refuses a second flood as the leader does.
 */
class SessionRateLimitTest
{
    private static final int FLOOD = 100;
    private static final int BURST = 10;

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
    void aFlooderIsRateLimitedAndOthersAreServed() throws InterruptedException
    {
        final Properties properties = TestClusters.properties(dir, 3);
        // Slow refill: the flooder's bucket is still far from full after the snapshot and restart below, so a member
        // that lost the buckets (a fresh, full one) would accept commands the leader refuses: the sequences differ.
        properties.setProperty("gavel.session.rate.limit", "2");
        properties.setProperty("gavel.session.rate.burst", Integer.toString(BURST));
        cluster = ClusterUnderTest.inThisJvm(dir, properties);
        final ClusterConfig config = cluster.config();
        final MediaDriver clientDriver = cluster.clientDriver();
        int accepted = 0;
        int rateLimited = 0;
        try (ClusterGavelClient admin = TestClusters.client(clientDriver, config, TestClusters.ADMIN, Role.ADMIN);
            ClusterGavelClient flooder = TestClusters.client(clientDriver, config, 101, Role.BIDDER);
            ClusterGavelClient other = TestClusters.client(clientDriver, config, 102, Role.BIDDER))
        {
            final long end = System.currentTimeMillis() * 1_000_000L + TimeUnit.HOURS.toNanos(1);
            TestClusters.timedSale(admin, 5, 1, end, 2);
            TestClusters.accepted(admin, admin.addLot(5, 2, 10_00, 0, 0, end));

            final LongArrayList flood = new LongArrayList();
            for (int i = 0; i < FLOOD; i++)
            {
                flood.addLong(flooder.maxBid(5, 1, 101, 100_00 + 100L * i));
            }
            // Served while the flood is in the log: one bid at a time, within its own burst.
            for (int i = 0; i < BURST - 2; i++)
            {
                TestClusters.accepted(other, other.maxBid(5, 2, 102, 100_00 + 100L * i));
            }
            for (int i = 0; i < FLOOD; i++)
            {
                final Response answer = flooder.await(flood.getLong(i), Duration.ofSeconds(30));
                assertNotNull(answer, "flood command " + i + " was never answered");
                if (answer.accepted())
                {
                    accepted++;
                }
                else
                {
                    assertEquals(RejectReason.RATE_LIMITED, answer.reason(), answer.toString());
                    assertEquals(0, answer.engineSequence(), "a RATE_LIMITED answer is not sequenced");
                    rateLimited++;
                }
            }
            assertEquals(FLOOD, accepted + rateLimited);
            assertTrue(rateLimited > 0, "no command of the flood was rate limited");
            assertTrue(accepted >= BURST, "the flooder's burst was not served: " + accepted);
            assertFalse(other.maxBid(5, 2, 102, 900_00) == 0);
            final Response after = other.await(other.maxBid(5, 2, 102, 1_000_00), Duration.ofSeconds(30));
            assertNotNull(after);
            final int leader = admin.leaderMemberId();

            // The buckets are in the snapshot: a follower restarted from it decides the next flood as the leader does.
            final OperatorSnapshot.Taken taken = OperatorSnapshot.take(config, Duration.ofSeconds(30));
            assertEquals(leader, taken.leader());
            final int follower = (leader + 1) % 3;
            final java.io.File followerLog = config.nodeDir(follower).resolve("consensus").toFile();
            assertTrue(admin.pollUntil(() -> taken.snapshot().equals(ClusterStatus.latestSnapshot(followerLog)),
                Duration.ofSeconds(30)), "the follower did not record the snapshot");
            cluster.stop(follower);
            final ClusterNode restarted = cluster.restart(follower);
            assertTrue(restarted.service().snapshotSequence() > 0 || admin.pollUntil(
                () -> restarted.service().snapshotSequence() > 0, Duration.ofSeconds(30)),
                "the restarted member did not load the snapshot");
            final LongArrayList second = new LongArrayList();
            for (int i = 0; i < BURST; i++)
            {
                second.addLong(flooder.maxBid(5, 1, 101, 500_00 + 100L * i));
            }
            for (int i = 0; i < BURST; i++)
            {
                final Response answer = flooder.await(second.getLong(i), Duration.ofSeconds(30));
                assertNotNull(answer, "second flood command " + i + " was never answered");
                rateLimited += answer.accepted() ? 0 : 1;
                accepted += answer.accepted() ? 1 : 0;
            }
            // Every member has taken the whole flood off the log once it reaches the leader's log position.
            final long logPosition = cluster.node(leader).service().appliedLogPosition();
            final long applied = cluster.node(leader).service().appliedSequence();
            for (int id = 0; id < 3; id++)
            {
                final ClusterNode node = cluster.node(id);
                assertTrue(admin.pollUntil(() -> node.service().appliedLogPosition() >= logPosition,
                    Duration.ofSeconds(30)), "member " + node.memberId() + " did not take the whole log");
                assertEquals(applied, node.service().appliedSequence(), "member " + node.memberId() +
                    " sequenced other commands than the leader (decided the rate limit differently)");
            }
            assertEquals(rateLimited, cluster.node(leader).service().rateLimited());
            // The operator sees it too: gavel cluster status reads the member's counter.
            final java.util.List<ClusterStatus.Member> status = ClusterStatus.read(config);
            assertEquals(rateLimited, status.get(leader).rateLimited(), ClusterStatus.describe(status));
            assertTrue(ClusterStatus.describe(status).contains("commands refused RATE_LIMITED " + rateLimited),
                ClusterStatus.describe(status));
            assertEquals(cluster.node(leader).service().stateHash(), restarted.service().stateHash());
        }
        System.out.printf("RATE LIMIT: floods of %d and %d: %d accepted, %d RATE_LIMITED%n", FLOOD, BURST, accepted,
            rateLimited);
        cluster.close();
        cluster.assertJournalsVerifyAndAgree();
    }
}
