package io.gavel.core.rules;

import io.gavel.core.rules.ModelSale.Auction;
import io.gavel.core.rules.ModelSale.Bidder;
import io.gavel.core.rules.ModelSale.Entry;
import io.gavel.core.rules.ModelSale.Lot;

import java.util.List;

/**
 * The bidding half of the reference model: R2 maximums, R3's ladder and lot control, R5 retraction and limits, R7
 * settlement. Plain code over {@link WholeSaleModel}'s data; each method returns null or the reason's name.
 */
final class ModelBidding
{
    private final WholeSaleModel m;

    ModelBidding(final WholeSaleModel model)
    {
        this.m = model;
    }

    private Bidder bidder(final long auctionId, final long bidderId)
    {
        return m.auctions.get(auctionId).bidders.get(bidderId);
    }

    String maxBid(final long auctionId, final long lotId, final long bidderId, final long max)
    {
        String reason = m.lookup(bidsFor(bidderId), auctionId, lotId, null);
        if (reason != null)
        {
            return reason;
        }
        final Lot lot = m.found;
        final Bidder bidder = bidder(auctionId, bidderId);
        reason = WholeSaleModel.eligibility(bidder);
        if (reason != null)
        {
            return reason;
        }
        if (lot.auction.live && lot.closed() || !lot.auction.live && !lot.state.equals("OPEN"))
        {
            return "LOT_CLOSED";
        }
        if (lot.auction.live && !lot.state.equals("SCHEDULED"))
        {
            return "COMMISSION_CLOSED";
        }
        if (max > ModelSale.MAX_AMOUNT)
        {
            return "AMOUNT_TOO_LARGE";
        }
        final List<Entry> ranked = lot.ranked();
        final boolean leads = !ranked.isEmpty() && ranked.get(0).bidder() == bidderId;
        if (leads && max <= ranked.get(0).amount())
        {
            return "CANNOT_LOWER_MAX";
        }
        final long current = lot.auction.live ? lot.bookPrice : lot.price;
        final long minimum = ranked.isEmpty() ? lot.start : current + lot.auction.inc(current);
        if (max < minimum)
        {
            return "BELOW_MINIMUM";
        }
        if (lot.auction.rejectEqual && !ranked.isEmpty() && !leads && max == ranked.get(0).amount())
        {
            return "EQUAL_MAX_REJECTED";
        }
        if (WholeSaleModel.overLimit(bidder, lot, max))
        {
            return "OVER_LIMIT";
        }
        final boolean wasEmpty = lot.book.isEmpty();
        lot.book.remove(lot.entryOf(bidderId));
        lot.book.add(new Entry(bidderId, max, m.seq));
        final List<Entry> after = lot.ranked();
        final long resolved = lot.resolve(after);
        if (lot.auction.live)
        {
            lot.bookPrice = wasEmpty ? resolved : Math.max(lot.bookPrice, resolved);
            return null;
        }
        final long oldLeader = lot.leader;
        final long oldPrice = lot.price;
        lot.leader = after.get(0).bidder();
        lot.price = wasEmpty ? resolved : Math.max(lot.price, resolved);
        if (lot.leader != oldLeader || lot.price != oldPrice)
        {
            softClose(lot);
        }
        return null;
    }

    /** R4: a price- or leader-changing bid in the window moves the end to max(end, now + E), within the caps. */
    private void softClose(final Lot lot)
    {
        final Auction a = lot.auction;
        if (!a.softClose || m.now < lot.end - a.window)
        {
            return;
        }
        if (a.maxExtensions >= 0 && lot.extensions >= a.maxExtensions)
        {
            return;
        }
        long end = Math.max(lot.end, m.now + a.extension);
        if (a.maxTotal >= 0)
        {
            end = Math.min(end, lot.originalEnd + a.maxTotal);
        }
        if (end > lot.end)
        {
            lot.end = end;
            lot.extensions++;
        }
    }

    private boolean bidsFor(final long bidder)
    {
        return m.role.equals("ADMIN") || (m.role.equals("BIDDER") && m.principal == bidder);
    }

    String buyNow(final long auctionId, final long lotId, final long bidderId)
    {
        String reason = m.lookup(bidsFor(bidderId), auctionId, lotId, null);
        if (reason != null)
        {
            return reason;
        }
        final Lot lot = m.found;
        if (lot.auction.live)
        {
            return "BUY_NOW_UNAVAILABLE";
        }
        final Bidder bidder = bidder(auctionId, bidderId);
        reason = WholeSaleModel.eligibility(bidder);
        if (reason != null)
        {
            return reason;
        }
        if (!lot.state.equals("OPEN"))
        {
            return "LOT_CLOSED";
        }
        final boolean allowed = lot.book.isEmpty() || (lot.reserve > 0 && !lot.reserveMet());
        if (lot.buyNow == 0 || !allowed)
        {
            return "BUY_NOW_UNAVAILABLE";
        }
        if (WholeSaleModel.overLimit(bidder, lot, lot.buyNow))
        {
            return "OVER_LIMIT";
        }
        lot.leader = bidderId;
        lot.price = lot.buyNow;
        lot.state = "SOLD";
        lot.winner = bidderId;
        lot.salePrice = lot.buyNow;
        lot.saleNumber++;
        lot.saleReported = false;
        return null;
    }

