package io.gavel.gateway;

import io.gavel.client.AuctionSettings;
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

import static io.gavel.gateway.EndToEndTest.assertAccepted;
import static org.junit.jupiter.api.Assertions.*;

/**
 * An engine started with {@code gavel.journal.sync=fsync} (syncer thread, answers held until forced) answers over
 * Aeron and stops cleanly; a bad value stops the engine with the setting's name.
 */
@Timeout(60)
class FsyncEngineTest
{
    @TempDir
    Path dir;

    @Test
    void anFsyncEngineAnswersBidsAndStops()
    {
        try (EngineHarness harness = new EngineHarness(dir, EngineConfig.defaults()
            .set("gavel.journal.sync", "fsync").set("gavel.journal.pretouch.mb", "4")))
        {
            try (GavelClient admin = harness.client(EndToEndTest.ADMIN, Role.ADMIN, new GavelListener() {}))
            {
                final long end = System.currentTimeMillis() * 1_000_000L + TimeUnit.MINUTES.toNanos(10);
                assertAccepted(admin, admin.createAuction(EndToEndTest.AUCTION, AuctionSettings.timed()));
                assertAccepted(admin, admin.addLot(EndToEndTest.AUCTION, EndToEndTest.LOT, 10_00, 0, 0, end));
                assertAccepted(admin, admin.registerBidder(EndToEndTest.AUCTION, EndToEndTest.BIDDER, 142, 0));
                assertAccepted(admin, admin.approveBidder(EndToEndTest.AUCTION, EndToEndTest.BIDDER));
            }
            try (GavelClient bidder = harness.client(EndToEndTest.BIDDER, Role.BIDDER, new GavelListener() {}))
            {
                for (int i = 1; i <= 20; i++)
                {
                    final long correlationId = bidder.maxBid(EndToEndTest.AUCTION, EndToEndTest.LOT,
                        EndToEndTest.BIDDER, 50_00 + i * 100);
                    final Response response = bidder.await(correlationId, Duration.ofSeconds(10));
                    assertNotNull(response, "no answer to bid " + i);
                    assertTrue(response.accepted(), response.toString());
                }
            }
            assertNull(harness.engine.failure());
        }
    }

    @Test
    void aBadSyncValueStopsTheEngineWithTheSettingsName()
    {
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> new EngineHarness(dir, EngineConfig.defaults().set("gavel.journal.sync", "sometimes")).close());
        assertEquals("setting 'gavel.journal.sync' must be page-cache or fsync, not 'sometimes'",
            refused.getMessage());
        // Refused before the journal was opened: its lock is free, a good engine starts on the same directory.
        try (EngineHarness again = new EngineHarness(dir))
        {
            assertNull(again.engine.failure());
        }
    }
}
