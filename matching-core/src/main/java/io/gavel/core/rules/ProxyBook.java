package io.gavel.core.rules;

/**
 * The maximums on one lot, ordered by amount descending, then engine sequence ascending (RULES.md R2). One entry per
 * bidder. Parallel primitive arrays: no allocation once the book has grown to its working size.
 */
public final class ProxyBook
{
    private long[] bidders = new long[4];
    private long[] maximums = new long[4];
    private long[] sequences = new long[4];
    private boolean[] limited = new boolean[4];
    private int size;

    public int size()
    {
        return size;
    }

    public boolean isEmpty()
    {
        return size == 0;
    }

    public long bidderAt(final int index)
    {
        return bidders[index];
    }

    public long maximumAt(final int index)
    {
        return maximums[index];
    }

    public long sequenceAt(final int index)
    {
        return sequences[index];
    }

    /** Whether the entry's bidder has a bidding limit, so exposure bookkeeping can skip everyone else. */
    boolean limitedAt(final int index)
    {
        return limited[index];
    }

    public int indexOf(final long bidderId)
    {
        for (int i = 0; i < size; i++)
        {
            if (bidders[i] == bidderId)
            {
                return i;
            }
        }
        return -1;
    }

    /** The bidder's maximum, or 0 when they have none. */
    public long maximumOf(final long bidderId)
    {
        final int index = indexOf(bidderId);
        return index < 0 ? 0 : maximums[index];
    }

    /** Places or replaces the bidder's maximum; the new entry takes {@code sequence}. */
    public void place(final long bidderId, final long maximum, final long sequence)
    {
        place(bidderId, maximum, sequence, false);
    }

    void place(final long bidderId, final long maximum, final long sequence, final boolean hasLimit)
    {
        remove(bidderId);
        ensureCapacity(size + 1);
        int index = size;
        while (index > 0 && ranksBefore(maximum, sequence, maximums[index - 1], sequences[index - 1]))
        {
            bidders[index] = bidders[index - 1];
            maximums[index] = maximums[index - 1];
            sequences[index] = sequences[index - 1];
            limited[index] = limited[index - 1];
            index--;
        }
        bidders[index] = bidderId;
        maximums[index] = maximum;
        sequences[index] = sequence;
        limited[index] = hasLimit;
        size++;
    }

    public boolean remove(final long bidderId)
    {
        final int index = indexOf(bidderId);
        if (index < 0)
        {
            return false;
        }
        final int tail = size - index - 1;
        System.arraycopy(bidders, index + 1, bidders, index, tail);
        System.arraycopy(maximums, index + 1, maximums, index, tail);
        System.arraycopy(sequences, index + 1, sequences, index, tail);
        System.arraycopy(limited, index + 1, limited, index, tail);
        size--;
        return true;
    }

    public void clear()
    {
        size = 0;
    }

    /** Copies another book's entries into this one (used for scratch replays). */
    public void copyFrom(final ProxyBook other)
    {
        ensureCapacity(other.size);
        System.arraycopy(other.bidders, 0, bidders, 0, other.size);
        System.arraycopy(other.maximums, 0, maximums, 0, other.size);
        System.arraycopy(other.sequences, 0, sequences, 0, other.size);
        System.arraycopy(other.limited, 0, limited, 0, other.size);
        size = other.size;
    }

    /**
     * Leader's price by R2 before the reserve and the never-lower rules: with one maximum the start price, otherwise
     * {@code min(first.max, second.max + inc(second.max))}.
     */
    public long resolvedPrice(final long startPrice, final IncrementTable increments)
    {
        if (size == 1)
        {
            return startPrice;
        }
        final long second = maximums[1];
        return Math.min(maximums[0], second + increments.increment(second));
    }

    private static boolean ranksBefore(final long max, final long seq, final long otherMax, final long otherSeq)
    {
        return max > otherMax || (max == otherMax && seq < otherSeq);
    }

    private void ensureCapacity(final int required)
    {
        if (required > bidders.length)
        {
            final int capacity = Math.max(required, bidders.length * 2);
            bidders = java.util.Arrays.copyOf(bidders, capacity);
            maximums = java.util.Arrays.copyOf(maximums, capacity);
            sequences = java.util.Arrays.copyOf(sequences, capacity);
            limited = java.util.Arrays.copyOf(limited, capacity);
        }
    }
}
