package io.gavel.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The measuring commands work as documented, in small bounded runs (the figures themselves come from longer runs:
 * docs/PERFORMANCE.md): gavel perf load writes its table, .hgrm files, plot, report and JSON; scale reports bytes.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PerfCommandsIT
{
    @TempDir
    Path dir;

    @Test
    void loadWritesEveryOutput() throws Exception
    {
        final Path json = dir.resolve("summary.json");
        final Path results = dir.resolve("results");
        final GavelProcess.Result result = GavelProcess.run(dir, "perf", "load", "--rate", "2000", "--duration", "2",
            "--warmup", "1", "--lots", "200", "--bidders", "200", "--json", json.toString(), "--results",
            results.toString());
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().contains("p99"), result.out());
        for (final String file : new String[]{"gavel.hgrm", "baseline.hgrm", "latency.png", "report.md"})
        {
            assertTrue(Files.size(results.resolve(file)) > 0, file);
        }
        final String summary = Files.readString(json);
        for (final String key : new String[]{"\"throughput\"", "\"latency_us\"", "\"baseline_us\"", "\"p50\"",
            "\"p90\"", "\"p99\"", "\"p999\"", "\"p9999\"", "\"max\"", "\"gc_count\"", "\"rejections\""})
        {
            assertTrue(summary.contains(key), key + " in " + summary);
        }
    }

    /** Through the launcher: the members start from the distribution's class path, and both columns come out. */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void loadClusterComparesAClusterAndAnEngineInOneRun() throws Exception
    {
        final Path json = dir.resolve("cluster.json");
        final GavelProcess.Result result = GavelProcess.run(dir, "perf", "load", "--cluster", "3", "--rate", "200",
            "--duration", "2", "--warmup", "1", "--lots", "20", "--bidders", "20", "--json", json.toString());
        assertEquals(0, result.exit(), result.toString());
        for (final String expected : new String[]{"cluster (3 members)", "single engine", "raw aeron udp",
            "RATE_LIMITED", "drained bids/s"})
        {
            assertTrue(result.out().contains(expected), expected + " in " + result.out());
        }
        final String summary = Files.readString(json);
        for (final String key : new String[]{"\"members\": 3", "\"cluster\": {", "\"engine\": {",
            "\"baseline_udp\": {", "\"answered\": 400, \"unanswered\": 0", "\"rate_limited\": 0"})
        {
            assertTrue(summary.contains(key), key + " in " + summary);
        }
    }

    @Test
    void loadWithAChildDriverAndTheLowCoreLayoutStatesTheWindow() throws Exception
    {
        final Path json = dir.resolve("child.json");
        final Path results = dir.resolve("child");
        final GavelProcess.Result result = GavelProcess.run(dir, "perf", "load", "--rate", "2000", "--duration", "2",
            "--warmup", "1", "--lots", "200", "--bidders", "200", "--driver", "process", "--layout", "low-core",
            "--json", json.toString(), "--results", results.toString());
        assertEquals(0, result.exit(), result.toString());
        for (final String line : new String[]{"answered    4,000 of 4,000", "driver jvm", "of which the harness's",
            "load average"})
        {
            assertTrue(result.out().contains(line), line + " in " + result.out());
        }
        final String summary = Files.readString(json);
        for (final String key : new String[]{"\"cpu_share\"", "\"driver_jvm\"", "\"harness_allocated_bytes\"",
            "\"load_average\"", "\"answered\": 4000", "\"layout\": \"low-core\"", "\"driver\": \"process\""})
        {
            assertTrue(summary.contains(key), key + " in " + summary);
        }
        // The launcher's server flags (parent pom gavel.jvm.server.flags) reached the JVM.
        assertTrue(Files.readString(results.resolve("report.md")).contains("-Xmn"), "no -Xmn in the report");
    }

    @Test
    void capacityJudgesEachStepAgainstRawAeron() throws Exception
    {
        final GavelProcess.Result result = GavelProcess.run(dir, "perf", "capacity", "--start", "1000", "--factor",
            "2", "--step", "1", "--steps", "2", "--max", "2000", "--lots", "200", "--bidders", "200", "--ratio",
            "1000");
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().contains("raw p99 us"), result.out());
        assertTrue(result.out().contains("highest rate with p99 within 1000.0x raw Aeron's p99: 2,000 bids/s"),
            result.out());
    }

    @Test
    void scaleReportsBytesPerLotAndBidder() throws Exception
    {
        final GavelProcess.Result result = GavelProcess.run(dir, "perf", "scale", "--auctions", "10", "--lots",
            "10000", "--bidders", "50000");
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().contains("bytes per open lot"), result.out());
    }

    @Test
    void badLoadArgumentsAreOneLine() throws Exception
    {
        final GavelProcess.Result result = GavelProcess.run(dir, "perf", "load", "--transport", "carrier-pigeon");
        assertEquals(2, result.exit(), result.toString());
        assertEquals(1, result.err().lines().count(), result.err());
    }
}
