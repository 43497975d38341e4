package io.gavel.core.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The data of the reference model ({@link WholeSaleModel}): plain objects, lists and maps, written from RULES.md and
 * nothing else. No field or method of the engine is used, so the model is a second, independent reading.
 */
final class ModelSale
{
    static final long MAX_AMOUNT = 10_000_000_000_000L;

    private ModelSale()
    {
    }

    /** One maximum (R2) or one accepted LIVE bid (R7's ladder): who, how much, and its sequence. */
    record Entry(long bidder, long amount, long seq)
    {
    }

    static final class Bidder
    {
        final long id;
        final long paddle;
        final long limit;
        String status = "PENDING";
        int strikes;

        Bidder(final long id, final long paddle, final long limit)
        {
            this.id = id;
            this.paddle = paddle;
            this.limit = limit;
        }
    }

    static final class Auction
    {
        final long id;
        final boolean live;
        final int premiumBps;
        final boolean rejectEqual;
        final boolean retractionBeforeWindow;
        final boolean softClose;
        final long window;
        final long extension;
        final long maxExtensions;
        final long maxTotal;
        final long[] bandStarts;
        final long[] bandIncrements;
        final Map<Long, Lot> lots = new LinkedHashMap<>();
        final Map<Long, Bidder> bidders = new LinkedHashMap<>();
        final Set<Long> clerks = new TreeSet<>();
        boolean cancelled;
        Lot current;
        Lot lastClosed;

        Auction(final long id, final boolean live, final int premiumBps, final boolean rejectEqual,
            final boolean retractionBeforeWindow, final boolean softClose, final long window, final long extension,
            final long maxExtensions, final long maxTotal, final long[] bandStarts, final long[] bandIncrements)
        {
            this.id = id;
            this.live = live;
            this.premiumBps = premiumBps;
            this.rejectEqual = rejectEqual;
            this.retractionBeforeWindow = retractionBeforeWindow;
            this.softClose = softClose && !live;
            this.window = window;
            this.extension = extension;
            this.maxExtensions = maxExtensions;
            this.maxTotal = maxTotal;
            this.bandStarts = bandStarts;
            this.bandIncrements = bandIncrements;
        }

        /** R1: the band with the largest start at or below the amount. */
        int band(final long amount)
        {
            int band = 0;
            for (int i = 0; i < bandStarts.length; i++)
            {
                if (bandStarts[i] <= amount)
                {
                    band = i;
                }
            }
            return band;
        }

        long inc(final long amount)
        {
            return bandIncrements[band(amount)];
        }

        /** R5, R7: amount plus the buyer's premium, in cents, rounded half up. */
        long withPremium(final long amount)
        {
            return amount + (amount * premiumBps + 5_000) / 10_000;
        }

        Bidder byPaddle(final long paddle)
        {
            for (final Bidder bidder : bidders.values())
            {
                if (bidder.paddle == paddle)
                {
                    return bidder;
                }
            }
            return null;
        }
    }

    static final class Lot
    {
        final Auction auction;
        final long id;
        final long start;
        final long reserve;
        final long buyNow;
        final long originalEnd;
        long end;
        int extensions;
        String state;
        /** TIMED maximums or LIVE commission maximums, one per bidder, in the order they were placed. */
        final List<Entry> book = new ArrayList<>();
        long leader;
        long price;
        /** LIVE, SCHEDULED: the commission book's R2 price. */
        long bookPrice;
        long ask;
        int askVersion;
        int overrideBand = -1;
        long overrideIncrement;
        final List<Entry> ladder = new ArrayList<>();
        long winner;
        long salePrice;
        int saleNumber;
        boolean saleReported;
        String passReason;
        final Set<Long> defaulters = new HashSet<>();

        Lot(final Auction auction, final long id, final long start, final long reserve, final long buyNow,
            final long end)
        {
            this.auction = auction;
            this.id = id;
            this.start = start;
            this.reserve = reserve;
            this.buyNow = buyNow;
            this.originalEnd = end;
            this.end = end;
            this.state = auction.live ? "SCHEDULED" : "OPEN";
        }

        boolean closed()
        {
            return state.equals("SOLD") || state.equals("PASSED");
        }

        boolean running()
        {
            return state.equals("OPEN") || state.equals("GOING");
        }

        boolean reserveMet()
        {
            return leader != 0 && price >= reserve;
        }

        /** R2's order: amount descending, then seq ascending. */
        List<Entry> ranked()
        {
            final List<Entry> ranked = new ArrayList<>(book);
            ranked.sort((x, y) -> x.amount() != y.amount() ? Long.compare(y.amount(), x.amount()) :
                Long.compare(x.seq(), y.seq()));
            return ranked;
        }

        Entry entryOf(final long bidder)
        {
            for (final Entry entry : book)
            {
                if (entry.bidder() == bidder)
                {
                    return entry;
                }
            }
            return null;
        }

        /** R2 for a book as it stands: one maximum gives the start, else min(first, second + inc(second)); reserve. */
        long resolve(final List<Entry> ranked)
        {
            final long first = ranked.get(0).amount();
            long p = ranked.size() == 1 ? start :
                Math.min(first, ranked.get(1).amount() + auction.inc(ranked.get(1).amount()));
            if (reserve > 0)
            {
                p = first >= reserve ? Math.max(p, reserve) : first;
            }
            return p;
        }

        /** R2 removal: the remaining maximums placed again in seq order; the price never lowers while placing. */
        long replay()
        {
            final List<Entry> bySeq = new ArrayList<>(book);
            bySeq.sort((x, y) -> Long.compare(x.seq(), y.seq()));
            final List<Entry> placed = new ArrayList<>();
            long p = 0;
            for (final Entry entry : bySeq)
            {
                placed.add(entry);
                final ModelSale.Lot scratch = this;
                final List<Entry> ranked = new ArrayList<>(placed);
                ranked.sort((x, y) -> x.amount() != y.amount() ? Long.compare(y.amount(), x.amount()) :
                    Long.compare(x.seq(), y.seq()));
                p = placed.size() == 1 ? scratch.resolve(ranked) : Math.max(p, scratch.resolve(ranked));
            }
            return p;
        }

        /** R1 with the clerk's override of one band. */
        long nextAsk(final long amount)
        {
            return overrideBand >= 0 && auction.band(amount) == overrideBand ? amount + overrideIncrement :
                amount + auction.inc(amount);
        }
    }
}
