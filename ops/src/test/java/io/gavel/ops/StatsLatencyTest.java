package io.gavel.ops;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.gavel.gateway.EmbeddedDriver;
import io.gavel.gateway.EngineCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.gavel.ops.CommandLineErrorsTest.gavel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code gavel stats} shows the last second's measured latency, and "-" once that second is older than a second:
 * read from real engine counters in a real media driver's counters file.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StatsLatencyTest
{
    @TempDir
    Path dir;

    @Test
    void freshFiguresShownStaleOnesNot() throws Exception
    {
        final String aeronDir = dir.resolve("aeron").toString();
        final Path config = dir.resolve("c.properties");
        Files.writeString(config, "gavel.aeron.dir=" + aeronDir + "\n");
        try (MediaDriver driver = EmbeddedDriver.launch(aeronDir);
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
            EngineCounters counters = new EngineCounters(aeron, "gavel"))
        {
            counters.latencyP50.set(12_345);
            counters.latencyP99.set(67_891);
            counters.latencyP999.set(99_001);
            counters.latencyMax.set(1_000_123);
            counters.latencyUpdated.set(System.currentTimeMillis());
            counters.hiccupP50.set(51_000);
            counters.hiccupP99.set(4_020_000);
            counters.hiccupP999.set(4_100_000);
            counters.hiccupMax.set(8_000_001);
            counters.hiccupUpdated.set(System.currentTimeMillis());
            final String fresh = stats(config);
            assertTrue(fresh.matches("(?s).*\\n\\s+4020000  gavel: machine hiccups p99 ns \\(last second\\)\\n.*"),
                fresh);
            assertTrue(fresh.matches("(?s).*\\n\\s+12345  gavel: in-engine latency p50 ns \\(last second\\)\\n.*"),
                fresh);
            assertTrue(fresh.matches("(?s).*\\n\\s+1000123  gavel: in-engine latency max ns \\(last second\\)\\n.*"),
                fresh);

            // 25 s after the last command: the figures describe an old second, so none are shown.
            counters.latencyUpdated.set(System.currentTimeMillis() - 25_000);
            final String stale = stats(config);
            assertEquals(4, stale.lines().filter(line -> line.matches("\\s+-  gavel: in-engine latency .*")).count(),
                stale);
            assertTrue(!stale.contains("12345") && !stale.contains("1000123"), stale);
            // The machine's hiccups go stale the same way (their thread stops with the engine).
            counters.hiccupUpdated.set(System.currentTimeMillis() - 25_000);
            assertEquals(4, stats(config).lines()
                .filter(line -> line.matches("\\s+-  gavel: machine hiccups .*")).count());

            // An engine that has answered nothing yet has no figures either.
            counters.latencyUpdated.set(0);
            assertEquals(4, stats(config).lines().filter(line -> line.matches("\\s+-  gavel: in-engine latency .*"))
                .count());
        }
    }

    private static String stats(final Path config)
    {
        final CommandLineErrorsTest.Outcome outcome = gavel("stats", "--once", "-c", config.toString());
        assertEquals(0, outcome.exit(), outcome.toString());
        return outcome.out();
    }
}
