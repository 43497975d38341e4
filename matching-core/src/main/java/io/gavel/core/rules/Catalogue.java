package io.gavel.core.rules;

import io.gavel.sbe.Format;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.RetractionPolicy;
import io.gavel.sbe.TiePolicy;

import java.util.ArrayList;
import java.util.List;

/**
 * The sales and what is in them: creating and cancelling auctions, adding and withdrawing lots, registering and
 * suspending bidders. Callers (AuctionRules) have already checked who is asking and that the auction exists.
 */
final class Catalogue
{
    private final RulesContext ctx;
    private final TimedBidding timed;
    private final LiveLadder live;
    private final IdTable<Auction> auctionsById = new IdTable<>();
    private final List<Auction> auctions = new ArrayList<>();

    Catalogue(final RulesContext ctx, final TimedBidding timed, final LiveLadder live)
    {
        this.ctx = ctx;
        this.timed = timed;
        this.live = live;
    }

    Auction auction(final long auctionId)
    {
        return auctionsById.get(auctionId);
    }

    /** Auctions in the order they were created. */
    List<Auction> auctions()
    {
        return auctions;
    }

    void restore(final Auction auction)
    {
        auctionsById.add(auction);
        auctions.add(auction);
    }

    RejectReason createAuction(
        final long auctionId,
        final Format format,
        final String currency,
        final int premiumRateBps,
        final TiePolicy tiePolicy,
        final RetractionPolicy retractionPolicy,
        final SoftClosePolicy softClose,
        final IncrementTable increments)
    {
        if (auctionsById.get(auctionId) != null)
        {
            return RejectReason.AUCTION_EXISTS;
        }
        if (auctionId <= 0 || format == null || format == Format.NULL_VAL || increments == null ||
            premiumRateBps < 0 || premiumRateBps > Money.BPS_PER_UNIT || tiePolicy == null ||
            tiePolicy == TiePolicy.NULL_VAL || retractionPolicy == null || !softClose.isValid() ||
            currency == null || currency.length() != 3)
        {
            return RejectReason.INVALID_SETTINGS;
        }
        final RetractionPolicy retraction = retractionPolicy != RetractionPolicy.NULL_VAL ? retractionPolicy :
            format == Format.TIMED ? RetractionPolicy.BEFORE_WINDOW : RetractionPolicy.NONE;
        final Auction auction = new Auction(auctionId, format, currency, increments, premiumRateBps, tiePolicy,
            retraction, format == Format.TIMED ? softClose : SoftClosePolicy.OFF);
        auctionsById.add(auction);
        auctions.add(auction);
        ctx.sink.auctionCreated(auctionId, auction.nextEventSequence(), format, currency);
        return null;
    }

    RejectReason addLot(
        final Auction auction, final long lotId, final long startPrice, final long reserve, final long buyNowPrice,
        final long endTime)
    {
        if (auction.cancelled)
        {
            return RejectReason.AUCTION_CANCELLED;
        }
        if (auction.lot(lotId) != null)
        {
            return RejectReason.LOT_EXISTS;
        }
        final boolean timedSettingsValid = auction.isTimed() ?
            endTime > ctx.now && (buyNowPrice == 0 || buyNowPrice >= startPrice) : buyNowPrice == 0;
        if (lotId <= 0 || startPrice <= 0 || !Money.isAmount(startPrice) || !Money.isAmount(reserve) ||
            !Money.isAmount(buyNowPrice) || !timedSettingsValid || auction.lots.size() >= Money.MAX_LOTS_PER_AUCTION)
        {
            return RejectReason.INVALID_SETTINGS;
        }
        final Lot lot = new Lot(auction, ctx.books, lotId, startPrice, reserve, buyNowPrice,
            auction.isTimed() ? endTime : 0);
        auction.addLot(lot);
        if (auction.isTimed())
        {
            ctx.deadlines.add(lot);
        }
        ctx.sink.lotAdded(auction.id, auction.nextEventSequence(), lotId, startPrice, buyNowPrice, lot.end,
            reserve > 0);
        return null;
    }

    RejectReason withdrawLot(final Lot lot)
    {
        if (lot.isClosed())
        {
            return RejectReason.LOT_CLOSED;
        }
        withdraw(lot);
        return null;
    }

    RejectReason cancel(final Auction auction)
    {
        if (auction.cancelled)
        {
            return RejectReason.AUCTION_CANCELLED;
        }
        auction.cancelled = true;
        for (int i = 0; i < auction.lots.size(); i++)
        {
            final Lot lot = auction.lots.get(i);
            if (!lot.isClosed())
            {
                withdraw(lot);
            }
        }
        auction.lastClosedLot = null;
        return null;
    }

    RejectReason register(final Auction auction, final long bidderId, final long paddle, final long limit)
    {
        if (auction.bidder(bidderId) != null)
        {
            return RejectReason.ALREADY_REGISTERED;
        }
        if (bidderId <= 0 || paddle <= 0 || !Money.isAmount(limit))
        {
            return RejectReason.INVALID_SETTINGS;
        }
        if (auction.paddleInUse(paddle))
        {
            return RejectReason.PADDLE_IN_USE;
        }
        auction.addBidder(new Bidder(bidderId, paddle, limit));
        return null;
    }

    /** Suspends a bidder and removes their maximums on lots still open to them (R2, R3). */
    void suspend(final Auction auction, final Bidder bidder)
    {
        final long bidderId = bidder.id;
        auction.setStatus(bidder, BidderStatus.SUSPENDED);
        for (int i = 0; i < auction.lots.size(); i++)
        {
            final Lot lot = auction.lots.get(i);
            if (lot.isClosed() || lot.book.indexOf(bidderId) < 0)
            {
                continue;
            }
            if (auction.isTimed())
            {
                timed.removeMaximum(lot, bidderId);
            }
            else
            {
                live.removeCommission(lot, bidderId);
            }
        }
    }

    void withdraw(final Lot lot)
    {
        final Auction auction = lot.auction;
        ctx.deadlines.remove(lot);
        lot.withdraw();
        ctx.closed(lot);
        if (auction.currentLot == lot)
        {
            auction.currentLot = null;
        }
        if (auction.lastClosedLot == lot)
        {
            auction.lastClosedLot = null;
        }
    }
}
