package io.gavel.ops;

import io.aeron.driver.MediaDriver;
import io.gavel.gateway.EmbeddedDriver;
import io.gavel.gateway.EngineConfig;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * {@code gavel driver}: a standalone media driver, until SIGINT or SIGTERM.
 */
@Command(name = "driver", mixinStandardHelpOptions = true,
    description = "Runs a standalone Aeron media driver in gavel.aeron.dir (one shared thread, backing off when " +
        "idle) until SIGINT or SIGTERM.")
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
            MediaDriver driver = EmbeddedDriver.launch(dir))
        {
            System.out.println("media driver running: aeron dir " + driver.aeronDirectoryName());
            System.out.flush();
            barrier.await();
            System.out.println("media driver stopping");
        }
        return GavelMain.EXIT_OK;
    }
}
