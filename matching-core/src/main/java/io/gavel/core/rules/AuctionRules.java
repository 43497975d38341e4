package io.gavel.core.rules;

import io.gavel.sbe.BidSource;
import io.gavel.sbe.Format;
import io.gavel.sbe.LotState;
import io.gavel.sbe.PaymentResult;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.RetractionPolicy;
import io.gavel.sbe.Role;
import io.gavel.sbe.TiePolicy;

import java.util.List;

/**
 * The auction rules of RULES.md as one deterministic state machine over plain values. Each command method returns
 * null when the command is accepted, or the first failing reason in the order of R6: authorization, unknown auction,
 * unknown lot, wrong format, registration, approval, lot state, retraction policy, amount rules, limit.
 * <p>
 * Call {@link #begin} before each command: it sets the command's sequence, time and caller, and first fires every
 * deadline at or before that time (R4). Single-threaded; no clock, no randomness, no hash-order iteration.
 */
public final class AuctionRules
{
    private final RulesContext ctx;
    private final TimedBidding timed;
    private final LiveLadder live;
    private final Settlement settlement;
    private final Catalogue catalogue;

    public AuctionRules(final EventSink sink)
    {
        ctx = new RulesContext(sink);
        timed = new TimedBidding(ctx);
        live = new LiveLadder(ctx);
        settlement = new Settlement(ctx);
        catalogue = new Catalogue(ctx, timed, live);
    }

    public void eventSink(final EventSink sink)
    {
        ctx.sink = sink;
    }

    /** Starts a command: stamps its sequence, time and caller, then closes every TIMED lot whose end has passed. */
    public void begin(final long sequence, final long now, final long principal, final Role role)
    {
        ctx.sequence = sequence;
        ctx.now = now;
        ctx.principal = principal;
        if (ctx.role != role)
        {
            // A reference store costs G1's post-write barrier (a StoreLoad fence): only a changed role is stored.
            ctx.role = role;
        }
        final DeadlineQueue deadlines = ctx.deadlines;
        while (deadlines.size() > 0 && deadlines.nextDeadline() <= now)
        {
            final Lot lot = deadlines.peek();
            deadlines.remove(lot);
            timed.close(lot);
        }
    }

    /** The earliest TIMED lot end still pending, or {@link Long#MAX_VALUE}. */
    public long nextDeadline()
    {
        return ctx.deadlines.nextDeadline();
    }

    public Auction auction(final long auctionId)
    {
        return catalogue.auction(auctionId);
    }

    /** Auctions in the order they were created. */
    public List<Auction> auctions()
    {
        return catalogue.auctions();
    }

    /** Snapshot restore: adds an auction rebuilt from a snapshot. */
    void restoreAuction(final Auction auction)
    {
        catalogue.restore(auction);
    }

    /** Snapshot restore: a TIMED lot still open goes back on the deadline queue. */
    void restoreDeadline(final Lot lot)
    {
        ctx.deadlines.add(lot);
    }

    /** The arena every lot's proxy book and ladder live in (snapshot restore). */
    BookArena bookArena()
    {
        return ctx.books;
    }

    /**
     * Sizes the arena of the proxy books and LIVE ladders now for {@code entries} more entries (24 bytes each;
     * blocks are powers of two, and a block given back waits in the arena for the next book of its size), so books
     * grow without the arena growing: for a process that knows its sale's size, or a test that must see no
     * allocation at all while books grow. Not state: snapshots and hashes ignore it.
     */
    public void reserveBookEntries(final int entries)
    {
        ctx.books.reserve(entries);
    }

    /** The books' and ladders' arena, in bytes on the heap (it grows by whole pages and never shrinks). */
    public long bookArenaBytes()
    {
        return 8L * ctx.books.capacity();
    }

    /** Whether the command the caller just applied was authorized as an administrator's. */
    public boolean callerMayAdminister()
    {
        return Authorization.ADMINISTER.allows(ctx.role, ctx.principal, 0);
    }

    public RejectReason createAuction(
        final long auctionId,
        final Format format,
        final String currency,
        final int premiumRateBps,
        final TiePolicy tiePolicy,
        final RetractionPolicy retractionPolicy,
        final SoftClosePolicy softClose,
        final IncrementTable increments)
    {
        if (!Authorization.ADMINISTER.allows(ctx.role, ctx.principal, 0))
        {
            return RejectReason.NOT_AUTHORIZED;
        }
        return catalogue.createAuction(auctionId, format, currency, premiumRateBps, tiePolicy, retractionPolicy,
            softClose, increments);
    }

    public RejectReason addLot(
        final long auctionId, final long lotId, final long startPrice, final long reserve, final long buyNowPrice,
        final long endTime)
    {
        final Auction auction = auctionFor(Authorization.ADMINISTER, auctionId, 0);
        return auction == null ? pendingReason :
            catalogue.addLot(auction, lotId, startPrice, reserve, buyNowPrice, endTime);
    }

