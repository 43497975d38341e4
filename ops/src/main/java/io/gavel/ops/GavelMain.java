package io.gavel.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gavel} command line. Exit codes: 0 done; 1 the command ran and failed (a journal that does not verify,
 * an engine that did not answer); 2 bad usage or input (unknown command or option, malformed argument or file, a
 * command group given without its command); 3 the environment is missing something (no build, no media driver).
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
        TokenCommand.class,
        SnapshotCommand.class,
        PerfCommand.class,
        SettleCommand.class,
        PaymentsCommand.class,
        ReputationCommand.class,
        ClusterCommand.class,
        WebCommand.class,
        CommandLine.HelpCommand.class
    })
public final class GavelMain implements Runnable
{
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_ENVIRONMENT = 3;

    /** Help text wraps at the terminal's width when it can be found, else at this many columns. */
    private static final int USAGE_WIDTH = 100;

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
        // Never reached: a command group without its command is refused before it runs (see execute).
    }

    public static void main(final String[] args)
    {
        System.exit(execute(args));
    }

    /** The configured command line, for {@link #execute} and for tests that inspect every command and option. */
    static CommandLine commandLine()
    {
        final CommandLine commandLine = new CommandLine(new GavelMain());
        commandLine.setUsageHelpWidth(USAGE_WIDTH);
        commandLine.setUsageHelpAutoWidth(true);
        commandLine.setUsageHelpLongOptionsMaxWidth(28);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        Choices.register(commandLine);
        return commandLine;
    }

    /** Runs a command line and returns its exit code, never throwing: errors are one line on stderr. */
    public static int execute(final String... args)
    {
        final CommandLine commandLine = commandLine();
        commandLine.setExitCodeExceptionMapper(ex -> EXIT_USAGE);
        commandLine.setExecutionStrategy(GavelMain::executeParsed);
        commandLine.setParameterExceptionHandler((ex, ignored) ->
        {
            final CommandLine failed = ex.getCommandLine();
            failed.getErr().println("gavel: " + UsageErrors.describe(ex));
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more " +
                "information.");
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

    /**
     * Refuses what picocli lets through when help is asked for or no command is named: words it did not match
     * ({@code gavel no-such-command --help}) and a group without its command ({@code gavel}, {@code gavel auction}).
     */
    private static int executeParsed(final CommandLine.ParseResult parseResult)
    {
        CommandLine.ParseResult last = parseResult;
        while (true)
        {
            if (!last.unmatched().isEmpty())
            {
                throw new CommandLine.UnmatchedArgumentException(last.commandSpec().commandLine(), last.unmatched());
            }
            if (!last.hasSubcommand())
            {
                break;
            }
            last = last.subcommand();
        }
        final CommandLine command = last.commandSpec().commandLine();
        final boolean helpAsked = command.isUsageHelpRequested() || command.isVersionHelpRequested();
        // A group (Runnable) needs a subcommand; a command that runs itself (Callable, e.g. settle) may have some.
        if (!helpAsked && !command.getSubcommands().isEmpty() &&
            !(command.getCommandSpec().userObject() instanceof java.util.concurrent.Callable))
        {
            command.getErr().println("gavel: '" + command.getCommandSpec().qualifiedName() + "' needs a command");
            command.usage(command.getErr());
            return EXIT_USAGE;
        }
        return new CommandLine.RunLast().execute(parseResult);
    }
}
