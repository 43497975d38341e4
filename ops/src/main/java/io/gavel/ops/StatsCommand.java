package io.gavel.ops;

import io.aeron.Aeron;
import io.aeron.exceptions.DriverTimeoutException;
import io.gavel.gateway.EngineConfig;
import io.gavel.gateway.EngineCounters;
import org.agrona.concurrent.status.CountersReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code gavel stats}: the engine's counters from Aeron's counters file, refreshing in place.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Live counters of the engines and media driver in gavel.aeron.dir, refreshing in place " +
        "(Ctrl-C to stop).")
final class StatsCommand implements Callable<Integer>
{
    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "1", description = "Refresh period")
    int intervalSeconds;

    @Option(names = "--once", description = "Print once and exit")
    boolean once;

    @Option(names = "--all", description = "Also every Aeron counter, not only Gavel's and the driver's errors")
    boolean all;

    public Integer call() throws InterruptedException
    {
        if (intervalSeconds < 1)
        {
            throw new IllegalArgumentException("--interval must be at least 1 second");
        }
        final EngineConfig config = configOptions.load();
        final Aeron.Context context = new Aeron.Context().driverTimeoutMs(5_000);
        if (!config.aeronDir().isEmpty())
        {
            context.aeronDirectoryName(config.aeronDir());
        }
        if (!new File(context.aeronDirectoryName(), "cnc.dat").exists())
        {
            throw new EnvironmentException("no media driver at " + context.aeronDirectoryName());
        }
        try (Aeron aeron = Aeron.connect(context))
        {
            final CountersReader counters = aeron.countersReader();
            final boolean terminal = System.console() != null && !once;
            do
            {
                final StringBuilder screen = new StringBuilder();
                if (terminal)
                {
                    screen.append("\033[H\033[2J");
                }
                screen.append(String.format("gavel stats  %s  (aeron dir %s)%n", java.time.Instant.now(),
                    context.aeronDirectoryName()));
                final Map<String, long[]> latencies = new LinkedHashMap<>();
                counters.forEach((counterId, typeId, keyBuffer, label) ->
                {
                    final boolean gavel = typeId == EngineCounters.TYPE_ID;
                    if (gavel && collectLatency(latencies, label, counters.getCounterValue(counterId)) && !all)
                    {
                        return;
                    }
                    final boolean driverErrors = typeId == 0 && label.toLowerCase().contains("error");
                    if (gavel || driverErrors || all)
                    {
                        final long value = counters.getCounterValue(counterId);
                        if (gavel && label.contains("rejected ") && value == 0 && !all)
                        {
                            return;
                        }
                        screen.append(String.format("%14d  %s%n", value, label));
                    }
                });
                final long nowMs = System.currentTimeMillis();
                latencies.forEach((engine, figures) -> screen.append(latencyLines(engine, figures, nowMs)));
                System.out.print(screen);
                System.out.flush();
                if (!once)
                {
                    TimeUnit.SECONDS.sleep(intervalSeconds);
                }
            }
            while (!once);
        }
        catch (final DriverTimeoutException ex)
        {
            throw new EnvironmentException("the media driver at " + context.aeronDirectoryName() +
                " is not running");
        }
        return GavelMain.EXIT_OK;
    }

    /** Families of percentile counters, each published with when it was last updated. */
    private static final String[] FAMILIES = {"in-engine latency", "machine hiccups"};
    private static final String[] FIGURES = {"p50 ", "p99 ", "p99.9 ", "max "};

    /**
     * Files a percentile counter under its engine and family ("gavel: in-engine latency", "gavel: machine hiccups");
     * false when the label is not one.
     */
    static boolean collectLatency(final Map<String, long[]> latencies, final String label, final long value)
    {
        for (final String family : FAMILIES)
        {
            final int at = label.indexOf(": " + family + " ");
            if (at < 0)
            {
                continue;
            }
            final long[] figures = latencies.computeIfAbsent(label.substring(0, at) + ": " + family,
                key -> new long[FIGURES.length + 1]);
            final String what = label.substring(at + 2 + family.length() + 1);
            if (what.equals("updated (epoch ms)"))
            {
                figures[FIGURES.length] = value;
                return true;
            }
            for (int i = 0; i < FIGURES.length; i++)
            {
                if (what.startsWith(FIGURES[i]))
                {
                    figures[i] = value;
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The measured percentiles of about the last second, in the value column like every counter; "-" for each when
     * they were last updated more than a second ago (an engine publishes no latency while quiet, and none at all once
     * stopped), so an idle engine shows no latency rather than a stale one.
     */
    static String latencyLines(final String engineAndFamily, final long[] figures, final long nowMs)
    {
        final long updatedMs = figures[FIGURES.length];
        final boolean fresh = updatedMs != 0 && nowMs - updatedMs <= FRESH_MS;
        final StringBuilder lines = new StringBuilder();
        for (int i = 0; i < FIGURES.length; i++)
        {
            lines.append(String.format("%14s  %s %sns (last second)%n",
                fresh ? Long.toString(figures[i]) : "-", engineAndFamily, FIGURES[i]));
        }
        return lines.toString();
    }

    /** How long after the last answered command the figures are still shown. */
    static final long FRESH_MS = 1_000;
}
