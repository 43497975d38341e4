package io.gavel.perf.load;

import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything a load run reports: the percentile table on the terminal, {@code .hgrm} files, a PNG percentile plot,
 * a Markdown report in the results directory, and the JSON summary for tools.
 */
public final class LoadReport
{
    static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};
    static final String[] KEYS = {"p50", "p90", "p99", "p999", "p9999"};

    /** A finished run: what was asked, what Gavel did, what raw Aeron did. */
    public record Run(LoadOptions options, Measurement gavel, Measurement baseline)
    {
    }

    private LoadReport()
    {
    }

    public static void table(final Run run, final PrintStream out)
    {
        final Measurement g = run.gavel();
        final Measurement b = run.baseline();
        out.printf(Locale.ROOT, "throughput  %,.0f bids/s answered (%,d sent, %,d rejected, %,d unanswered)%n",
            g.throughput(), g.sent, g.rejections, g.unanswered);
        out.printf(Locale.ROOT, "answered    %,d of %,d in the window%s%s%n", g.answered, g.sent,
            g.notSent == 0 ? "" : String.format(Locale.ROOT, "; %,d of the run never sent (ingress back-pressured)",
                g.notSent),
            g.subscribersDropped == 0 ? "" : String.format(Locale.ROOT, "; the engine DROPPED %d slow subscriber(s)",
                g.subscribersDropped));
        out.printf(Locale.ROOT, "gc          %d collections, %d ms in the measured window; allocation %.1f MB/s " +
            "(this JVM: engine, harness%s)%n", g.gcCount, g.gcMillis, g.allocationMBPerSecond,
            run.options().driver.equals("embedded") ? ", driver" : "");
        if (!g.allocatingThreads.isEmpty())
        {
            out.println("allocating  " + g.allocatingThreads);
        }
        if (g.driverJvm)
        {
            out.printf(Locale.ROOT, "driver jvm  %d collections, %d ms; allocation %.1f MB/s; cpu %.0f%% of the " +
                "machine%n", g.driverGcCount, g.driverGcMillis, g.driverAllocationMBPerSecond,
                100 * g.driverCpuShare);
        }
        out.printf(Locale.ROOT, "cpu         this JVM %.0f%% of the machine's %d cores, of which the harness's " +
            "threads %.0f%%; harness allocated %,d bytes in the window (sender %,d, receiver %,d, watcher %,d)%n",
            100 * g.processCpuShare, Runtime.getRuntime().availableProcessors(), 100 * g.harnessCpuShare,
            g.harnessAllocatedBytes, g.harnessAllocatedByThread[0], g.harnessAllocatedByThread[1],
            g.harnessAllocatedByThread[2]);
        out.printf(Locale.ROOT, "machine     load average %.2f at the window's start, %.2f at its end%n",
            g.loadAverageStart, g.loadAverageEnd);
        if (g.bidThreadFaults >= 0)
        {
            out.printf(Locale.ROOT, "faults      the engine's bid thread took %,d page faults in the window (the " +
                "kernel's time on the bid path; counted once a second)%n", g.bidThreadFaults);
        }
        out.printf(Locale.ROOT, "%-10s %14s %14s %8s%n", "latency", "gavel (us)", "raw aeron (us)", "ratio");
        for (int i = 0; i < PERCENTILES.length; i++)
        {
            row(out, KEYS[i], g.micros(PERCENTILES[i]), b.micros(PERCENTILES[i]));
        }
        row(out, "max", g.maxMicros(), b.maxMicros());
        out.printf(Locale.ROOT, "sent late   p50 %.1f, p99 %.1f, p99.9 %.1f, max %.1f us (gavel); p99 %.1f, max %.1f us " +
            "(raw): the harness's own share of the latencies above%n",
            g.sendLateness.getValueAtPercentile(50) / 1e3, g.sendLateness.getValueAtPercentile(99) / 1e3,
            g.sendLateness.getValueAtPercentile(99.9) / 1e3, g.sendLateness.getMaxValue() / 1e3,
            b.sendLateness.getValueAtPercentile(99) / 1e3, b.sendLateness.getMaxValue() / 1e3);
        out.printf(Locale.ROOT, "hiccups     p99 %.1f, p99.9 %.1f, max %.1f us (during the load); p99 %.1f, p99.9 %.1f, " +
            "max %.1f us (during raw): how late the machine woke a thread sleeping 1 ms, a floor for every thread%n",
            g.hiccups.getValueAtPercentile(99) / 1e3, g.hiccups.getValueAtPercentile(99.9) / 1e3,
            g.hiccups.getMaxValue() / 1e3, b.hiccups.getValueAtPercentile(99) / 1e3,
            b.hiccups.getValueAtPercentile(99.9) / 1e3, b.hiccups.getMaxValue() / 1e3);
        final String worst = g.worstSeconds(5);
        if (!worst.isEmpty())
        {
            // Whether the tail is a few stalls or spread over the window, and when in it.
            final long fiveTimesRaw = 5 * b.latency.getValueAtPercentile(99);
            out.printf(Locale.ROOT, "worst secs  %s; %d of %d seconds had an answer slower than 5x raw p99%n", worst,
                g.secondsOver(fiveTimesRaw), (int)g.seconds);
        }
    }

    private static void row(final PrintStream out, final String name, final double gavel, final double baseline)
    {
        out.printf(Locale.ROOT, "%-10s %14.1f %14.1f %8.1f%n", name, gavel, baseline,
            baseline == 0 ? 0 : gavel / baseline);
    }

    /** Writes the .hgrm files, the plot and the Markdown report into {@code dir}; returns the report's path. */
    public static Path write(final Run run, final Path dir) throws IOException
    {
        Files.createDirectories(dir);
        hgrm(run.gavel().latency, dir.resolve("gavel.hgrm"));
        hgrm(run.baseline().latency, dir.resolve("baseline.hgrm"));
        plot(run, dir.resolve("latency.png"));
        final Path report = dir.resolve("report.md");
        final StringBuilder md = new StringBuilder();
        final LoadOptions o = run.options();
        md.append("# Gavel load run\n\n");
        md.append("- when: ").append(Instant.now()).append('\n');
        md.append(String.format(Locale.ROOT, "- load: %s, %d auctions, %d lots, %d bidders, %,d bids/s open loop " +
            "for %d s after %d s warm-up; ring wait strategy %s; layout %s; driver %s; sender waits by %s%n",
            o.transport, o.auctions, o.lots, o.bidders, o.rate, o.durationSeconds, o.warmupSeconds, o.waitStrategy,
            o.layout, o.driver, o.sendWait));
        md.append("- JVM options: ").append(String.join(" ", jvmOptions())).append('\n');
        md.append(String.format(Locale.ROOT, "- machine: %d cores, Java %s%n",
            Runtime.getRuntime().availableProcessors(), Runtime.version()));
        md.append("- latency: intended send time of each bid to the bidder's own acknowledgement (no coordinated " +
            "omission); the engine journals every command and event to Chronicle Queue before answering\n\n");
        final StringBuilder table = new StringBuilder();
        final PrintStream tableOut = new PrintStream(new java.io.ByteArrayOutputStream()
        {
            @Override
            public void flush()
            {
                table.append(toString(StandardCharsets.UTF_8));
                reset();
            }
        }, true, StandardCharsets.UTF_8);
        table(run, tableOut);
        tableOut.flush();
        md.append("```\n").append(table).append("```\n\n");
        md.append("![latency by percentile](latency.png)\n\n");
        md.append("Files: `gavel.hgrm`, `baseline.hgrm` (HdrHistogram percentile distributions, microseconds).\n");
        Files.writeString(report, md.toString());
        return report;
    }

    public static void json(final Run run, final Path file) throws IOException
    {
        final Measurement g = run.gavel();
        final StringBuilder json = new StringBuilder("{\n");
        json.append(String.format(Locale.ROOT, "  \"throughput\": %.1f,%n", g.throughput()));
        json.append("  \"latency_us\": ").append(percentiles(g.latency)).append(",\n");
        json.append("  \"baseline_us\": ").append(percentiles(run.baseline().latency)).append(",\n");
        json.append("  \"sent_late_us\": ").append(percentiles(g.sendLateness)).append(",\n");
        json.append("  \"baseline_sent_late_us\": ").append(percentiles(run.baseline().sendLateness))
            .append(",\n");
        json.append("  \"hiccups_us\": ").append(percentiles(g.hiccups)).append(",\n");
        json.append("  \"baseline_hiccups_us\": ").append(percentiles(run.baseline().hiccups)).append(",\n");
        json.append("  \"gc_count\": ").append(g.gcCount).append(",\n");
        json.append("  \"gc_pause_ms\": ").append(g.gcMillis).append(",\n");
        json.append(String.format(Locale.ROOT, "  \"allocation_mb_per_s\": %.2f,%n", g.allocationMBPerSecond));
        json.append("  \"sent\": ").append(g.sent).append(",\n");
        json.append("  \"answered\": ").append(g.answered).append(",\n");
        json.append("  \"subscribers_dropped\": ").append(g.subscribersDropped).append(",\n");
        json.append("  \"not_sent\": ").append(g.notSent).append(",\n");
        json.append(String.format(Locale.ROOT, "  \"cpu_share\": {\"harness\": %.4f, \"jvm\": %.4f, " +
            "\"driver_jvm\": %s},%n", g.harnessCpuShare, g.processCpuShare,
            g.driverJvm ? String.format(Locale.ROOT, "%.4f", g.driverCpuShare) : "null"));
        json.append("  \"harness_allocated_bytes\": ").append(g.harnessAllocatedBytes).append(",\n");
        if (g.driverJvm)
        {
            json.append(String.format(Locale.ROOT, "  \"driver_jvm\": {\"gc_count\": %d, \"gc_pause_ms\": %d, " +
                "\"allocation_mb_per_s\": %.2f},%n", g.driverGcCount, g.driverGcMillis,
                g.driverAllocationMBPerSecond));
        }
        json.append(String.format(Locale.ROOT, "  \"load_average\": [%.2f, %.2f],%n", g.loadAverageStart,
            g.loadAverageEnd));
        json.append("  \"bid_thread_faults\": ").append(g.bidThreadFaults < 0 ? "null" :
            Long.toString(g.bidThreadFaults)).append(",\n");
        json.append("  \"driver\": \"").append(run.options().driver).append("\",\n");
        json.append("  \"layout\": \"").append(run.options().layout).append("\",\n");
        json.append("  \"send_wait\": \"").append(run.options().sendWait).append("\",\n");
        json.append("  \"duration_s\": ").append(run.options().durationSeconds).append(",\n");
        json.append("  \"rejections\": ").append(g.rejections).append(",\n");
        json.append("  \"unanswered\": ").append(g.unanswered).append(",\n");
        json.append("  \"rate\": ").append(run.options().rate).append(",\n");
        json.append("  \"transport\": \"").append(run.options().transport).append("\"\n}\n");
        if (file.getParent() != null)
        {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, json.toString());
    }

    private static String percentiles(final Histogram h)
    {
        final StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < KEYS.length; i++)
        {
            out.append(String.format(Locale.ROOT, "\"%s\": %.2f, ", KEYS[i],
                h.getValueAtPercentile(PERCENTILES[i]) / 1_000.0));
        }
        return out.append(String.format(Locale.ROOT, "\"max\": %.2f}", h.getMaxValue() / 1_000.0)).toString();
    }

    private static void hgrm(final Histogram histogram, final Path file) throws IOException
    {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8))
        {
            histogram.outputPercentileDistribution(out, 1_000.0);
        }
    }

    private static void plot(final Run run, final Path file) throws IOException
    {
        final XYChart chart = new XYChartBuilder().width(900).height(540)
            .title("Wire-to-wire latency by percentile (" + run.options().transport + ", " +
                String.format(Locale.ROOT, "%,d", run.options().rate) + " bids/s)")
            .xAxisTitle("percentile").yAxisTitle("latency (us)").build();
        // x is log10(1/(1-p)) on a linear axis, HdrHistogram's plotter's scale; each whole tick is named as its
        // percentile. (XChart's tick formatter never returns on a logarithmic axis, so the axis itself is linear.)
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax((double)MAX_NINES);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(LoadReport::percentileLabel);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(0);
        series(chart, "gavel", run.gavel().latency);
        series(chart, "raw aeron ping-pong", run.baseline().latency);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** The plot's x axis ends at 99.999%. */
    static final int MAX_NINES = 5;

    /**
     * The label of an x tick at {@code nines} = log10(1/(1-p)): 0%, 90%, 99%, 99.9%, ... at whole numbers, nothing
     * between them.
     */
    static String percentileLabel(final Double nines)
    {
        final long whole = Math.round(nines);
        if (Math.abs(nines - whole) > 1e-6 || whole < 0)
        {
            return "";
        }
        return java.math.BigDecimal.ONE.subtract(java.math.BigDecimal.ONE.movePointLeft((int)whole)).movePointRight(2)
            .stripTrailingZeros().toPlainString() + "%";
    }

    /** The JVM's -X options (heap, GC, logging), for the report. */
    static List<String> jvmOptions()
    {
        final List<String> options = new ArrayList<>();
        for (final String argument : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("-X"))
            {
                options.add(argument);
            }
        }
        return options;
    }

    private static void series(final XYChart chart, final String name, final Histogram histogram)
    {
        final List<Double> x = new ArrayList<>();
        final List<Double> y = new ArrayList<>();
        if (histogram.getTotalCount() == 0)
        {
            return;
        }
        for (double p = 0; p < 99.999; p = p + (100 - p) / 20)
        {
            x.add(Math.log10(1 / (1 - p / 100)));
            y.add(Math.max(0.01, histogram.getValueAtPercentile(p) / 1_000.0));
        }
        chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
    }
}
