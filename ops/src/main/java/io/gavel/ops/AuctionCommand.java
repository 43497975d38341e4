package io.gavel.ops;

import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelCommands;
import io.gavel.client.GavelListener;
import io.gavel.replay.text.Amounts;
import io.gavel.sbe.Format;
import io.gavel.sbe.PaymentResult;
import io.gavel.sbe.RetractionPolicy;
import io.gavel.sbe.TiePolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code gavel auction ...}: auction administration and lot control against a running engine.
 */
@Command(name = "auction", mixinStandardHelpOptions = true,
    description = "Creates auctions and lots and runs live lots on a running engine, as an authenticated session.",
    subcommands = {
        AuctionCommand.Create.class,
        AuctionCommand.AddLot.class,
        AuctionCommand.LotControl.OpenLot.class,
        AuctionCommand.LotControl.FairWarning.class,
        HammerCommand.class,
        AuctionCommand.LotControl.Reopen.class,
        AuctionCommand.LotControl.Withdraw.class,
        AuctionCommand.Payment.class,
        AuctionStatusCommand.class,
        AuctionCommand.AssignClerk.class
    })
final class AuctionCommand implements Runnable
{
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    public void run()
    {
        spec.commandLine().usage(System.out);
    }

    static long positive(final long value, final String option)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(option + " must be a positive id, not " + value);
        }
        return value;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates an auction.")
    static final class Create implements Callable<Integer>
    {
        @Mixin
        ClientOptions client;

        @Option(names = "--auction", required = true, paramLabel = "A", description = "The new auction's id")
        long auction;

        @Option(names = "--format", required = true, paramLabel = "LIVE|TIMED",
            description = "LIVE (an auctioneer calls each lot) or TIMED (lots end at a time), any case")
        Format format;

        @Option(names = "--currency", defaultValue = "USD", paramLabel = "CODE",
            description = "Currency of every amount in the auction, e.g. EUR (default USD)")
        String currency;

        @Option(names = "--premium", defaultValue = "0", paramLabel = "RATE",
            description = "Buyer's premium on the hammer price, as a percentage (20%) or a fraction (0.20); " +
                "0 to 100%, to a hundredth of a percent (default 0)")
        String premium;

        @Option(names = "--increments", paramLabel = "BANDS",
            description = "Bid increments as start:increment,... e.g. 0:5,100:10 (default: the table in " +
                "docs/RULES.md R1)")
        String increments;

        @Option(names = "--tie", defaultValue = "EARLIEST_WINS", paramLabel = "POLICY",
            description = "Equal maximums: EARLIEST_WINS (default) or REJECT_EQUAL, any case")
        TiePolicy tie;

        @Option(names = "--retraction", paramLabel = "POLICY",
            description = "Whether bidders may retract maximums: NONE or BEFORE_WINDOW (before the soft-close " +
                "window), any case; default: the format's")
        RetractionPolicy retraction;

        @Option(names = "--softclose", defaultValue = "120/120", paramLabel = "W/E|off",
            description = "TIMED: window/extension in seconds, or off (default 120/120)")
        String softClose;

        public Integer call()
        {
            positive(auction, "--auction");
            final int premiumBps = premiumBasisPoints(premium);
            final AuctionSettings settings = (format == Format.LIVE ? AuctionSettings.live() : AuctionSettings.timed())
                .currency(currency).premiumRateBps(premiumBps).tiePolicy(tie);
            if (retraction != null)
            {
                settings.retractionPolicy(retraction);
            }
            if (softClose.equals("off"))
            {
                settings.softCloseOff();
            }
            else
            {
                final String[] parts = softClose.split("/");
                if (parts.length != 2)
                {
                    throw new IllegalArgumentException("--softclose must be W/E in seconds or off, not " + softClose);
                }
                settings.softClose(seconds(parts[0]), seconds(parts[1]));
            }
            if (increments != null)
            {
                final String[] bands = increments.split(",");
                final long[] starts = new long[bands.length];
                final long[] steps = new long[bands.length];
                for (int i = 0; i < bands.length; i++)
                {
                    final String[] band = bands[i].split(":");
                    if (band.length != 2)
                    {
                        throw new IllegalArgumentException("--increments must be start:increment,..., not " +
                            increments);
                    }
                    starts[i] = Amounts.parseMoney(band[0], "--increments band start");
                    steps[i] = Amounts.parsePositiveMoney(band[1], "--increments increment");
                }
                settings.increments(starts, steps);
            }
            try (ClientOptions.Session session = client.connect(new GavelListener() {}))
            {
                session.expectAccepted(session.client.createAuction(auction, settings), "create auction " + auction);
            }
            System.out.println("auction " + auction + " created (" + format + ")");
            return GavelMain.EXIT_OK;
        }

        /** A rate as 20% or 0.20, in basis points (hundredths of a percent), the unit the engine keeps. */
        static int premiumBasisPoints(final String text)
        {
            final boolean percent = text.endsWith("%");
            final String number = percent ? text.substring(0, text.length() - 1).trim() : text;
            final BigDecimal rate;
            try
            {
                rate = new BigDecimal(number).movePointLeft(percent ? 2 : 0);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("--premium must be a percentage like 20% or a fraction like " +
                    "0.20, not '" + text + "'");
            }
            if (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0)
            {
                throw new IllegalArgumentException("--premium must be from 0 to 100% (0 to 1), not '" + text + "'");
            }
            if (rate.stripTrailingZeros().scale() > 4)
            {
                throw new IllegalArgumentException("--premium goes to a hundredth of a percent (e.g. 12.25% or " +
                    "0.1225), not '" + text + "'");
            }
            return rate.movePointRight(4).intValue();
        }

        private static long seconds(final String text)
        {
            try
            {
                return new BigDecimal(text).movePointRight(9).longValueExact();
            }
            catch (final NumberFormatException | ArithmeticException ex)
            {
                throw new IllegalArgumentException("'" + text + "' is not a number of seconds");
            }
        }
    }

    @Command(name = "add-lot", mixinStandardHelpOptions = true, description = "Adds a lot to an auction.")
    static final class AddLot implements Callable<Integer>
    {
        @Mixin
        ClientOptions client;

        @Option(names = "--auction", required = true, paramLabel = "A", description = "The auction id")
        long auction;

        @Option(names = "--lot", required = true, paramLabel = "L", description = "The lot id")
        long lot;

        @Option(names = "--start", required = true, paramLabel = "AMOUNT",
            description = "Starting price, e.g. 100 or 99.50, in the auction's currency")
        String start;

        @Option(names = "--reserve", paramLabel = "AMOUNT",
            description = "Lowest price the lot sells for (default: no reserve)")
        String reserve;

        @Option(names = "--buy-now", paramLabel = "AMOUNT",
            description = "TIMED only: the price at which a bidder may buy the lot outright (default: none)")
        String buyNow;

        @Option(names = "--ends-in", paramLabel = "SECONDS", description = "TIMED: the lot ends this many seconds " +
            "from now")
        Long endsIn;

        @Option(names = "--end", paramLabel = "INSTANT", description = "TIMED: the lot ends at this ISO-8601 instant")
        Instant end;

        public Integer call()
        {
            positive(auction, "--auction");
            positive(lot, "--lot");
            final long startCents = Amounts.parseMoney(start, "--start");
            final long reserveCents = reserve == null ? 0 : Amounts.parseMoney(reserve, "--reserve");
            final long buyNowCents = buyNow == null ? 0 : Amounts.parseMoney(buyNow, "--buy-now");
            long endTime = 0;
            if (endsIn != null && end != null)
            {
                throw new IllegalArgumentException("give --ends-in or --end, not both");
            }
            if (endsIn != null)
            {
                endTime = System.currentTimeMillis() * 1_000_000L + TimeUnit.SECONDS.toNanos(endsIn);
            }
            else if (end != null)
            {
                endTime = end.getEpochSecond() * 1_000_000_000L + end.getNano();
            }
            try (ClientOptions.Session session = client.connect(new GavelListener() {}))
            {
                session.expectAccepted(session.client.addLot(auction, lot, startCents, reserveCents, buyNowCents,
                    endTime), "add lot " + lot);
            }
            System.out.println("lot " + lot + " added to auction " + auction);
            return GavelMain.EXIT_OK;
        }
    }

    /** Commands that name one lot. */
    abstract static class LotControl implements Callable<Integer>
    {
        @Mixin
        ClientOptions client;

        @Option(names = "--auction", required = true, paramLabel = "A", description = "The auction id")
        long auction;

        @Option(names = "--lot", required = true, paramLabel = "L", description = "The lot id")
        long lot;

        abstract long send(GavelCommands client);

        abstract String what();

        public Integer call()
        {
            positive(auction, "--auction");
            positive(lot, "--lot");
            try (ClientOptions.Session session = client.connect(new GavelListener() {}))
            {
                session.expectAccepted(send(session.client), what() + " on lot " + lot);
            }
            System.out.println(what() + ": auction " + auction + " lot " + lot);
            return GavelMain.EXIT_OK;
        }

        @Command(name = "open-lot", mixinStandardHelpOptions = true, description = "Opens a LIVE lot.")
        static final class OpenLot extends LotControl
        {
            long send(final GavelCommands client)
            {
                return client.openLot(auction, lot);
            }

            String what()
            {
                return "opened";
            }
        }

        @Command(name = "fair-warning", mixinStandardHelpOptions = true, description = "Fair warning on a LIVE lot.")
        static final class FairWarning extends LotControl
        {
            long send(final GavelCommands client)
            {
                return client.fairWarning(auction, lot);
            }

            String what()
            {
                return "fair warning";
            }
        }

        @Command(name = "reopen", mixinStandardHelpOptions = true,
            description = "Reopens the lot closed last, before another lot opens.")
        static final class Reopen extends LotControl
        {
            long send(final GavelCommands client)
            {
                return client.reopen(auction, lot);
            }

            String what()
            {
                return "reopened";
            }
        }

        @Command(name = "withdraw-lot", mixinStandardHelpOptions = true, description = "Withdraws a lot (PASSED).")
        static final class Withdraw extends LotControl
        {
            long send(final GavelCommands client)
            {
                return client.withdrawLot(auction, lot);
            }

            String what()
            {
                return "withdrawn";
            }
        }
    }

    @Command(name = "payment", mixinStandardHelpOptions = true, description = "Reports a sale's payment result.")
    static final class Payment implements Callable<Integer>
    {
        @Mixin
        ClientOptions client;

        @Option(names = "--auction", required = true, paramLabel = "A", description = "The auction id")
        long auction;

        @Option(names = "--lot", required = true, paramLabel = "L", description = "The lot id")
        long lot;

        @Option(names = "--result", required = true, paramLabel = "PAID|FAILED",
            description = "PAID, or FAILED (the sale defaults), any case")
        PaymentResult result;

        public Integer call()
        {
            try (ClientOptions.Session session = client.connect(new GavelListener() {}))
            {
                session.expectAccepted(session.client.settlementResult(auction, lot, result), "payment " + result);
            }
            System.out.println("payment " + result + " recorded for auction " + auction + " lot " + lot);
            return GavelMain.EXIT_OK;
        }
    }

    @Command(name = "assign-clerk", mixinStandardHelpOptions = true,
        description = "Assigns a CLERK principal to run an auction's lots (or, with --unassign, takes it away).")
    static final class AssignClerk implements Callable<Integer>
    {
        @Mixin
        ClientOptions client;

        @Option(names = "--auction", required = true, paramLabel = "A", description = "The auction the clerk runs")
        long auction;

        @Option(names = "--clerk", required = true, paramLabel = "PRINCIPAL",
            description = "The CLERK's principal id (as in its session token)")
        long clerk;

        @Option(names = "--unassign", description = "Take the assignment away instead.")
        boolean unassign;

        public Integer call()
        {
            positive(auction, "--auction");
            positive(clerk, "--clerk");
            try (ClientOptions.Session session = client.connect(new GavelListener() {}))
            {
                session.expectAccepted(session.client.assignClerk(auction, clerk, !unassign),
                    (unassign ? "unassign" : "assign") + " clerk " + clerk);
            }
            System.out.println("clerk " + clerk + (unassign ? " unassigned from" : " assigned to") + " auction " +
                auction);
            return GavelMain.EXIT_OK;
        }
    }
}
