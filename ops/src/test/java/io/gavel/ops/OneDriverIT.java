package io.gavel.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 11: one driver per Aeron directory. A second {@code gavel driver} on a live directory refuses to start and
 * the engine keeps working; when the driver dies, the engine says so and exits non-zero instead of running deaf;
 * the dead driver's directory is reused by the next driver.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class OneDriverIT
{
    @TempDir
    Path dir;

    @Test
    void aSecondDriverIsRefusedAndAnEngineWhoseDriverDiesExits() throws Exception
    {
        final Path config = dir.resolve("gavel.properties");
        final Path aeron = dir.resolve("aeron");
        Files.writeString(config, "gavel.aeron.dir=" + aeron + "\n" +
            "gavel.journal.dir=" + dir.resolve("journal") + "\n" +
            "gavel.token.secret=one-driver-test\n" +
            "gavel.ingress.stream=6001\ngavel.public.stream=6002\n");
        final String c = config.toString();
        final Path driverLog = dir.resolve("driver.log");
        final Process driver = GavelProcess.builder(dir, driverLog, "driver", "-c", c).start();
        Process engine = null;
        Process next = null;
        try
        {
            GavelProcess.awaitLog(driverLog, "media driver running", driver);
            final Path engineLog = dir.resolve("engine.log");
            engine = GavelProcess.builder(dir, engineLog, "engine", "-c", c).start();
            GavelProcess.awaitLog(engineLog, "  public ", engine);

            final GavelProcess.Result second = GavelProcess.run(dir, "driver", "-c", c);
            assertEquals(GavelMain.EXIT_ENVIRONMENT, second.exit(), second.toString());
            assertEquals("gavel: a media driver is already running in " + aeron + "; stop it first, or give this " +
                "one another gavel.aeron.dir\n", second.err());
            final GavelProcess.Result created = GavelProcess.run(dir, "auction", "create", "-c", c, "--auction", "1",
                "--format", "LIVE", "--increments", "0:10");
            assertEquals(0, created.exit(), "the engine still hears its driver: " + created);

            driver.destroyForcibly(); // SIGKILL the driver under the engine
            assertTrue(driver.waitFor(30, TimeUnit.SECONDS));
            assertTrue(engine.waitFor(60, TimeUnit.SECONDS), "the engine runs on, deaf: " +
                Files.readString(engineLog));
            assertEquals(GavelMain.EXIT_FAILED, engine.exitValue(), Files.readString(engineLog));
            assertTrue(Files.readString(engineLog).contains("the media driver of " + aeron + " stopped answering"),
                Files.readString(engineLog));

            final Path nextLog = dir.resolve("driver-2.log");
            next = GavelProcess.builder(dir, nextLog, "driver", "-c", c).start();
            GavelProcess.awaitLog(nextLog, "media driver running", next);
        }
        finally
        {
            for (final Process process : new Process[]{engine, driver, next})
            {
                if (process != null)
                {
                    process.destroy();
                    process.waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }
}
