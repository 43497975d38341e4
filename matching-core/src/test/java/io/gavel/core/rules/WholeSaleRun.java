package io.gavel.core.rules;

import io.gavel.sbe.Format;
import io.gavel.sbe.PaymentResult;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.RetractionPolicy;
import io.gavel.sbe.Role;
import io.gavel.sbe.TiePolicy;

import java.util.List;

/**
 * One whole sale driven through the engine ({@link AuctionRules}) and the reference model ({@link WholeSaleModel})
 * side by side: the same commands, then after each one the same outcome and the same public state of every lot and
 * bidder, or an AssertionError carrying the transcript so far.
 * <p>
 * A command is five small numbers ({@link Op}); they are read against the model's state when the command runs, so
 * that amounts land on the edges that matter: the minimum and ask and one cent either side, band boundaries, a
 * bidder's limit to the cent, the leader's maximum, the largest amount and one more.
 */
final class WholeSaleRun
{
    static final int AUCTIONS = 3;
    static final int LOTS = 3;
    static final int BIDDERS = 4;
    static final long CLERK = 901;
    private static final long[] DELAYS = {0, 0, 0, 1, 2, 5, 10, 30, 60};
    private static final long[] STARTS = {5, 99, 100, 2_500, 100_00, ModelSale.MAX_AMOUNT - 10};
    private static final long[] LIMITS = {0, 0, 150_00, 30_00, 1_000_00};
    private static final long[] INCREMENTS = {0, -1, 1, 5, 25, 100, 1_000, ModelSale.MAX_AMOUNT + 1};

    /** One command: what (kind), on which auction (x), lot and bidder (y), amount and version (z), who and when (w). */
    record Op(int kind, int x, int y, int z, int w)
    {
    }

    /** Per auction: format, premium, tie, retraction, soft close, caps, table and lot starts, from one number. */
    record Setup(List<Integer> auctions)
    {
    }

    private final MirrorSink mirror = new MirrorSink();
    private final AuctionRules rules = new AuctionRules(mirror);
    private final WholeSaleModel model = new WholeSaleModel();
    private final ModelBidding bidding = new ModelBidding(model);
    private final StringBuilder transcript = new StringBuilder();
    private long seq;
    private long now;

    void run(final Setup setup, final List<Op> ops)
    {
        mirror.observe(rules);
        for (int i = 0; i < setup.auctions().size(); i++)
        {
            createAuction(i + 1, setup.auctions().get(i));
        }
        for (final Op op : ops)
        {
            apply(op);
        }
    }

