package io.gavel.core.rules;

/**
 * A 64-bit digest of all auction state, folded in creation order (never hash order), so two cores that applied the
 * same commands have the same hash, and a snapshot-plus-replay can be compared with a full replay. Each part folds
 * its own fields in ({@code hash(StateHash)} next to the fields, in Auction, Bidder, Lot, ProxyBook, LadderHistory),
 * so a new field is added to the hash where it is declared; SelfDescribingStateTest catches one that is not.
 */
public final class StateHash
{
    private long hash = 0x243F6A8885A308D3L;

    /** A fresh digest; package-private so a part's fold can be checked alone. */
    StateHash()
    {
    }

    public static long of(final AuctionRules rules)
    {
        final StateHash h = new StateHash();
        for (final Auction auction : rules.auctions())
        {
            auction.hash(h);
        }
        return h.value();
    }

    long value()
    {
        return hash;
    }

    StateHash add(final long value)
    {
        long x = hash ^ value;
        x *= 0xbf58476d1ce4e5b9L;
        x ^= x >>> 31;
        hash = x * 0x94d049bb133111ebL + 0x9E3779B97F4A7C15L;
        return this;
    }
}
