package io.gavel.gateway;

import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelListener;
import io.gavel.client.Response;
import io.gavel.journal.JournalException;
import io.gavel.replay.journal.JournalVerifier;
import io.gavel.sbe.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 11: a setting that changes outcomes (the idempotency window) is recorded in the journal, so verify replays
 * exactly what the engine did, and an engine (or a snapshot) with another window does not build on that journal.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SettingsInJournalTest
{
    @TempDir
    Path dir;

    @Test
    void aJournalWrittenWithASmallWindowVerifiesAndRestartsOnlyWithThatWindow()
    {
        final EngineConfig small = EngineConfig.defaults().set("gavel.correlation.window", "2")
            .set("gavel.snapshot.every", "4");
        try (EngineHarness harness = new EngineHarness(dir, small);
            GavelClient admin = harness.client(1, Role.ADMIN, new GavelListener() {}))
        {
            final long end = System.currentTimeMillis() * 1_000_000L + TimeUnit.HOURS.toNanos(1);
            EndToEndTest.assertAccepted(admin, admin.createAuction(1, AuctionSettings.timed()));
            EndToEndTest.assertAccepted(admin, admin.addLot(1, 1, 10_00, 0, 0, end));
            EndToEndTest.assertAccepted(admin, admin.registerBidder(1, 7, 7, 0));
            EndToEndTest.assertAccepted(admin, admin.approveBidder(1, 7));
            final long bid = GavelClient.nextCorrelationId();
            EndToEndTest.assertAccepted(admin, admin.retryMaxBid(bid, 1, 1, 7, 20_00));
            for (int lot = 2; lot <= 4; lot++)
            {
                EndToEndTest.assertAccepted(admin, admin.addLot(1, lot, 10_00, 0, 0, end));
            }
            // The retry has left the 2-command window: the engine evaluates it afresh, not as a duplicate.
            final Response retry = admin.await(admin.retryMaxBid(bid, 1, 1, 7, 20_00), Duration.ofSeconds(10));
            assertNotNull(retry);
            assertFalse(retry.duplicate(), retry.toString());
        }
        final Path journal = dir.resolve("journal");
        final JournalVerifier.Report report = JournalVerifier.verify(journal, null);
        assertTrue(report.verified(), report.failure + " at record " + report.failedRecord);
        assertEquals(2, report.correlationWindow);

        // Another window would answer retries differently from the history: refused, precisely.
        final RuntimeException refused = assertThrows(RuntimeException.class,
            () -> new EngineHarness(dir, EngineConfig.defaults()).close());
        assertInstanceOf(JournalException.class, refused);
        assertTrue(refused.getMessage().contains("gavel.correlation.window=2"), refused.getMessage());
        assertTrue(refused.getMessage().contains("4096"), refused.getMessage());

        // The same window restarts (from a snapshot taken with it) and the journal still verifies.
        try (EngineHarness again = new EngineHarness(dir, EngineConfig.defaults()
            .set("gavel.correlation.window", "2").set("gavel.snapshot.every", "4")))
        {
            assertTrue(again.engine.recovery().contains("snapshot at 8"), again.engine.recovery());
        }
        final JournalVerifier.Report after = JournalVerifier.verify(journal, null);
        assertTrue(after.verified(), after.failure + " at record " + after.failedRecord);
        assertEquals(2, after.settings, "one settings record per engine start");
    }

    @Test
    void aSnapshotTakenWithAnotherWindowIsRefused() throws Exception
    {
        final Path other = dir.resolve("other");
        java.nio.file.Files.createDirectories(other);
        for (final Path root : new Path[]{dir, other})
        {
            final String window = root == dir ? "2" : "8";
            try (EngineHarness harness = new EngineHarness(root, EngineConfig.defaults()
                .set("gavel.correlation.window", window).set("gavel.snapshot.every", "2"));
                GavelClient admin = harness.client(1, Role.ADMIN, new GavelListener() {}))
            {
                EndToEndTest.assertAccepted(admin, admin.createAuction(1, AuctionSettings.timed()));
                EndToEndTest.assertAccepted(admin, admin.createAuction(2, AuctionSettings.timed()));
            }
        }
        // The snapshot at sequence 2 of a journal written with window 8, put beside a journal written with window 2.
        final String name = String.format("snapshot-%020d.sbe", 2);
        java.nio.file.Files.copy(other.resolve("journal").resolve("snapshots").resolve(name),
            dir.resolve("journal").resolve("snapshots").resolve(name),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        final JournalException refused = assertThrows(JournalException.class, () -> new EngineHarness(dir,
            EngineConfig.defaults().set("gavel.correlation.window", "2")).close());
        assertTrue(refused.getMessage().startsWith("the snapshot at sequence 2 in "), refused.getMessage());
        assertTrue(refused.getMessage().endsWith(" has gavel.correlation.window=8, the engine 2; it does not belong " +
            "to this journal's history"), refused.getMessage());
    }
}
