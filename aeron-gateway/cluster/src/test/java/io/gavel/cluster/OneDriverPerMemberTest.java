package io.gavel.cluster;

import io.gavel.gateway.DriverInUseException;
import io.gavel.gateway.DriverLiveness;
import io.gavel.gateway.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A member started a second time on this machine is refused before it touches the running member's media driver:
 * its driver would otherwise delete the live Aeron directory on start (one driver per directory, as for gavel driver).
 */
class OneDriverPerMemberTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aSecondStartOfTheSameMemberIsRefusedAndTheFirstKeepsItsDriver() throws Exception
    {
        final Properties properties = TestClusters.properties(dir, 1);
        final ClusterConfig config = ClusterConfig.load(properties);
        final EngineConfig engine = EngineConfig.load(properties);
        try (ClusterNode node = ClusterNode.start(config, engine, 0))
        {
            final DriverInUseException refused =
                assertThrows(DriverInUseException.class, () -> ClusterNode.start(config, engine, 0));
            assertTrue(refused.getMessage().contains(config.aeronDir(0)), refused.getMessage());
            assertTrue(DriverLiveness.hasLiveDriver(node.aeronDirectory()), "the first member's driver is gone");
        }
    }
}
