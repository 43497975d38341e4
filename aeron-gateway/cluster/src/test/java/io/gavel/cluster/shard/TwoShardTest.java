package io.gavel.cluster.shard;

import io.aeron.driver.MediaDriver;
import io.gavel.client.Response;
import io.gavel.cluster.ClusterConfig;
import io.gavel.cluster.ClusterNode;
import io.gavel.cluster.TestClusters;
import io.gavel.cluster.client.ClusterGavelClient;
import io.gavel.gateway.EngineConfig;
import io.gavel.sbe.Role;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two shards (two one-member clusters), auctions placed by the directory: each command reaches the shard of its
 * auction and only that one; the combined rate of bids across both is printed.
 */
class TwoShardTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void routesBidsByAuctionAcrossTwoShards() throws Exception
    {
        final Properties east = TestClusters.properties(dir.resolve("east"), 1);
        final Properties west = TestClusters.properties(dir.resolve("west"), 1);
        west.setProperty("gavel.cluster.port.base",
            Integer.toString(Integer.parseInt(east.getProperty("gavel.cluster.port.base")) + 500));
        TestClusters.write(east, dir.resolve("east.properties"));
        TestClusters.write(west, dir.resolve("west.properties"));
        final ShardDirectory directory = ShardDirectory.load(Files.writeString(dir.resolve("shards.properties"),
            "shard.east=east.properties\nshard.west=west.properties\nauctions.1-99=east\nauctions.100-199=west\n"));
        final MediaDriver driver = TestClusters.clientDriver(dir);
        final ClusterNode eastNode = ClusterNode.start(ClusterConfig.load(east), EngineConfig.load(east), 0);
        final ClusterNode westNode = ClusterNode.start(ClusterConfig.load(west), EngineConfig.load(west), 0);
        try (ShardedClusterClient admin = new ShardedClusterClient(directory,
            config -> TestClusters.client(driver, config, TestClusters.ADMIN, Role.ADMIN));
            ShardedClusterClient bidder = new ShardedClusterClient(directory,
                config -> TestClusters.client(driver, config, 101, Role.BIDDER)))
        {
            final long endTime = System.currentTimeMillis() * 1_000_000L + TimeUnit.HOURS.toNanos(1);
            TestClusters.timedSale((ClusterGavelClient)admin.forAuction(7), 7, 1, endTime, 1);
            TestClusters.timedSale((ClusterGavelClient)admin.forAuction(107), 107, 1, endTime, 1);
            final long eastBefore = eastNode.service().appliedSequence();
            final long westBefore = westNode.service().appliedSequence();
            final int bids = 200;
            final long started = System.nanoTime();
            for (int i = 0; i < bids; i++)
            {
                final long auction = i % 2 == 0 ? 7 : 107;
                final long id = bidder.maxBid(auction, 1, 101, 20_00 + 100L * i);
                final Response response = bidder.await(auction, id, Duration.ofSeconds(30));
                assertNotNull(response, "no answer from the shard of auction " + auction);
                assertTrue(response.accepted(), response.toString());
            }
            final double rate = bids / ((System.nanoTime() - started) / 1e9);
            assertEquals(eastBefore + bids / 2, eastNode.service().appliedSequence(), "east applied only its own");
            assertEquals(westBefore + bids / 2, westNode.service().appliedSequence(), "west applied only its own");
            System.out.printf("TWO SHARDS: %d bids, one in flight at a time, %.0f bids/s combined; load average " +
                "%.1f%n", bids, rate, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        finally
        {
            CloseHelper.quietCloseAll(eastNode, westNode, driver);
        }
    }
}
