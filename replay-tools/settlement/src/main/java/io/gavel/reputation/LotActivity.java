package io.gavel.reputation;

import java.util.ArrayList;
import java.util.List;

/**
 * One lot as the journal tells it: when it opened and closed (engine time), its start price, every accepted bid in
 * order (who, when), and who won it.
 */
final class LotActivity
{
    /** One accepted bid. */
    record Bid(long bidderId, long time, long price)
    {
    }

    final long auctionId;
    final long lotId;
    long startPrice;
    long openTime = -1;
    long closeTime = -1;
    final List<Bid> bids = new ArrayList<>();
    final List<Long> winners = new ArrayList<>();

    LotActivity(final long auctionId, final long lotId)
    {
        this.auctionId = auctionId;
        this.lotId = lotId;
    }

    long lastTime()
    {
        if (closeTime >= 0)
        {
            return closeTime;
        }
        return bids.isEmpty() ? openTime : bids.get(bids.size() - 1).time();
    }
}
