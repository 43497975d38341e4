package io.gavel.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad arguments give one line and a non-zero exit, never a stack trace.
 */
class CommandLineErrorsTest
{
    @TempDir
    Path dir;

    record Outcome(int exit, String out, String err)
    {
    }

    static Outcome gavel(final String... args)
    {
        final PrintStream originalOut = System.out;
        final PrintStream originalErr = System.err;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        try
        {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            final int exit = GavelMain.execute(args);
            return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
        finally
        {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    private static void oneLineError(final Outcome outcome, final int exit, final String start)
    {
        assertEquals(exit, outcome.exit(), outcome.toString());
        final String firstLine = outcome.err().lines().findFirst().orElse("");
        assertTrue(firstLine.startsWith(start), outcome.err());
        assertFalse(outcome.err().contains("\tat "), "a stack trace: " + outcome.err());
        assertFalse(outcome.err().contains("Exception"), outcome.err());
    }

    @Test
    void unknownCommand()
    {
        oneLineError(gavel("frobnicate"), 2, "gavel: Unmatched argument");
    }

    @Test
    void malformedAmount() throws Exception
    {
        final Path config = dir.resolve("c.properties");
        Files.writeString(config, "gavel.token.secret=x\ngavel.aeron.dir=" + dir.resolve("aeron") + "\n");
        oneLineError(gavel("bid", "-c", config.toString(), "--auction", "1", "--lot", "1", "--bidder", "1",
            "--amount", "12.345"), 2, "gavel: --amount must be an amount with at most two decimals");
    }

    @Test
    void noMediaDriver() throws Exception
    {
        final Path config = dir.resolve("c.properties");
        Files.writeString(config, "gavel.token.secret=x\ngavel.aeron.dir=" + dir.resolve("aeron") + "\n");
        oneLineError(gavel("auction", "status", "-c", config.toString(), "--auction", "1", "--timeout", "1"), 3,
            "gavel: no media driver at");
    }

    @Test
    void missingConfigFileAndUnknownKey() throws Exception
    {
        oneLineError(gavel("config", "print", "-c", dir.resolve("nope.properties").toString()), 2,
            "gavel: configuration file");
        final Path config = dir.resolve("bad.properties");
        Files.writeString(config, "gavel.ingres.channel=aeron:ipc\n");
        oneLineError(gavel("config", "print", "-c", config.toString()), 2, "gavel: unknown setting 'gavel.ingres");
    }

    @Test
    void journalCommandsOnBadDirectories()
    {
        oneLineError(gavel("journal", "verify", dir.resolve("missing").toString()), 2, "gavel: no journal at");
        oneLineError(gavel("journal", "stats", dir.toString()), 2, "gavel:");
    }

    @Test
    void missingRequiredOption()
    {
        oneLineError(gavel("auction", "create", "--format", "LIVE"), 2, "gavel: Missing required option");
    }

    @Test
    void helpAtEveryLevel()
    {
        assertEquals(0, gavel("--help").exit());
        assertEquals(0, gavel("auction", "--help").exit());
        assertEquals(0, gavel("auction", "create", "--help").exit());
        assertTrue(gavel("journal", "--help").out().contains("verify"));
    }

    @Test
    void configPrintListsEveryKeyWithItsDefault()
    {
        final Outcome outcome = gavel("config", "print");
        assertEquals(0, outcome.exit());
        for (final String[] key : io.gavel.gateway.EngineConfig.KEYS)
        {
            assertTrue(outcome.out().contains(key[0] + "="), key[0]);
        }
    }
}
