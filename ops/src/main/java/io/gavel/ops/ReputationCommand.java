package io.gavel.ops;

import io.gavel.client.GavelListener;
import io.gavel.gateway.EngineConfig;
import io.gavel.reputation.Reputation;
import io.gavel.reputation.ReputationIndex;
import io.gavel.reputation.ReputationPolicy;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code gavel reputation DIR --bidder B | --top N [--signal S] | --apply -c FILE} (docs/REPUTATION.md).
 */
@Command(name = "reputation", mixinStandardHelpOptions = true,
    description = "Every bidder's reputation from the journal alone: facts, shill-bidding features, a score with " +
        "its explanation; the worst on a signal; or apply the configured policy through the engine.")
final class ReputationCommand implements Callable<Integer>
{
    @Parameters(paramLabel = "DIR", description = "The journal directory")
    Path dir;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    /** Exactly one of the three. */
    static final class What
    {
        @Option(names = "--bidder", paramLabel = "B", description = "One bidder's reputation")
        Long bidder;

        @Option(names = "--top", paramLabel = "N", description = "The N worst bidders on --signal")
        Integer top;

        @Option(names = "--apply", description = "Issue the configured policy's suspensions (with -c)")
        boolean apply;
    }

    @Option(names = "--signal", defaultValue = "shill", paramLabel = "SIGNAL",
        description = "--top orders by: shill (default), default (payment defaults) or retraction")
    String signal;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text (default) or json")
    String format;

    @Mixin
    ClientOptions client;

    public Integer call()
    {
        if (!format.equals("text") && !format.equals("json"))
        {
            throw new IllegalArgumentException("--format must be text or json, not '" + format + "'");
        }
        final ReputationIndex index = ReputationIndex.of(dir);
        if (what.bidder != null)
        {
            final Reputation r = index.bidder(what.bidder);
            if (r == null)
            {
                System.err.println("gavel: the journal in " + dir + " never mentions bidder " + what.bidder);
                return GavelMain.EXIT_FAILED;
            }
            print(List.of(r));
            return GavelMain.EXIT_OK;
        }
        if (what.top != null)
        {
            if (what.top <= 0)
            {
                throw new IllegalArgumentException("--top must be positive, not " + what.top);
            }
            print(index.top(what.top, signal()));
            return GavelMain.EXIT_OK;
        }
        return apply(index);
    }

    private ReputationIndex.Signal signal()
    {
        return switch (signal)
        {
            case "shill" -> ReputationIndex.Signal.shill;
            case "default", "defaults" -> ReputationIndex.Signal.defaults;
            case "retraction", "retractions" -> ReputationIndex.Signal.retraction;
            default -> throw new IllegalArgumentException("--signal must be shill, default or retraction, not '" +
                signal + "'");
        };
    }

    private void print(final List<Reputation> reputations)
    {
        if (format.equals("json"))
        {
            System.out.print("[");
            for (int i = 0; i < reputations.size(); i++)
            {
                System.out.print((i == 0 ? "\n" : ",\n") + ReputationIndex.json(reputations.get(i)));
            }
            System.out.println("\n]");
            return;
        }
        for (final Reputation r : reputations)
        {
            ReputationIndex.printText(r, System.out);
        }
    }

    private int apply(final ReputationIndex index)
    {
        final EngineConfig config = client.config();
        final ReputationPolicy policy = new ReputationPolicy(config.getInt("gavel.reputation.suspend.defaults"),
            Double.parseDouble(config.get("gavel.reputation.review.shill")));
        final List<ReputationPolicy.Action> actions = policy.actions(index);
        if (actions.isEmpty())
        {
            System.out.println("policy: nothing to do");
            return GavelMain.EXIT_OK;
        }
        try (ClientOptions.Session session = client.connect(new GavelListener() {}))
        {
            for (final ReputationPolicy.Action action : actions)
            {
                session.expectAccepted(session.client.suspendBidder(action.correlationId(), action.auctionId(),
                    action.bidderId(), action.reason()), "suspend bidder " + action.bidderId());
                System.out.println("suspended bidder " + action.bidderId() + " in auction " + action.auctionId() +
                    " (" + action.reason() + ": " + action.why() + ")");
            }
        }
        return GavelMain.EXIT_OK;
    }
}
