package io.gavel.gateway;

import io.gavel.client.GavelClient;
import io.gavel.client.GavelClientException;
import io.gavel.client.GavelListener;
import io.gavel.sbe.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An engine client told not to wait for a gone engine ({@code sendWait}, the web edge's) says its session is lost
 * once the engine stops, and a send then fails at once (a client without it keeps waiting inside its sends, as its
 * other users, the CLI and the load harness, expect).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EngineGoneClientTest
{
    @TempDir
    Path dir;

    @Test
    void aClientWithASendWaitSaysItsSessionIsLostWhenTheEngineStopsAndFailsItsSendsAtOnce()
    {
        try (EngineHarness harness = new EngineHarness(dir))
        {
            final GavelClient edge = GavelClient.connect(new GavelClient.Context()
                .aeron(harness.aeron)
                .ingress(harness.config.ingressChannel(), harness.config.ingressStream())
                .publicStream(harness.config.publicChannel(), harness.config.publicStream())
                .token(EngineHarness.token(1, Role.ADMIN))
                .listener(new GavelListener()
                {
                })
                .timeout(Duration.ofSeconds(10))
                .sendWait(Duration.ofMillis(20)));
            assertFalse(edge.isSessionLost());
            harness.engine.close();
            assertTrue(edge.pollUntil(edge::isSessionLost, Duration.ofSeconds(20)), "never said lost");
            // Lost for good: the send fails without waiting out the client's 10 s timeout.
            final long sent = System.nanoTime();
            final GavelClientException refused = assertThrows(GavelClientException.class,
                () -> edge.requestAuctionStatus(1));
            assertTrue(refused.getMessage().contains("lost"), refused.getMessage());
            assertTrue(System.nanoTime() - sent < TimeUnit.SECONDS.toNanos(5), "the send waited");
            edge.close();
        }
    }
}