    private void createAuction(final long id, final int s)
    {
        // Each setting from its own digits of s; invalid settings (premium over 100 %, soft close without an
        // extension or with a negative window) come up about one auction in eight.
        final boolean live = s % 2 == 1;
        final int premium = new int[]{0, 1_500, 2_000, 10_000, 0, 1_500, 2_000, 10_001}[s / 2 % 8];
        final boolean rejectEqual = s / 16 % 2 == 1;
        final int retraction = s / 32 % 3;
        final int soft = s / 96 % 8;
        final int cap = s / 768 % 4 - 1;
        final long total = new long[]{-1, 0, 5, 30}[s / 3_072 % 4];
        final boolean coarse = s / 12_288 % 2 == 1;
        final long[] starts = coarse ? new long[]{0, 1_000} : new long[]{0, 100, 500, 2_500, 10_000};
        final long[] incs = coarse ? new long[]{100, 500} : new long[]{5, 25, 50, 100, 250};
        final boolean softOn = soft > 0;
        final long window = soft == 7 ? -1 : new long[]{0, 10, 0, 10, 30, 5, 10, 10}[soft];
        final long extension = soft == 6 ? 0 : new long[]{0, 20, 5, 5, 10, 60, 0, 20}[soft];
        command("create-auction " + id + " s=" + s, Role.ADMIN, 1);
        final RetractionPolicy policy = new RetractionPolicy[]{RetractionPolicy.NULL_VAL, RetractionPolicy.NONE,
            RetractionPolicy.BEFORE_WINDOW}[retraction];
        final RejectReason engine = rules.createAuction(id, live ? Format.LIVE : Format.TIMED, "USD", premium,
            rejectEqual ? TiePolicy.REJECT_EQUAL : TiePolicy.EARLIEST_WINS, policy,
            softOn ? new SoftClosePolicy(true, window, extension, cap, total) : SoftClosePolicy.OFF,
            IncrementTable.of(starts, incs, starts.length));
        final boolean beforeWindow = retraction == 2 || (retraction == 0 && !live);
        final String expected = model.createAuction(new ModelSale.Auction(id, live, premium, rejectEqual, beforeWindow,
            softOn, window, extension, cap, total, starts, incs), true, !softOn || (window >= 0 && extension > 0));
        check(engine, expected);
        for (long lot = 1; lot <= LOTS; lot++)
        {
            final long start = STARTS[(int)((s + lot * 7) % STARTS.length)];
            final long reserve = lot == 2 ? start + 3 * incs[incs.length - 1] : 0;
            final long buyNow = !live && lot == 3 ? start * 4 : 0;
            addLot(id, lot, start, reserve, buyNow, 100 + 150 * lot + s % 17);
        }
        for (long bidder = 1; bidder <= BIDDERS; bidder++)
        {
            register(id, bidder, 10 + bidder, LIMITS[(int)((s + bidder) % LIMITS.length)]);
            if (bidder < BIDDERS)
            {
                command("approve " + id + " " + bidder, Role.ADMIN, 1);
                check(rules.approveBidder(id, bidder), model.approve(id, bidder, false));
            }
        }
        command("assign-clerk " + id, Role.ADMIN, 1);
        check(rules.assignClerk(id, CLERK, id == 1), model.assignClerk(id, CLERK, id == 1));
    }

    private void addLot(final long auction, final long lot, final long start, final long reserve, final long buyNow,
        final long end)
    {
        command("add-lot " + auction + "/" + lot + " start=" + start + " reserve=" + reserve + " buy-now=" + buyNow +
            " end=" + end, Role.ADMIN, 1);
        check(rules.addLot(auction, lot, start, reserve, buyNow, end),
            model.addLot(auction, lot, start, reserve, buyNow, end));
    }

    private void register(final long auction, final long bidder, final long paddle, final long limit)
    {
        command("register " + auction + " bidder=" + bidder + " paddle=" + paddle + " limit=" + limit, Role.ADMIN, 1);
        check(rules.registerBidder(auction, bidder, paddle, limit), model.register(auction, bidder, paddle, limit));
    }

