package io.gavel.core.workload;

import io.gavel.protocol.CommandEncoder;
import io.gavel.core.rules.Auction;
import io.gavel.core.rules.AuctionRules;
import io.gavel.core.rules.Lot;
import io.gavel.sbe.FairWarningEncoder;
import io.gavel.sbe.Format;
import io.gavel.sbe.HammerEncoder;
import io.gavel.sbe.LotState;
import io.gavel.sbe.OpenLotEncoder;
import io.gavel.sbe.PaymentResult;
import io.gavel.sbe.RetractionPolicy;
import io.gavel.sbe.TiePolicy;

import java.util.SplittableRandom;

/**
 * A seeded generator of realistic auction workloads, shared by tests and benchmarks (exchange-core's habit): first
 * the set-up (auctions, lots, registrations, approvals), then a steady mix of timed maximums, live bids at the ask,
 * floor bids, retractions, lot control, payments, suspensions, ticks and repeated correlation ids.
 * <p>
 * The same seed and configuration always produce the same commands, so two cores fed by two generators must agree
 * byte for byte. Steady-state generation allocates nothing. Optionally it reads the asks of a core (read-only) so
 * that live bids are at the ask, as a real bidder's would be.
 */
public final class WorkloadGenerator
{
    /** What to generate. Every fourth auction is LIVE unless {@code liveEvery} says otherwise (0 = none). */
    public static final class Config
    {
        public int auctions = 4;
        public int lotsPerAuction = 25;
        public int biddersPerAuction = 50;
        public int liveEvery = 4;
        /** TIMED lots end between these many seconds after the start; large values keep them open. */
        public long timedLotSeconds = 60;
        /** Mean gap between commands, in engine nanos. */
        public long meanGapNanos = 50_000;
        /** The steady mix: only bids, for throughput measurements. */
        public boolean bidsOnly;
        /**
         * With {@code bidsOnly}: of every 1,000 commands, how many run a LIVE auction instead of bidding (open the
         * next lot, fair warning, set the increment, hammer), so LIVE lots open and close among the bids.
         */
        public int liveControlPerMille;
        /** How many distinct bidders bid on any one lot (a lot attracts its own crowd); 0 = anyone. */
        public int crowdPerLot = 16;

        public Config auctions(final int auctions, final int lotsPerAuction, final int biddersPerAuction)
        {
            this.auctions = auctions;
            this.lotsPerAuction = lotsPerAuction;
            this.biddersPerAuction = biddersPerAuction;
            return this;
        }
    }

    public static final long START_TIME = 1_000_000_000L;

    private final Config config;
    private final SplittableRandom random;
    private final long[] timedHighWater;
    private AuctionRules observed;
    private long time = START_TIME;
    private long correlationId;
    private long setupStep;
    private final long setupSteps;
    private final int[] liveLotOpen;
    private final int[] lastHammered;
    private long lastCorrelationId;
    private int lastTemplateAuction;

    public WorkloadGenerator(final long seed, final Config config)
    {
        this.config = config;
        this.random = new SplittableRandom(seed);
        this.timedHighWater = new long[config.auctions * config.lotsPerAuction];
        this.liveLotOpen = new int[config.auctions];
        this.lastHammered = new int[config.auctions];
        // Per auction: create, lots, registrations and approvals.
        setupSteps = (long)config.auctions * (1 + config.lotsPerAuction + 2L * config.biddersPerAuction);
    }

    /** Lets live bids read the current ask from a core; read-only. */
    public WorkloadGenerator observe(final AuctionRules rules)
    {
        this.observed = rules;
        return this;
    }

    public boolean inSetup()
    {
        return setupStep < setupSteps;
    }

    /** Engine time of the command generated last. */
    public long time()
    {
        return time;
    }