    String retract(final long auctionId, final long lotId, final long bidderId)
    {
        String reason = m.lookup(bidsFor(bidderId), auctionId, lotId, null);
        if (reason != null)
        {
            return reason;
        }
        final Lot lot = m.found;
        reason = WholeSaleModel.eligibility(bidder(auctionId, bidderId));
        if (reason != null)
        {
            return reason;
        }
        final Auction a = lot.auction;
        if (a.live ? lot.closed() : !lot.state.equals("OPEN"))
        {
            return "LOT_CLOSED";
        }
        final boolean allowed = a.retractionBeforeWindow &&
            (a.live ? lot.state.equals("SCHEDULED") : !(a.softClose && m.now >= lot.end - a.window));
        if (!allowed)
        {
            return "RETRACTION_NOT_ALLOWED";
        }
        if (lot.entryOf(bidderId) == null)
        {
            return "NO_MAXIMUM";
        }
        lot.book.remove(lot.entryOf(bidderId));
        if (a.live)
        {
            lot.bookPrice = lot.book.isEmpty() ? 0 : lot.replay();
        }
        else
        {
            lot.leader = lot.book.isEmpty() ? 0 : lot.ranked().get(0).bidder();
            lot.price = lot.book.isEmpty() ? 0 : lot.replay();
        }
        return null;
    }

    // ---- R3 ----

    String open(final long auctionId, final long lotId)
    {
        final String reason = m.lotControlLookup(auctionId, lotId);
        if (reason != null)
        {
            return reason;
        }
        final Lot lot = m.found;
        if (lot.closed())
        {
            return "LOT_CLOSED";
        }
        if (!lot.state.equals("SCHEDULED"))
        {
            return "LOT_ALREADY_OPEN";
        }
        if (lot.auction.current != null)
        {
            return "ANOTHER_LOT_OPEN";
        }
        lot.state = "OPEN";
        lot.auction.current = lot;
        lot.auction.lastClosed = null;
        lot.askVersion = 1;
        final List<Entry> ranked = lot.ranked();
        if (ranked.isEmpty())
        {
            lot.ask = lot.start;
        }
        else
        {
            lot.leader = ranked.get(0).bidder();
            lot.price = lot.bookPrice;
            lot.ask = lot.nextAsk(lot.price);
            lot.ladder.add(new Entry(lot.leader, lot.price, ranked.get(0).seq()));
            for (int i = 1; i < ranked.size(); i++)
            {
                lot.ladder.add(ranked.get(i));
            }
        }
        place(lot);
        return null;
    }

    /** An internet bid ({@code paddle} 0) or a floor bid for a paddle. */
    String bidAtAsk(final long auctionId, final long lotId, final long bidderId, final long paddle, final long amount,
        final int version)
    {
        final boolean floor = paddle != 0;
        String reason = floor ? m.lotControlLookup(auctionId, lotId) :
            m.lookup(bidsFor(bidderId), auctionId, lotId, true);
        if (reason != null)
        {
            return reason;
        }
        final Lot lot = m.found;
        final Bidder bidder = floor ? lot.auction.byPaddle(paddle) : bidder(auctionId, bidderId);
        reason = WholeSaleModel.eligibility(bidder);
        if (reason != null)
        {
            return reason;
        }
        reason = running(lot);
        if (reason != null)
        {
            return reason;
        }
        if (lot.leader == bidder.id)
        {
            return "ALREADY_LEADING";
        }
        if (amount > ModelSale.MAX_AMOUNT)
        {
            return "AMOUNT_TOO_LARGE";
        }
        if ((version != 0 && version != lot.askVersion) || amount < lot.ask)
        {
            return "ASK_MOVED";
        }
        if (amount > lot.ask)
        {
            return "NOT_AT_ASK";
        }
        if (WholeSaleModel.overLimit(bidder, lot, amount))
        {
            return "OVER_LIMIT";
        }
        accept(lot, bidder.id, amount);
        place(lot);
        return null;
    }

    private static String running(final Lot lot)
    {
        if (lot.closed())
        {
            return "LOT_CLOSED";
        }
        return lot.running() ? null : "LOT_NOT_OPEN";
    }

    private void accept(final Lot lot, final long bidder, final long amount)
    {
        lot.leader = bidder;
        lot.price = amount;
        lot.state = "OPEN";
        lot.ladder.add(new Entry(bidder, amount, m.seq));
        lot.ask = lot.nextAsk(amount);
        lot.askVersion++;
    }

