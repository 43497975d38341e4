package io.gavel.cluster;

import io.aeron.cluster.ClusterTool;
import io.aeron.driver.MediaDriver;
import io.gavel.cluster.client.ClusterGavelClient;
import io.gavel.gateway.EngineConfig;
import io.gavel.replay.journal.JournalVerifier;
import io.gavel.sbe.LotSoldDecoder;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.Role;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One member hosting the core: commands in, answers back to the asking session, a TIMED lot closed by the cluster's
 * timer at cluster time, a snapshot in the core's format that a restarted member loads to the same state, and an
 * audit journal that verifies.
 */
class SingleNodeClusterTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void hostsTheCoreAndRestartsFromItsSnapshot() throws Exception
    {
        final Properties properties = TestClusters.properties(dir, 1);
        final ClusterConfig config = ClusterConfig.load(properties);
        final EngineConfig engine = EngineConfig.load(properties);
        final MediaDriver clientDriver = TestClusters.clientDriver(dir);
        ClusterNode node = ClusterNode.start(config, engine, 0);
        try
        {
            final AtomicInteger sold = new AtomicInteger();
            final long hashBefore;
            final long sequenceBefore;
            try (ClusterGavelClient admin = ClusterGavelClient.connect(new ClusterGavelClient.Context()
                .cluster(config).aeronDirectory(clientDriver.aeronDirectoryName())
                .token(TestClusters.token(TestClusters.ADMIN, Role.ADMIN)).timeout(Duration.ofSeconds(20))
                .frameListener((buffer, offset, length) ->
                {
                    if (new MessageHeaderDecoder().wrap(buffer, offset).templateId() == LotSoldDecoder.TEMPLATE_ID)
                    {
                        sold.incrementAndGet();
                    }
                })))
            {
                final long endTime = System.currentTimeMillis() * 1_000_000L + TimeUnit.SECONDS.toNanos(3);
                TestClusters.timedSale(admin, 7, 1, endTime, 2);
                try (ClusterGavelClient bidder = TestClusters.client(clientDriver, config, 101, Role.BIDDER))
                {
                    TestClusters.accepted(bidder, bidder.maxBid(7, 1, 101, 50_00));
                    // The same correlation id again: answered as a duplicate, nothing changes.
                    final long id = bidder.maxBid(7, 1, 101, 60_00);
                    TestClusters.accepted(bidder, id);
                    final long repeated = bidder.retryMaxBid(id, 7, 1, 101, 60_00);
                    assertTrue(TestClusters.accepted(bidder, repeated).duplicate());
                }
                // The lot ends by the cluster's timer at cluster time, with no command arriving.
                assertTrue(admin.pollUntil(() -> sold.get() > 0, Duration.ofSeconds(60)), "lot never sold");
                final java.util.List<ClusterStatus.Member> status = ClusterStatus.read(config);
                assertEquals(0, ClusterStatus.leader(status), ClusterStatus.describe(status));
                assertTrue(status.get(0).commitPosition() > 0, ClusterStatus.describe(status));
                hashBefore = node.service().stateHash();
                sequenceBefore = node.service().appliedSequence();
            }
            assertTrue(ClusterTool.snapshot(node.clusterDir(), new PrintStream(System.out)), "snapshot refused");
            node.close();
            node = ClusterNode.start(config, engine, 0);
            final ClusterNode restarted = node;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (restarted.service().appliedSequence() < sequenceBefore && System.nanoTime() < deadline)
            {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
            assertEquals(sequenceBefore, restarted.service().appliedSequence());
            assertEquals(sequenceBefore, restarted.service().snapshotSequence(), "did not start from the snapshot");
            assertEquals(hashBefore, restarted.service().stateHash());
        }
        finally
        {
            CloseHelper.quietCloseAll(node, clientDriver);
        }
        final JournalVerifier.Report report = JournalVerifier.verify(config.nodeDir(0).resolve("journal"), n -> { });
        assertTrue(report.verified(), "journal does not verify: " + report.failure);
    }
}
