package io.gavel.cluster;

import io.aeron.driver.MediaDriver;
import io.gavel.client.GavelClientException;
import io.gavel.cluster.client.ClusterGavelClient;
import io.gavel.gateway.EngineConfig;
import io.gavel.gateway.SessionToken;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client whose token the cluster refuses is told why, with the single engine's reasons: TOKEN_EXPIRED for an
 * expired token, INVALID_TOKEN for a wrong signature or something that is no token at all; never a timeout. A good
 * token still connects afterwards.
 */
class TokenRefusalTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void refusedTokensAreToldTheirReason()
    {
        final Properties properties = TestClusters.properties(dir, 1);
        final ClusterConfig config = ClusterConfig.load(properties);
        final MediaDriver clientDriver = TestClusters.clientDriver(dir);
        final ClusterNode node = ClusterNode.start(config, EngineConfig.load(properties), 0);
        try
        {
            final long now = System.currentTimeMillis();
            assertRefused(clientDriver, config, SessionToken.issue(TestClusters.SECRET, 101, Role.BIDDER, now - 1_000),
                "the cluster refused this client's token: TOKEN_EXPIRED");
            assertRefused(clientDriver, config, SessionToken.issue("another-secret", 101, Role.BIDDER, now + 60_000),
                "the cluster refused this client's token: INVALID_TOKEN");
            assertRefused(clientDriver, config, "not-a-token",
                "the cluster refused this client's token: INVALID_TOKEN");
            try (ClusterGavelClient good = TestClusters.client(clientDriver, config, TestClusters.ADMIN, Role.ADMIN))
            {
                TestClusters.accepted(good, good.createAuction(3, io.gavel.sbe.Format.LIVE, "GBP", 0,
                    io.gavel.sbe.TiePolicy.EARLIEST_WINS, io.gavel.sbe.RetractionPolicy.NONE));
            }
        }
        finally
        {
            CloseHelper.quietCloseAll(node, clientDriver);
        }
    }

    private static void assertRefused(final MediaDriver driver, final ClusterConfig config, final String token,
        final String expected)
    {
        final GavelClientException refused = assertThrows(GavelClientException.class, () ->
            ClusterGavelClient.connect(new ClusterGavelClient.Context().cluster(config)
                .aeronDirectory(driver.aeronDirectoryName()).token(token).timeout(Duration.ofSeconds(15))).close());
        assertTrue(refused.getMessage().startsWith(expected), refused.getMessage());
        assertEquals(-1, refused.getMessage().indexOf("no cluster leader answered"), refused.getMessage());
    }
}