    private void apply(final Op op)
    {
        now += DELAYS[op.w() / 100 % DELAYS.length];
        final long auctionId = op.x() % 17 == 16 ? 99 : 1 + op.x() % Math.max(1, model.auctions.size());
        final ModelSale.Auction chosen = model.auctions.get(auctionId);
        final int kind = steer(chosen, op.kind() % 21, op.y());
        // Most lot commands go where the sale is: the LIVE lot running, or a SCHEDULED one to open.
        final long lotId = op.y() % 4 == 0 || chosen == null ? 1 + op.y() % (LOTS + 1) :
            kind == 16 ? soldLot(chosen) : chosen.live ? liveTarget(chosen, kind) : 1 + op.y() % (LOTS + 1);
        final long bidderId = new long[]{1, 2, 3, 1, 2, 3, 4, 5}[op.y() / 10 % 8];
        final int r = op.w() % 100;
        final Role role = r < 70 ? Role.ADMIN : r < 80 ? Role.BIDDER : r < 88 ? Role.CLERK : r < 94 ? Role.AUCTIONEER :
            r < 97 ? Role.SETTLEMENT : Role.ENGINE;
        final long principal = role == Role.BIDDER ? (r % 5 == 0 ? bidderId + 1 : bidderId) :
            role == Role.CLERK ? (r % 4 == 0 ? CLERK + 1 : CLERK) : 1;
        final ModelSale.Auction auction = model.auctions.get(auctionId);
        final ModelSale.Lot lot = auction == null ? null : auction.lots.get(lotId);
        final int z = op.z();
        switch (kind)
        {
            case 0, 1, 2, 3 ->
            {
                final long max = amount(lot, bidderId, minimumFor(lot), z);
                command("max-bid " + auctionId + "/" + lotId + " bidder=" + bidderId + " max=" + max, role, principal);
                check(rules.maxBid(auctionId, lotId, bidderId, max), bidding.maxBid(auctionId, lotId, bidderId, max));
            }
            case 4, 5, 6 ->
            {
                final long amount = amount(lot, bidderId, lot == null ? 100 : lot.ask, z);
                final int version = version(lot, z);
                command("bid " + auctionId + "/" + lotId + " bidder=" + bidderId + " amount=" + amount + " v=" +
                    version, role, principal);
                check(rules.liveBid(auctionId, lotId, bidderId, amount, version),
                    bidding.bidAtAsk(auctionId, lotId, bidderId, 0, amount, version));
            }
            case 7 ->
            {
                final long paddle = 10 + bidderId;
                final long amount = amount(lot, bidderId, lot == null ? 100 : lot.ask, z);
                final int version = version(lot, z);
                command("floor-bid " + auctionId + "/" + lotId + " paddle=" + paddle + " amount=" + amount + " v=" +
                    version, role, principal);
                check(rules.floorBid(auctionId, lotId, paddle, amount, version),
                    bidding.bidAtAsk(auctionId, lotId, 0, paddle, amount, version));
            }
            case 8 ->
            {
                command("buy-now " + auctionId + "/" + lotId + " bidder=" + bidderId, role, principal);
                check(rules.buyNow(auctionId, lotId, bidderId), bidding.buyNow(auctionId, lotId, bidderId));
            }
            case 9 ->
            {
                command("retract " + auctionId + "/" + lotId + " bidder=" + bidderId, role, principal);
                check(rules.retract(auctionId, lotId, bidderId, new byte[0], 0),
                    bidding.retract(auctionId, lotId, bidderId));
            }
            case 10 ->
            {
                command("open-lot " + auctionId + "/" + lotId, role, principal);
                check(rules.openLot(auctionId, lotId), bidding.open(auctionId, lotId));
            }
            case 11 ->
            {
                command("fair-warning " + auctionId + "/" + lotId, role, principal);
                check(rules.fairWarning(auctionId, lotId), bidding.fairWarning(auctionId, lotId));
            }
            case 12 ->
            {
                command("hammer " + auctionId + "/" + lotId, role, principal);
                check(rules.hammer(auctionId, lotId), bidding.hammer(auctionId, lotId));
            }
            case 13 ->
            {
                command("reopen " + auctionId + "/" + lotId, role, principal);
                check(rules.reopen(auctionId, lotId), bidding.reopen(auctionId, lotId));
            }
            case 14 ->
            {
                final long increment = INCREMENTS[z % INCREMENTS.length];
                command("set-increment " + auctionId + "/" + lotId + " increment=" + increment, role, principal);
                check(rules.setIncrement(auctionId, lotId, increment),
                    bidding.setIncrement(auctionId, lotId, increment));
            }
            case 15 ->
            {
                final long ask = amount(lot, bidderId, lot == null ? 100 : lot.ask, z);
                command("jump-ask " + auctionId + "/" + lotId + " ask=" + ask, role, principal);
                check(rules.jumpAsk(auctionId, lotId, ask), bidding.jumpAsk(auctionId, lotId, ask));
            }
            case 16 ->
            {
                final boolean paid = z % 3 == 0;
                command("payment " + auctionId + "/" + lotId + (paid ? " PAID" : " FAILED"), role, principal);
                check(rules.settlementResult(auctionId, lotId, paid ? PaymentResult.PAID : PaymentResult.FAILED),
                    bidding.payment(auctionId, lotId, paid));
            }
            case 17 ->
            {
                command("tick", role, principal);
                check(rules.tick(), model.tick());
            }
            case 18 ->
            {
                final boolean suspend = z % 2 == 0;
                command((suspend ? "suspend " : "approve ") + auctionId + " bidder=" + bidderId, role, principal);
                check(suspend ? rules.suspendBidder(auctionId, bidderId) : rules.approveBidder(auctionId, bidderId),
                    model.approve(auctionId, bidderId, suspend));
            }
            case 19 -> setUpCommand(auctionId, lotId, bidderId, z, role, principal);
            default ->
            {
                final long clerk = z % 5 == 0 ? 0 : CLERK + z % 2;
                final boolean assign = z % 3 != 0;
                command("assign-clerk " + auctionId + " clerk=" + clerk + " assign=" + assign, role, principal);
                check(rules.assignClerk(auctionId, clerk, assign), model.assignClerk(auctionId, clerk, assign));
            }
        }
    }

