package io.gavel.cluster.shard;

import io.aeron.driver.MediaDriver;
import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelCommands;
import io.gavel.client.Response;
import io.gavel.cluster.TestClusters;
import io.gavel.gateway.EmbeddedDriver;
import io.gavel.gateway.EngineConfig;
import io.gavel.gateway.GavelEngine;
import io.gavel.sbe.Role;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two shards that are single engines (each with its own embedded media driver and Aeron directory), reached through
 * the same {@link GavelCommands} routing as cluster shards: every command for an auction lands on its shard only.
 */
class EngineShardTest
{
    private static final Duration ANSWER = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void routesEveryCommandByAuctionToItsEngine() throws Exception
    {
        final MediaDriver eastDriver = EmbeddedDriver.launch(dir.resolve("east-aeron").toString());
        final MediaDriver westDriver = EmbeddedDriver.launch(dir.resolve("west-aeron").toString());
        GavelEngine east = null;
        GavelEngine west = null;
        try
        {
            east = GavelEngine.start(EngineConfig.load(engineProperties("east")));
            west = GavelEngine.start(EngineConfig.load(engineProperties("west")));
            final ShardDirectory directory = ShardDirectory.load(Files.writeString(dir.resolve("shards.properties"),
                "shard.east=east.properties\nshard.west=west.properties\nauctions.1-99=east\nauctions.100-199=west\n"));
            try (ShardedClusterClient admin = new ShardedClusterClient(directory, (shard, properties) ->
                ShardedClusterClient.connectEither(properties, TestClusters.token(TestClusters.ADMIN, Role.ADMIN),
                    ANSWER));
                ShardedClusterClient bidder = new ShardedClusterClient(directory, (shard, properties) ->
                    ShardedClusterClient.connectEither(properties, TestClusters.token(101, Role.BIDDER), ANSWER)))
            {
                assertEquals("engine", admin.forAuction(7).describe());
                final long eastStart = east.lastSequence();
                final long westStart = west.lastSequence();
                final long endTime = System.currentTimeMillis() * 1_000_000L + TimeUnit.HOURS.toNanos(1);
                for (final long auction : new long[] {7, 107})
                {
                    accepted(admin, admin.createAuction(auction, AuctionSettings.timed()));
                    accepted(admin, admin.addLot(auction, 1, 10_00, 0, 0, endTime));
                    accepted(admin, admin.registerBidder(auction, 101, 1, 0, ""));
                    accepted(admin, admin.approveBidder(auction, 101));
                }
                // Four setup commands each, none on the other shard.
                assertEquals(eastStart + 4, east.lastSequence(), "east applied only auction 7's setup");
                assertEquals(westStart + 4, west.lastSequence(), "west applied only auction 107's setup");

                final int bids = 100;
                final long started = System.nanoTime();
                for (int i = 0; i < bids; i++)
                {
                    final long auction = i % 2 == 0 ? 7 : 107;
                    accepted(bidder, bidder.maxBid(auction, 1, 101, 20_00 + 100L * i));
                }
                final double rate = bids / ((System.nanoTime() - started) / 1e9);
                assertEquals(eastStart + 4 + bids / 2, east.lastSequence(), "east applied only auction 7's bids");
                assertEquals(westStart + 4 + bids / 2, west.lastSequence(), "west applied only auction 107's bids");
                // An auction the directory places nowhere is refused by name, before anything is sent.
                final IllegalArgumentException unplaced = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, () -> bidder.maxBid(500, 1, 101, 50_00));
                assertTrue(unplaced.getMessage().contains("500"), unplaced.getMessage());
                System.out.printf("TWO ENGINE SHARDS: %d bids, one in flight at a time, %.0f bids/s combined; " +
                    "load average %.1f%n", bids, rate, ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
            }
        }
        finally
        {
            CloseHelper.quietCloseAll(east, west, eastDriver, westDriver);
        }
    }

    private java.util.Properties engineProperties(final String shard) throws java.io.IOException
    {
        final java.util.Properties properties = new java.util.Properties();
        properties.setProperty("gavel.aeron.dir", dir.resolve(shard + "-aeron").toString());
        properties.setProperty("gavel.journal.dir", dir.resolve(shard + "-journal").toString());
        properties.setProperty("gavel.token.secret", TestClusters.SECRET);
        TestClusters.write(properties, dir.resolve(shard + ".properties"));
        return properties;
    }

    private static void accepted(final GavelCommands client, final long correlationId)
    {
        final Response response = client.await(correlationId, ANSWER);
        assertNotNull(response, "no answer to " + correlationId);
        assertTrue(response.accepted(), response.toString());
    }
}
