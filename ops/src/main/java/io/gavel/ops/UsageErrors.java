package io.gavel.ops;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * One precise line for a command line picocli could not parse: an unknown option or command is named as such, with
 * the closest real name when one is near ({@code --auctoin}: did you mean --auction?), even when picocli would first
 * complain about the required option the typo was meant to be; Java exception names never reach the user.
 */
final class UsageErrors
{
    private UsageErrors()
    {
    }

    static String describe(final CommandLine.ParameterException ex)
    {
        final CommandLine commandLine = ex.getCommandLine();
        final List<String> unmatched = ex instanceof CommandLine.UnmatchedArgumentException ?
            ((CommandLine.UnmatchedArgumentException)ex).getUnmatched() : commandLine.getUnmatchedArguments();
        if (unmatched != null && !unmatched.isEmpty())
        {
            return unknown(commandLine.getCommandSpec(), unmatched.get(0));
        }
        return withoutJavaNames(ex.getMessage());
    }

    private static String unknown(final CommandSpec spec, final String argument)
    {
        if (argument.startsWith("-") && argument.length() > 1 && !Character.isDigit(argument.charAt(1)))
        {
            final String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
            // Long options only: one letter from a short option is a different option, not a typo of it.
            final List<String> names = new ArrayList<>();
            spec.options().forEach(option -> List.of(option.names()).stream().filter(n -> n.startsWith("--"))
                .forEach(names::add));
            return "unknown option '" + name + "' for '" + spec.qualifiedName() + "'" +
                (name.startsWith("--") ? suggestion(name, names) : "");
        }
        if (!spec.subcommands().isEmpty())
        {
            return "unknown command '" + argument + "'" + (spec.parent() == null ? "" : " for '" +
                spec.qualifiedName() + "'") + suggestion(argument, new ArrayList<>(spec.subcommands().keySet()));
        }
        return "unexpected argument '" + argument + "' for '" + spec.qualifiedName() + "'";
    }

    /** The closest name within two edits (or a third of the name), as " (did you mean X?)", or nothing. */
    static String suggestion(final String typed, final List<String> names)
    {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (final String name : names)
        {
            final int distance = distance(typed, name);
            if (distance < bestDistance)
            {
                best = name;
                bestDistance = distance;
            }
        }
        final int allowed = Math.max(1, Math.min(2, typed.replace("-", "").length() / 3));
        return best != null && bestDistance <= allowed ? " (did you mean " + best + "?)" : "";
    }

    /** Edit distance where swapping two neighbouring letters counts as one edit (optimal string alignment). */
    static int distance(final String a, final String b)
    {
        final int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++)
        {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++)
        {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++)
        {
            for (int j = 1; j <= b.length(); j++)
            {
                final int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1))
                {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** Picocli appends the converter's exception, e.g. "(java.lang.NumberFormatException: ...)"; users need not. */
    private static String withoutJavaNames(final String message)
    {
        final int java = message.indexOf(" (java.");
        return java < 0 ? message : message.substring(0, java);
    }
}
