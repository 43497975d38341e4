package io.gavel.ops;

import io.gavel.sbe.Format;
import io.gavel.sbe.PaymentResult;
import io.gavel.sbe.RetractionPolicy;
import io.gavel.sbe.Role;
import io.gavel.sbe.TiePolicy;
import picocli.CommandLine;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Enum options typed the way people type them: any case, dashes for underscores, and an error that lists only the
 * values a user may give (never the codec's {@code NULL_VAL}, nor {@code ENGINE}, which only the engine itself holds).
 */
final class Choices<E extends Enum<E>> implements CommandLine.ITypeConverter<E>
{
    private final Set<E> allowed;

    private Choices(final Set<E> allowed)
    {
        this.allowed = allowed;
    }

    /** Registers the converters for every enum a {@code gavel} option takes. */
    static void register(final CommandLine commandLine)
    {
        commandLine.registerConverter(Role.class, new Choices<>(EnumSet.of(Role.BIDDER, Role.CLERK, Role.AUCTIONEER,
            Role.ADMIN, Role.SETTLEMENT)));
        commandLine.registerConverter(Format.class, new Choices<>(EnumSet.of(Format.LIVE, Format.TIMED)));
        commandLine.registerConverter(TiePolicy.class, new Choices<>(EnumSet.of(TiePolicy.EARLIEST_WINS,
            TiePolicy.REJECT_EQUAL)));
        commandLine.registerConverter(RetractionPolicy.class, new Choices<>(EnumSet.of(RetractionPolicy.NONE,
            RetractionPolicy.BEFORE_WINDOW)));
        commandLine.registerConverter(PaymentResult.class, new Choices<>(EnumSet.of(PaymentResult.PAID,
            PaymentResult.FAILED)));
    }

    public E convert(final String value)
    {
        final String wanted = value.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (final E choice : allowed)
        {
            if (choice.name().equals(wanted))
            {
                return choice;
            }
        }
        throw new CommandLine.TypeConversionException("'" + value + "' is not one of " + names() + " (any case)");
    }

    String names()
    {
        return allowed.stream().map(Enum::name).collect(Collectors.joining(", "));
    }
}
