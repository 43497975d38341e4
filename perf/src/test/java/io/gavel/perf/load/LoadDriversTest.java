package io.gavel.perf.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Short, slow load runs (a few seconds, 2,000 bids/s) of each new option: a driver in a child JVM whose allocation
 * and collections the report gives separately, the low-core layout, UDP; every bid answered, the harness's CPU share
 * reported, and the harness allocating less than 8 bytes a bid (no object per bid) in the window.
 */
class LoadDriversTest
{
    @Test
    @Timeout(120)
    void aDriverInItsOwnProcessReportsItsJvmApart() throws Exception
    {
        final LoadOptions options = small();
        options.driver = "process";
        final LoadReport.Run run = run(options);
        assertTrue(run.gavel().driverJvm, "the driver JVM's figures are missing");
        assertTrue(run.gavel().driverCpuShare > 0, "the driver JVM used no CPU?");
    }

    @Test
    @Timeout(120)
    void anExternalDriverIsUsedWhereItRuns(@TempDir final Path dir) throws Exception
    {
        // A running standalone driver (the same as gavel driver), started apart from the run.
        final Path aeronDir = dir.resolve("aeron");
        try (DriverProcess driver = DriverProcess.start(aeronDir, dir.resolve("driver.log")))
        {
            final LoadOptions options = small();
            options.driver = "external";
            options.aeronDir = aeronDir;
            final LoadReport.Run run = run(options);
            assertTrue(run.gavel().driverJvm, "the external driver's JVM figures are missing");
        }
    }

    @Test
    @Timeout(120)
    void theLowCoreLayoutAnswersEveryBid() throws Exception
    {
        final LoadOptions options = small();
        options.layout = "low-core";
        final LoadReport.Run run = run(options);
        assertFalse(run.gavel().driverJvm, "an embedded driver has no JVM of its own");
    }

    @Test
    @Timeout(120)
    void udpOnLoopbackWithItsRawBaseline() throws Exception
    {
        final LoadOptions options = small();
        options.transport = "udp";
        options.sendWait = "park";
        run(options);
    }

    private static LoadOptions small()
    {
        final LoadOptions options = new LoadOptions();
        options.auctions = 1;
        options.lots = 10;
        options.bidders = 10;
        options.rate = 2_000;
        options.durationSeconds = 2;
        options.warmupSeconds = 1;
        options.progress = false;
        return options;
    }

    private static LoadReport.Run run(final LoadOptions options) throws Exception
    {
        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        final LoadReport.Run run = LoadHarness.run(options, new PrintStream(text, true, StandardCharsets.UTF_8));
        final Measurement gavel = run.gavel();
        assertEquals(0, gavel.unanswered, "unanswered bids: " + text);
        assertEquals(4_000, gavel.answered);
        assertTrue(run.baseline().answered > 0, "no raw Aeron baseline");
        // How late the sender sent is known for every bid of the window (not the warm-up's) and every ping.
        assertEquals(gavel.sent, gavel.sendLateness.getTotalCount());
        assertEquals(run.baseline().sent, run.baseline().sendLateness.getTotalCount());
        // The hiccup meter woke about every millisecond of both windows (2 s each: far fewer only if it never ran).
        assertTrue(gavel.hiccups.getTotalCount() > 200, "hiccup samples " + gavel.hiccups.getTotalCount());
        assertTrue(run.baseline().hiccups.getTotalCount() > 200,
            "baseline hiccup samples " + run.baseline().hiccups.getTotalCount());
        assertTrue(gavel.harnessCpuShare > 0 && gavel.harnessCpuShare < gavel.processCpuShare,
            "harness CPU " + gavel.harnessCpuShare + " of the JVM's " + gavel.processCpuShare);
        // The smallest Java object is 16 bytes: under 8 bytes a bid means no bid allocated anything. What does show
        // (a few KiB) is one-off: readings at the window's edges, a JIT deoptimisation materialising an object.
        assertTrue(gavel.harnessAllocatedBytes < 8 * gavel.sent,
            "the harness allocated " + gavel.harnessAllocatedBytes + " bytes for " + gavel.sent + " bids: " +
            java.util.Arrays.toString(gavel.harnessAllocatedByThread));
        assertTrue(gavel.loadAverageStart >= 0);
        // The engine counts its bid thread's page faults (pretouching is on by default): the window has a figure.
        assertTrue(gavel.bidThreadFaults >= 0, "bid thread faults " + gavel.bidThreadFaults + ": " + text);
        return run;
    }
}
