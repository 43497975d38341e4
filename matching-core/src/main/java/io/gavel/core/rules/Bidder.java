package io.gavel.core.rules;

import io.gavel.sbe.BidderSnapshotDecoder;
import io.gavel.sbe.BidderSnapshotEncoder;

/**
 * A registered participant of one auction: paddle, approval, bidding limit and the reputation counters the journal
 * projection reads.
 */
public final class Bidder extends Identified
{
    final long paddle;
    final long limit;
    BidderStatus status = BidderStatus.PENDING;
    /** Sum of the bidder's exposure items with premium (RULES.md R5), kept current on every lot change. */
    long exposure;
    int strikes;
    int retractions;

    Bidder(final long id, final long paddle, final long limit)
    {
        super(id);
        this.paddle = paddle;
        this.limit = limit;
    }

    public long paddle()
    {
        return paddle;
    }

    public long limit()
    {
        return limit;
    }

    public BidderStatus status()
    {
        return status;
    }

    public long exposure()
    {
        return exposure;
    }

    public int strikes()
    {
        return strikes;
    }

    public int retractions()
    {
        return retractions;
    }

    /** Folds every field into the state hash; a field added to Bidder is added here (SelfDescribingStateTest). */
    void hash(final StateHash h)
    {
        h.add(id).add(paddle).add(limit).add(status.ordinal()).add(exposure).add(strikes).add(retractions);
    }

    void writeTo(final BidderSnapshotEncoder encoder)
    {
        encoder.bidderId(id).paddle(paddle).biddingLimit(limit).status((short)status.ordinal()).exposure(exposure)
            .strikes(strikes).retractions(retractions);
    }

    static Bidder readFrom(final BidderSnapshotDecoder decoder)
    {
        final Bidder bidder = new Bidder(decoder.bidderId(), decoder.paddle(), decoder.biddingLimit());
        bidder.status = BidderStatus.values()[decoder.status()];
        bidder.exposure = decoder.exposure();
        bidder.strikes = decoder.strikes();
        bidder.retractions = decoder.retractions();
        return bidder;
    }

    boolean hasLimit()
    {
        return limit > 0;
    }
}
