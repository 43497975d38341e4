package io.gavel.gateway;

import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelListener;
import io.gavel.sbe.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 13: which thread writes an engine's snapshots. By default the replica's, so the business thread (a
 * {@code gavel-ring-} thread) never encodes one; {@code gavel.snapshot.thread=business} keeps the old way; any
 * other value is refused before the journal is opened.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SnapshotThreadTest
{
    @TempDir
    Path dir;

    @Test
    void byDefaultTheReplicaWritesTheEnginesSnapshots()
    {
        assertEquals("gavel-snapshot-replica", runFourCommands(dir, EngineConfig.defaults()));
    }

    @Test
    void onTheBusinessThreadWhenAskedFor()
    {
        // The business handler's thread: a Disruptor thread when staged, the ingress agent's own with low-core.
        final String staged = runFourCommands(dir.resolve("staged"), EngineConfig.defaults()
            .set("gavel.snapshot.thread", "business").set("gavel.layout", "staged"));
        assertTrue(staged.startsWith("gavel-ring-"), staged);
        final String oneThread = runFourCommands(dir.resolve("low-core"), EngineConfig.defaults()
            .set("gavel.snapshot.thread", "business").set("gavel.layout", "low-core"));
        assertTrue(oneThread.contains("gavel-ingress"), oneThread);
    }

    @Test
    void anUnknownValueIsRefusedBeforeTheJournalOpens()
    {
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> new EngineHarness(dir, EngineConfig.defaults().set("gavel.snapshot.thread", "helper")).close());
        assertEquals("setting 'gavel.snapshot.thread' must be replica or business, not 'helper'",
            refused.getMessage());
        assertFalse(Files.exists(dir.resolve("journal")), "nothing opened");
    }

    /** Four commands with a snapshot every two; returns the name of the thread that wrote the last snapshot. */
    private String runFourCommands(final Path dir, final EngineConfig config)
    {
        final GavelEngine engine;
        try (EngineHarness harness = new EngineHarness(dir, config.set("gavel.snapshot.every", "2"));
            GavelClient admin = harness.client(1, Role.ADMIN, new GavelListener() {}))
        {
            final long end = System.currentTimeMillis() * 1_000_000L + TimeUnit.HOURS.toNanos(1);
            EndToEndTest.assertAccepted(admin, admin.createAuction(1, AuctionSettings.timed()));
            for (int lot = 1; lot <= 3; lot++)
            {
                EndToEndTest.assertAccepted(admin, admin.addLot(1, lot, 10_00, 0, 0, end));
            }
            engine = harness.engine;
            engine.close();
        }
        final Path snapshots = dir.resolve("journal").resolve("snapshots");
        assertTrue(Files.exists(snapshots.resolve(String.format("snapshot-%020d.sbe", 2))));
        assertTrue(Files.exists(snapshots.resolve(String.format("snapshot-%020d.sbe", 4))));
        return engine.snapshots().lastWriter();
    }
}
