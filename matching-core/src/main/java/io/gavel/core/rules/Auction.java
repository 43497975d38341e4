package io.gavel.core.rules;

import io.gavel.sbe.AuctionSnapshotDecoder;
import io.gavel.sbe.AuctionSnapshotEncoder;
import io.gavel.sbe.BooleanType;
import io.gavel.sbe.Format;
import io.gavel.sbe.RetractionPolicy;
import io.gavel.sbe.TiePolicy;
import org.agrona.collections.Long2LongHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * A sale: its settings, its lots (looked up by id, iterated in the order they were added, never in hash order) and
 * its registered bidders.
 */
public final class Auction extends Identified
{
    final Format format;
    final String currency;
    final IncrementTable increments;
    final int premiumRateBps;
    final TiePolicy tiePolicy;
    final RetractionPolicy retractionPolicy;
    final SoftClosePolicy softClose;

    private final IdTable<Lot> lotsById = new IdTable<>();
    final List<Lot> lots = new ArrayList<>();
    private final BidderTable biddersById = new BidderTable();
    final List<Bidder> bidders = new ArrayList<>();
    private final Long2LongHashMap bidderByPaddle = new Long2LongHashMap(Lot.NONE);

    long eventSequence;
    /** LIVE: the lot OPEN or GOING now, if any. */
    Lot currentLot;
    /** LIVE: the lot the auctioneer closed last, reopenable until another lot opens. */
    Lot lastClosedLot;
    boolean cancelled;
    /** CLERK principals assigned to run this auction's lots, ascending (ARCHITECTURE.md §6). */
    private long[] clerks = new long[0];

    Auction(
        final long id,
        final Format format,
        final String currency,
        final IncrementTable increments,
        final int premiumRateBps,
        final TiePolicy tiePolicy,
        final RetractionPolicy retractionPolicy,
        final SoftClosePolicy softClose)
    {
        super(id);
        this.format = format;
        this.currency = currency;
        this.increments = increments;
        this.premiumRateBps = premiumRateBps;
        this.tiePolicy = tiePolicy;
        this.retractionPolicy = retractionPolicy;
        this.softClose = softClose;
    }

    public Format format()
    {
        return format;
    }

    public String currency()
    {
        return currency;
    }

    public boolean isTimed()
    {
        return format == Format.TIMED;
    }

    public IncrementTable increments()
    {
        return increments;
    }

    public int premiumRateBps()
    {
        return premiumRateBps;
    }

    public long eventSequence()
    {
        return eventSequence;
    }

    public Lot lot(final long lotId)
    {
        return lotsById.get(lotId);
    }

    /** Lots in the order they were added. */
    public List<Lot> lots()
    {
        return lots;
    }

    public Bidder bidder(final long bidderId)
    {
        final int position = biddersById.find(bidderId);
        return position == BidderTable.ABSENT ? null : biddersById.bidderAt(position);
    }

    /** The bidders' lookup, whose slots hold what a bid reads of its bidder (BidderTable). */
    BidderTable bidderTable()
    {
        return biddersById;
    }

    /** Changes a bidder's approval: the one place it is written, so the lookup slot's copy follows. */
    void setStatus(final Bidder bidder, final BidderStatus status)
    {
        bidder.status = status;
        biddersById.update(bidder);
    }

    /** Bidders in the order they registered. */
    public List<Bidder> bidders()
    {
        return bidders;
    }

    public Bidder bidderByPaddle(final long paddle)
    {
        final long bidderId = bidderByPaddle.get(paddle);
        return bidderId == Lot.NONE ? null : bidder(bidderId);
    }

    long nextEventSequence()
    {
        return ++eventSequence;
    }

    public boolean clerkAssigned(final long principal)
    {
        return java.util.Arrays.binarySearch(clerks, principal) >= 0;
    }

    /** Assigned clerks in ascending order (snapshot, hash). */
    public long[] clerks()
    {
        return clerks.clone();
    }

    /** Assigns or unassigns a clerk; the array stays sorted so every copy of the state iterates it alike. */
    void assignClerk(final long principal, final boolean assign)
    {
        final int index = java.util.Arrays.binarySearch(clerks, principal);
        if (assign && index < 0)
        {
            final int at = -index - 1;
            final long[] grown = new long[clerks.length + 1];
            System.arraycopy(clerks, 0, grown, 0, at);
            grown[at] = principal;
            System.arraycopy(clerks, at, grown, at + 1, clerks.length - at);
            clerks = grown;
        }
        else if (!assign && index >= 0)
        {
            final long[] shrunk = new long[clerks.length - 1];
            System.arraycopy(clerks, 0, shrunk, 0, index);
            System.arraycopy(clerks, index + 1, shrunk, index, clerks.length - index - 1);
            clerks = shrunk;
        }
    }

