package io.gavel.web;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelCommands;
import io.gavel.client.Response;
import io.gavel.cluster.ClusterConfig;
import io.gavel.cluster.ClusterNode;
import io.gavel.cluster.TestClusters;
import io.gavel.cluster.shard.ShardDirectory;
import io.gavel.cluster.shard.ShardedClusterClient;
import io.gavel.gateway.EmbeddedDriver;
import io.gavel.gateway.EngineConfig;
import io.gavel.gateway.GavelEngine;
import io.gavel.sbe.Role;
import org.agrona.CloseHelper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An edge in front of a shard directory of two upstreams in this JVM, for tests of one going away: north, an engine
 * (auction 7), and south, a one-member cluster (auction 107), each with a LIVE lot open and bidders 5 and 6 approved,
 * on one media driver. Tests stop and restart either upstream; closing closes whatever still runs.
 */
final class NorthSouthEdge implements AutoCloseable
{
    static final long NORTH_AUCTION = 7;
    static final long SOUTH_AUCTION = 107;
    static final Duration ANSWER = Duration.ofSeconds(30);
    private static final String SECRET = WebHarness.SECRET;

    private final Path dir;
    private final Properties southCluster;
    private final MediaDriver driver;
    GavelEngine north;
    ClusterNode south;
    Aeron aeron;
    WebGateway web;

    /**
     * Starts both upstreams (south's cluster client timeout {@code clusterTimeoutMs}), sets up their sales (with
     * {@code clerk50}, clerk 50 assigned to both auctions) and the edge.
     */
    static NorthSouthEdge start(final Path dir, final String clusterTimeoutMs, final boolean clerk50)
    {
        final NorthSouthEdge edge = new NorthSouthEdge(dir, clusterTimeoutMs);
        try
        {
            edge.startNorth();
            edge.startSouth();
            edge.setUp(clerk50);
            return edge;
        }
        catch (final RuntimeException | IOException ex)
        {
            edge.close();
            throw ex instanceof IOException ? new UncheckedIOException((IOException)ex) : (RuntimeException)ex;
        }
    }

    private NorthSouthEdge(final Path dir, final String clusterTimeoutMs)
    {
        this.dir = dir;
        driver = EmbeddedDriver.launch(dir.resolve("north-aeron").toString());
        southCluster = TestClusters.properties(dir.resolve("south"), 1);
        southCluster.setProperty("gavel.token.secret", SECRET);
        southCluster.setProperty("gavel.aeron.dir", dir.resolve("north-aeron").toString());
        southCluster.setProperty("gavel.cluster.client.timeout.ms", clusterTimeoutMs);
    }

    /** Starts north's engine on its journal (again, after {@link #stopNorth()}). */
    void startNorth()
    {
        try
        {
            north = GavelEngine.start(EngineConfig.load(engine()));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    void stopNorth()
    {
        north.close();
        north = null;
    }

    /** Starts south's only member (again, after {@link #stopSouth()}: its cluster has a leader again). */
    void startSouth()
    {
        try
        {
            TestClusters.write(southCluster, dir.resolve("south.properties"));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        south = ClusterNode.start(ClusterConfig.load(southCluster), EngineConfig.load(southCluster), 0);
    }

    /** Stops south's only member: its cluster has no leader. */
    void stopSouth()
    {
        south.close();
        south = null;
    }

    TestSocket socket()
    {
        return new TestSocket(web.port(), "http://127.0.0.1:" + web.port());
    }

    private void setUp(final boolean clerk50) throws IOException
    {
        final Path shards = Files.writeString(dir.resolve("shards.properties"), "shard.north=north.properties\n" +
            "shard.south=south.properties\nauctions.1-99=north\nauctions.100-199=south\n");
        try (ShardedClusterClient admin = new ShardedClusterClient(ShardDirectory.load(shards),
            (shard, properties) -> ShardedClusterClient.connectEither(properties,
                WebHarness.token(900, Role.ADMIN), ANSWER)))
        {
            for (final long auction : new long[] {NORTH_AUCTION, SOUTH_AUCTION})
            {
                accepted(admin, admin.createAuction(auction, AuctionSettings.live()));
                accepted(admin, admin.addLot(auction, 1, 100_00, 0, 0, 0));
                for (long bidder = 5; bidder <= 6; bidder++)
                {
                    accepted(admin, admin.registerBidder(auction, bidder, 100 + bidder, 0, ""));
                    accepted(admin, admin.approveBidder(auction, bidder));
                }
                if (clerk50)
                {
                    accepted(admin, admin.assignClerk(auction, 50, true));
                }
                accepted(admin, admin.openLot(auction, 1));
            }
        }
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir.resolve("north-aeron").toString()));
        final Properties edge = new Properties();
        edge.setProperty("gavel.token.secret", SECRET);
        edge.setProperty("gavel.web.port", "0");
        edge.setProperty("gavel.aeron.dir", dir.resolve("north-aeron").toString());
        edge.setProperty("gavel.shard.directory", shards.toString());
        web = WebGateway.start(edge, aeron);
    }

    private Properties engine() throws IOException
    {
        final Properties properties = new Properties();
        properties.setProperty("gavel.aeron.dir", dir.resolve("north-aeron").toString());
        properties.setProperty("gavel.journal.dir", dir.resolve("north-journal").toString());
        properties.setProperty("gavel.token.secret", SECRET);
        properties.setProperty("gavel.session.timeout.ms", "600000");
        try (OutputStream out = Files.newOutputStream(dir.resolve("north.properties")))
        {
            properties.store(out, "shard north");
        }
        return properties;
    }

    static void accepted(final GavelCommands client, final long correlationId)
    {
        final Response response = client.await(correlationId, ANSWER);
        assertNotNull(response, "no answer to " + correlationId);
        assertTrue(response.accepted(), response.toString());
    }

    public void close()
    {
        CloseHelper.quietCloseAll(web, aeron, south, north, driver);
    }
}
