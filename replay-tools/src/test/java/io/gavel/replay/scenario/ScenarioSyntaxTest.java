package io.gavel.replay.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole file is checked before anything runs: a bad line ends the run with exit 2, {@code file:line: message} on
 * standard error, and nothing on standard output (docs/SCENARIOS.md).
 */
class ScenarioSyntaxTest
{
    static final String HEADER = "at 0 create-auction auction=1 format=TIMED\n" +
        "at 0 create-auction auction=2 format=LIVE\n";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown command          | at 1 frobnicate auction=1                                  | unknown command 'frobnicate'",
        "missing required key     | at 1 max-bid auction=1 lot=1 bidder=1                      | max-bid needs max=",
        "unknown key              | at 1 tick colour=red                                       | unknown key 'colour'",
        "repeated key             | at 1 approve auction=1 bidder=1 bidder=2                   | key 'bidder' is repeated",
        "three decimals           | at 1 max-bid auction=1 lot=1 bidder=1 max=1.005            | max has more than two decimals",
        "negative amount          | at 1 max-bid auction=1 lot=1 bidder=1 max=-5               | max must not be negative",
        "zero id                  | at 1 approve auction=0 bidder=1                            | auction must be a positive integer",
        "non-numeric id           | at 1 approve auction=one bidder=1                          | auction must be a positive integer",
        "malformed time           | at 1s tick                                                 | time must be seconds",
        "no at                    | tick                                                       | must start with 'at <seconds>'",
        "no command               | at 5                                                       | missing command",
        "not key=value            | at 1 approve auction=1 bidder                              | 'bidder' is not key=value",
        "bad enum                 | at 1 create-auction auction=3 format=SEALED                | format must be LIVE|TIMED",
        "timed key on live        | at 1 add-lot auction=2 lot=1 start=10 end=50               | key 'end' is for TIMED auctions",
        "timed key at create      | at 1 create-auction auction=3 format=LIVE softclose=10/10  | key 'softclose' is for TIMED auctions",
        "timed lot without end    | at 1 add-lot auction=1 lot=1 start=10                      | needs end=",
        "bad softclose            | at 1 create-auction auction=3 format=TIMED softclose=10    | softclose must be W/E",
        "bad increments           | at 1 create-auction auction=3 format=TIMED increments=0-5  | increments must be",
        "bad premium              | at 1 create-auction auction=3 format=TIMED premium=1.5     | premium must be a rate",
        "bad payment result       | at 1 payment auction=1 lot=1 result=MAYBE                  | result must be PAID|FAILED",
    })
    void badLineExitsTwoWithFileLineMessage(final String name, final String line, final String message)
        throws IOException
    {
        final Path file = dir.resolve("bad.scn");
        Files.writeString(file, HEADER + "# a comment\n\n" + line + "\n");
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exit = ScenarioRunner.run(file, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, exit);
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing else is printed");
        final String error = err.toString(StandardCharsets.UTF_8);
        assertTrue(error.startsWith(file + ":5: "), error);
        assertTrue(error.contains(message), error);
        assertEquals(1, error.lines().count(), error);
    }

    @Test
    void linesOutOfTimeOrderAreAnError() throws IOException
    {
        final Path file = dir.resolve("order.scn");
        Files.writeString(file, "at 5 tick\nat 4.999 tick\n");
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(2, ScenarioRunner.run(file, new PrintStream(out), new PrintStream(err, true,
            StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith(file + ":2: "), err.toString());
        assertEquals(0, out.size());
    }

    @Test
    void anErrorLateInTheFileStopsTheWholeRun() throws IOException
    {
        final Path file = dir.resolve("late.scn");
        Files.writeString(file, HEADER + "at 1 tick\nat 2 tick\nat 3 bogus\n");
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, ScenarioRunner.run(file, new PrintStream(out), new PrintStream(err, true,
            StandardCharsets.UTF_8)));
        assertEquals(0, out.size(), "no event of the good lines is printed");
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith(file + ":5: "));
    }

    @Test
    void missingFileIsAClearError()
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, ScenarioRunner.run(dir.resolve("nope.scn"), new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no such file"));
    }
}
