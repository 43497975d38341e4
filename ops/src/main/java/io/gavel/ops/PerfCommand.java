package io.gavel.ops;

import io.gavel.perf.load.Capacity;
import io.gavel.perf.load.Footprint;
import io.gavel.perf.load.LoadHarness;
import io.gavel.perf.load.LoadOptions;
import io.gavel.perf.load.LoadReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

/**
 * {@code gavel perf load|capacity|scale}: measurements of a real engine on this machine (docs/PERFORMANCE.md).
 */
@Command(name = "perf", mixinStandardHelpOptions = true,
    description = "Measures a real engine: open-loop load with HdrHistogram, capacity ramp, memory at scale.",
    subcommands = {PerfCommand.Load.class, PerfCommand.CapacityRun.class, PerfCommand.Scale.class,
        PerfCommand.Web.class})
final class PerfCommand implements Runnable
{
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    public void run()
    {
        spec.commandLine().usage(System.out);
    }

    /** Options shared by load and capacity. */
    static class Workload
    {
        @Option(names = "--transport", defaultValue = "ipc", description = "ipc (default) or udp (127.0.0.1)")
        String transport;

        @Option(names = "--auctions", defaultValue = "10", paramLabel = "N",
            description = "Auctions the lots spread over (default 10)")
        int auctions;

        @Option(names = "--lots", defaultValue = "10000", paramLabel = "N", description = "Open lots in all")
        int lots;

        @Option(names = "--bidders", defaultValue = "10000", paramLabel = "N", description = "Registrations in all")
        int bidders;

        @Option(names = "--wait-strategy", defaultValue = "sleeping", paramLabel = "NAME",
            description = "Ring wait strategy: sleeping (default), yielding, busy-spin (dedicated cores only)")
        String waitStrategy;

        @Option(names = "--journal-parent", paramLabel = "DIR",
            description = "Put the engine's journal under DIR (e.g. to compare disks); default: the run's temp dir")
        Path journalParent;

        @Option(names = "--driver", defaultValue = "embedded", paramLabel = "WHERE",
            description = "Media driver: embedded (in the engine's JVM, default), process (a child JVM the run " +
                "starts, so the driver's allocation and collections leave the engine's JVM) or external (a running " +
                "'gavel driver' in --aeron-dir)")
        String driver;

        @Option(names = "--aeron-dir", paramLabel = "DIR",
            description = "Aeron directory of a running 'gavel driver' (with --driver external)")
        Path aeronDir;

        @Option(names = "--layout", defaultValue = "low-core", paramLabel = "LAYOUT",
            description = "Engine thread layout (gavel.layout): low-core (default: ingress, business logic, egress, " +
                "the Aeron client conductor and an embedded driver on the ingress agent's one thread) or staged (a " +
                "thread per stage; 'default' is accepted for staged)")
        String layout;

        @Option(names = "--send-wait", defaultValue = "yield", paramLabel = "HOW",
            description = "How the load sender waits for each bid's due time: yield (park until 80 us before it, " +
                "then spin on Thread.yield: precise, default) or park (sleep until due: less CPU, but each bid " +
                "leaves up to the timer slack, ~60 us, late, which both gavel and raw Aeron are charged)")
        String sendWait;

        LoadOptions options()
        {
            final LoadOptions options = new LoadOptions();
            options.driver = driver.toLowerCase(java.util.Locale.ROOT);
            options.aeronDir = aeronDir;
            options.layout = layout.toLowerCase(java.util.Locale.ROOT);
            options.sendWait = sendWait.toLowerCase(java.util.Locale.ROOT);
            options.journalParent = journalParent;
            options.transport = transport.toLowerCase(java.util.Locale.ROOT);
            options.auctions = auctions;
            options.lots = lots;
            options.bidders = bidders;
            options.waitStrategy = waitStrategy.toLowerCase(java.util.Locale.ROOT);
            return options;
        }
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
        description = "Open-loop bids at a fixed rate, each stamped with its intended send time; wire-to-wire " +
            "latency to the bidder's acknowledgement in HdrHistogram, beside a raw Aeron ping-pong baseline. " +
            "Writes a percentile table, .hgrm files, a PNG plot and report.md into the results directory.")
    static final class Load extends Workload implements Callable<Integer>
    {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--rate", defaultValue = "100000", paramLabel = "BIDS_PER_SECOND",
            description = "Bids sent per second (default 100000; 1000 with --cluster)")
        int rate;

        @Option(names = "--duration", defaultValue = "20", paramLabel = "SECONDS",
            description = "Measured seconds, after the warm-up (default 20; 10 with --cluster)")
        int duration;

