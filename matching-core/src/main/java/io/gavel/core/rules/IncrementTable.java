package io.gavel.core.rules;

import java.util.Arrays;

/**
 * Bid increments by price band (RULES.md R1): {@code inc(p)} is the increment of the band with the largest start
 * {@code <= p}, so a band boundary belongs to the band it starts.
 */
public final class IncrementTable
{
    /** The familiar online table of RULES.md R1, in cents. */
    public static final IncrementTable DEFAULT = new IncrementTable(
        new long[]{ 0, 100, 500, 2_500, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000 },
        new long[]{ 5, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000 });

    private final long[] bandStarts;
    private final long[] increments;

    private IncrementTable(final long[] bandStarts, final long[] increments)
    {
        this.bandStarts = bandStarts;
        this.increments = increments;
    }

    /**
     * A table from bands, or null when the bands break R1 (the first must start at 0, starts strictly increase and
     * every increment is positive) or exceed {@link Money#MAX_AMOUNT}.
     */
    public static IncrementTable of(final long[] bandStarts, final long[] increments, final int count)
    {
        if (count <= 0 || bandStarts[0] != 0)
        {
            return null;
        }
        for (int i = 0; i < count; i++)
        {
            if (increments[i] <= 0 || increments[i] > Money.MAX_AMOUNT || bandStarts[i] > Money.MAX_AMOUNT ||
                (i > 0 && bandStarts[i] <= bandStarts[i - 1]))
            {
                return null;
            }
        }
        return new IncrementTable(Arrays.copyOf(bandStarts, count), Arrays.copyOf(increments, count));
    }

    public int bandIndex(final long price)
    {
        int index = 0;
        // Tables have a handful of bands: a linear scan beats a binary search and allocates nothing.
        for (int i = 1; i < bandStarts.length; i++)
        {
            if (bandStarts[i] <= price)
            {
                index = i;
            }
            else
            {
                break;
            }
        }
        return index;
    }

    public long increment(final long price)
    {
        return increments[bandIndex(price)];
    }

    public long nextAsk(final long price)
    {
        return price + increment(price);
    }

    public int bandCount()
    {
        return bandStarts.length;
    }

    public long bandStart(final int index)
    {
        return bandStarts[index];
    }

    public long bandIncrement(final int index)
    {
        return increments[index];
    }
}
