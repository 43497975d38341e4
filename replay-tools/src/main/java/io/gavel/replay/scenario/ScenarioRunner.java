package io.gavel.replay.scenario;

import io.gavel.protocol.CommandEncoder;
import io.gavel.core.EventBuffer;
import io.gavel.core.MatchingCore;
import io.gavel.core.rules.Auction;
import io.gavel.core.rules.Lot;
import io.gavel.replay.text.Amounts;
import io.gavel.replay.text.EventText;
import io.gavel.sbe.CommandAcceptedDecoder;
import io.gavel.sbe.CommandRejectedDecoder;
import io.gavel.sbe.LotState;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.Role;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs a scenario file through a fresh {@link MatchingCore}: no network, no wall clock. Each line is encoded as the
 * SBE command a client would send and applied at its engine time, exactly as the engine applies it. Prints every
 * event, then a REJECT line per rejected command, then a RESULT line per lot (docs/SCENARIOS.md).
 */
public final class ScenarioRunner
{
    /** The principal scenario commands run as: an administrator, so any line may act for any bidder. */
    public static final long SCENARIO_PRINCIPAL = 1;

    private ScenarioRunner()
    {
    }

    /** Runs {@code file}; returns the exit code (0 ran, 2 unreadable or syntax error with file:line: message). */
    public static int run(final Path file, final PrintStream out, final PrintStream err)
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final NoSuchFileException ex)
        {
            err.println(file + ": no such file");
            return 2;
        }
        catch (final IOException | java.io.UncheckedIOException ex)
        {
            err.println(file + ": cannot read: " + ex.getMessage());
            return 2;
        }
        final List<ScenarioStep> steps;
        try
        {
            steps = new ScenarioParser().parse(lines);
        }
        catch (final ScenarioSyntaxException ex)
        {
            err.println(file + ":" + ex.line() + ": " + ex.getMessage());
            return 2;
        }
        out.print(execute(steps));
        out.flush();
        return 0;
    }

    /** Applies checked steps to a fresh core; returns the whole output. */
    public static String execute(final List<ScenarioStep> steps)
    {
        final MatchingCore core = new MatchingCore();
        final CommandEncoder encoder = new CommandEncoder();
        final EventBuffer events = new EventBuffer();
        final EventText text = new EventText(0);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final CommandRejectedDecoder rejected = new CommandRejectedDecoder();
        final StringBuilder out = new StringBuilder();
        final List<String> rejects = new ArrayList<>();

        long sequence = 0;
        for (final ScenarioStep step : steps)
        {
            sequence++;
            step.encode(encoder, step.line());
            core.apply(sequence, step.timeNanos(), SCENARIO_PRINCIPAL, Role.ADMIN, encoder.buffer(), 0,
                encoder.length(), events);
            events.forEach((buffer, offset, length) ->
            {
                final int templateId = header.wrap(buffer, offset).templateId();
                if (templateId == CommandRejectedDecoder.TEMPLATE_ID)
                {
                    rejected.wrapAndApplyHeader(buffer, offset, header);
                    rejects.add("REJECT line=" + step.line() + " reason=" + rejected.reason());
                }
                else if (templateId != CommandAcceptedDecoder.TEMPLATE_ID)
                {
                    text.format(buffer, offset, out);
                    out.append('\n');
                }
            });
        }
        for (final String reject : rejects)
        {
            out.append(reject).append('\n');
        }
        final List<Auction> auctions = new ArrayList<>(core.rules().auctions());
        auctions.sort(Comparator.comparingLong(Auction::id));
        for (final Auction auction : auctions)
        {
            final List<Lot> lots = new ArrayList<>(auction.lots());
            lots.sort(Comparator.comparingLong(Lot::id));
            for (final Lot lot : lots)
            {
                result(out, auction, lot);
            }
        }
        return out.toString();
    }

    private static void result(final StringBuilder out, final Auction auction, final Lot lot)
    {
        out.append("RESULT auction=").append(auction.id()).append(" lot=").append(lot.id()).append(' ');
        if (lot.state() == LotState.SOLD)
        {
            out.append("SOLD bidder=").append(lot.winnerId()).append(" price=");
            Amounts.money(out, lot.salePrice());
        }
        else if (lot.state() == LotState.PASSED)
        {
            out.append("PASSED reason=").append(lot.passReason());
        }
        else
        {
            // A SCHEDULED LIVE lot shows its commission book's leader and R2 price: what opening would give.
            final boolean scheduled = lot.state() == LotState.SCHEDULED;
            final long leader = scheduled ? lot.commissionLeader() : lot.leaderId();
            out.append(lot.state()).append(" leader=");
            if (leader == 0)
            {
                out.append("none");
            }
            else
            {
                out.append(leader);
            }
            out.append(" price=");
            Amounts.money(out, scheduled ? lot.commissionPrice() : lot.displayPrice());
        }
        out.append('\n');
    }
}
