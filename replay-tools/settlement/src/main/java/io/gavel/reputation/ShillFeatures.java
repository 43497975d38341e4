package io.gavel.reputation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The eight features of the public shill-bidding data set (Alzahrani and Sadaoui), per bidder per lot, each in 0..1
 * where higher looks more like a shill (docs/REPUTATION.md defines each). The data set's "auction" is a Gavel lot
 * and its "seller" a Gavel auction (one house's sale).
 *
 * @param tendency        bidder tendency: share of the bidder's lots that are in this auction.
 * @param biddingRatio    the bidder's bids on the lot over all bids on it.
 * @param successive      successive outbidding: 0, 0.5 or 1 for 0, 1, 2+ bids raising the bidder's own lead.
 * @param lastBidding     how long before the lot closed the bidder stopped, over the lot's duration.
 * @param auctionBids     the lot's bids over the most bids any lot of the journal had.
 * @param startingPrice   1 when the lot started below the average start of its auction's lots, else 0.
 * @param earlyBidding    how early the bidder's first bid came: 1 - (first bid - open) / duration.
 * @param winningRatio    share of the lots the bidder bid on that they did not win.
 */
public record ShillFeatures(long auctionId, long lotId, double tendency, double biddingRatio, double successive,
    double lastBidding, double auctionBids, double startingPrice, double earlyBidding, double winningRatio)
{
    /** Weights of the score, in the order of the fields: the strongest tells weigh most. */
    static final double[] WEIGHTS = {1, 3, 3, 2, 1, 1, 2, 3};
    static final String[] NAMES = {"bidder tendency", "bidding ratio", "successive outbidding", "last bidding",
        "auction bids", "auction starting price", "early bidding", "winning ratio"};

    double[] values()
    {
        return new double[]{tendency, biddingRatio, successive, lastBidding, auctionBids, startingPrice, earlyBidding,
            winningRatio};
    }

    /** The weighted mean of the features: this lot's shill score, 0..1. */
    public double score()
    {
        final double[] values = values();
        double sum = 0;
        double weights = 0;
        for (int i = 0; i < values.length; i++)
        {
            sum += WEIGHTS[i] * values[i];
            weights += WEIGHTS[i];
        }
        return sum / weights;
    }

    /** Every lot the bidder bid on, in auction and lot order. */
    static List<ShillFeatures> of(final long bidderId, final Map<Long, Map<Long, LotActivity>> lots)
    {
        int maxBids = 0;
        int lotsBid = 0;
        int lotsWon = 0;
        for (final Map<Long, LotActivity> auction : lots.values())
        {
            for (final LotActivity lot : auction.values())
            {
                maxBids = Math.max(maxBids, lot.bids.size());
                if (bidsBy(lot, bidderId) > 0)
                {
                    lotsBid++;
                    lotsWon += lot.winners.contains(bidderId) ? 1 : 0;
                }
            }
        }
        final List<ShillFeatures> features = new ArrayList<>();
        for (final Map<Long, LotActivity> auction : lots.values())
        {
            int lotsHere = 0;
            long startSum = 0;
            for (final LotActivity lot : auction.values())
            {
                lotsHere += bidsBy(lot, bidderId) > 0 ? 1 : 0;
                startSum += lot.startPrice;
            }
            final double averageStart = auction.isEmpty() ? 0 : (double)startSum / auction.size();
            for (final LotActivity lot : auction.values())
            {
                final int mine = bidsBy(lot, bidderId);
                if (mine == 0)
                {
                    continue;
                }
                long first = -1;
                long last = -1;
                int selfRaises = 0;
                long previousBidder = 0;
                for (final LotActivity.Bid bid : lot.bids)
                {
                    if (bid.bidderId() == bidderId)
                    {
                        first = first < 0 ? bid.time() : first;
                        last = bid.time();
                        selfRaises += previousBidder == bidderId ? 1 : 0;
                    }
                    previousBidder = bid.bidderId();
                }
                final long open = lot.openTime < 0 ? lot.bids.get(0).time() : lot.openTime;
                final long duration = lot.lastTime() - open;
                features.add(new ShillFeatures(lot.auctionId, lot.lotId, (double)lotsHere / lotsBid,
                    (double)mine / lot.bids.size(), selfRaises == 0 ? 0 : selfRaises == 1 ? 0.5 : 1,
                    duration <= 0 ? 0 : clamp((double)(lot.lastTime() - last) / duration),
                    (double)lot.bids.size() / maxBids, lot.startPrice < averageStart ? 1 : 0,
                    duration <= 0 ? 1 : clamp(1 - (double)(first - open) / duration),
                    (double)(lotsBid - lotsWon) / lotsBid));
            }
        }
        return features;
    }

    private static int bidsBy(final LotActivity lot, final long bidderId)
    {
        int count = 0;
        for (final LotActivity.Bid bid : lot.bids)
        {
            count += bid.bidderId() == bidderId ? 1 : 0;
        }
        return count;
    }

    private static double clamp(final double value)
    {
        return Math.max(0, Math.min(1, value));
    }
}