    /** Encodes the next command into {@code encoder}; returns its engine time. */
    public long next(final CommandEncoder encoder)
    {
        if (setupStep < setupSteps)
        {
            setup(encoder, setupStep++);
            return time;
        }
        time += 1 + random.nextLong(2 * config.meanGapNanos);
        if (config.bidsOnly)
        {
            if (config.liveControlPerMille > 0 && random.nextInt(1_000) < config.liveControlPerMille)
            {
                liveControl(encoder);
            }
            else
            {
                bid(encoder);
            }
            return time;
        }
        final int dice = random.nextInt(100);
        if (dice < 82)
        {
            bid(encoder);
        }
        else if (dice < 84)
        {
            final int auction = 1 + random.nextInt(config.auctions);
            encoder.retract(++correlationId, auction, 1 + random.nextInt(config.lotsPerAuction), bidder(), "CHANGE");
        }
        else if (dice < 89)
        {
            liveControl(encoder);
        }
        else if (dice < 91)
        {
            encoder.settlementResult(++correlationId, 1 + random.nextInt(config.auctions),
                1 + random.nextInt(config.lotsPerAuction), random.nextInt(3) == 0 ? PaymentResult.FAILED :
                PaymentResult.PAID);
        }
        else if (dice < 92)
        {
            final int auction = 1 + random.nextInt(config.auctions);
            if (random.nextBoolean())
            {
                encoder.suspendBidder(++correlationId, auction, bidder());
            }
            else
            {
                encoder.approveBidder(++correlationId, auction, bidder());
            }
        }
        else if (dice < 96)
        {
            encoder.tick(0);
        }
        else if (dice < 97 && lastCorrelationId != 0)
        {
            // A client retrying: the same correlation id as an earlier command.
            encoder.maxBid(lastCorrelationId, lastTemplateAuction, 1, 1, 1);
        }
        else
        {
            encoder.jumpAsk(++correlationId, 1 + random.nextInt(config.auctions),
                1 + random.nextInt(config.lotsPerAuction), 1 + random.nextInt(100_000));
        }
        return time;
    }

    private boolean isLive(final int auction)
    {
        return config.liveEvery > 0 && auction % config.liveEvery == 0;
    }

    private long bidder()
    {
        return 1 + random.nextInt(config.biddersPerAuction);
    }

    private long crowdBidder(final int auction, final int lot)
    {
        if (config.crowdPerLot <= 0 || config.crowdPerLot >= config.biddersPerAuction)
        {
            return bidder();
        }
        final long first = ((long)lot * 7_919 + auction * 104_729L) % config.biddersPerAuction;
        return 1 + (first + random.nextInt(config.crowdPerLot)) % config.biddersPerAuction;
    }

    private void setup(final CommandEncoder encoder, final long step)
    {
        final long perAuction = 1 + config.lotsPerAuction + 2L * config.biddersPerAuction;
        final int auction = (int)(step / perAuction) + 1;
        final long index = step % perAuction;
        if (index == 0)
        {
            final Format format = isLive(auction) ? Format.LIVE : Format.TIMED;
            encoder.createAuction(++correlationId, auction, format, "USD", 1_500,
                auction % 3 == 0 ? TiePolicy.REJECT_EQUAL : TiePolicy.EARLIEST_WINS, RetractionPolicy.NULL_VAL,
                format == Format.TIMED, 5_000_000_000L, 5_000_000_000L, auction % 2 == 0 ? 3 : -1, -1,
                new long[0], new long[0], 0);
        }
        else if (index <= config.lotsPerAuction)
        {
            final long lot = index;
            final long start = 100 * (1 + random.nextInt(50));
            final long reserve = random.nextInt(4) == 0 ? start * 3 : 0;
            if (isLive(auction))
            {
                encoder.addLot(++correlationId, auction, lot, start, reserve, 0, 0);
            }
            else
            {
                final long end = START_TIME + (config.timedLotSeconds * 1_000_000_000L) / 2 +
                    random.nextLong(config.timedLotSeconds * 1_000_000_000L);
                encoder.addLot(++correlationId, auction, lot, start, reserve,
                    random.nextInt(5) == 0 ? start * 10 : 0, end);
            }
        }
        else
        {
            final long k = index - config.lotsPerAuction - 1;
            final long bidderId = k / 2 + 1;
            if (k % 2 == 0)
            {
                encoder.registerBidder(++correlationId, auction, bidderId, bidderId,
                    random.nextInt(10) == 0 ? 50_000 : 0);
            }
            else if (random.nextInt(20) != 0)
            {
                encoder.approveBidder(++correlationId, auction, bidderId);
            }
            else
            {
                encoder.tick(0);
            }
        }
    }

