package io.gavel.cluster;

import io.aeron.driver.MediaDriver;
import io.gavel.cluster.client.ClusterGavelClient;
import io.gavel.client.Response;
import io.gavel.gateway.EngineConfig;
import io.gavel.sbe.Role;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bids reach the cluster in the order they were placed, even when the cluster's ingress pushes back: a burst of
 * 3,000 maximums from one bidder, sent without waiting, into a 64 KiB term (so most offers are held back), is
 * sequenced in exactly the order the client sent it. Before, a held-back command was offered later from a hash map
 * and later commands overtook it.
 */
class ClientOrderTest
{
    private static final int BIDS = 3_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aBurstUnderBackPressureIsSequencedInTheOrderItWasSent()
    {
        final Properties properties = TestClusters.properties(dir, 1);
        // One session sends the whole burst: the per-session rate limit would refuse most of it unsequenced.
        properties.setProperty("gavel.session.rate.limit", "0");
        final ClusterConfig config = ClusterConfig.load(properties);
        final MediaDriver clientDriver = TestClusters.clientDriver(dir);
        ClusterNode node = null;
        try
        {
            node = ClusterNode.start(config, EngineConfig.load(properties), 0);
            try (ClusterGavelClient admin = TestClusters.client(clientDriver, config, TestClusters.ADMIN, Role.ADMIN);
                ClusterGavelClient bidder = TestClusters.client(clientDriver, config, 101, Role.BIDDER))
            {
                final long endTime = System.currentTimeMillis() * 1_000_000L + TimeUnit.HOURS.toNanos(1);
                TestClusters.timedSale(admin, 7, 1, endTime, 1);
                final long[] ids = new long[BIDS];
                for (int i = 0; i < BIDS; i++)
                {
                    ids[i] = bidder.maxBid(7, 1, 101, 20_00 + 100L * i);
                }
                assertTrue(bidder.heldBack() > 0, "the burst never met back pressure, so the test shows nothing");
                long previous = 0;
                for (int i = 0; i < BIDS; i++)
                {
                    final Response response = bidder.await(ids[i], Duration.ofSeconds(60));
                    assertNotNull(response, "bid " + i + " unanswered");
                    assertTrue(response.engineSequence() > 0, "bid " + i + " was not sequenced: " + response);
                    assertTrue(response.engineSequence() > previous,
                        "bid " + i + " was sequenced at " + response.engineSequence() + ", before the bid sent ahead "
                            + "of it (" + previous + ")");
                    previous = response.engineSequence();
                }
                assertEquals(0, bidder.unansweredCount());
            }
        }
        finally
        {
            CloseHelper.quietClose(node);
            CloseHelper.quietClose(clientDriver);
        }
    }
}
