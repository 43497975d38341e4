package io.gavel.replay.scenario;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every scenario shipped in docs/scenarios (at least one per RULES.md section) runs and prints exactly its checked-in
 * expected output (the .out beside it). Each expected output was worked out by hand from RULES.md; the comments in
 * the scenario say why each line comes out as it does.
 */
class ShippedScenariosTest
{
    static final Path SCENARIOS = Paths.get("..", "docs", "scenarios");

    @TestFactory
    Stream<DynamicTest> shippedScenariosPrintTheirExpectedOutput() throws IOException
    {
        final List<Path> files;
        try (Stream<Path> list = Files.list(SCENARIOS))
        {
            files = list.filter(p -> p.toString().endsWith(".scn")).sorted().collect(Collectors.toList());
        }
        assertFalse(files.isEmpty(), "no scenarios found in " + SCENARIOS.toAbsolutePath());
        for (final String section : new String[]{"r1-", "r2-", "r3-", "r4-", "r5-", "r6-", "r7-"})
        {
            assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().startsWith(section)),
                "no shipped scenario for RULES.md section " + section);
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () ->
        {
            final String expected = Files.readString(Paths.get(file.toString().replace(".scn", ".out")));
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final ByteArrayOutputStream err = new ByteArrayOutputStream();
            final int exit = ScenarioRunner.run(file, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals("", err.toString(StandardCharsets.UTF_8));
            assertEquals(0, exit);
            assertEquals(expected, out.toString(StandardCharsets.UTF_8));
        }));
    }
}