    /** R3: while the best commission maximum of anyone but the holder covers the ask, that bidder takes it. */
    private void place(final Lot lot)
    {
        while (true)
        {
            Entry next = null;
            for (final Entry entry : lot.ranked())
            {
                final Bidder b = lot.auction.bidders.get(entry.bidder());
                if (entry.amount() >= lot.ask && entry.bidder() != lot.leader && b.status.equals("APPROVED"))
                {
                    next = entry;
                    break;
                }
            }
            if (next == null)
            {
                return;
            }
            accept(lot, next.bidder(), lot.ask);
        }
    }

    String fairWarning(final long auctionId, final long lotId)
    {
        String reason = m.lotControlLookup(auctionId, lotId);
        if (reason == null)
        {
            reason = running(m.found);
        }
        if (reason == null)
        {
            m.found.state = "GOING";
        }
        return reason;
    }

    String hammer(final long auctionId, final long lotId)
    {
        String reason = m.lotControlLookup(auctionId, lotId);
        if (reason == null)
        {
            reason = running(m.found);
        }
        if (reason != null)
        {
            return reason;
        }
        final Lot lot = m.found;
        if (lot.leader == 0)
        {
            lot.state = "PASSED";
            lot.passReason = "NO_BIDS";
        }
        else if (lot.price < lot.reserve)
        {
            lot.state = "PASSED";
            lot.passReason = "RESERVE_NOT_MET";
        }
        else
        {
            lot.state = "SOLD";
            lot.winner = lot.leader;
            lot.salePrice = lot.price;
            lot.saleNumber++;
            lot.saleReported = false;
            lot.passReason = null;
        }
        lot.auction.current = null;
        lot.auction.lastClosed = lot;
        return null;
    }

    String reopen(final long auctionId, final long lotId)
    {
        final String reason = m.lotControlLookup(auctionId, lotId);
        if (reason != null)
        {
            return reason;
        }
        final Lot lot = m.found;
        if (lot.running())
        {
            return "LOT_ALREADY_OPEN";
        }
        if (lot.auction.lastClosed != lot || lot.saleReported || lot.saleNumber > 1)
        {
            return "REOPEN_NOT_ALLOWED";
        }
        lot.state = "OPEN";
        lot.winner = 0;
        lot.salePrice = 0;
        lot.saleNumber = 0;
        lot.passReason = null;
        lot.auction.current = lot;
        lot.auction.lastClosed = null;
        return null;
    }

    String setIncrement(final long auctionId, final long lotId, final long increment)
    {
        String reason = m.lotControlLookup(auctionId, lotId);
        if (reason == null)
        {
            reason = running(m.found);
        }
        if (reason != null)
        {
            return reason;
        }
        if (increment <= 0 || increment > ModelSale.MAX_AMOUNT)
        {
            return "INVALID_SETTINGS";
        }
        final Lot lot = m.found;
        lot.overrideBand = lot.auction.band(lot.leader != 0 ? lot.price : lot.ask);
        lot.overrideIncrement = increment;
        if (lot.leader != 0)
        {
            lot.ask = lot.nextAsk(lot.price);
        }
        lot.askVersion++;
        place(lot);
        return null;
    }

    String jumpAsk(final long auctionId, final long lotId, final long ask)
    {
        String reason = m.lotControlLookup(auctionId, lotId);
        if (reason == null)
        {
            reason = running(m.found);
        }
        if (reason != null)
        {
            return reason;
        }
        final Lot lot = m.found;
        if (ask <= lot.ask)
        {
            return "BELOW_MINIMUM";
        }
        if (ask > ModelSale.MAX_AMOUNT)
        {
            return "INVALID_SETTINGS";
        }
        lot.ask = ask;
        lot.askVersion++;
        place(lot);
        return null;
    }

    // ---- R7 ----

    String payment(final long auctionId, final long lotId, final boolean paid)
    {
        final boolean settles = m.role.equals("ADMIN") || m.role.equals("SETTLEMENT");
        final String reason = m.lookup(settles, auctionId, lotId, null);
        if (reason != null)
        {
            return reason;
        }
        final Lot lot = m.found;
        if (!lot.state.equals("SOLD") || lot.saleReported)
        {
            return lot.saleNumber > 0 ? "ALREADY_SETTLED" : "LOT_NOT_SOLD";
        }
        lot.saleReported = true;
        if (paid)
        {
            return null;
        }
        final Bidder winner = lot.auction.bidders.get(lot.winner);
        winner.strikes++;
        lot.defaulters.add(lot.winner);
        Entry best = null;
        for (final Entry entry : lot.auction.live ? lot.ladder : lot.ranked())
        {
            final Bidder b = lot.auction.bidders.get(entry.bidder());
            if (b.status.equals("SUSPENDED") || lot.defaulters.contains(entry.bidder()))
            {
                continue;
            }
            if (best == null || entry.amount() > best.amount() ||
                (entry.amount() == best.amount() && entry.seq() < best.seq()))
            {
                best = entry;
            }
        }
        if (best == null)
        {
            lot.state = "PASSED";
            lot.passReason = "DEFAULTED";
            return null;
        }
        lot.state = "SOLD";
        lot.winner = best.bidder();
        lot.salePrice = best.amount();
        lot.saleNumber++;
        lot.saleReported = false;
        return null;
    }
}