    /** The rarer set-up commands: another lot or registration (often reusing an id), withdraw, cancel. */
    private void setUpCommand(final long auctionId, final long lotId, final long bidderId, final int z,
        final Role role, final long principal)
    {
        switch (z % 8)
        {
            case 0, 1, 2 -> addLot(auctionId, lotId + z % 3, STARTS[z % STARTS.length], z % 5 == 0 ? -1 : 0,
                z % 7 == 0 ? 1 : 0, now + z % 50 - 5);
            case 3, 4 -> register(auctionId, bidderId + z % 2, 10 + bidderId + z % 3, LIMITS[z % LIMITS.length]);
            case 5, 6 ->
            {
                command("withdraw-lot " + auctionId + "/" + lotId, role, principal);
                check(rules.withdrawLot(auctionId, lotId), model.withdrawLot(auctionId, lotId));
            }
            default ->
            {
                command("cancel-auction " + auctionId, role, principal);
                check(rules.cancelAuction(auctionId), model.cancelAuction(auctionId));
            }
        }
    }

    /**
     * Three times in four a command fits the auction: a LIVE-only command on a TIMED auction becomes a maximum,
     * buy-now or retraction, and a ladder command on a LIVE auction with no lot running opens one. The fourth keeps
     * the misfit, so WRONG_FORMAT and LOT_NOT_OPEN stay covered.
     */
    private static int steer(final ModelSale.Auction auction, final int kind, final int y)
    {
        if (auction == null || y % 4 == 0)
        {
            return kind;
        }
        final boolean ladder = kind >= 4 && kind <= 7 || kind >= 11 && kind <= 15;
        if (!auction.live && (ladder || kind == 10))
        {
            return new int[]{0, 1, 8, 9}[y / 4 % 4];
        }
        if (auction.live && ladder && kind != 13 && auction.current == null)
        {
            return 10;
        }
        return kind;
    }

    /** A payment goes to a lot sold and not yet reported, if there is one. */
    private static long soldLot(final ModelSale.Auction auction)
    {
        for (final ModelSale.Lot lot : auction.lots.values())
        {
            if (lot.state.equals("SOLD") && !lot.saleReported)
            {
                return lot.id;
            }
        }
        return 1;
    }

    private static long liveTarget(final ModelSale.Auction auction, final int kind)
    {
        if (kind == 10 || auction.current == null)
        {
            for (final ModelSale.Lot lot : auction.lots.values())
            {
                if (lot.state.equals("SCHEDULED") || (kind == 13 && lot == auction.lastClosed))
                {
                    return lot.id;
                }
            }
            return auction.lastClosed != null ? auction.lastClosed.id : 1;
        }
        return auction.current.id;
    }

