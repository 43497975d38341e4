package io.gavel.core.rules;

/**
 * Money arithmetic in minor units. No floating point touches an outcome.
 */
public final class Money
{
    public static final int BPS_PER_UNIT = 10_000;

    private Money()
    {
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
