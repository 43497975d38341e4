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

    private Path configWithoutDriver() throws Exception
    {
        final Path config = dir.resolve("c.properties");
        Files.writeString(config, "gavel.token.secret=x\ngavel.aeron.dir=" + dir.resolve("aeron") + "\n");
        return config;
    }

    @Test
    void unknownCommandIsNamedEvenWithHelp()
    {
        oneLineError(gavel("frobnicate"), 2, "gavel: unknown command 'frobnicate'");
        oneLineError(gavel("no-such-command", "--help"), 2, "gavel: unknown command 'no-such-command'");
        oneLineError(gavel("jornal", "tail", "x"), 2, "gavel: unknown command 'jornal' (did you mean journal?)");
        oneLineError(gavel("auction", "hamer", "--help"), 2,
            "gavel: unknown command 'hamer' for 'gavel auction' (did you mean hammer?)");
    }

    @Test
    void aloneOrAGroupWithoutItsCommandPrintsUsageAndExits2()
    {
        final Outcome alone = gavel();
        assertEquals(2, alone.exit(), alone.toString());
        assertTrue(alone.err().contains("Usage: gavel"), alone.err());
        final Outcome group = gavel("auction");
        assertEquals(2, group.exit(), group.toString());
        assertTrue(group.err().contains("Usage: gavel auction"), group.err());
    }

    @Test
    void misspelledOptionIsNamedWithASuggestion() throws Exception
    {
        oneLineError(gavel("auction", "status", "--auctoin", "1"), 2,
            "gavel: unknown option '--auctoin' for 'gavel auction status' (did you mean --auction?)");
        oneLineError(gavel("bid", "-c", configWithoutDriver().toString(), "--auction", "1", "--lot", "1",
            "--bidder", "1", "--amount", "5", "--colour=red"), 2, "gavel: unknown option '--colour' for 'gavel bid'");
        assertFalse(gavel("bid", "--auction", "1", "--lot", "1", "--bidder", "1", "--amount", "5", "--colour=red")
            .err().contains("did you mean"));
        final Outcome shortOption = gavel("-x");
        oneLineError(shortOption, 2, "gavel: unknown option '-x' for 'gavel'");
        assertFalse(shortOption.err().contains("did you mean"), shortOption.err());
    }

    @Test
    void amountsAreCheckedBeforeAnythingConnects() throws Exception
    {
        final String config = configWithoutDriver().toString();
        oneLineError(gavel("bid", "-c", config, "--auction", "1", "--lot", "1", "--bidder", "1", "--amount", "-5"),
            2, "gavel: --amount must not be negative, not '-5'");
        oneLineError(gavel("bid", "-c", config, "--auction", "1", "--lot", "1", "--bidder", "1", "--amount",
            "1234567890123456789012345"), 2, "gavel: --amount is too large: '1234567890123456789012345' (at most ");
        // Zero would reach the engine (no media driver here: exit 3) if it were not refused first.
        oneLineError(gavel("bid", "-c", config, "--auction", "1", "--lot", "1", "--bidder", "1", "--amount", "0"),
            2, "gavel: --amount must be more than zero, not '0'");
        oneLineError(gavel("bid", "-c", config, "--auction", "1", "--lot", "1", "--bidder", "1", "--max", "0.00"),
            2, "gavel: --max must be more than zero");
        oneLineError(gavel("bid", "-c", config, "--auction", "1", "--lot", "1", "--bidder", "1", "--amount",
            "12,50"), 2, "gavel: --amount must be an amount in the auction's currency with at most two decimals");
    }

    @Test
    void premiumIsAPercentageOrAFraction() throws Exception
    {
        assertEquals(2000, AuctionCommand.Create.premiumBasisPoints("20%"));
        assertEquals(2000, AuctionCommand.Create.premiumBasisPoints("0.20"));
        assertEquals(1225, AuctionCommand.Create.premiumBasisPoints("12.25%"));
        assertEquals(0, AuctionCommand.Create.premiumBasisPoints("0"));
        final String config = configWithoutDriver().toString();
        oneLineError(gavel("auction", "create", "-c", config, "--auction", "1", "--format", "LIVE", "--premium",
            "20"), 2, "gavel: --premium must be from 0 to 100% (0 to 1), not '20'");
        oneLineError(gavel("auction", "create", "-c", config, "--auction", "1", "--format", "LIVE", "--premium",
            "twenty"), 2, "gavel: --premium must be a percentage like 20% or a fraction like 0.20, not 'twenty'");
        oneLineError(gavel("auction", "create", "-c", config, "--auction", "1", "--format", "LIVE", "--premium",
            "12.345%"), 2, "gavel: --premium goes to a hundredth of a percent");
    }

    @Test
    void enumOptionsAnyCaseAndOnlyValidValuesListed()
    {
        final picocli.CommandLine commandLine = GavelMain.commandLine();
        final picocli.CommandLine.ParseResult parsed = commandLine.parseArgs("auction", "create", "--auction", "1",
            "--format", "timed", "--role", "bidder", "--tie", "reject-equal", "--retraction", "Before_Window");
        final AuctionCommand.Create create = parsed.subcommand().subcommand().commandSpec().commandLine()
            .getCommand();
        assertEquals(io.gavel.sbe.Format.TIMED, create.format);
        assertEquals(io.gavel.sbe.Role.BIDDER, create.client.role);
        assertEquals(io.gavel.sbe.TiePolicy.REJECT_EQUAL, create.tie);
        assertEquals(io.gavel.sbe.RetractionPolicy.BEFORE_WINDOW, create.retraction);
        final Outcome engine = gavel("auction", "status", "--auction", "1", "--role", "engine");
        oneLineError(engine, 2, "gavel: Invalid value for option '--role': 'engine' is not one of BIDDER, CLERK, " +
            "AUCTIONEER, ADMIN, SETTLEMENT (any case)");
        final Outcome format = gavel("auction", "create", "--auction", "1", "--format", "hybrid");
        oneLineError(format, 2, "gavel: Invalid value for option '--format': 'hybrid' is not one of LIVE, TIMED");
        assertFalse(format.err().contains("NULL_VAL"), format.err());
        oneLineError(gavel("auction", "payment", "--auction", "1", "--lot", "1", "--result", "refunded"), 2,
            "gavel: Invalid value for option '--result': 'refunded' is not one of PAID, FAILED");
        assertEquals(2, gavel("journal", "audit", dir.toString(), "--auction", "1", "--format", "xml").exit());
        final PerfCommand.Load load = GavelMain.commandLine().parseArgs("perf", "load", "--transport", "UDP",
            "--wait-strategy", "Busy-Spin").subcommand().subcommand().commandSpec().commandLine().getCommand();
        assertEquals("udp", load.options().transport);
        assertEquals("busy-spin", load.options().waitStrategy);
        oneLineError(gavel("perf", "load", "--shards", "0"), 2, "gavel: --shards must be at least 1, not 0");
        final PerfCommand.Load drivers = GavelMain.commandLine().parseArgs("perf", "load", "--driver", "Process",
            "--layout", "Low-Core", "--send-wait", "YIELD").subcommand().subcommand().commandSpec().commandLine()
            .getCommand();
        assertEquals("process", drivers.options().driver);
        assertEquals("low-core", drivers.options().layout);
        assertEquals("yield", drivers.options().sendWait);
    }

    @Test
    void perfLoadClusterDefaultsAndErrorsAreOneLine()
    {
        final PerfCommand.Load small = GavelMain.commandLine().parseArgs("perf", "load", "--cluster", "3")
            .subcommand().subcommand().commandSpec().commandLine().getCommand();
        final io.gavel.perf.load.LoadOptions defaults = small.clusterOptions(small.options());
        assertEquals(1_000, defaults.rate);
        assertEquals(10, defaults.durationSeconds);
        assertEquals(3, defaults.warmupSeconds);
        assertEquals(1_000, defaults.lots);
        assertEquals(1_000, defaults.bidders);
        assertEquals("udp", defaults.transport);
        final PerfCommand.Load given = GavelMain.commandLine().parseArgs("perf", "load", "--cluster", "3", "--rate",
            "5000", "--duration", "2", "--warmup", "0", "--lots", "40").subcommand().subcommand().commandSpec()
            .commandLine().getCommand();
        final io.gavel.perf.load.LoadOptions chosen = given.clusterOptions(given.options());
        assertEquals(5_000, chosen.rate);
        assertEquals(2, chosen.durationSeconds);
        assertEquals(0, chosen.warmupSeconds);
        assertEquals(40, chosen.lots);
        oneLineError(gavel("perf", "load", "--cluster", "2"), 2,
            "gavel: --cluster must be 1, 3 or 5 (members on 127.0.0.1), not 2");
        oneLineError(gavel("perf", "load", "--cluster", "3", "--transport", "ipc"), 2,
            "gavel: --cluster compares over UDP (cluster clients send over UDP): use --transport udp or leave it out");
        oneLineError(gavel("perf", "load", "--cluster", "3", "--shards", "2"), 2,
            "gavel: --cluster and --shards do not go together: give one of them");
        oneLineError(gavel("perf", "load", "--cluster", "3", "--driver", "process"), 2,
            "gavel: --cluster starts its own members and engine: --driver must be embedded, not process");
        oneLineError(gavel("perf", "load", "--cluster", "3", "--rate", "0"), 2,
            "gavel: need --auctions >= 1, --lots >= --auctions, --bidders >= 2, --rate >= 1, --duration >= 1 and " +
                "--warmup >= 0");
        oneLineError(gavel("perf", "load", "--cluster", "3", "--rate", "1000000", "--duration", "30"), 2,
            "gavel: --cluster: --rate times (--duration + --warmup) must be at most 20,000,000 bids, not 33,000,000");
        oneLineError(gavel("perf", "load", "--cluster", "three"), 2,
            "gavel: Invalid value for option '--cluster': 'three' is not an int");
    }

    @Test
    void perfDriverLayoutAndCapacityErrorsAreOneLine()
    {
        oneLineError(gavel("perf", "load", "--driver", "remote"), 2,
            "gavel: --driver must be embedded, process or external, not remote");
        oneLineError(gavel("perf", "load", "--driver", "external"), 2,
            "gavel: --driver external needs --aeron-dir (the directory of a running 'gavel driver')");
        oneLineError(gavel("perf", "load", "--layout", "tiny"), 2,
            "gavel: --layout must be low-core or staged (default is an alias of staged), not tiny");
        oneLineError(gavel("perf", "load", "--driver", "external", "--aeron-dir", dir.resolve("none").toString()), 1,
            "gavel: no media driver runs in " + dir.resolve("none") + ": start one with 'gavel driver'");
        oneLineError(gavel("perf", "capacity", "--ratio", "0.5"), 2, "gavel: --ratio must be at least 1, not 0.5");
        oneLineError(gavel("perf", "capacity", "--steps", "0"), 2, "gavel: --steps must be 1 to 100, not 0");
    }

    @Test
    void malformedAmount() throws Exception
    {
        oneLineError(gavel("bid", "-c", configWithoutDriver().toString(), "--auction", "1", "--lot", "1", "--bidder",
            "1", "--amount", "12.345"), 2, "gavel: --amount has more than two decimals: '12.345'");
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
