package io.gavel.gateway;

import io.gavel.client.AuctionMirror;
import io.gavel.client.AuctionSettings;
import io.gavel.client.CompositeListener;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelListener;
import io.gavel.sbe.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A client that joins late takes the auction's snapshot and continues from it on the public stream; its copy then
 * matches a client that watched from the start, and a fresh snapshot.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LateJoinerTest
{
    @TempDir
    Path dir;

    @Test
    void lateJoinerCatchesUpFromSnapshotThenLive()
    {
        try (EngineHarness harness = new EngineHarness(dir);
            GavelClient admin = harness.client(1, Role.ADMIN, new GavelListener() {}))
        {
            final AuctionMirror early = new AuctionMirror(5);
            final GavelClient watcher = harness.client(50, Role.BIDDER, early);
            early.sync(watcher);
            assertTrue(watcher.pollUntil(early::isLive, Duration.ofSeconds(10)));

            final long end = System.currentTimeMillis() * 1_000_000L + TimeUnit.HOURS.toNanos(1);
            EndToEndTest.assertAccepted(admin, admin.createAuction(5, AuctionSettings.timed()));
            for (int lot = 1; lot <= 3; lot++)
            {
                EndToEndTest.assertAccepted(admin, admin.addLot(5, lot, 10_00, lot == 2 ? 500_00 : 0, 0, end));
            }
            for (int b = 1; b <= 3; b++)
            {
                EndToEndTest.assertAccepted(admin, admin.registerBidder(5, b, b, 0));
                EndToEndTest.assertAccepted(admin, admin.approveBidder(5, b));
            }
            for (int i = 0; i < 30; i++)
            {
                EndToEndTest.assertAccepted(admin, admin.maxBid(5, 1 + i % 3, 1 + i % 3, 20_00 + i * 300));
            }

            // The late joiner: snapshot, then live.
            final AuctionMirror late = new AuctionMirror(5);
            try (GavelClient joiner = harness.client(51, Role.BIDDER, new CompositeListener(late)))
            {
                late.sync(joiner);
                assertTrue(joiner.pollUntil(late::isLive, Duration.ofSeconds(10)));
                for (int i = 0; i < 10; i++)
                {
                    EndToEndTest.assertAccepted(admin, admin.maxBid(5, 1 + i % 3, 3 - i % 3, 200_00 + i * 1_000));
                }
                final AuctionMirror fresh = new AuctionMirror(5);
                try (GavelClient checker = harness.client(52, Role.BIDDER, fresh))
                {
                    fresh.sync(checker);
                    assertTrue(checker.pollUntil(fresh::isLive, Duration.ofSeconds(10)));
                    final long target = fresh.eventSequence();
                    assertTrue(joiner.pollUntil(() -> late.eventSequence() >= target, Duration.ofSeconds(10)));
                    assertTrue(watcher.pollUntil(() -> early.eventSequence() >= target, Duration.ofSeconds(10)));
                    assertEquals(fresh.lots().toString(), late.lots().toString());
                    assertEquals(fresh.lots().toString(), early.lots().toString());
                    assertFalse(late.gapDetected());
                    assertEquals(3, fresh.lots().size());
                }
            }
            watcher.close();
        }
    }
}
