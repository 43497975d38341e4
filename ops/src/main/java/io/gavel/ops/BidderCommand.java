package io.gavel.ops;

import io.gavel.client.GavelClient;
import io.gavel.client.GavelListener;
import io.gavel.replay.text.Amounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code gavel bidder register|approve|suspend}.
 */
@Command(name = "bidder", mixinStandardHelpOptions = true, description = "Registers, approves and suspends bidders.",
    subcommands = {BidderCommand.Register.class, BidderCommand.Approve.class, BidderCommand.Suspend.class})
final class BidderCommand implements Runnable
{
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    public void run()
    {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "register", mixinStandardHelpOptions = true,
        description = "Registers a bidder with a paddle (PENDING until approved).")
    static final class Register implements Callable<Integer>
    {
        @Mixin
        ClientOptions client;

        @Option(names = "--auction", required = true, paramLabel = "A", description = "The auction id")
        long auction;

        @Option(names = "--bidder", required = true, paramLabel = "B", description = "The bidder id")
        long bidder;

        @Option(names = "--paddle", required = true, paramLabel = "P",
            description = "The paddle number the bidder is known by in the room")
        long paddle;

        @Option(names = "--limit", paramLabel = "AMOUNT",
            description = "Highest amount the bidder may bid (default: no limit)")
        String limit;

        @Option(names = "--payment-method", paramLabel = "PM",
            description = "The payment provider's reference to the bidder's payment method (pm_...), charged when " +
                "they win; never a card number (up to 48 printable ASCII characters)")
        String paymentMethod;

        public Integer call()
        {
            AuctionCommand.positive(auction, "--auction");
            AuctionCommand.positive(bidder, "--bidder");
            AuctionCommand.positive(paddle, "--paddle");
            final long limitCents = limit == null ? 0 : Amounts.parseMoney(limit, "--limit");
            final String method = paymentMethod == null ? "" : checkedText(paymentMethod, "--payment-method", 48);
            try (ClientOptions.Session session = client.connect(new GavelListener() {}))
            {
                session.expectAccepted(session.client.registerBidder(auction, bidder, paddle, limitCents, method),
                    "register bidder " + bidder);
            }
            System.out.println("bidder " + bidder + " registered in auction " + auction + " with paddle " + paddle);
            return GavelMain.EXIT_OK;
        }
    }

    /** Approve and suspend take the same options. */
    abstract static class StatusChange implements Callable<Integer>
    {
        @Mixin
        ClientOptions client;

        @Option(names = "--auction", required = true, paramLabel = "A", description = "The auction id")
        long auction;

        @Option(names = "--bidder", required = true, paramLabel = "B", description = "The bidder id")
        long bidder;

        @Option(names = "--reason", paramLabel = "WORD",
            description = "suspend: one word the journal keeps, e.g. DEFAULTS (up to 16 printable ASCII characters)")
        String reason;

        abstract boolean approve();

        public Integer call()
        {
            AuctionCommand.positive(auction, "--auction");
            AuctionCommand.positive(bidder, "--bidder");
            final String what = approve() ? "approve" : "suspend";
            try (ClientOptions.Session session = client.connect(new GavelListener() {}))
            {
                final long id = approve() ? session.client.approveBidder(auction, bidder) :
                    session.client.suspendBidder(GavelClient.nextCorrelationId(), auction, bidder,
                        reason == null ? "" : checkedText(reason, "--reason", 16));
                session.expectAccepted(id, what + " bidder " + bidder);
            }
            System.out.println("bidder " + bidder + (approve() ? " approved" : " suspended") + " in auction " +
                auction);
            return GavelMain.EXIT_OK;
        }
    }

    /** Printable ASCII without spaces, at most {@code max} characters: a precise error otherwise. */
    static String checkedText(final String value, final String option, final int max)
    {
        if (value.isEmpty() || value.length() > max || !value.chars().allMatch(c -> c > 0x20 && c <= 0x7E))
        {
            throw new IllegalArgumentException(option + " must be 1 to " + max +
                " printable ASCII characters without spaces, not '" + value + "'");
        }
        return value;
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approves a registered bidder.")
    static final class Approve extends StatusChange
    {
        boolean approve()
        {
            return true;
        }
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true,
        description = "Suspends a bidder: their maximums on open lots are removed.")
    static final class Suspend extends StatusChange
    {
        boolean approve()
        {
            return false;
        }
    }
}
