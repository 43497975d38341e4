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
 * read-only tools keep working on it; after SIGKILL the lock is gone with the process and a restart works. The
 * engines sign checkpoints with a key made by {@code gavel journal keygen}: after the kill and a clean restart every
 * record is covered, and {@code journal verify --public-key} says so; without the checkpoint log it fails.
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
        final Path keys = Files.createDirectories(dir.resolve("keys"));
        final GavelProcess.Result keygen = GavelProcess.run(dir, "journal", "keygen", "--private",
            keys.resolve("house.key").toString(), "--public", keys.resolve("house.pub").toString());
        assertEquals(0, keygen.exit(), keygen.toString());
        Files.writeString(config, "gavel.aeron.dir=" + dir.resolve("aeron") + "\n" +
            "gavel.journal.dir=" + journal + "\n" +
            "gavel.checkpoint.key=" + keys.resolve("house.key") + "\ngavel.checkpoint.every=3\n" +
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
            assertTrue(Files.readString(firstLog).contains("  checkpoints signed with key "),
                Files.readString(firstLog));
            for (int auction = 1; auction <= 4; auction++)
            {
                final GavelProcess.Result created = GavelProcess.run(dir, "auction", "create", "-c", c, "--auction",
                    Integer.toString(auction), "--format", "LIVE", "--increments", "0:10");
                assertEquals(0, created.exit(), created.toString());
            }

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

            final String publicKey = keys.resolve("house.pub").toString();
            final GavelProcess.Result signed = GavelProcess.run(dir, "journal", "verify", journal.toString(),
                "--public-key", publicKey);
            assertEquals(0, signed.exit(), signed.toString());
            assertTrue(signed.out().matches("(?s).*checkpoints \\d+, key [0-9a-f]{16}: records 1\\.\\.\\d+ " +
                "covered by " +
                "valid signatures\n.*verified\n"), signed.out());
            final GavelProcess.Result exported = GavelProcess.run(dir, "journal", "checkpoints", journal.toString(),
                "--format", "json");
            assertEquals(0, exported.exit(), exported.toString());
            assertTrue(exported.out().startsWith("[\n  {\"checkpoint\": 1, \"from\": 1,"), exported.out());

            Files.delete(journal.resolve("checkpoints.log"));
            final GavelProcess.Result unsigned = GavelProcess.run(dir, "journal", "verify", journal.toString(),
                "--public-key", publicKey);
            assertEquals(1, unsigned.exit(), unsigned.toString());
            assertTrue(unsigned.out().contains("FAILED checkpoints: there are no signed checkpoints"), unsigned.out());
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
