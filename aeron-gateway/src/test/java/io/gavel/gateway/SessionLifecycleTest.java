package io.gavel.gateway;

import io.gavel.client.GavelClient;
import io.gavel.client.GavelListener;
import io.gavel.client.Response;
import io.gavel.sbe.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Sessions end cleanly: a disconnect or a silent session is closed and counted, a heartbeating one stays, and a
 * command from a closed session is dropped and counted (there is nowhere to answer).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionLifecycleTest
{
    @TempDir
    Path dir;

    @Test
    void silentSessionsCloseHeartbeatingOnesStayDisconnectsCleanUp()
    {
        final EngineConfig config = EngineConfig.defaults().set("gavel.session.timeout.ms", "400");
        try (EngineHarness harness = new EngineHarness(dir, config))
        {
            final GavelClient live = GavelClient.connect(new GavelClient.Context().aeron(harness.aeron)
                .token(EngineHarness.token(1, Role.ADMIN)).heartbeatInterval(Duration.ofMillis(50))
                .timeout(Duration.ofSeconds(10)));
            final GavelClient silent = harness.client(2, Role.ADMIN, new GavelListener() {});
            final GavelClient leaving = harness.client(3, Role.ADMIN, new GavelListener() {});
            assertTrue(live.pollUntil(() -> harness.engine.counters().sessions.get() == 3, Duration.ofSeconds(10)));

            leaving.close(); // sends Disconnect
            assertTrue(live.pollUntil(() -> harness.engine.counters().sessions.get() == 2, Duration.ofSeconds(10)),
                "a disconnect closes the session");
            // The silent client is never polled, so it sends no heartbeat; the live one keeps polling.
            assertTrue(live.pollUntil(() -> harness.engine.counters().sessions.get() == 1, Duration.ofSeconds(10)),
                "the silent session was not timed out");
            final Response stillThere = live.await(live.requestAuctionStatus(1), Duration.ofSeconds(10));
            assertNotNull(stillThere, "the heartbeating session was closed");

            final long unknownBefore = harness.engine.counters().unauthenticated.get();
            silent.requestAuctionStatus(1);
            assertTrue(live.pollUntil(() -> harness.engine.counters().unauthenticated.get() > unknownBefore,
                Duration.ofSeconds(10)), "a command from a closed session is counted");
            silent.close();
            live.close();
        }
    }
}