        @Option(names = "--warmup", defaultValue = "5", paramLabel = "SECONDS",
            description = "Seconds of load before measuring, not recorded (default 5; 3 with --cluster)")
        int warmup;

        @Option(names = "--cluster", paramLabel = "MEMBERS",
            description = "Compare in one run: the same open-loop load against a cluster of MEMBERS (1, 3 or 5) " +
                "member processes on 127.0.0.1, then against a single engine, commands over UDP, with raw Aeron " +
                "UDP beside them; the members run without the session rate limit. With it the defaults are " +
                "--rate 1000 --duration 10 --warmup 3 --lots 1000 --bidders 1000 --transport udp")
        Integer cluster;

        @Option(names = "--json", paramLabel = "FILE", description = "Also write a JSON summary for tools")
        Path json;

        @Option(names = "--shards", defaultValue = "1", paramLabel = "N",
            description = "Load N single-engine shards at once, each its own engine at --rate; prints each shard's " +
                "table and the combined rate (default 1)")
        int shards;

        @Option(names = "--results", paramLabel = "DIR", description = "Results directory (default results/load-TIME)")
        Path results;

        public Integer call() throws Exception
        {
            final LoadOptions options = options();
            options.rate = rate;
            options.durationSeconds = duration;
            options.warmupSeconds = warmup;
            options.progress = System.console() != null;
            if (cluster != null)
            {
                return loadCluster(clusterOptions(options));
            }
            if (shards != 1)
            {
                return loadShards(options);
            }
            final LoadReport.Run run = LoadHarness.run(options, System.out);
            LoadReport.table(run, System.out);
            final Path dir = results != null ? results : Paths.get("results",
                "load-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            System.out.println("report: " + LoadReport.write(run, dir).toAbsolutePath());
            if (json != null)
            {
                LoadReport.json(run, json);
                System.out.println("json: " + json.toAbsolutePath());
            }
            return run.gavel().unanswered == 0 ? GavelMain.EXIT_OK : GavelMain.EXIT_FAILED;
        }

        /** {@code --cluster N}: the cluster and a single engine under the same load, side by side. */
        private int loadCluster(final LoadOptions options) throws Exception
        {
            if (shards != 1)
            {
                throw new IllegalArgumentException("--cluster and --shards do not go together: give one of them");
            }
            final io.gavel.perf.load.ClusterComparison.Result result =
                io.gavel.perf.load.ClusterComparison.run(options, cluster, System.out);
            io.gavel.perf.load.ClusterComparison.table(result, System.out);
            if (json != null)
            {
                io.gavel.perf.load.ClusterComparison.json(result, json);
                System.out.println("json: " + json.toAbsolutePath());
            }
            return result.unanswered() == 0 ? GavelMain.EXIT_OK : GavelMain.EXIT_FAILED;
        }

        /** The options of a --cluster run: what the command line gave, the cluster's small defaults otherwise. */
        LoadOptions clusterOptions(final LoadOptions options)
        {
            // A cluster answers in milliseconds on a shared machine: small defaults keep the run short.
            options.rate = given("--rate") ? rate : 1_000;
            options.durationSeconds = given("--duration") ? duration : 10;
            options.warmupSeconds = given("--warmup") ? warmup : 3;
            options.lots = given("--lots") ? lots : 1_000;
            options.bidders = given("--bidders") ? bidders : 1_000;
            options.transport = given("--transport") ? options.transport : "udp";
            return options;
        }

        private boolean given(final String option)
        {
            return spec.commandLine().getParseResult().hasMatchedOption(option);
        }

        private int loadShards(final LoadOptions options) throws Exception
        {
            final java.util.List<LoadReport.Run> runs = io.gavel.perf.load.ShardedLoad.run(options, shards, System.out);
            final Path dir = results != null ? results : Paths.get("results",
                "load-shards-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            long unanswered = 0;
            for (int shard = 0; shard < runs.size(); shard++)
            {
                System.out.println("shard " + shard + ":");
                LoadReport.table(runs.get(shard), System.out);
                LoadReport.write(runs.get(shard), dir.resolve("shard-" + shard));
                unanswered += runs.get(shard).gavel().unanswered;
            }
            System.out.printf("combined: %,.0f bids/s answered by %d shards (%,d bids/s offered to each)%n",
                io.gavel.perf.load.ShardedLoad.combinedThroughput(runs), runs.size(), options.rate);
            System.out.println("reports: " + dir.toAbsolutePath());
            return unanswered == 0 ? GavelMain.EXIT_OK : GavelMain.EXIT_FAILED;
        }
    }

    @Command(name = "capacity", mixinStandardHelpOptions = true,
        description = "Steps the rate up and, at each step, measures gavel and a raw Aeron ping-pong at the same " +
            "rate: reports the highest rate at which gavel's p99 stays within --ratio times raw Aeron's p99 (and " +
            "every bid is answered). Stops at the first step that misses, at --max, or after --steps steps.")
    static final class CapacityRun extends Workload implements Callable<Integer>
    {
        @Option(names = "--ratio", defaultValue = "5", paramLabel = "X",
            description = "Largest gavel p99 / raw Aeron p99 a step may have (default 5)")
        double ratio;

        @Option(names = "--start", defaultValue = "10000", paramLabel = "BIDS_PER_SECOND",
            description = "First step's rate (default 10000)")
        int start;

        @Option(names = "--factor", defaultValue = "1.5", paramLabel = "X",
            description = "Rate growth per step (default 1.5)")
        double factor;

        @Option(names = "--step", defaultValue = "5", paramLabel = "SECONDS",
            description = "Measured seconds per step, for gavel and again for raw Aeron (default 5)")
        int step;

        @Option(names = "--max", defaultValue = "2000000", paramLabel = "BIDS_PER_SECOND",
            description = "Highest rate tried (default 2000000)")
        int max;

        @Option(names = "--steps", defaultValue = "12", paramLabel = "N",
            description = "Most steps taken, so the run's time is bounded: about N x (2 x step + 2) s (default 12)")
        int steps;

        public Integer call() throws Exception
        {
            final Capacity.Ramp ramp = new Capacity.Ramp(start, factor, step, max, steps, ratio);
            Capacity.run(options(), ramp, System.out);
            return GavelMain.EXIT_OK;
        }
    }

    @Command(name = "scale", mixinStandardHelpOptions = true,
        description = "Builds a core with many open lots and registrations and measures heap after GC: bytes per " +
            "lot and per bidder.")
    static final class Scale implements Callable<Integer>
    {
        @Option(names = "--auctions", defaultValue = "100", paramLabel = "N",
            description = "Auctions (default 100)")
        int auctions;

        @Option(names = "--lots", defaultValue = "100000", paramLabel = "N",
            description = "Open lots in all (default 100000)")
        int lots;

        @Option(names = "--bidders", defaultValue = "1000000", paramLabel = "N",
            description = "Registrations in all (default 1000000)")
        int bidders;

        @Option(names = "--bids-per-lot", defaultValue = "4", paramLabel = "N",
            description = "Bids placed on each lot (default 4)")
        int bidsPerLot;

        public Integer call()
        {
            if (auctions < 1 || lots < auctions || bidders < auctions || bidsPerLot < 0)
            {
                throw new IllegalArgumentException("need --auctions >= 1, --lots and --bidders >= --auctions");
            }
            Footprint.run(auctions, lots, bidders, bidsPerLot, System.out);
            return GavelMain.EXIT_OK;
        }
    }

    /** {@code gavel perf web}: WebSocket fan-out latency beside the Aeron public stream's (docs/WEB.md). */
    @Command(name = "web", mixinStandardHelpOptions = true,
        description = "Simulated WebSocket clients on the web edge: bid-to-socket latency beside bid-to-Aeron-public " +
            "latency, same run, HdrHistogram; exits 1 if a socket missed an event or was dropped.")
    static final class Web implements Callable<Integer>
    {
        @Option(names = "--sockets", defaultValue = "1000", paramLabel = "N", description = "Sockets (default 1000)")
        int sockets;

        @Option(names = "--auctions", defaultValue = "1", paramLabel = "A", description = "Auctions (default 1)")
        int auctions;

        @Option(names = "--rate", defaultValue = "100", paramLabel = "R", description = "Bids a second (default 100)")
        int rate;

        @Option(names = "--seconds", defaultValue = "10", paramLabel = "S", description = "Run time (default 10)")
        int seconds;

        public Integer call() throws Exception
        {
            if (sockets < 1 || sockets > 50_000 || auctions < 1 || auctions > 1000 || rate < 1 || rate > 10_000 ||
                seconds < 1 || seconds > 600)
            {
                throw new IllegalArgumentException("--sockets 1..50000, --auctions 1..1000, --rate 1..10000, " +
                    "--seconds 1..600");
            }
            return new io.gavel.web.perf.WebLoad(System.out, sockets, auctions, rate, seconds).run();
        }
    }
}
