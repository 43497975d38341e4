package io.gavel.ops;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.gavel.ops.CommandLineErrorsTest.gavel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Help a new user can read: every command's summary whole in its group's list, every option and parameter described,
 * nothing pointing outside the repository.
 */
class CommandLineHelpTest
{
    private static List<CommandSpec> everyCommand()
    {
        final List<CommandSpec> all = new ArrayList<>();
        final List<CommandSpec> todo = new ArrayList<>(List.of(GavelMain.commandLine().getCommandSpec()));
        while (!todo.isEmpty())
        {
            final CommandSpec spec = todo.remove(0);
            all.add(spec);
            spec.subcommands().values().forEach(sub -> todo.add(sub.getCommandSpec()));
        }
        return all;
    }

    /** Without white space: wrapping may break a line after any punctuation. */
    private static String words(final String text)
    {
        return text.replaceAll("\\s+", "");
    }

    @Test
    void everyCommandListsItsSubcommandsWithTheirWholeDescription()
    {
        for (final CommandSpec group : everyCommand())
        {
            if (group.subcommands().isEmpty())
            {
                continue;
            }
            final String[] args = group.qualifiedName(" ").replaceFirst("^gavel ?", "").isEmpty() ?
                new String[]{"--help"} : (group.qualifiedName(" ").replaceFirst("^gavel ", "") + " --help").split(" ");
            final String help = words(gavel(args).out());
            for (final Map.Entry<String, CommandLine> sub : group.subcommands().entrySet())
            {
                final picocli.CommandLine.Model.UsageMessageSpec usage = sub.getValue().getCommandSpec().usageMessage();
                // A header, where a command has one (picocli's help), is what the list shows.
                final String description = words(String.join(" ", usage.header().length > 0 ? usage.header() :
                    usage.description()));
                assertFalse(description.isEmpty(), sub.getKey() + " has no description");
                assertTrue(description.endsWith(".") || description.endsWith(".)"),
                    sub.getKey() + "'s description is not a sentence: " + description);
                assertTrue(help.contains(sub.getKey() + description), group.qualifiedName() + " --help cuts " +
                    sub.getKey() + "'s description: " + help);
            }
        }
    }

    @Test
    void everyOptionAndParameterIsDescribed()
    {
        final List<String> undescribed = new ArrayList<>();
        for (final CommandSpec spec : everyCommand())
        {
            spec.options().stream()
                .filter(option -> String.join("", option.description()).isBlank())
                .forEach(option -> undescribed.add(spec.qualifiedName() + " " + option.longestName()));
            spec.positionalParameters().stream()
                .filter(parameter -> String.join("", parameter.description()).isBlank())
                .forEach(parameter -> undescribed.add(spec.qualifiedName() + " " + parameter.paramLabel()));
        }
        assertEquals(List.of(), undescribed);
    }

    @Test
    void helpPointsOnlyInsideTheRepository()
    {
        for (final CommandSpec spec : everyCommand())
        {
            final String help = spec.commandLine().getUsageMessage();
            assertFalse(help.contains("shared/"), spec.qualifiedName() + ": " + help);
            assertFalse(help.contains("../"), spec.qualifiedName() + ": " + help);
        }
        assertFalse(gavel("config", "print").out().contains("shared/"));
    }

    @Test
    void usageLinesFitTheWidth()
    {
        for (final CommandSpec spec : everyCommand())
        {
            spec.commandLine().getUsageMessage().lines().forEach(line ->
                assertTrue(line.length() <= 120, spec.qualifiedName() + ": " + line));
        }
    }
}
