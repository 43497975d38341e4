package io.gavel.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code gavel.core.book.entries} sizes the core's book arena before the first command, so books grow without
 * allocating on the business thread; a negative value is refused before the journal is opened.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BookEntriesSettingTest
{
    @TempDir
    Path dir;

    @Test
    void theArenaIsReservedAtStart()
    {
        final long reserved;
        try (EngineHarness harness = new EngineHarness(dir.resolve("a"),
            EngineConfig.defaults().set("gavel.core.book.entries", "200000")))
        {
            reserved = harness.engine.bookArenaBytes();
        }
        final long unreserved;
        try (EngineHarness harness = new EngineHarness(dir.resolve("b"), EngineConfig.defaults()))
        {
            unreserved = harness.engine.bookArenaBytes();
        }
        assertTrue(reserved >= 200_000L * 24, "200,000 entries of 24 bytes reserved, arena " + reserved + " bytes");
        assertTrue(unreserved < reserved, "by default the arena grows as needed: " + unreserved + " bytes");
    }

    @Test
    void aNegativeValueIsRefusedBeforeTheJournalOpens()
    {
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> new EngineHarness(dir, EngineConfig.defaults().set("gavel.core.book.entries", "-1")).close());
        assertEquals("setting 'gavel.core.book.entries' must be 0 or more, not -1", refused.getMessage());
        assertFalse(Files.exists(dir.resolve("journal")), "nothing opened");
    }
}
