package io.gavel.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 6's acceptance, as an operator would do it: {@code gavel driver} and {@code gavel engine} as separate
 * processes, a live lot run to the hammer with {@code gavel auction} and {@code gavel bid}, {@code gavel auction
 * status}, SIGTERM to the engine, and {@code gavel journal verify} on its journal.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class OperatorIT
{
    @TempDir
    Path dir;

    @Test
    void liveLotToTheHammerThroughTheCommandLine() throws Exception
    {
        final Path config = dir.resolve("gavel.properties");
        Files.writeString(config, "gavel.aeron.dir=" + dir.resolve("aeron") + "\n" +
            "gavel.journal.dir=" + dir.resolve("journal") + "\n" +
            "gavel.token.secret=operator-test\n" +
            "gavel.ingress.stream=3001\ngavel.public.stream=3002\n");
        final String c = config.toString();
        final Path driverLog = dir.resolve("driver.log");
        final Process driver = GavelProcess.builder(dir, driverLog, "driver", "-c", c).start();
        Process engine = null;
        try
        {
            GavelProcess.awaitLog(driverLog, "media driver running", driver);
            final Path engineLog = dir.resolve("engine.log");
            engine = GavelProcess.builder(dir, engineLog, "engine", "-c", c).start();
            GavelProcess.awaitLog(engineLog, "  public ", engine);
            assertTrue(Files.readString(engineLog).contains(dir.resolve("journal").toString()), "journal path");

            ok("auction", "create", "-c", c, "--auction", "7", "--format", "LIVE", "--increments", "0:10");
            ok("auction", "add-lot", "-c", c, "--auction", "7", "--lot", "1", "--start", "100", "--reserve", "120");
            for (final String bidder : new String[]{"1", "2"})
            {
                ok("bidder", "register", "-c", c, "--auction", "7", "--bidder", bidder, "--paddle", "10" + bidder);
                ok("bidder", "approve", "-c", c, "--auction", "7", "--bidder", bidder);
            }
            ok("auction", "open-lot", "-c", c, "--auction", "7", "--lot", "1");
            ok("bid", "-c", c, "--auction", "7", "--lot", "1", "--bidder", "1", "--amount", "100",
                "--principal", "1", "--role", "BIDDER");
            ok("bid", "-c", c, "--auction", "7", "--lot", "1", "--bidder", "2", "--amount", "110",
                "--principal", "2", "--role", "BIDDER");
            // A bidder may not bid as another: one line, exit 1.
            final GavelProcess.Result impostor = GavelProcess.run(dir, "bid", "-c", c, "--auction", "7", "--lot",
                "1", "--bidder", "2", "--amount", "120", "--principal", "1", "--role", "BIDDER");
            assertEquals(1, impostor.exit(), impostor.toString());
            assertEquals("gavel: bid at 120.00 rejected: NOT_AUTHORIZED\n", impostor.err());
            // A clerk runs only the auctions it is assigned to.
            final GavelProcess.Result unassigned = GavelProcess.run(dir, "bid", "-c", c, "--auction", "7", "--lot",
                "1", "--bidder", "1", "--amount", "120", "--floor-paddle", "101", "--principal", "901", "--role",
                "CLERK");
            assertEquals(1, unassigned.exit(), unassigned.toString());
            assertEquals("gavel: floor bid for paddle 101 at 120.00 rejected: NOT_AUTHORIZED\n", unassigned.err());
            final GavelProcess.Result assigned = ok("auction", "assign-clerk", "-c", c, "--auction", "7", "--clerk",
                "901");
            assertEquals("clerk 901 assigned to auction 7\n", assigned.out());
            ok("bid", "-c", c, "--auction", "7", "--lot", "1", "--bidder", "1", "--amount", "120", "--floor-paddle",
                "101", "--principal", "901", "--role", "CLERK");
            ok("auction", "fair-warning", "-c", c, "--auction", "7", "--lot", "1");
            final GavelProcess.Result hammer = ok("auction", "hammer", "-c", c, "--auction", "7", "--lot", "1");
            assertEquals("auction 7 lot 1: SOLD to paddle 101 at 120.00\n", hammer.out());

            final GavelProcess.Result status = ok("auction", "status", "-c", c, "--auction", "7");
            assertTrue(status.out().matches("(?s).*\\n\\s+1\\s+SOLD\\s+paddle 101\\s+120\\.00.*"), status.out());
            // From a machine without the journal: the paddle comes from the engine's answer, not from a journal read.
            final Path remote = dir.resolve("remote.properties");
            Files.writeString(remote, Files.readString(config).replace("gavel.journal.dir=" + dir.resolve("journal"),
                "gavel.journal.dir=" + dir.resolve("no-journal-here")));
            final GavelProcess.Result remoteStatus = ok("auction", "status", "-c", remote.toString(), "--auction", "7");
            assertTrue(remoteStatus.out().matches("(?s).*\\n\\s+1\\s+SOLD\\s+paddle 101\\s+120\\.00.*"),
                remoteStatus.out());
            assertFalse(Files.exists(dir.resolve("no-journal-here")), "status reads no journal");

            ok("auction", "add-lot", "-c", c, "--auction", "7", "--lot", "2", "--start", "50");
            ok("auction", "open-lot", "-c", c, "--auction", "7", "--lot", "2");
            assertEquals("auction 7 lot 2: PASSED (no bids)\n",
                ok("auction", "hammer", "-c", c, "--auction", "7", "--lot", "2").out());
            ok("snapshot", "-c", c);
            final String tail = ok("journal", "tail", dir.resolve("journal").toString()).out();
            assertTrue(tail.contains("take-snapshot correlation="), tail);
            assertFalse(tail.contains("template") || tail.contains("unknown message"), tail);

            engine.destroy(); // SIGTERM
            assertTrue(engine.waitFor(30, TimeUnit.SECONDS), "engine did not stop on SIGTERM");
            assertTrue(Files.readString(engineLog).contains("engine stopped: last sequence"),
                Files.readString(engineLog));

            final GavelProcess.Result verify = ok("journal", "verify", dir.resolve("journal").toString());
            assertTrue(verify.out().contains("verified"), verify.out());
            assertTrue(verify.out().contains("auctions  1, lots 2"), verify.out());

            // With the engine gone, a client command fails with one line and a non-zero exit.
            final GavelProcess.Result noEngine = GavelProcess.run(dir, "auction", "status", "-c", c, "--auction",
                "7", "--timeout", "1");
            assertNotEquals(0, noEngine.exit());
            assertEquals(1, noEngine.err().lines().count(), noEngine.err());
            assertTrue(noEngine.err().startsWith("gavel: no engine is listening"), noEngine.err());
        }
        finally
        {
            if (engine != null)
            {
                engine.destroyForcibly();
            }
            driver.destroy();
            driver.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private GavelProcess.Result ok(final String... args) throws Exception
    {
        final GavelProcess.Result result = GavelProcess.run(dir, args);
        assertEquals(0, result.exit(), String.join(" ", args) + " -> " + result);
        assertEquals("", result.err(), String.join(" ", args));
        return result;
    }
}
