package io.gavel.gateway;

import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelListener;
import io.gavel.client.Response;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A full ring is answered BUSY at once, every command still gets exactly one answer, and the engine goes on: a burst
 * of expensive commands (each a status of 2,000 lots, 2,000 events to journal) into a ring of 8 slots.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BusyTest
{
    @TempDir
    Path dir;

    @Test
    void aBurstIntoAFullRingIsAnsweredBusyAndNothingIsLost()
    {
        // Staged: a ring that fills needs a business thread that falls behind (low-core drains it instead).
        final EngineConfig config = EngineConfig.defaults().set("gavel.layout", "staged").set("gavel.ring.size", "8")
            .set("gavel.session.rate.limit", "0").set("gavel.egress.retry.limit", "1000000");
        try (EngineHarness harness = new EngineHarness(dir, config);
            GavelClient admin = harness.client(1, Role.ADMIN, new GavelListener() {}))
        {
            EndToEndTest.assertAccepted(admin, admin.createAuction(1, AuctionSettings.live()));
            // One at a time: a burst here would already be answered BUSY by a ring of 8. Even one at a time a ring
            // of 8 can be full of the ingress's own housekeeping slots while the business thread waits for a core
            // (seen at load 14), so the set-up retries a BUSY answer; the burst below is what is under test.
            for (int lot = 1; lot <= 2_000; lot++)
            {
                final int lotId = lot;
                acceptedRetryingBusy(admin, () -> admin.addLot(1, lotId, 10_00, 0, 0, 0));
            }
            final List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 200; i++)
            {
                ids.add(admin.requestAuctionStatus(1));
            }
            int busy = 0;
            int answered = 0;
            for (final long id : ids)
            {
                final Response response = admin.await(id, Duration.ofSeconds(60));
                assertNotNull(response, "command " + id + " got no answer");
                answered++;
                if (!response.accepted())
                {
                    assertEquals(RejectReason.BUSY, response.reason());
                    assertEquals(0, response.engineSequence(), "a BUSY command was never sequenced");
                    busy++;
                }
            }
            assertEquals(200, answered);
            assertTrue(busy > 0, "the ring of 8 never filled");
            assertEquals(busy, harness.engine.counters().rejectedCount(RejectReason.BUSY));
            final Response after = admin.await(admin.requestAuctionStatus(1), Duration.ofSeconds(30));
            assertNotNull(after);
            assertTrue(after.accepted(), "the engine goes on after the burst");
        }
    }

    private static void acceptedRetryingBusy(final GavelClient client, final LongSupplier command)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            final Response response = client.await(command.getAsLong(), Duration.ofSeconds(10));
            assertNotNull(response, "no answer");
            if (response.accepted())
            {
                return;
            }
            assertEquals(RejectReason.BUSY, response.reason(), response.toString());
        }
        fail("BUSY 100 times in a row for one command at a time");
    }
}