    private void bid(final CommandEncoder encoder)
    {
        final int auction = 1 + random.nextInt(config.auctions);
        final int lot = 1 + random.nextInt(config.lotsPerAuction);
        final long bidder = crowdBidder(auction, lot);
        lastCorrelationId = ++correlationId;
        lastTemplateAuction = auction;
        final int openLot = liveLotOpen[auction - 1];
        if (!isLive(auction) || openLot == 0)
        {
            // A TIMED maximum, or before a LIVE lot opens a commission bid: both climb as R2 asks (a new maximum at
            // least the minimum acceptable bid), with an occasional one below it.
            final int index = (auction - 1) * config.lotsPerAuction + (lot - 1);
            final long step = 5 + random.nextInt(400);
            final long amount = timedHighWater[index] + (random.nextInt(8) == 0 ? -step : step);
            timedHighWater[index] = Math.max(timedHighWater[index], amount);
            encoder.maxBid(correlationId, auction, lot, bidder, Math.max(100, amount));
            return;
        }
        long ask = 100;
        int version = 0;
        if (observed != null)
        {
            final Auction observedAuction = observed.auction(auction);
            final Lot observedLot = observedAuction == null ? null : observedAuction.lot(openLot);
            if (observedLot != null)
            {
                ask = observedLot.ask();
                version = random.nextInt(10) == 0 ? observedLot.askVersion() - 1 : observedLot.askVersion();
            }
        }
        if (random.nextInt(10) == 0)
        {
            encoder.floorBid(correlationId, auction, openLot, bidder, ask, 0);
        }
        else
        {
            encoder.liveBid(correlationId, auction, openLot, bidder, ask, Math.max(version, 0));
        }
    }

    private void liveControl(final CommandEncoder encoder)
    {
        if (config.liveEvery <= 0 || config.auctions < config.liveEvery)
        {
            encoder.tick(0);
            return;
        }
        final int auction = config.liveEvery * (1 + random.nextInt(config.auctions / config.liveEvery));
        final int openLot = liveLotOpen[auction - 1];
        final int dice = random.nextInt(10);
        if (openLot == 0)
        {
            final int next = nextLiveLot(auction);
            if (next == 0)
            {
                encoder.tick(0);
                return;
            }
            liveLotOpen[auction - 1] = next;
            encoder.lotCommand(OpenLotEncoder.TEMPLATE_ID, ++correlationId, auction, next);
        }
        else if (dice < 3)
        {
            encoder.lotCommand(FairWarningEncoder.TEMPLATE_ID, ++correlationId, auction, openLot);
        }
        else if (dice < 5)
        {
            encoder.setIncrement(++correlationId, auction, openLot, 100 * (1 + random.nextInt(5)));
        }
        else
        {
            encoder.lotCommand(HammerEncoder.TEMPLATE_ID, ++correlationId, auction, openLot);
            liveLotOpen[auction - 1] = 0;
            lastHammered[auction - 1] = openLot;
        }
    }

    private int nextLiveLot(final int auction)
    {
        final int last = lastHammered[auction - 1];
        return last >= config.lotsPerAuction ? 0 : last + 1;
    }

    /** Whether a core's lot is still open to bids: for tests that want to know. */
    public static boolean isOpen(final Lot lot)
    {
        return lot.state() == LotState.OPEN || lot.state() == LotState.GOING;
    }
}