    public RejectReason withdrawLot(final long auctionId, final long lotId)
    {
        final Lot lot = lotFor(Authorization.ADMINISTER, auctionId, lotId, 0, null);
        return lot == null ? pendingReason : catalogue.withdrawLot(lot);
    }

    public RejectReason cancelAuction(final long auctionId)
    {
        final Auction auction = auctionFor(Authorization.ADMINISTER, auctionId, 0);
        return auction == null ? pendingReason : catalogue.cancel(auction);
    }

    public RejectReason registerBidder(final long auctionId, final long bidderId, final long paddle, final long limit)
    {
        final Auction auction = auctionFor(Authorization.ADMINISTER, auctionId, 0);
        return auction == null ? pendingReason : catalogue.register(auction, bidderId, paddle, limit);
    }

    public RejectReason approveBidder(final long auctionId, final long bidderId)
    {
        final Bidder bidder = bidderToAdminister(auctionId, bidderId);
        if (bidder == null)
        {
            return pendingReason;
        }
        catalogue.auction(auctionId).setStatus(bidder, BidderStatus.APPROVED);
        return null;
    }

    /** Suspends a bidder and removes their maximums on lots still open to them (R2, R3). */
    public RejectReason suspendBidder(final long auctionId, final long bidderId)
    {
        final Bidder bidder = bidderToAdminister(auctionId, bidderId);
        if (bidder == null)
        {
            return pendingReason;
        }
        catalogue.suspend(catalogue.auction(auctionId), bidder);
        return null;
    }

    /** A TIMED maximum, or a commission bid on a LIVE lot that has not opened (R2). */
    public RejectReason maxBid(final long auctionId, final long lotId, final long bidderId, final long maximum)
    {
        final Auction auction = auctionFor(Authorization.BID, auctionId, bidderId);
        final Lot lot = auction == null ? null : lotIn(auction, lotId, null);
        if (lot == null)
        {
            return pendingReason;
        }
        final ActingBidder bidder = actingBidder(auction, bidderId);
        if (bidder == null)
        {
            return pendingReason;
        }
        return auction.isTimed() ? timed.maxBid(lot, bidder, maximum) : live.commissionBid(lot, bidder, maximum);
    }

    /** A LIVE internet bid at the ask the bidder saw; {@code askVersion} 0 means not given (R3). */
    public RejectReason liveBid(
        final long auctionId, final long lotId, final long bidderId, final long amount, final int askVersion)
    {
        final Auction auction = auctionFor(Authorization.BID, auctionId, bidderId);
        final Lot lot = auction == null ? null : lotIn(auction, lotId, Format.LIVE);
        if (lot == null)
        {
            return pendingReason;
        }
        final Bidder bidder = eligibleBidder(auction, bidderId);
        if (bidder == null)
        {
            return pendingReason;
        }
        return live.bidAtAsk(lot, bidder, amount, askVersion, BidSource.INTERNET);
    }

    /** A LIVE floor bid entered by the clerk for a registered paddle (R3). */
    public RejectReason floorBid(
        final long auctionId, final long lotId, final long paddle, final long amount, final int askVersion)
    {
        final Lot lot = lotFor(Authorization.FLOOR_BID, auctionId, lotId, 0, Format.LIVE);
        if (lot == null)
        {
            return pendingReason;
        }
        final Bidder byPaddle = lot.auction.bidderByPaddle(paddle);
        if (byPaddle == null)
        {
            return RejectReason.NOT_REGISTERED;
        }
        final Bidder bidder = eligibleBidder(lot.auction, byPaddle.id);
        if (bidder == null)
        {
            return pendingReason;
        }
        return live.bidAtAsk(lot, bidder, amount, askVersion, BidSource.FLOOR);
    }

    public RejectReason buyNow(final long auctionId, final long lotId, final long bidderId)
    {
        final Auction auction = auctionFor(Authorization.BID, auctionId, bidderId);
        final Lot lot = auction == null ? null : lotIn(auction, lotId, null);
        if (lot == null)
        {
            return pendingReason;
        }
        if (!lot.auction.isTimed())
        {
            return RejectReason.BUY_NOW_UNAVAILABLE;
        }
        final Bidder bidder = eligibleBidder(auction, bidderId);
        if (bidder == null)
        {
            return pendingReason;
        }
        return timed.buyNow(lot, bidder);
    }

