package io.gavel.core.rules;

/**
 * Money arithmetic in minor units. No floating point touches an outcome.
 * <p>
 * Every amount a command may set or bid is at most {@link #MAX_AMOUNT}, and an auction holds at most
 * {@link #MAX_LOTS_PER_AUCTION} lots, so nothing the engine computes or publishes can leave a {@code long}:
 * an ask or minimum bid is at most an amount plus an increment (2 x MAX_AMOUNT), an invoice or an exposure item at
 * most an amount plus a premium of at most 100 % (2 x MAX_AMOUNT), and a bidder's exposure in one auction at most
 * one item per lot plus the new bid: (100,000 + 1) x 2 x 10^13 ≈ 2 x 10^18, below {@link Long#MAX_VALUE} ≈ 9.2 x 10^18.
 */
public final class Money
{
    public static final int BPS_PER_UNIT = 10_000;

    /**
     * The largest amount a setting or a bid may carry: 10^13 minor units, 100 billion in a currency of two decimals
     * (the highest hammer price on record is below half a billion). Larger amounts are refused: settings as
     * INVALID_SETTINGS, bids as AMOUNT_TOO_LARGE.
     */
    public static final long MAX_AMOUNT = 10_000_000_000_000L;

    /** The most lots one auction may hold; bounds a bidder's exposure sum (see the class comment). */
    public static final int MAX_LOTS_PER_AUCTION = 100_000;

    private Money()
    {
    }

    /** Whether an amount may be used as a setting: 0 up to {@link #MAX_AMOUNT}. */
    public static boolean isAmount(final long amount)
    {
        return amount >= 0 && amount <= MAX_AMOUNT;
    }

    /** The buyer's premium on an amount, in cents, rounded half up (RULES.md R5, R7). */
    public static long premium(final long amount, final int premiumRateBps)
    {
        return (amount * premiumRateBps + BPS_PER_UNIT / 2) / BPS_PER_UNIT;
    }

    /** Amount plus buyer's premium: what a winner is invoiced, and how exposure counts an item. */
    public static long withPremium(final long amount, final int premiumRateBps)
    {
        return amount + premium(amount, premiumRateBps);
    }
}
