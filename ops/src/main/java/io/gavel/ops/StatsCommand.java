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
                counters.forEach((counterId, typeId, keyBuffer, label) ->
                {
                    final boolean gavel = typeId == EngineCounters.TYPE_ID;
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
}