    /** Withdraws a maximum (R5); {@code reason} holds {@code reasonLength} ASCII bytes. */
    public RejectReason retract(
        final long auctionId, final long lotId, final long bidderId, final byte[] reason, final int reasonLength)
    {
        final Auction auction = auctionFor(Authorization.BID, auctionId, bidderId);
        final Lot lot = auction == null ? null : lotIn(auction, lotId, null);
        if (lot == null)
        {
            return pendingReason;
        }
        final Bidder bidder = eligibleBidder(auction, bidderId);
        if (bidder == null)
        {
            return pendingReason;
        }
        return lot.auction.isTimed() ?
            timed.retract(lot, bidder, reason, reasonLength) : live.retractCommission(lot, bidder);
    }

    public RejectReason openLot(final long auctionId, final long lotId)
    {
        final Lot lot = lotFor(Authorization.RUN_LOT, auctionId, lotId, 0, Format.LIVE);
        return lot == null ? pendingReason : live.open(lot);
    }

    public RejectReason fairWarning(final long auctionId, final long lotId)
    {
        final Lot lot = lotFor(Authorization.RUN_LOT, auctionId, lotId, 0, Format.LIVE);
        return lot == null ? pendingReason : live.fairWarning(lot);
    }

    public RejectReason hammer(final long auctionId, final long lotId)
    {
        final Lot lot = lotFor(Authorization.RUN_LOT, auctionId, lotId, 0, Format.LIVE);
        return lot == null ? pendingReason : live.hammer(lot);
    }

    public RejectReason reopen(final long auctionId, final long lotId)
    {
        final Lot lot = lotFor(Authorization.RUN_LOT, auctionId, lotId, 0, Format.LIVE);
        return lot == null ? pendingReason : live.reopen(lot);
    }

    public RejectReason setIncrement(final long auctionId, final long lotId, final long increment)
    {
        final Lot lot = lotFor(Authorization.RUN_LOT, auctionId, lotId, 0, Format.LIVE);
        return lot == null ? pendingReason : live.setIncrement(lot, increment);
    }

    public RejectReason jumpAsk(final long auctionId, final long lotId, final long ask)
    {
        final Lot lot = lotFor(Authorization.RUN_LOT, auctionId, lotId, 0, Format.LIVE);
        return lot == null ? pendingReason : live.jumpAsk(lot, ask);
    }

    /**
     * Assigns a CLERK principal to this auction, or takes the assignment away (ARCHITECTURE.md §6): a clerk runs
     * lots and enters floor bids only in the auctions it is assigned to. Idempotent: assigning twice is accepted.
     */
    public RejectReason assignClerk(final long auctionId, final long clerkId, final boolean assign)
    {
        final Auction auction = auctionFor(Authorization.ADMINISTER, auctionId, 0);
        if (auction == null)
        {
            return pendingReason;
        }
        if (clerkId <= 0)
        {
            return RejectReason.INVALID_SETTINGS;
        }
        auction.assignClerk(clerkId, assign);
        return null;
    }

    public RejectReason settlementResult(final long auctionId, final long lotId, final PaymentResult result)
    {
        final Lot lot = lotFor(Authorization.SETTLE, auctionId, lotId, 0, null);
        if (lot == null)
        {
            return pendingReason;
        }
        if (result != PaymentResult.PAID && result != PaymentResult.FAILED)
        {
            return RejectReason.MALFORMED;
        }
        return settlement.report(lot, result);
    }

    /** Only advances time: {@link #begin} already fired what was due. */
    public RejectReason tick()
    {
        return Authorization.TICK.allows(ctx.role, ctx.principal, 0) ? null : RejectReason.NOT_AUTHORIZED;
    }

    /** Answers with one private LotStatus per lot, in the order the lots were added. */
    public RejectReason auctionStatus(final long correlationId, final long auctionId)
    {
        final Auction auction = auctionFor(Authorization.QUERY, auctionId, 0);
        if (auction == null)
        {
            return pendingReason;
        }
        for (int i = 0; i < auction.lots.size(); i++)
        {
            final Lot lot = auction.lots.get(i);
            final long ask = auction.isTimed() ? (lot.isClosed() ? 0 : lot.minimumBid()) : lot.ask;
            final long leader = lot.state == LotState.SOLD ? lot.winnerId : lot.leaderId;
            final long price = lot.state == LotState.SOLD ? lot.salePrice : lot.displayPrice();
            // A leader is always registered (and bidders are never removed), so a lookup only misses with no leader.
            final Bidder leaderBidder = leader == Lot.NONE ? null : auction.bidder(leader);
            final long paddle = leaderBidder == null ? EventSink.NO_PADDLE : leaderBidder.paddle;
            ctx.sink.lotStatus(correlationId, auctionId, auction.eventSequence, lot.id, lot.state, leader, price, ask,
                lot.askVersion, lot.reserveMet(), lot.end, paddle);
        }
        return null;
    }

