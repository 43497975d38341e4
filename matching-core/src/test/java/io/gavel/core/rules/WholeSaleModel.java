package io.gavel.core.rules;

import io.gavel.core.rules.ModelSale.Auction;
import io.gavel.core.rules.ModelSale.Bidder;
import io.gavel.core.rules.ModelSale.Entry;
import io.gavel.core.rules.ModelSale.Lot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, plainly written reference model of RULES.md (as written in docs/RULES.md, with Gavel's readings): each
 * command returns null when accepted or the name of the first failing reason in R6's order. Slow and simple on
 * purpose; the property test compares it with the engine after every command.
 */
final class WholeSaleModel
{
    final Map<Long, Auction> auctions = new LinkedHashMap<>();
    long seq;
    long now;
    long principal;
    String role;

    /** Stamps the command and fires every TIMED deadline at or before {@code now} in order (end, auction, lot). */
    void begin(final long seq, final long now, final long principal, final String role)
    {
        this.seq = seq;
        this.now = now;
        this.principal = principal;
        this.role = role;
        while (true)
        {
            Lot due = null;
            for (final Auction auction : auctions.values())
            {
                for (final Lot lot : auction.lots.values())
                {
                    if (!auction.live && lot.state.equals("OPEN") && lot.end <= now &&
                        (due == null || lot.end < due.end || (lot.end == due.end && (auction.id < due.auction.id ||
                        (auction.id == due.auction.id && lot.id < due.id)))))
                    {
                        due = lot;
                    }
                }
            }
            if (due == null)
            {
                return;
            }
            closeAtEnd(due);
        }
    }

    private void closeAtEnd(final Lot lot)
    {
        if (lot.leader == 0)
        {
            pass(lot, "NO_BIDS");
        }
        else if (!lot.reserveMet())
        {
            pass(lot, "RESERVE_NOT_MET");
        }
        else
        {
            sell(lot, lot.leader, lot.price);
        }
    }

    private static void pass(final Lot lot, final String reason)
    {
        lot.state = "PASSED";
        lot.passReason = reason;
    }

    private static void sell(final Lot lot, final long bidder, final long price)
    {
        lot.state = "SOLD";
        lot.winner = bidder;
        lot.salePrice = price;
        lot.saleNumber++;
        lot.saleReported = false;
        lot.passReason = null;
    }

    // ---- who may do what (ARCHITECTURE §6 as docs/RULES.md states it) ----

    private boolean administers()
    {
        return role.equals("ADMIN") || role.equals("AUCTIONEER");
    }

    private boolean runsLots(final Auction auction)
    {
        return role.equals("ADMIN") || role.equals("AUCTIONEER") ||
            (role.equals("CLERK") && auction != null && auction.clerks.contains(principal));
    }

    private boolean bidsFor(final long bidder)
    {
        return role.equals("ADMIN") || (role.equals("BIDDER") && principal == bidder);
    }

    // ---- set-up (R6's set-up reasons) ----

    /** {@code softCloseValid}: soft close off, or a window of at least 0 and an extension above 0 (any format). */
    String createAuction(final Auction settings, final boolean validTable, final boolean softCloseValid)
    {
        if (!administers())
        {
            return "NOT_AUTHORIZED";
        }
        if (auctions.containsKey(settings.id))
        {
            return "AUCTION_EXISTS";
        }
        if (settings.id <= 0 || !validTable || settings.premiumBps < 0 || settings.premiumBps > 10_000 ||
            !softCloseValid)
        {
            return "INVALID_SETTINGS";
        }
        auctions.put(settings.id, settings);
        return null;
    }

    String addLot(final long auctionId, final long lotId, final long start, final long reserve, final long buyNow,
        final long end)
    {
        final Auction auction = auctions.get(auctionId);
        if (!administers())
        {
            return "NOT_AUTHORIZED";
        }
        if (auction == null)
        {
            return "UNKNOWN_AUCTION";
        }
        if (auction.cancelled)
        {
            return "AUCTION_CANCELLED";
        }
        if (auction.lots.containsKey(lotId))
        {
            return "LOT_EXISTS";
        }
        final boolean amounts = start > 0 && start <= ModelSale.MAX_AMOUNT && reserve >= 0 &&
            reserve <= ModelSale.MAX_AMOUNT && buyNow >= 0 && buyNow <= ModelSale.MAX_AMOUNT;
        final boolean format = auction.live ? buyNow == 0 : end > now && (buyNow == 0 || buyNow >= start);
        if (lotId <= 0 || !amounts || !format)
        {
            return "INVALID_SETTINGS";
        }
        auction.lots.put(lotId, new Lot(auction, lotId, start, reserve, buyNow, auction.live ? 0 : end));
        return null;
    }

    String register(final long auctionId, final long bidderId, final long paddle, final long limit)
    {
        final Auction auction = auctions.get(auctionId);
        if (!administers())
        {
            return "NOT_AUTHORIZED";
        }
        if (auction == null)
        {
            return "UNKNOWN_AUCTION";
        }
        if (auction.bidders.containsKey(bidderId))
        {
            return "ALREADY_REGISTERED";
        }
        if (bidderId <= 0 || paddle <= 0 || limit < 0 || limit > ModelSale.MAX_AMOUNT)
        {
            return "INVALID_SETTINGS";
        }
        if (auction.byPaddle(paddle) != null)
        {
            return "PADDLE_IN_USE";
        }
        auction.bidders.put(bidderId, new Bidder(bidderId, paddle, limit));
        return null;
    }

    String approve(final long auctionId, final long bidderId, final boolean suspend)
    {
        final Auction auction = auctions.get(auctionId);
        if (!administers())
        {
            return "NOT_AUTHORIZED";
        }
        if (auction == null)
        {
            return "UNKNOWN_AUCTION";
        }
        final Bidder bidder = auction.bidders.get(bidderId);
        if (bidder == null)
        {
            return "NOT_REGISTERED";
        }
        if (!suspend)
        {
            bidder.status = "APPROVED";
            return null;
        }
        bidder.status = "SUSPENDED";
        // R2, R3: a suspension removes the bidder's maximums on lots still open to them; never extends (R4).
        for (final Lot lot : auction.lots.values())
        {
            if (!lot.closed() && lot.entryOf(bidderId) != null)
            {
                removeMaximum(lot, bidderId);
            }
        }
        return null;
    }

    private void removeMaximum(final Lot lot, final long bidderId)
    {
        lot.book.remove(lot.entryOf(bidderId));
        if (lot.auction.live)
        {
            lot.bookPrice = lot.book.isEmpty() ? 0 : lot.replay();
            return;
        }
        lot.leader = lot.book.isEmpty() ? 0 : lot.ranked().get(0).bidder();
        lot.price = lot.book.isEmpty() ? 0 : lot.replay();
    }

    String assignClerk(final long auctionId, final long clerk, final boolean assign)
    {
        final Auction auction = auctions.get(auctionId);
        if (!administers())
        {
            return "NOT_AUTHORIZED";
        }
        if (auction == null)
        {
            return "UNKNOWN_AUCTION";
        }
        if (clerk <= 0)
        {
            return "INVALID_SETTINGS";
        }
        if (assign)
        {
            auction.clerks.add(clerk);
        }
        else
        {
            auction.clerks.remove(clerk);
        }
        return null;
    }

    String withdrawLot(final long auctionId, final long lotId)
    {
        final String reason = lookup(administers(), auctionId, lotId, null);
        if (reason != null)
        {
            return reason;
        }
        final Lot lot = found;
        if (lot.closed())
        {
            return "LOT_CLOSED";
        }
        withdraw(lot);
        return null;
    }

    String cancelAuction(final long auctionId)
    {
        final Auction auction = auctions.get(auctionId);
        if (!administers())
        {
            return "NOT_AUTHORIZED";
        }
        if (auction == null)
        {
            return "UNKNOWN_AUCTION";
        }
        if (auction.cancelled)
        {
            return "AUCTION_CANCELLED";
        }
        auction.cancelled = true;
        for (final Lot lot : auction.lots.values())
        {
            if (!lot.closed())
            {
                withdraw(lot);
            }
        }
        auction.lastClosed = null;
        return null;
    }

    private static void withdraw(final Lot lot)
    {
        pass(lot, "WITHDRAWN");
        if (lot.auction.current == lot)
        {
            lot.auction.current = null;
        }
        if (lot.auction.lastClosed == lot)
        {
            lot.auction.lastClosed = null;
        }
    }

    String tick()
    {
        return role.equals("ADMIN") || role.equals("ENGINE") ? null : "NOT_AUTHORIZED";
    }

    // ---- lookups in R6's order ----

    Lot found;

    /** Authorization, unknown auction, unknown lot, wrong format (live: null = any format). */
    String lookup(final boolean allowed, final long auctionId, final long lotId, final Boolean live)
    {
        final Auction auction = auctions.get(auctionId);
        if (!allowed)
        {
            return "NOT_AUTHORIZED";
        }
        if (auction == null)
        {
            return "UNKNOWN_AUCTION";
        }
        found = auction.lots.get(lotId);
        if (found == null)
        {
            return "UNKNOWN_LOT";
        }
        if (live != null && auction.live != live)
        {
            return "WRONG_FORMAT";
        }
        return null;
    }

    String lotControlLookup(final long auctionId, final long lotId)
    {
        final Auction auction = auctions.get(auctionId);
        if (role.equals("CLERK") && (auction == null || !auction.clerks.contains(principal)))
        {
            return "NOT_AUTHORIZED";
        }
        return lookup(runsLots(auction), auctionId, lotId, true);
    }

    static String eligibility(final Bidder bidder)
    {
        if (bidder == null)
        {
            return "NOT_REGISTERED";
        }
        return bidder.status.equals("APPROVED") ? null : "NOT_APPROVED";
    }

    /** R5: exposure elsewhere (the lot bid on counts once) plus the new amount, with premium, over the limit. */
    static boolean overLimit(final Bidder bidder, final Lot bidLot, final long amount)
    {
        if (bidder.limit == 0)
        {
            return false;
        }
        final Auction auction = bidLot.auction;
        long exposure = auction.withPremium(amount);
        for (final Lot lot : auction.lots.values())
        {
            if (lot != bidLot)
            {
                exposure += exposureOf(lot, bidder.id);
            }
        }
        return exposure > bidder.limit;
    }

    static long exposureOf(final Lot lot, final long bidder)
    {
        final Auction auction = lot.auction;
        if (lot.state.equals("SOLD"))
        {
            return lot.winner == bidder ? auction.withPremium(lot.salePrice) : 0;
        }
        if (lot.state.equals("SCHEDULED"))
        {
            final Entry entry = lot.entryOf(bidder);
            return entry == null ? 0 : auction.withPremium(entry.amount());
        }
        if (lot.running() && lot.leader == bidder)
        {
            return auction.withPremium(auction.live ? lot.price : lot.entryOf(bidder).amount());
        }
        return 0;
    }

    List<Lot> allLots()
    {
        final List<Lot> lots = new ArrayList<>();
        for (final Auction auction : auctions.values())
        {
            lots.addAll(auction.lots.values());
        }
        return lots;
    }
}