    /** Folds this auction, its clerks, bidders and lots into the state hash, in their creation order. */
    void hash(final StateHash h)
    {
        h.add(id).add(format.value()).add(eventSequence).add(cancelled ? 1 : 0);
        h.add(currentLot == null ? 0 : currentLot.id);
        h.add(lastClosedLot == null ? 0 : lastClosedLot.id);
        for (final long clerk : clerks)
        {
            h.add(clerk);
        }
        for (int i = 0; i < bidders.size(); i++)
        {
            bidders.get(i).hash(h);
        }
        for (int i = 0; i < lots.size(); i++)
        {
            lots.get(i).hash(h);
        }
    }

    /** Bytes an AuctionSnapshot frame of this auction needs at most. */
    int snapshotLength()
    {
        return 256 + increments.bandCount() * 16;
    }

    /** The auction's own frame; its clerks, bidders and lots follow in frames of their own. */
    void writeTo(final AuctionSnapshotEncoder encoder)
    {
        encoder.auctionId(id).format(format).currency(currency).premiumRateBps(premiumRateBps).tiePolicy(tiePolicy)
            .retractionPolicy(retractionPolicy).softClose(softClose.enabled ? BooleanType.TRUE : BooleanType.FALSE)
            .softCloseWindowNanos(softClose.windowNanos).softCloseExtensionNanos(softClose.extensionNanos)
            .maxExtensions(softClose.maxExtensions).maxExtensionTotalNanos(softClose.maxExtensionTotalNanos)
            .eventSequence(eventSequence).cancelled(cancelled ? BooleanType.TRUE : BooleanType.FALSE)
            .currentLotId(currentLot == null ? 0 : currentLot.id)
            .lastClosedLotId(lastClosedLot == null ? 0 : lastClosedLot.id)
            .bidders(bidders.size()).lots(lots.size());
        final int bands = increments.bandCount();
        final AuctionSnapshotEncoder.IncrementsEncoder group = encoder.incrementsCount(bands);
        for (int i = 0; i < bands; i++)
        {
            group.next().fromAmount(increments.bandStart(i)).increment(increments.bandIncrement(i));
        }
    }

    /**
     * An auction as {@link #writeTo} wrote it, without its clerks, bidders and lots (their frames follow); the
     * caller reads the current and last closed lot ids first and hands them to {@link #restoreLot}.
     */
    static Auction readFrom(final AuctionSnapshotDecoder d)
    {
        final long id = d.auctionId();
        final Format format = d.format();
        final String currency = d.currency();
        final int premium = d.premiumRateBps();
        final TiePolicy tie = d.tiePolicy();
        final RetractionPolicy retraction = d.retractionPolicy();
        final SoftClosePolicy softClose = new SoftClosePolicy(d.softClose() == BooleanType.TRUE,
            d.softCloseWindowNanos(), d.softCloseExtensionNanos(), d.maxExtensions(), d.maxExtensionTotalNanos());
        final long eventSequence = d.eventSequence();
        final boolean cancelled = d.cancelled() == BooleanType.TRUE;
        final AuctionSnapshotDecoder.IncrementsDecoder bands = d.increments();
        final long[] starts = new long[bands.count()];
        final long[] steps = new long[bands.count()];
        int i = 0;
        for (final AuctionSnapshotDecoder.IncrementsDecoder band : bands)
        {
            starts[i] = band.fromAmount();
            steps[i] = band.increment();
            i++;
        }
        final Auction auction = new Auction(id, format, currency, IncrementTable.of(starts, steps, i), premium, tie,
            retraction, softClose);
        auction.eventSequence = eventSequence;
        auction.cancelled = cancelled;
        return auction;
    }

    /** Snapshot restore: adds a lot read back, and makes it the current or last closed lot if the frame said so. */
    void restoreLot(final Lot lot, final long currentLotId, final long lastClosedLotId)
    {
        addLot(lot);
        if (lot.id == currentLotId)
        {
            currentLot = lot;
        }
        if (lot.id == lastClosedLotId)
        {
            lastClosedLot = lot;
        }
    }

    void addLot(final Lot lot)
    {
        lotsById.add(lot);
        lots.add(lot);
    }

    boolean paddleInUse(final long paddle)
    {
        return bidderByPaddle.containsKey(paddle);
    }

    void addBidder(final Bidder bidder)
    {
        biddersById.add(bidder);
        bidders.add(bidder);
        bidderByPaddle.put(bidder.paddle, bidder.id);
    }
}
