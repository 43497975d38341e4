package io.gavel.core.rules;

import io.gavel.sbe.LotSnapshotDecoder;
import io.gavel.sbe.LotSnapshotEncoder;

/**
 * Each bidder's last accepted bid on a LIVE lot, so a failed payment can pass the sale to the under-bidder
 * (RULES.md R7). Commission bidders who lost when the lot opened are entered at their maximum.
 */
final class LadderHistory
{
    private long[] bidders = new long[4];
    private long[] amounts = new long[4];
    private long[] sequences = new long[4];
    private int size;

    void record(final long bidderId, final long amount, final long sequence)
    {
        for (int i = 0; i < size; i++)
        {
            if (bidders[i] == bidderId)
            {
                amounts[i] = amount;
                sequences[i] = sequence;
                return;
            }
        }
        if (size == bidders.length)
        {
            bidders = java.util.Arrays.copyOf(bidders, size * 2);
            amounts = java.util.Arrays.copyOf(amounts, size * 2);
            sequences = java.util.Arrays.copyOf(sequences, size * 2);
        }
        bidders[size] = bidderId;
        amounts[size] = amount;
        sequences[size] = sequence;
        size++;
    }

    int size()
    {
        return size;
    }

    long bidderAt(final int i)
    {
        return bidders[i];
    }

    long amountAt(final int i)
    {
        return amounts[i];
    }

    long sequenceAt(final int i)
    {
        return sequences[i];
    }

    void hash(final StateHash h)
    {
        for (int i = 0; i < size; i++)
        {
            h.add(bidders[i]).add(amounts[i]).add(sequences[i]);
        }
    }

    void writeTo(final LotSnapshotEncoder.LadderEncoder encoder)
    {
        for (int i = 0; i < size; i++)
        {
            encoder.next().bidderId(bidders[i]).amount(amounts[i]).sequence(sequences[i]);
        }
    }

    void readFrom(final LotSnapshotDecoder.LadderDecoder decoder)
    {
        for (final LotSnapshotDecoder.LadderDecoder entry : decoder)
        {
            record(entry.bidderId(), entry.amount(), entry.sequence());
        }
    }
}
