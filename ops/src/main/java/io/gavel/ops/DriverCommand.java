package io.gavel.ops;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.gavel.gateway.EmbeddedDriver;
import io.gavel.gateway.EngineConfig;
import io.gavel.gateway.JvmCounters;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * {@code gavel driver}: a standalone media driver, until SIGINT or SIGTERM.
 */
@Command(name = "driver", mixinStandardHelpOptions = true,
    description = "Runs a standalone Aeron media driver in gavel.aeron.dir (one shared thread, backing off when " +
        "idle) until SIGINT or SIGTERM; publishes its JVM's allocation, collections and CPU as counters. One " +
        "driver per directory: it refuses to start (exit 3) where a live driver runs; the directory of a dead " +
        "driver is reused.")
final class DriverCommand implements Callable<Integer>
{
    @Mixin
    ConfigOptions configOptions;

    public Integer call()
    {
        final EngineConfig config = configOptions.load();
        final String dir = config.aeronDir().isEmpty() ?
            io.aeron.CommonContext.getAeronDirectoryName() : config.aeronDir();
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            MediaDriver driver = launch(dir);
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            // Its JVM's allocation, collections and CPU, for perf load --driver external (and gavel stats readers).
            JvmCounters counters = JvmCounters.start(aeron, io.gavel.perf.load.DriverProcess.COUNTERS))
        {
            System.out.println("media driver running: aeron dir " + driver.aeronDirectoryName());
            System.out.flush();
            barrier.await();
            System.out.println("media driver stopping");
        }
        return GavelMain.EXIT_OK;
    }

    /** Launches a driver, or explains in one line why a live one already owns the directory. */
    static MediaDriver launch(final String dir)
    {
        return launch(dir, io.gavel.gateway.EngineLayout.STAGED);
    }

    /** Launches a driver for an engine of this layout in this JVM (low-core: no thread, the engine runs it). */
    static MediaDriver launch(final String dir, final io.gavel.gateway.EngineLayout layout)
    {
        try
        {
            return EmbeddedDriver.launch(dir, layout);
        }
        catch (final io.gavel.gateway.DriverInUseException ex)
        {
            throw new EnvironmentException(ex.getMessage());
        }
    }
}
