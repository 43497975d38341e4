package io.gavel.web;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelCommands;
import io.gavel.client.Response;
import io.gavel.cluster.shard.ShardDirectory;
import io.gavel.cluster.shard.ShardedClusterClient;
import io.gavel.gateway.EmbeddedDriver;
import io.gavel.gateway.EngineConfig;
import io.gavel.gateway.GavelEngine;
import io.gavel.sbe.Role;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static io.gavel.web.EdgeSocketTest.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web edge in front of a shard directory of two single engines (east: auctions 1-99, west: 100-199), each with
 * its own media driver: a browser's hello, bids, limit and clerk commands reach the shard of its auction only, and
 * each browser hears only its own auction's events; an auction the directory does not place is refused by name. The
 * same with one engine shard and one cluster shard (a one-member cluster in this JVM). Bad configurations are
 * refused with what to fix.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WebShardTest
{
    private static final String SECRET = WebHarness.SECRET;
    private static final long EAST_AUCTION = 7;
    private static final long WEST_AUCTION = 107;
    private static final Duration ANSWER = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private MediaDriver eastDriver;
    private MediaDriver westDriver;
    private GavelEngine east;
    private GavelEngine west;
    private Aeron aeron;

    @AfterEach
    void stop()
    {
        CloseHelper.quietCloseAll(aeron, east, west, eastDriver, westDriver);
    }

    @Test
    void eachBrowserIsRoutedToTheShardOfItsAuction() throws Exception
    {
        eastDriver = EmbeddedDriver.launch(dir.resolve("east-aeron").toString());
        westDriver = EmbeddedDriver.launch(dir.resolve("west-aeron").toString());
        east = GavelEngine.start(EngineConfig.load(engine("east", SECRET)));
        west = GavelEngine.start(EngineConfig.load(engine("west", SECRET)));
        final Path shards = Files.writeString(dir.resolve("shards.properties"), "shard.east=east.properties\n" +
            "shard.west=west.properties\nauctions.1-99=east\nauctions.100-199=west\n");
        try (ShardedClusterClient admin = new ShardedClusterClient(ShardDirectory.load(shards), (shard, properties) ->
            ShardedClusterClient.connectEither(properties, WebHarness.token(900, Role.ADMIN), ANSWER)))
        {
            for (final long auction : new long[] {EAST_AUCTION, WEST_AUCTION})
            {
                accepted(admin, admin.createAuction(auction, AuctionSettings.live()));
                accepted(admin, admin.addLot(auction, 1, 100_00, 0, 0, 0));
                accepted(admin, admin.registerBidder(auction, 5, 105, auction == WEST_AUCTION ? 5_000_00 : 0, ""));
                accepted(admin, admin.approveBidder(auction, 5));
                accepted(admin, admin.openLot(auction, 1));
            }
            accepted(admin, admin.assignClerk(WEST_AUCTION, 50, true));

            // The edge's own driver is east's: west is reached through a client of west's driver.
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir.resolve("east-aeron").toString()));
            final Properties edge = edge(shards);
            try (WebGateway web = WebGateway.start(edge, aeron);
                TestSocket onEast = new TestSocket(web.port(), "http://127.0.0.1:" + web.port());
                TestSocket onWest = new TestSocket(web.port(), "http://127.0.0.1:" + web.port());
                TestSocket console = new TestSocket(web.port(), "http://127.0.0.1:" + web.port());
                TestSocket unplaced = new TestSocket(web.port(), "http://127.0.0.1:" + web.port()))
            {
                assertEquals("shard east (engine), shard west (engine)", web.upstream());
                final long eastBefore = east.lastSequence();
                final long westBefore = west.lastSequence();

                onEast.hello(WebHarness.token(5, Role.BIDDER), EAST_AUCTION);
                onWest.hello(WebHarness.token(5, Role.BIDDER), WEST_AUCTION);
                bidAtTheAsk(onEast, EAST_AUCTION);
                bidAtTheAsk(onWest, WEST_AUCTION);
                // The bidder's limit comes from the shard of each auction: none on east, 5,000.00 on west.
                onEast.await(m -> m.startsWith("{\"t\":\"limit\",\"auction\":7,") && m.contains("\"limit\":null"),
                    "east's limit answer");
                onWest.await(m -> m.startsWith("{\"t\":\"limit\",\"auction\":107,") &&
                    m.contains("\"limit\":500000"), "west's limit answer");
                // Each socket hears its own auction's events only.
                assertTrue(onEast.messages.stream().noneMatch(m -> m.contains("\"auction\":107")),
                    onEast.messages::toString);
                assertTrue(onWest.messages.stream().noneMatch(m -> m.contains("\"auction\":7,")),
                    onWest.messages::toString);

                // A console for a west auction: its own session on west, under the clerk's authority there.
                console.hello(WebHarness.token(50, Role.CLERK), WEST_AUCTION);
                console.awaitType("snapshot");
                console.send("{\"action\":\"warn\",\"id\":9,\"lot\":1}");
                assertTrue(console.awaitType("answer").contains("\"ok\":true"), console.messages::toString);
                onWest.awaitType("warning");

                // Each engine applied its own auction's commands and nothing of the other's.
                final long eastApplied = east.lastSequence() - eastBefore;
                final long westApplied = west.lastSequence() - westBefore;
                assertTrue(eastApplied >= 1 && westApplied >= 2, "east " + eastApplied + ", west " + westApplied);
                assertEquals(1, bids(onEast), "east's bid event");
                assertEquals(1, bids(onWest), "west's bid event");

                // An auction no range places: a precise error, and the socket stays unidentified.
                unplaced.hello(WebHarness.token(5, Role.BIDDER), 500);
                final String error = unplaced.awaitType("error");
                assertTrue(error.contains("\"code\":\"unknown_auction\"") &&
                    error.contains("auction 500 is on no shard"), error);
                unplaced.send("{\"action\":\"sync\"}");
                unplaced.await(m -> m.contains("\"code\":\"not_identified\""), "not_identified");
            }
        }
    }

    @Test
    void anEngineShardAndAClusterShardEachGetTheirOwnBrowsers() throws Exception
    {
        eastDriver = EmbeddedDriver.launch(dir.resolve("east-aeron").toString());
        east = GavelEngine.start(EngineConfig.load(engine("east", SECRET)));
        // West is a one-member cluster; its clients (the edge included) use east's driver, the only one here.
        final Properties westCluster = io.gavel.cluster.TestClusters.properties(dir.resolve("west"), 1);
        westCluster.setProperty("gavel.token.secret", SECRET);
        westCluster.setProperty("gavel.aeron.dir", dir.resolve("east-aeron").toString());
        io.gavel.cluster.TestClusters.write(westCluster, dir.resolve("west.properties"));
        final io.gavel.cluster.ClusterNode member = io.gavel.cluster.ClusterNode.start(
            io.gavel.cluster.ClusterConfig.load(westCluster), EngineConfig.load(westCluster), 0);
        try
        {
            final Path shards = Files.writeString(dir.resolve("shards.properties"), "shard.east=east.properties\n" +
                "shard.west=west.properties\nauctions.1-99=east\nauctions.100-199=west\n");
            try (ShardedClusterClient admin = new ShardedClusterClient(ShardDirectory.load(shards),
                (shard, properties) -> ShardedClusterClient.connectEither(properties,
                    WebHarness.token(900, Role.ADMIN), ANSWER)))
            {
                for (final long auction : new long[] {EAST_AUCTION, WEST_AUCTION})
                {
                    accepted(admin, admin.createAuction(auction, AuctionSettings.live()));
                    accepted(admin, admin.addLot(auction, 1, 100_00, 0, 0, 0));
                    accepted(admin, admin.registerBidder(auction, 5, 105, 0, ""));
                    accepted(admin, admin.approveBidder(auction, 5));
                    accepted(admin, admin.openLot(auction, 1));
                }
            }
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir.resolve("east-aeron").toString()));
            try (WebGateway web = WebGateway.start(edge(shards), aeron);
                TestSocket onEast = new TestSocket(web.port(), "http://127.0.0.1:" + web.port());
                TestSocket onWest = new TestSocket(web.port(), "http://127.0.0.1:" + web.port()))
            {
                assertEquals("shard east (engine), shard west (cluster)", web.upstream());
                onEast.hello(WebHarness.token(5, Role.BIDDER), EAST_AUCTION);
                onWest.hello(WebHarness.token(5, Role.BIDDER), WEST_AUCTION);
                // Each auction exists on its own shard only, so an accepted bid proves where it went.
                bidAtTheAsk(onEast, EAST_AUCTION);
                bidAtTheAsk(onWest, WEST_AUCTION);
                onWest.await(m -> m.startsWith("{\"t\":\"limit\",\"auction\":107,"), "west's limit answer");
                assertTrue(onEast.messages.stream().noneMatch(m -> m.contains("\"auction\":107")),
                    onEast.messages::toString);
                assertTrue(onWest.messages.stream().noneMatch(m -> m.contains("\"auction\":7,")),
                    onWest.messages::toString);
            }
        }
        finally
        {
            CloseHelper.quietCloseAll(aeron, member);
            aeron = null;
        }
    }

    @Test
    void badConfigurationsAreRefusedWithWhatToFix() throws Exception
    {
        eastDriver = EmbeddedDriver.launch(dir.resolve("east-aeron").toString());
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir.resolve("east-aeron").toString()));
        engine("east", SECRET);
        engine("other", "another-secret");
        final Path good = Files.writeString(dir.resolve("good.properties"), "shard.east=east.properties\n" +
            "auctions.1-99=east\n");

        final Properties both = edge(good);
        both.setProperty("gavel.cluster.hosts", "127.0.0.1,127.0.0.1,127.0.0.1");
        assertRefused(both, "sets both gavel.cluster.hosts and gavel.shard.directory");

        assertRefused(edge(Files.writeString(dir.resolve("secret.properties"), "shard.other=other.properties\n" +
            "auctions.1-99=other\n")), "shard 'other'", "another gavel.token.secret");
        assertRefused(edge(Files.writeString(dir.resolve("missing.properties"), "shard.east=nowhere.properties\n" +
            "auctions.1-99=east\n")), "nowhere.properties, which does not exist");
        assertRefused(edge(Files.writeString(dir.resolve("overlap.properties"), "shard.east=east.properties\n" +
            "auctions.1-99=east\nauctions.50-150=east\n")), "auctions 50-99 are placed on both");
        assertRefused(edge(Files.writeString(dir.resolve("empty.properties"), "shard.east=east.properties\n")),
            "places no auctions");
        assertRefused(edge(dir.resolve("absent.properties")), "absent.properties does not exist");
        // West's driver is not running: the shard is named with the directory it looked in.
        engine("west", SECRET);
        assertRefused(edge(Files.writeString(dir.resolve("nodriver.properties"), "shard.west=west.properties\n" +
            "auctions.1-99=west\n")), "shard 'west'", "no media driver at " + dir.resolve("west-aeron"));
    }

    private void assertRefused(final Properties configuration, final String... expected)
    {
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> WebGateway.start(configuration, aeron).close());
        for (final String text : expected)
        {
            assertTrue(refused.getMessage().contains(text), refused.getMessage());
        }
    }

    private static void bidAtTheAsk(final TestSocket socket, final long auction)
    {
        final String snapshot = socket.awaitType("snapshot");
        assertEquals(auction, field(snapshot, "auction"), snapshot);
        final long ask = field(snapshot.substring(snapshot.indexOf("\"lots\"")), "ask");
        final long version = field(snapshot.substring(snapshot.indexOf("\"lots\"")), "askVersion");
        socket.send("{\"action\":\"bid\",\"id\":1,\"lot\":1,\"amount\":" + ask + ",\"askVersion\":" + version + "}");
        final String answer = socket.awaitType("answer");
        assertTrue(answer.contains("\"ok\":true"), answer);
        final String bid = socket.awaitType("bid");
        assertEquals(auction, field(bid, "auction"), bid);
        assertEquals(ask, field(bid, "price"), bid);
    }

    private static long bids(final TestSocket socket)
    {
        return socket.messages.stream().filter(m -> m.startsWith("{\"t\":\"bid\"")).count();
    }

    private Properties edge(final Path shards)
    {
        final Properties properties = new Properties();
        properties.setProperty("gavel.token.secret", SECRET);
        properties.setProperty("gavel.web.port", "0");
        properties.setProperty("gavel.aeron.dir", dir.resolve("east-aeron").toString());
        properties.setProperty("gavel.shard.directory", shards.toString());
        return properties;
    }

    private Properties engine(final String shard, final String secret) throws IOException
    {
        final Properties properties = new Properties();
        properties.setProperty("gavel.aeron.dir", dir.resolve(shard + "-aeron").toString());
        properties.setProperty("gavel.journal.dir", dir.resolve(shard + "-journal").toString());
        properties.setProperty("gavel.token.secret", secret);
        properties.setProperty("gavel.session.timeout.ms", "600000");
        try (OutputStream out = Files.newOutputStream(dir.resolve(shard + ".properties")))
        {
            properties.store(out, "shard " + shard);
        }
        return properties;
    }

    private static void accepted(final GavelCommands client, final long correlationId)
    {
        final Response response = client.await(correlationId, ANSWER);
        assertNotNull(response, "no answer to " + correlationId);
        assertTrue(response.accepted(), response.toString());
    }
}
