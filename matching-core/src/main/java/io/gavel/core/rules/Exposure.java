package io.gavel.core.rules;

/**
 * RULES.md R5: what a lot adds to its bidders' exposure, and the bookkeeping that keeps each limited bidder's exposure
 * the sum of those items. Only {@link Lot}'s transitions apply it, around each change of the lot.
 */
final class Exposure
{
    private Exposure()
    {
    }

    /**
     * What a lot adds to a bidder's exposure (RULES.md R5), premium included: the TIMED leader at their maximum,
     * each commission maximum of a LIVE lot not yet open, the LIVE holder at the price held, the winner of a sale.
     */
    static long of(final Lot lot, final long bidderId)
    {
        final long amount;
        switch (lot.state)
        {
            case OPEN:
            case GOING:
                if (bidderId != lot.leaderId)
                {
                    return 0;
                }
                amount = lot.auction.isTimed() ? lot.book.maximumOf(bidderId) : lot.price;
                break;
            case SCHEDULED:
                amount = lot.book.maximumOf(bidderId);
                break;
            case SOLD:
                amount = bidderId == lot.winnerId ? lot.salePrice : 0;
                break;
            default:
                return 0;
        }
        return amount == 0 ? 0 : Money.withPremium(amount, lot.auction.premiumRateBps);
    }

    /** Subtracts (sign -1) or adds (sign +1) a lot's exposure items to every bidder holding one. */
    static void apply(final Lot lot, final int sign)
    {
        switch (lot.state)
        {
            case SCHEDULED:
                for (int i = 0; i < lot.book.size(); i++)
                {
                    if (lot.book.limitedAt(i))
                    {
                        applyTo(lot, lot.book.bidderAt(i), sign);
                    }
                }
                break;
            case OPEN:
            case GOING:
                // A TIMED leader is the book's first entry, whose flag says whether it has a limit at all.
                if (!lot.auction.isTimed() || (!lot.book.isEmpty() && lot.book.limitedAt(0)))
                {
                    applyTo(lot, lot.leaderId, sign);
                }
                break;
            case SOLD:
                applyTo(lot, lot.winnerId, sign);
                break;
            default:
                break;
        }
    }

    private static void applyTo(final Lot lot, final long bidderId, final int sign)
    {
        if (bidderId == Lot.NONE)
        {
            return;
        }
        final Bidder bidder = lot.auction.bidder(bidderId);
        if (bidder != null && bidder.hasLimit())
        {
            bidder.exposure += sign * of(lot, bidderId);
        }
    }
}
