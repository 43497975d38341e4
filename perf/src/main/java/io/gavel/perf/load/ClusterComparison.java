package io.gavel.perf.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code gavel perf load --cluster N}: the same open-loop load, in one invocation, against a cluster of N members
 * (child processes on 127.0.0.1) and then against a single engine (the harness's own path, commands over UDP on
 * 127.0.0.1 as the cluster's clients send them), with the single engine's raw Aeron UDP ping-pong as the floor;
 * printed side by side. The cluster's members are stopped before the engine starts, so neither side loads the
 * machine while the other is measured.
 */
public final class ClusterComparison
{
    /** The most bids one side of a comparison sends (warm-up included): answers are tracked one bit per bid. */
    public static final long MAX_BIDS = 20_000_000;
    static final double[] PERCENTILES = {50, 90, 99, 99.9};
    static final String[] LABELS = {"p50", "p90", "p99", "p99.9"};
    static final String[] KEYS = {"p50", "p90", "p99", "p999"};

    /** Both sides of one invocation. */
    public record Result(LoadOptions options, int members, Measurement cluster, int leaderChanges,
        long backPressured, LoadReport.Run engine)
    {
        /** Bids of the measured windows that got no answer, on either side. */
        public long unanswered()
        {
            return cluster.unanswered + engine.gavel().unanswered;
        }
    }

    private ClusterComparison()
    {
    }

    /** Checks the options for a comparison; the message names the option and what would do. */
    public static void validate(final LoadOptions options, final int members)
    {
        if (members != 1 && members != 3 && members != 5)
        {
            throw new IllegalArgumentException("--cluster must be 1, 3 or 5 (members on 127.0.0.1), not " + members);
        }
        options.validate();
        if (!options.transport.equals("udp"))
        {
            throw new IllegalArgumentException("--cluster compares over UDP (cluster clients send over UDP): " +
                "use --transport udp or leave it out");
        }
        if (!options.driver.equals("embedded"))
        {
            throw new IllegalArgumentException("--cluster starts its own members and engine: --driver must be " +
                "embedded, not " + options.driver);
        }
        if ((long)options.rate * (options.durationSeconds + options.warmupSeconds) > MAX_BIDS)
        {
            throw new IllegalArgumentException("--cluster: --rate times (--duration + --warmup) must be at most " +
                String.format(Locale.ROOT, "%,d", MAX_BIDS) + " bids, not " + String.format(Locale.ROOT, "%,d",
                (long)options.rate * (options.durationSeconds + options.warmupSeconds)));
        }
    }

    /** Runs the cluster side, then the single engine's, with the same options. */
    public static Result run(final LoadOptions options, final int members, final PrintStream out) throws Exception
    {
        validate(options, members);
        out.printf("gavel perf load --cluster %d: %d auctions, %d lots, %d bidders, %,d bids/s for %d s after %d s " +
            "warm-up; the cluster first, then a single engine%n", members, options.auctions, options.lots,
            options.bidders, options.rate, options.durationSeconds, options.warmupSeconds);
        final ClusterLoad.Result cluster = ClusterLoad.run(options, members, out);
        out.printf(Locale.ROOT, "cluster done: %,d of %,d answered; members stopped%n", cluster.measurement().answered,
            cluster.measurement().sent);
        final LoadReport.Run engine = LoadHarness.run(options, out);
        return new Result(options, members, cluster.measurement(), cluster.leaderChanges(),
            cluster.backPressured(), engine);
    }

    /** The side-by-side table. */
    public static void table(final Result result, final PrintStream out)
    {
        final Measurement c = result.cluster();
        final Measurement e = result.engine().gavel();
        final Measurement b = result.engine().baseline();
        out.printf(Locale.ROOT, "%-20s %20s %16s %16s%n", "same run",
            "cluster (" + result.members() + (result.members() == 1 ? " member)" : " members)"), "single engine",
            "raw aeron udp");
        row(out, "offered bids/s", c.rate, e.rate, b.rate);
        out.printf(Locale.ROOT, "%-20s %20s %16s %16s%n", "answered bids/s", String.format(Locale.ROOT, "%,.0f",
            c.throughput()), String.format(Locale.ROOT, "%,.0f", e.throughput()),
            String.format(Locale.ROOT, "%,.0f", b.throughput()));
        out.printf(Locale.ROOT, "%-20s %20s %16s %16s%n", "drained bids/s", String.format(Locale.ROOT, "%,.0f",
            c.drainedThroughput()), String.format(Locale.ROOT, "%,.0f", e.drainedThroughput()),
            String.format(Locale.ROOT, "%,.0f", b.drainedThroughput()));
        row(out, "sent (window)", c.sent, e.sent, b.sent);
        row(out, "answered", c.answered, e.answered, b.answered);
        row(out, "unanswered", c.unanswered, e.unanswered, b.unanswered);
        out.printf(Locale.ROOT, "%-20s %,20d %,16d %16s%n", "RATE_LIMITED", c.rateLimited, e.rateLimited, "-");
        out.printf(Locale.ROOT, "%-20s %,20d %,16d %16s%n", "BUSY", c.busy, e.busy, "-");
        out.printf(Locale.ROOT, "%-20s %,20d %,16d %16s%n", "other rejections", c.rejections - c.rateLimited -
            c.busy, e.rejections - e.rateLimited - e.busy, "-");
        for (int i = 0; i < PERCENTILES.length; i++)
        {
            micros(out, LABELS[i] + " (us)", c.micros(PERCENTILES[i]), e.micros(PERCENTILES[i]),
                b.micros(PERCENTILES[i]));
        }
        micros(out, "max (us)", c.maxMicros(), e.maxMicros(), b.maxMicros());
        out.printf(Locale.ROOT, "%-20s %20s %16s %16s%n", "load average",
            String.format(Locale.ROOT, "%.2f-%.2f", c.loadAverageStart, c.loadAverageEnd),
            String.format(Locale.ROOT, "%.2f-%.2f", e.loadAverageStart, e.loadAverageEnd), "");
        out.printf(Locale.ROOT, "cluster session: %d leader change(s), %,d bid(s) met back pressure on the ingress " +
            "(offered again in order), %,d never sent%n", result.leaderChanges(), result.backPressured(),
            c.notSent);
    }

    private static void row(final PrintStream out, final String name, final long cluster, final long engine,
        final long baseline)
    {
        out.printf(Locale.ROOT, "%-20s %,20d %,16d %,16d%n", name, cluster, engine, baseline);
    }

    private static void micros(final PrintStream out, final String name, final double cluster, final double engine,
        final double baseline)
    {
        out.printf(Locale.ROOT, "%-20s %,20.1f %,16.1f %,16.1f%n", name, cluster, engine, baseline);
    }

    /** The JSON summary: one object per side, the run's conditions beside them. */
    public static void json(final Result result, final Path file) throws IOException
    {
        final LoadOptions o = result.options();
        final String json = "{\n" +
            "  \"members\": " + result.members() + ",\n" +
            "  \"rate\": " + o.rate + ",\n" +
            "  \"duration_s\": " + o.durationSeconds + ",\n" +
            "  \"warmup_s\": " + o.warmupSeconds + ",\n" +
            "  \"auctions\": " + o.auctions + ",\n" +
            "  \"lots\": " + o.lots + ",\n" +
            "  \"bidders\": " + o.bidders + ",\n" +
            "  \"transport\": \"" + o.transport + "\",\n" +
            "  \"cluster_leader_changes\": " + result.leaderChanges() + ",\n" +
            "  \"cluster_back_pressured\": " + result.backPressured() + ",\n" +
            "  \"cluster\": " + side(result.cluster()) + ",\n" +
            "  \"engine\": " + side(result.engine().gavel()) + ",\n" +
            "  \"baseline_udp\": " + side(result.engine().baseline()) + "\n}\n";
        if (file.getParent() != null)
        {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, json);
    }

    private static String side(final Measurement m)
    {
        final StringBuilder out = new StringBuilder("{");
        out.append(String.format(Locale.ROOT, "\"throughput\": %.1f, \"sent\": %d, \"answered\": %d, " +
            "\"unanswered\": %d, \"rejections\": %d, \"rate_limited\": %d, \"busy\": %d, \"load_average\": " +
            "[%.2f, %.2f], \"drained_throughput\": %.1f, \"latency_us\": {", m.throughput(), m.sent, m.answered,
            m.unanswered, m.rejections, m.rateLimited, m.busy, m.loadAverageStart, m.loadAverageEnd,
            m.drainedThroughput()));
        for (int i = 0; i < KEYS.length; i++)
        {
            out.append(String.format(Locale.ROOT, "\"%s\": %.2f, ", KEYS[i], m.micros(PERCENTILES[i])));
        }
        return out.append(String.format(Locale.ROOT, "\"max\": %.2f}}", m.maxMicros())).toString();
    }
}