    /** Answers with one private BidderStatus: the bidder's limit and exposure as R5 counts them. */
    public RejectReason bidderStatus(final long correlationId, final long auctionId, final long bidderId)
    {
        final Auction auction = auctionFor(Authorization.BIDDER_QUERY, auctionId, bidderId);
        if (auction == null)
        {
            return pendingReason;
        }
        final Bidder bidder = auction.bidder(bidderId);
        if (bidder == null)
        {
            return RejectReason.NOT_REGISTERED;
        }
        ctx.sink.bidderStatus(correlationId, auctionId, bidder.id, bidder.paddle, bidder.limit, bidder.exposure,
            bidder.status == BidderStatus.APPROVED, bidder.status == BidderStatus.SUSPENDED, bidder.strikes);
        return null;
    }

    // The lookups below report their failure through pendingReason so the hot path returns no wrapper objects.
    private RejectReason pendingReason;

    /**
     * The first two checks of R6 for any command: the caller may do it (a CLERK only in an auction it is assigned
     * to), and the auction exists.
     */
    private Auction auctionFor(final Authorization permission, final long auctionId, final long bidderId)
    {
        if (!permission.allows(ctx.role, ctx.principal, bidderId))
        {
            pendingReason = RejectReason.NOT_AUTHORIZED;
            return null;
        }
        final Auction auction = catalogue.auction(auctionId);
        if (ctx.role == Role.CLERK && (permission == Authorization.RUN_LOT || permission == Authorization.FLOOR_BID ||
            permission == Authorization.BIDDER_QUERY) &&
            (auction == null || !auction.clerkAssigned(ctx.principal)))
        {
            // A clerk runs only the auctions it is assigned to; an unknown auction is not one of them.
            pendingReason = RejectReason.NOT_AUTHORIZED;
            return null;
        }
        if (auction == null)
        {
            pendingReason = RejectReason.UNKNOWN_AUCTION;
        }
        return auction;
    }

    private Lot lotFor(
        final Authorization permission, final long auctionId, final long lotId, final long bidderId,
        final Format requiredFormat)
    {
        final Auction auction = auctionFor(permission, auctionId, bidderId);
        return auction == null ? null : lotIn(auction, lotId, requiredFormat);
    }

    /**
     * The lot of an auction already found, checked for the format. The bids take the auction from their own lookup,
     * not from the lot: the bidder's lookup then need not wait for the lot's cache miss, and nothing is stored to pass
     * it along (a reference stored into an old object costs G1's post-write barrier, a StoreLoad fence).
     */
    private Lot lotIn(final Auction auction, final long lotId, final Format requiredFormat)
    {
        final Lot lot = auction.lot(lotId);
        if (lot == null)
        {
            pendingReason = RejectReason.UNKNOWN_LOT;
            return null;
        }
        if (requiredFormat != null && auction.format != requiredFormat)
        {
            pendingReason = RejectReason.WRONG_FORMAT;
            return null;
        }
        return lot;
    }

    private Bidder eligibleBidder(final Auction auction, final long bidderId)
    {
        final int position = eligiblePosition(auction, bidderId);
        return position == BidderTable.ABSENT ? null : auction.bidderTable().bidderAt(position);
    }

    /** As {@link #eligibleBidder}, from the bidder's lookup slot alone: the bidder's object is not read. */
    private ActingBidder actingBidder(final Auction auction, final long bidderId)
    {
        final int position = eligiblePosition(auction, bidderId);
        if (position == BidderTable.ABSENT)
        {
            return null;
        }
        final BidderTable table = auction.bidderTable();
        final ActingBidder acting = ctx.acting;
        acting.id = bidderId;
        acting.position = position;
        acting.paddle = table.paddleAt(position);
        acting.limited = table.limitedAt(position);
        return acting;
    }

    /** The registered, approved bidder's position in the auction's table, or ABSENT with the reason pending. */
    private int eligiblePosition(final Auction auction, final long bidderId)
    {
        final BidderTable table = auction.bidderTable();
        final int position = table.find(bidderId);
        if (position == BidderTable.ABSENT)
        {
            pendingReason = RejectReason.NOT_REGISTERED;
            return BidderTable.ABSENT;
        }
        if (!table.approvedAt(position))
        {
            pendingReason = RejectReason.NOT_APPROVED;
            return BidderTable.ABSENT;
        }
        return position;
    }

    private Bidder bidderToAdminister(final long auctionId, final long bidderId)
    {
        final Auction auction = auctionFor(Authorization.ADMINISTER, auctionId, 0);
        if (auction == null)
        {
            return null;
        }
        final Bidder bidder = auction.bidder(bidderId);
        if (bidder == null)
        {
            pendingReason = RejectReason.NOT_REGISTERED;
        }
        return bidder;
    }


}
