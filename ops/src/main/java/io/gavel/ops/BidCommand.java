package io.gavel.ops;

import io.gavel.client.GavelListener;
import io.gavel.client.Response;
import io.gavel.replay.text.Amounts;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code gavel bid}: one bid by hand, for rehearsals and support.
 */
@Command(name = "bid", mixinStandardHelpOptions = true,
    description = "Places one bid: --max AMOUNT (TIMED maximum, or a commission bid on a LIVE lot not yet open), " +
        "--amount AMOUNT (LIVE bid at the ask), --floor-paddle P with --amount (a clerk's floor bid), or " +
        "--buy-now. Connects as --principal/--role (default ADMIN); as a BIDDER, --bidder must be the " +
        "principal.")
final class BidCommand implements Callable<Integer>
{
    @Mixin
    ClientOptions client;

    @Option(names = "--auction", required = true, paramLabel = "A", description = "The auction id")
    long auction;

    @Option(names = "--lot", required = true, paramLabel = "L", description = "The lot id")
    long lot;

    @Option(names = "--bidder", paramLabel = "B", description = "The bidder (not for floor bids)")
    long bidder;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Kind kind;

    @Option(names = "--ask-version", paramLabel = "V", defaultValue = "0",
        description = "LIVE: the ask version the bid is for (0: not given)")
    int askVersion;

    /** Exactly one kind of bid. */
    static final class Kind
    {
        @Option(names = "--max", paramLabel = "AMOUNT",
            description = "A maximum (TIMED), or a commission bid on a LIVE lot not yet open; more than zero")
        String max;

        @Option(names = "--amount", paramLabel = "AMOUNT",
            description = "A LIVE bid at the current ask, e.g. 150 or 150.00; more than zero")
        String amount;

        @Option(names = "--buy-now", description = "Buys a TIMED lot at its buy-now price")
        boolean buyNow;
    }

    @Option(names = "--floor-paddle", paramLabel = "P", description = "A floor bid for this paddle (with --amount)")
    long floorPaddle;

    public Integer call()
    {
        AuctionCommand.positive(auction, "--auction");
        AuctionCommand.positive(lot, "--lot");
        if (floorPaddle == 0)
        {
            AuctionCommand.positive(bidder, "--bidder");
        }
        else if (kind.amount == null)
        {
            throw new IllegalArgumentException("a floor bid needs --amount");
        }
        // Input is checked before anything connects: a typo never reaches the engine.
        final long max = kind.max == null ? 0 : Amounts.parsePositiveMoney(kind.max, "--max");
        final long amount = kind.amount == null ? 0 : Amounts.parsePositiveMoney(kind.amount, "--amount");
        try (ClientOptions.Session session = client.connect(new GavelListener() {}))
        {
            final long id;
            final String what;
            if (kind.max != null)
            {
                id = session.client.maxBid(auction, lot, bidder, max);
                what = "maximum of " + Amounts.money(max);
            }
            else if (kind.buyNow)
            {
                id = session.client.buyNow(auction, lot, bidder);
                what = "buy-now";
            }
            else
            {
                id = floorPaddle != 0 ? session.client.floorBid(auction, lot, floorPaddle, amount, askVersion) :
                    session.client.liveBid(auction, lot, bidder, amount, askVersion);
                what = (floorPaddle != 0 ? "floor bid for paddle " + floorPaddle + " at " : "bid at ") +
                    Amounts.money(amount);
            }
            final Response response = session.expectAccepted(id, what);
            // A cluster says which member led: the answer counts only once a majority had the bid.
            final String where = session.aeron == null ? session.client.describe() + ", " : "";
            System.out.println(what + " accepted on auction " + auction + " lot " + lot + " (" + where +
                "engine sequence " + response.engineSequence() + ")");
        }
        return GavelMain.EXIT_OK;
    }
}
