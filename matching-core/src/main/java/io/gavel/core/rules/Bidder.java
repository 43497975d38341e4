package io.gavel.core.rules;

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

    boolean hasLimit()
    {
        return limit > 0;
    }
}