    private static long minimumFor(final ModelSale.Lot lot)
    {
        if (lot == null)
        {
            return 100;
        }
        final boolean empty = lot.book.isEmpty();
        final long price = lot.auction.live ? lot.bookPrice : lot.price;
        return empty ? lot.start : price + lot.auction.inc(price);
    }

    /** An amount at one of the edges that matter, around {@code base}. */
    private long amount(final ModelSale.Lot lot, final long bidderId, final long base, final int z)
    {
        final ModelSale.Auction a = lot == null ? null : lot.auction;
        switch (z % 20)
        {
            case 0, 14, 15, 16, 17, 18, 19: return base;
            case 1: return base - 1;
            case 2: return base + 1;
            case 3: return a == null ? base : base + a.inc(base);
            case 4: return a == null ? base : base + 7 * a.inc(base);
            case 5: return a == null ? base : nextBandStart(a, base);
            case 6: return a == null ? base : nextBandStart(a, base) - 1;
            case 7: return limitEdge(lot, bidderId, 0);
            case 8: return limitEdge(lot, bidderId, 1);
            case 9: return lot == null || lot.book.isEmpty() ? base : lot.ranked().get(0).amount();
            case 10: return ModelSale.MAX_AMOUNT;
            case 11: return ModelSale.MAX_AMOUNT + 1;
            case 12: return base * 2;
            default: return base + 3;
        }
    }

    private static long nextBandStart(final ModelSale.Auction a, final long amount)
    {
        for (final long start : a.bandStarts)
        {
            if (start > amount)
            {
                return start;
            }
        }
        return amount + 1;
    }

    /** The largest amount whose premium-inclusive value fits the bidder's limit beside their other exposure. */
    private static long limitEdge(final ModelSale.Lot lot, final long bidderId, final long plus)
    {
        final ModelSale.Bidder bidder = lot == null ? null : lot.auction.bidders.get(bidderId);
        if (bidder == null || bidder.limit == 0)
        {
            return 150_00 + plus;
        }
        long room = bidder.limit;
        for (final ModelSale.Lot other : lot.auction.lots.values())
        {
            if (other != lot)
            {
                room -= WholeSaleModel.exposureOf(other, bidderId);
            }
        }
        long amount = Math.max(0, room * 10_000 / (10_000 + lot.auction.premiumBps));
        while (lot.auction.withPremium(amount + 1) <= room)
        {
            amount++;
        }
        while (amount > 0 && lot.auction.withPremium(amount) > room)
        {
            amount--;
        }
        return amount + plus;
    }

    private static int version(final ModelSale.Lot lot, final int z)
    {
        final int current = lot == null ? 1 : lot.askVersion;
        return switch (z / 20 % 6)
        {
            case 0, 1 -> current;
            case 2 -> 0;
            case 3 -> current - 1;
            case 4 -> current + 1;
            default -> -1;
        };
    }

    private void command(final String text, final Role role, final long principal)
    {
        seq++;
        transcript.append(String.format("%4d t=%-4d %-10s %-4d %s", seq, now, role, principal, text));
        rules.begin(seq, now, principal, role);
        model.begin(seq, now, principal, role.name());
    }

    private void check(final RejectReason engine, final String expected)
    {
        final String actual = engine == null ? null : engine.name();
        transcript.append(" -> ").append(actual == null ? "accepted" : actual).append('\n');
        if (!java.util.Objects.equals(actual, expected))
        {
            throw new AssertionError("outcome: engine " + actual + ", model " + expected + "\n" + transcript);
        }
        final String engineState = WholeSaleState.of(rules);
        final String modelState = WholeSaleState.of(model);
        if (!engineState.equals(modelState))
        {
            throw new AssertionError("state after the last command differs\nengine:\n" + engineState + "model:\n" +
                modelState + "\n" + transcript);
        }
        final String published = mirror.differences();
        if (!published.isEmpty())
        {
            throw new AssertionError("the events do not tell the state:\n" + published + "\n" + transcript);
        }
    }
}
