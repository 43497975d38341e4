package io.gavel.perf.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code gavel perf load --cluster 3}'s runner: three member processes and a single engine under the same open-loop
 * load in one run; both answer every bid, neither refuses one for the rate limit, and the report has both columns.
 */
class ClusterComparisonTest
{
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void threeMembersAndAnEngineAnswerEveryBid(@TempDir final Path dir) throws Exception
    {
        final LoadOptions options = options();
        options.rate = 200;
        options.durationSeconds = 2;
        options.warmupSeconds = 1;
        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        final ClusterComparison.Result result = ClusterComparison.run(options, 3, out);

        assertEquals(400, result.cluster().sent, text::toString);
        assertEquals(400, result.cluster().answered, "the cluster left bids unanswered: " + text);
        assertEquals(0, result.cluster().rateLimited, "the cluster's rate limit refused load bids: " + text);
        assertEquals(400, result.engine().gavel().sent, text::toString);
        assertEquals(400, result.engine().gavel().answered, "the engine left bids unanswered: " + text);
        assertEquals(0, result.engine().gavel().rateLimited, text::toString);
        assertEquals(0, result.unanswered());
        // The same bids in the same order: both apply the same rules, so both refuse the same ones (a sender that
        // reordered bids would have lower maxima refused after higher ones).
        assertEquals(result.engine().gavel().rejections, result.cluster().rejections, text::toString);
        assertTrue(result.cluster().micros(50) > 0 && result.engine().gavel().micros(50) > 0, text::toString);

        final ByteArrayOutputStream table = new ByteArrayOutputStream();
        ClusterComparison.table(result, new PrintStream(table, true, StandardCharsets.UTF_8));
        final String printed = table.toString(StandardCharsets.UTF_8);
        System.out.println(text + printed);
        for (final String expected : new String[]{"cluster (3 members)", "single engine", "raw aeron udp",
            "RATE_LIMITED", "BUSY", "drained bids/s", "p99.9 (us)", "max (us)", "unanswered"})
        {
            assertTrue(printed.contains(expected), "no '" + expected + "' in:\n" + printed);
        }
        final Path json = dir.resolve("cluster.json");
        ClusterComparison.json(result, json);
        final String summary = Files.readString(json);
        assertTrue(summary.contains("\"members\": 3") && summary.contains("\"cluster\": {\"throughput\"") &&
            summary.contains("\"engine\": {\"throughput\"") && summary.contains("\"baseline_udp\": {") &&
            summary.contains("\"rate_limited\": 0"), summary);
    }

    @Test
    void refusesBadOptionsInOneLine()
    {
        assertEquals("--cluster must be 1, 3 or 5 (members on 127.0.0.1), not 2", refused(options(), 2));
        final LoadOptions ipc = options();
        ipc.transport = "ipc";
        assertEquals("--cluster compares over UDP (cluster clients send over UDP): use --transport udp or leave " +
            "it out", refused(ipc, 3));
        final LoadOptions process = options();
        process.driver = "process";
        assertEquals("--cluster starts its own members and engine: --driver must be embedded, not process",
            refused(process, 3));
        final LoadOptions big = options();
        big.rate = 1_000_000;
        big.durationSeconds = 30;
        assertEquals("--cluster: --rate times (--duration + --warmup) must be at most 20,000,000 bids, not " +
            "30,000,000", refused(big, 3));
    }

    @Test
    void membersRunWithoutTheSessionRateLimitAndCountRefusalsByReason(@TempDir final Path dir)
    {
        // One load session sends the whole rate: with the default limit (2,000/s) the cluster would refuse most of it.
        final io.gavel.gateway.EngineConfig members = io.gavel.gateway.EngineConfig.load(
            ClusterMembers.properties(dir, 3));
        assertEquals(0, members.sessionRateLimit());
        final Measurement measurement = new Measurement();
        measurement.count(io.gavel.sbe.RejectReason.RATE_LIMITED);
        measurement.count(io.gavel.sbe.RejectReason.BUSY);
        measurement.count(io.gavel.sbe.RejectReason.BUSY);
        measurement.count(io.gavel.sbe.RejectReason.ASK_MOVED);
        assertEquals(4, measurement.rejections);
        assertEquals(1, measurement.rateLimited);
        assertEquals(2, measurement.busy);
    }

    private static String refused(final LoadOptions options, final int members)
    {
        return assertThrows(IllegalArgumentException.class, () -> ClusterComparison.validate(options, members))
            .getMessage();
    }

    private static LoadOptions options()
    {
        final LoadOptions options = new LoadOptions();
        options.transport = "udp";
        options.auctions = 1;
        options.lots = 4;
        options.bidders = 4;
        options.rate = 100;
        options.durationSeconds = 1;
        options.warmupSeconds = 0;
        options.progress = false;
        return options;
    }
}
