package io.gavel.cluster;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.gavel.cluster.client.ClusterGavelClient;
import io.gavel.client.Response;
import io.gavel.gateway.SessionToken;
import io.gavel.sbe.Format;
import io.gavel.sbe.RetractionPolicy;
import io.gavel.sbe.Role;
import io.gavel.sbe.TiePolicy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configuration, tokens and a client-side media driver for cluster tests (all on 127.0.0.1, in temp dirs). */
public final class TestClusters
{
    public static final String SECRET = "cluster-test-secret";
    public static final long ADMIN = 1;

    private TestClusters()
    {
    }

    /** A configuration for {@code members} members on loopback, sized for a loaded two-core machine. */
    public static Properties properties(final Path dir, final int members)
    {
        final Properties properties = new Properties();
        final StringBuilder hosts = new StringBuilder();
        for (int i = 0; i < members; i++)
        {
            hosts.append(i == 0 ? "" : ",").append("127.0.0.1");
        }
        properties.setProperty("gavel.cluster.hosts", hosts.toString());
        // Somewhere in 21000-44000, away from other tests' fixed ports; each member takes base + 100 N + 1..7.
        properties.setProperty("gavel.cluster.port.base",
            Integer.toString(21_000 + 1_000 * ThreadLocalRandom.current().nextInt(24)));
        properties.setProperty("gavel.cluster.dir", dir.resolve("cluster").toString());
        properties.setProperty("gavel.cluster.term.length", "65536");
        properties.setProperty("gavel.cluster.archive.segment.length", "1048576");
        properties.setProperty("gavel.token.secret", SECRET);
        return properties;
    }

    public static Path write(final Properties properties, final Path file) throws IOException
    {
        try (OutputStream out = Files.newOutputStream(file))
        {
            properties.store(out, "cluster test");
        }
        return file;
    }

    public static String token(final long principal, final Role role)
    {
        return SessionToken.issue(SECRET, principal, role, System.currentTimeMillis() + 3_600_000);
    }

    public static MediaDriver clientDriver(final Path dir)
    {
        return MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(dir.resolve("client-aeron").toString())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new SleepingMillisIdleStrategy(1))
            .termBufferSparseFile(true)
            .publicationTermBufferLength(65536)
            .ipcTermBufferLength(65536)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
    }

    public static ClusterGavelClient client(final MediaDriver driver, final ClusterConfig config, final long principal,
        final Role role)
    {
        return ClusterGavelClient.connect(new ClusterGavelClient.Context().cluster(config)
            .aeronDirectory(driver.aeronDirectoryName()).token(token(principal, role))
            .timeout(Duration.ofSeconds(20)));
    }

    public static Response accepted(final ClusterGavelClient client, final long correlationId)
    {
        final Response response = client.await(correlationId, Duration.ofSeconds(60));
        assertNotNull(response, "no answer to " + correlationId);
        assertTrue(response.accepted(), "refused: " + response);
        return response;
    }

    /** A TIMED auction with one lot ending at {@code endTime} and bidders 101..(100+bidders) approved. */
    public static void timedSale(final ClusterGavelClient admin, final long auction, final long lot, final long endTime,
        final int bidders)
    {
        accepted(admin, admin.createAuction(auction, Format.TIMED, "GBP", 0, TiePolicy.EARLIEST_WINS,
            RetractionPolicy.NONE));
        accepted(admin, admin.addLot(auction, lot, 10_00, 0, 0, endTime));
        for (int b = 1; b <= bidders; b++)
        {
            accepted(admin, admin.registerBidder(auction, 100 + b, b, 0));
            accepted(admin, admin.approveBidder(auction, 100 + b));
        }
    }
}
