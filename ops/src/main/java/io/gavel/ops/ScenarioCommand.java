package io.gavel.ops;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code gavel scenario FILE}: see docs/SCENARIOS.md.
 */
@Command(
    name = "scenario",
    mixinStandardHelpOptions = true,
    description = "Runs a scenario file through a fresh matching core (no network, no wall clock), prints every " +
        "event, then REJECT and RESULT lines. Exit 0 when the file ran, 2 with file:line: message on a " +
        "syntax error.")
final class ScenarioCommand implements Callable<Integer>
{
    @Parameters(paramLabel = "FILE", description = "The scenario file")
    Path file;

    public Integer call()
    {
        return io.gavel.replay.scenario.ScenarioRunner.run(file, System.out, System.err);
    }
}
