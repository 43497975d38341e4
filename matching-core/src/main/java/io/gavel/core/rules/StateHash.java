package io.gavel.core.rules;

/**
 * A 64-bit digest of all auction state, folded in creation order (never hash order), so two cores that applied the
 * same commands have the same hash, and a snapshot-plus-replay can be compared with a full replay.
 */
public final class StateHash
{
    private long hash = 0x243F6A8885A308D3L;

    private StateHash()
    {
    }

    public static long of(final AuctionRules rules)
    {
        final StateHash h = new StateHash();
        for (final Auction auction : rules.auctions())
        {
            h.add(auction.id).add(auction.format.value()).add(auction.eventSequence).add(auction.cancelled ? 1 : 0);
            h.add(auction.currentLot == null ? 0 : auction.currentLot.id);
            h.add(auction.lastClosedLot == null ? 0 : auction.lastClosedLot.id);
            for (final long clerk : auction.clerks())
            {
                h.add(clerk);
            }
            for (final Bidder bidder : auction.bidders)
            {
                h.add(bidder.id).add(bidder.paddle).add(bidder.limit).add(bidder.status.ordinal())
                    .add(bidder.exposure).add(bidder.strikes).add(bidder.retractions);
            }
            for (final Lot lot : auction.lots)
            {
                h.add(lot.id).add(lot.state.value()).add(lot.end).add(lot.extensions).add(lot.leaderId)
                    .add(lot.price).add(lot.bookPrice).add(lot.ask).add(lot.askVersion).add(lot.overrideBand).add(lot.overrideIncrement)
                    .add(lot.winnerId).add(lot.salePrice).add(lot.saleNumber).add(lot.saleReported ? 1 : 0)
                    .add(lot.passReason == null ? -1 : lot.passReason.value());
                final ProxyBook book = lot.book;
                for (int i = 0; i < book.size(); i++)
                {
                    h.add(book.bidderAt(i)).add(book.maximumAt(i)).add(book.sequenceAt(i));
                }
                // R7 reads the ladder and the defaulters: a copy that lost either would pass a sale elsewhere.
                final LadderHistory ladder = lot.ladder;
                for (int i = 0; i < ladder.size(); i++)
                {
                    h.add(ladder.bidderAt(i)).add(ladder.amountAt(i)).add(ladder.sequenceAt(i));
                }
                for (int i = 0; i < lot.defaulterCount(); i++)
                {
                    h.add(lot.defaulterAt(i));
                }
            }
        }
        return h.hash;
    }

    private StateHash add(final long value)
    {
        long x = hash ^ value;
        x *= 0xbf58476d1ce4e5b9L;
        x ^= x >>> 31;
        hash = x * 0x94d049bb133111ebL + 0x9E3779B97F4A7C15L;
        return this;
    }
}
