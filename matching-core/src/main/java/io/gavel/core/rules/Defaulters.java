package io.gavel.core.rules;

import io.gavel.sbe.LotSnapshotDecoder;
import io.gavel.sbe.LotSnapshotEncoder;

/** The bidders who failed to pay for one lot: never offered it again (RULES.md R7). In the order they defaulted. */
final class Defaulters
{
    private long[] bidders = new long[0];
    private int count;

    boolean contains(final long bidderId)
    {
        for (int i = 0; i < count; i++)
        {
            if (bidders[i] == bidderId)
            {
                return true;
            }
        }
        return false;
    }

    int count()
    {
        return count;
    }

    void add(final long bidderId)
    {
        if (count == bidders.length)
        {
            bidders = java.util.Arrays.copyOf(bidders, Math.max(2, count * 2));
        }
        bidders[count++] = bidderId;
    }

    void hash(final StateHash h)
    {
        for (int i = 0; i < count; i++)
        {
            h.add(bidders[i]);
        }
    }

    void writeTo(final LotSnapshotEncoder.DefaultersEncoder encoder)
    {
        for (int i = 0; i < count; i++)
        {
            encoder.next().bidderId(bidders[i]);
        }
    }

    void readFrom(final LotSnapshotDecoder.DefaultersDecoder decoder)
    {
        for (final LotSnapshotDecoder.DefaultersDecoder entry : decoder)
        {
            add(entry.bidderId());
        }
    }
}
