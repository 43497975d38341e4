package io.gavel.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 11: one engine per journal. A second engine process on a journal in use exits non-zero and names the holder;
 * read-only tools keep working on it; after SIGKILL the lock is gone with the process and a restart works.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class OneWriterIT
{
    @TempDir
    Path dir;

    @Test
    void aSecondEngineOnAJournalInUseIsRefusedAndARestartAfterSigkillWorks() throws Exception
    {
        final Path config = dir.resolve("gavel.properties");
        final Path journal = dir.resolve("journal");
        Files.writeString(config, "gavel.aeron.dir=" + dir.resolve("aeron") + "\n" +
            "gavel.journal.dir=" + journal + "\n" +
            "gavel.token.secret=one-writer-test\n" +
            "gavel.ingress.stream=5001\ngavel.public.stream=5002\n");
        final String c = config.toString();
        final Path driverLog = dir.resolve("driver.log");
        final Process driver = GavelProcess.builder(dir, driverLog, "driver", "-c", c).start();
        Process first = null;
        Process third = null;
        try
        {
            GavelProcess.awaitLog(driverLog, "media driver running", driver);
            final Path firstLog = dir.resolve("engine-1.log");
            first = GavelProcess.builder(dir, firstLog, "engine", "-c", c).start();
            GavelProcess.awaitLog(firstLog, "  public ", first);

            final GavelProcess.Result second = GavelProcess.run(dir, "engine", "-c", c);
            assertNotEquals(0, second.exit(), second.toString());
            assertTrue(second.err().contains("journal " + journal + " is in use by process " + first.pid()),
                second.toString());
            assertFalse(second.out().contains("engine running"), second.out());
            assertTrue(first.isAlive(), "the first engine must be untouched");

            // Read-only tools still work on a journal in use.
            final GavelProcess.Result stats = GavelProcess.run(dir, "journal", "stats", journal.toString());
            assertEquals(0, stats.exit(), stats.toString());
            final GavelProcess.Result verify = GavelProcess.run(dir, "journal", "verify", journal.toString());
            assertFalse((verify.out() + verify.err()).contains("in use"), verify.toString());

            first.destroyForcibly(); // SIGKILL: no clean-up runs, the OS drops the lock with the process
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            final Path thirdLog = dir.resolve("engine-3.log");
            third = GavelProcess.builder(dir, thirdLog, "engine", "-c", c).start();
            GavelProcess.awaitLog(thirdLog, "  public ", third);
            third.destroy();
            assertTrue(third.waitFor(30, TimeUnit.SECONDS));
            assertTrue(Files.readString(thirdLog).contains("engine stopped"), Files.readString(thirdLog));
        }
        finally
        {
            for (final Process process : new Process[]{first, third})
            {
                if (process != null)
                {
                    process.destroyForcibly();
                }
            }
            driver.destroy();
            driver.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
