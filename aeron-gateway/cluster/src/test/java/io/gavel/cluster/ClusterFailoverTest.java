package io.gavel.cluster;

import io.aeron.driver.MediaDriver;
import io.gavel.cluster.client.ClusterGavelClient;
import io.gavel.sbe.Role;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three members in three processes, bids from several clients, {@code kill -9} of the leader: a new leader is
 * elected and the clients carry on (resending what was not answered, same correlation ids); the killed member
 * restarts and catches up. At the end every answered bid is in every journal exactly once with the answer the client
 * got, the three journals hold the same records (equal chain hashes) and verify, and their replayed state hashes are
 * equal. Snapshots are scheduled every 40 commands, so a restarted member loads one and replays the log after it.
 * Rounds and bids per phase: -Dfailover.rounds (default 1) and -Dfailover.bids (default 30); the
 * long run is documented in docs/CLUSTER.md.
 */
class ClusterFailoverTest
{
    private static final long AUCTION = 5;
    private static final long LOT = 1;
    private static final int BIDDERS = 3;

    @TempDir
    Path dir;

    private ClusterUnderTest cluster;

    @AfterEach
    void stop()
    {
        CloseHelper.quietClose(cluster);
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void killingTheLeaderLosesNoAcknowledgedBid() throws Exception
    {
        // Not gavel.*: the engine's configuration refuses unknown gavel.* system properties.
        final int rounds = Integer.getInteger("failover.rounds", 1);
        final int bids = Integer.getInteger("failover.bids", 30);
        final Properties properties = TestClusters.properties(dir, 3);
        // Scheduled snapshots during the run: a killed member restarts from its latest one plus the log after it.
        properties.setProperty("gavel.cluster.snapshot.every", "40");
        cluster = ClusterUnderTest.inChildProcesses(dir, properties, 180);
        final ClusterConfig config = cluster.config();
        final MediaDriver clientDriver = cluster.clientDriver();
        final ClusterGavelClient admin = cluster.own(TestClusters.client(clientDriver, config, TestClusters.ADMIN,
            Role.ADMIN));
        TestClusters.timedSale(admin, AUCTION, LOT, System.currentTimeMillis() * 1_000_000L +
            TimeUnit.HOURS.toNanos(1), BIDDERS);
        final List<ClusterGavelClient> bidders = new ArrayList<>();
        for (int b = 1; b <= BIDDERS; b++)
        {
            final ClusterGavelClient bidder = cluster.own(TestClusters.client(clientDriver, config, 100 + b,
                Role.BIDDER));
            bidders.add(bidder);
        }
        final Bidding bidding = new Bidding(bidders, AUCTION, LOT);

        final long steadyStart = System.nanoTime();
        assertTrue(bidding.bid(bids, 120, TimeUnit.SECONDS), "bids before any kill");
        final double steadyRate = bids / ((System.nanoTime() - steadyStart) / 1e9);
        final long[] steadyLatency = bidding.latencyMicros(0, bidding.latencies.size());
        // The single engine under the same load, in the same run, while the cluster idles.
        final double[] engine = EngineBaseline.measure(dir, bids);

        final List<String> outages = new ArrayList<>();
        for (int round = 1; round <= rounds; round++)
        {
            final int leader = bidders.get(0).leaderMemberId();
            final List<ClusterStatus.Member> status = ClusterStatus.read(config);
            assertEquals(leader, ClusterStatus.leader(status), ClusterStatus.describe(status));
            final NodeProcess victim = cluster.process(leader);
            victim.kill();
            bidding.killed(leader);
            assertTrue(bidding.bid(bids, 180, TimeUnit.SECONDS), "round " + round + ": bids after killing leader " +
                leader + "\n" + cluster.logs());
            assertTrue(bidding.killToAnswerNanos() > 0, "no answer through a new leader");
            assertNotEquals(leader, bidders.get(0).leaderMemberId(), "the killed member still leads");
            outages.add(TimeUnit.NANOSECONDS.toMillis(bidding.killToAnswerNanos()) + " ms (killed member " + leader +
                ", new leader " + bidders.get(0).leaderMemberId() + ")");
            final List<ClusterStatus.Member> after = ClusterStatus.read(config);
            assertEquals(bidders.get(0).leaderMemberId(), ClusterStatus.leader(after), ClusterStatus.describe(after));
            victim.start();
            victim.awaitStarted(180, TimeUnit.SECONDS);
            assertTrue(bidding.bid(bids, 180, TimeUnit.SECONDS), "round " + round + ": bids after the restart");
        }

        // Catch-up: every member's journal reaches the last answered sequence.
        final long target = bidding.lastEngineSequence;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (int id = 0; id < 3; id++)
        {
            while (JournalSummary.read(config.nodeDir(id).resolve("journal")).lastSequence() < target)
            {
                assertTrue(System.nanoTime() < deadline, "member " + id + " did not catch up to " + target +
                    "\n" + cluster.logs());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
        final List<ClusterStatus.Member> snapshots = ClusterStatus.read(config);
        cluster.close();
        for (final ClusterStatus.Member member : snapshots)
        {
            assertTrue(member.lastSnapshot() != null, "member " + member.id() + " recorded no scheduled snapshot\n" +
                ClusterStatus.describe(snapshots));
        }
        final JournalSummary first = cluster.assertJournalsVerifyAndAgree();
        final org.agrona.collections.Long2LongHashMap.KeyIterator ids = bidding.answered.keySet().iterator();
        while (ids.hasNext())
        {
            final long correlationId = ids.nextValue();
            final boolean accepted = bidding.answered.get(correlationId) == 1;
            assertEquals(accepted ? 1L : 0L, first.acceptedAnswers().get(correlationId),
                "accepted answers in the journal for bid " + correlationId);
            assertEquals(accepted ? 0L : 1L, first.rejectedAnswers().get(correlationId),
                "rejected answers in the journal for bid " + correlationId);
        }
        long resent = 0;
        for (final ClusterGavelClient bidder : bidders)
        {
            resent += bidder.resent();
        }
        System.out.printf("CLUSTER FAILOVER: rounds=%d answered=%d resent=%d steady rate=%.0f bids/s latency " +
            "p50=%d us p99=%d us max=%d us; single engine, same load: %.0f bids/s p50=%.0f us p99=%.0f us " +
            "max=%.0f us; kill to first answer on the new leader: %s; load average %.1f%n",
            rounds, bidding.answered.size(), resent, steadyRate, steadyLatency[0], steadyLatency[1], steadyLatency[2],
            engine[0], engine[1], engine[2], engine[3], outages,
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
