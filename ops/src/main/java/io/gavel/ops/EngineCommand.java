package io.gavel.ops;

import io.aeron.driver.MediaDriver;
import io.gavel.gateway.EmbeddedDriver;
import io.gavel.gateway.EngineConfig;
import io.gavel.gateway.GavelEngine;
import org.agrona.CloseHelper;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code gavel engine --config FILE}: one engine until SIGINT or SIGTERM, then a clean stop with the journal flushed.
 */
@Command(name = "engine", mixinStandardHelpOptions = true,
    description = "Starts an engine on a running media driver (or its own, with --embedded-driver), prints its " +
        "journal, Aeron directory and channels, and runs until SIGINT or SIGTERM; then it stops taking " +
        "commands, drains what it accepted into the journal and the streams, and closes the journal. One engine " +
        "per journal: it locks the journal directory, and a second engine on it exits naming the first one's " +
        "process. If its media driver goes away it says so and exits 1. With gavel.checkpoint.key set it signs " +
        "journal checkpoints.")
final class EngineCommand implements Callable<Integer>
{
    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--embedded-driver", description = "Run a media driver inside the engine's JVM")
    boolean embeddedDriver;

    @Option(names = "--driver-timeout", defaultValue = "10", paramLabel = "SECONDS",
        description = "How long to wait for the media driver to come up (default 10)")
    int driverTimeoutSeconds;

    public Integer call()
    {
        final EngineConfig config = configOptions.load();
        MediaDriver driver = null;
        if (embeddedDriver)
        {
            final String dir = config.aeronDir().isEmpty() ?
                io.aeron.CommonContext.getAeronDirectoryName() : config.aeronDir();
            // gavel.layout=low-core: the driver has no thread; the engine's ingress agent runs it.
            driver = DriverCommand.launch(dir, config.layout());
            config.set("gavel.aeron.dir", driver.aeronDirectoryName());
        }
        else if (!MediaDriverWait.await(config.aeronDir().isEmpty() ? io.aeron.CommonContext.getAeronDirectoryName() :
            config.aeronDir(), java.time.Duration.ofSeconds(Math.max(0, driverTimeoutSeconds))))
        {
            throw new EnvironmentException("no media driver at " + config.aeronDir() +
                " (start one with 'gavel driver', or use --embedded-driver)");
        }
        final GavelEngine engine;
        try
        {
            engine = GavelEngine.start(config, driver == null ? null : io.gavel.gateway.EmbeddedDriver.invoker(driver));
        }
        catch (final io.aeron.exceptions.DriverTimeoutException ex)
        {
            CloseHelper.quietClose(driver);
            throw new EnvironmentException("no media driver is running for " + config.aeronDir() +
                " (start one with 'gavel driver', or use --embedded-driver)");
        }
        // The barrier's own shutdown hook waits until it is closed, so the engine is closed inside it.
        // The barrier exists before the banner, so a SIGTERM sent as soon as the banner appears stops cleanly.
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier())
        {
            System.out.println("engine running");
            System.out.printf("  recovery  %s; state hash %016x%n", engine.recovery(), engine.recoveredStateHash());
            System.out.println("  journal   " + engine.journalDir() + " (last sequence " + engine.lastSequence() + ")");
            System.out.println("  checkpoints " + engine.checkpoints());
            System.out.println("  aeron dir " + engine.aeronDirectory());
            System.out.println("  ingress   " + config.ingressChannel() + " stream " + config.ingressStream());
            System.out.println("  public    " + config.publicChannel() + " stream " + config.publicStream());
            System.out.flush();
            // A failed pipeline (say, a journal that cannot be written) must not leave a silent engine running.
            final Thread watchdog = new Thread(() ->
            {
                while (!Thread.currentThread().isInterrupted() && engine.failure() == null)
                {
                    try
                    {
                        Thread.sleep(100);
                    }
                    catch (final InterruptedException ex)
                    {
                        return;
                    }
                }
                if (engine.failure() != null)
                {
                    barrier.signal();
                }
            }, "gavel-engine-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            barrier.await();
            watchdog.interrupt();
            final Throwable failure = engine.failure();
            engine.close();
            if (failure != null)
            {
                final Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                System.err.println("gavel: engine failed and stopped at sequence " + engine.lastSequence() + ": " +
                    (failure instanceof io.gavel.gateway.DriverLostException ? failure.getMessage() : cause));
                CloseHelper.quietClose(driver);
                return GavelMain.EXIT_FAILED;
            }
            System.out.printf("engine stopped: last sequence %d, state hash %016x, journal closed%n",
                engine.lastSequence(), engine.stateHashAtStop());
            System.out.flush();
            CloseHelper.quietClose(driver);
        }
        return GavelMain.EXIT_OK;
    }
}
