package io.gavel.core.rules;

import io.gavel.sbe.BooleanType;
import io.gavel.sbe.LotSnapshotDecoder;
import io.gavel.sbe.LotSnapshotEncoder;

/**
 * The maximums on one lot, ordered by amount descending, then engine sequence ascending (RULES.md R2). One entry per
 * bidder. The entries live interleaved in one long array (bidder, maximum, sequence-and-limit flag), so a bid
 * touches one run of memory rather than several arrays; no allocation once the book has grown to its working size.
 */
public final class ProxyBook
{
    private static final int STRIDE = 3;
    private static final int BIDDER = 0;
    private static final int MAXIMUM = 1;
    private static final int SEQUENCE = 2;
    /** The top bit of the sequence word carries whether the bidder has a limit (sequences are positive). */
    private static final long LIMITED = Long.MIN_VALUE;

    private long[] entries = new long[4 * STRIDE];
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
        return entries[index * STRIDE + BIDDER];
    }

    public long maximumAt(final int index)
    {
        return entries[index * STRIDE + MAXIMUM];
    }

    public long sequenceAt(final int index)
    {
        return entries[index * STRIDE + SEQUENCE] & ~LIMITED;
    }

    /** Whether the entry's bidder has a bidding limit, so exposure bookkeeping can skip everyone else. */
    boolean limitedAt(final int index)
    {
        return (entries[index * STRIDE + SEQUENCE] & LIMITED) != 0;
    }

    public int indexOf(final long bidderId)
    {
        final long[] entries = this.entries;
        for (int i = 0, offset = BIDDER; i < size; i++, offset += STRIDE)
        {
            if (entries[offset] == bidderId)
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
        return index < 0 ? 0 : maximumAt(index);
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
        while (index > 0 && ranksBefore(maximum, sequence, maximumAt(index - 1), sequenceAt(index - 1)))
        {
            System.arraycopy(entries, (index - 1) * STRIDE, entries, index * STRIDE, STRIDE);
            index--;
        }
        final int offset = index * STRIDE;
        entries[offset + BIDDER] = bidderId;
        entries[offset + MAXIMUM] = maximum;
        entries[offset + SEQUENCE] = hasLimit ? sequence | LIMITED : sequence;
        size++;
    }

    public boolean remove(final long bidderId)
    {
        final int index = indexOf(bidderId);
        if (index < 0)
        {
            return false;
        }
        System.arraycopy(entries, (index + 1) * STRIDE, entries, index * STRIDE, (size - index - 1) * STRIDE);
        size--;
        return true;
    }

    public void clear()
    {
        size = 0;
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
        final long second = maximumAt(1);
        return Math.min(maximumAt(0), second + increments.increment(second));
    }

    void hash(final StateHash h)
    {
        for (int i = 0; i < size; i++)
        {
            h.add(bidderAt(i)).add(maximumAt(i)).add(sequenceAt(i));
        }
    }

    void writeTo(final LotSnapshotEncoder.BookEncoder encoder)
    {
        for (int i = 0; i < size; i++)
        {
            encoder.next().bidderId(bidderAt(i)).maximum(maximumAt(i)).sequence(sequenceAt(i))
                .limited(limitedAt(i) ? BooleanType.TRUE : BooleanType.FALSE);
        }
    }

    void readFrom(final LotSnapshotDecoder.BookDecoder decoder)
    {
        for (final LotSnapshotDecoder.BookDecoder entry : decoder)
        {
            place(entry.bidderId(), entry.maximum(), entry.sequence(), entry.limited() == BooleanType.TRUE);
        }
    }

    private static boolean ranksBefore(final long max, final long seq, final long otherMax, final long otherSeq)
    {
        return max > otherMax || (max == otherMax && seq < otherSeq);
    }

    private void ensureCapacity(final int required)
    {
        if (required * STRIDE > entries.length)
        {
            entries = java.util.Arrays.copyOf(entries, Math.max(required * STRIDE, entries.length * 2));
        }
    }
}
