package io.gavel.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gavel} command line. Exit codes: 0 done; 1 the command ran and failed (a journal that does not verify,
 * an engine that did not answer); 2 bad usage or input (unknown command, malformed argument or file); 3 the
 * environment is missing something (no build, no media driver).
 */
@Command(
    name = "gavel",
    mixinStandardHelpOptions = true,
    version = "gavel 0.1.0",
    description = "Gavel: a low-latency bidding engine for live and timed online auctions.",
    subcommands = {
        DemoCommand.class,
        ScenarioCommand.class,
        JournalCommand.class,
        DriverCommand.class,
        EngineCommand.class,
        AuctionCommand.class,
        BidderCommand.class,
        BidCommand.class,
        StatsCommand.class,
        ConfigCommand.class,
        SnapshotCommand.class,
        PerfCommand.class,
        CommandLine.HelpCommand.class
    })
public final class GavelMain implements Runnable
{
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_ENVIRONMENT = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
        description = "More logging, and stack traces with errors")
    void verbose(final boolean verbose)
    {
        if (verbose)
        {
            System.setProperty("gavel.cli.verbose", "true");
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
    }

    public void run()
    {
        spec.commandLine().usage(System.out);
    }

    public static void main(final String[] args)
    {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code, never throwing: errors are one line on stderr. */
    public static int execute(final String... args)
    {
        final CommandLine commandLine = new CommandLine(new GavelMain());
        commandLine.setExitCodeExceptionMapper(ex -> EXIT_USAGE);
        commandLine.setParameterExceptionHandler((ex, ignored) ->
        {
            final CommandLine.Help.ColorScheme colors = ex.getCommandLine().getColorScheme();
            ex.getCommandLine().getErr().println("gavel: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() +
                " --help' for more information.");
            return EXIT_USAGE;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) ->
        {
            cmd.getErr().println("gavel: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (Boolean.getBoolean("gavel.cli.verbose"))
            {
                ex.printStackTrace(cmd.getErr());
            }
            if (ex instanceof EnvironmentException)
            {
                return EXIT_ENVIRONMENT;
            }
            return ex instanceof IllegalArgumentException || ex instanceof io.gavel.journal.JournalException ?
                EXIT_USAGE : EXIT_FAILED;
        });
        return commandLine.execute(args);
    }
}
