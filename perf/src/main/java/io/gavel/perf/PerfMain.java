package io.gavel.perf;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks with Gavel's JVM flags appended to every fork. Takes JMH's own command-line options:
 * {@code java -jar perf/target/benchmarks.jar [regexp] [-rf json -rff results.json] [-prof gc]}.
 */
public final class PerfMain
{
    private PerfMain()
    {
    }

    public static void main(final String[] args) throws RunnerException
    {
        final CommandLineOptions commandLine;
        try
        {
            commandLine = new CommandLineOptions(args);
        }
        catch (final CommandLineOptionException ex)
        {
            System.err.println("benchmarks: " + ex.getMessage());
            System.exit(2);
            return;
        }
        final Options options = new OptionsBuilder()
            .parent(commandLine)
            .jvmArgsAppend(JvmFlags.load())
            .build();
        new Runner(options).run();
    }
}
