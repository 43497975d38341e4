package io.gavel.core.rules;

import io.gavel.sbe.RejectReason;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A deliberately naive model of one TIMED lot under RULES.md R1 and R2, written from the text and sharing no code
 * with the engine: lists, sorting from scratch, the default increment table spelled out again.
 */
final class ReferenceProxyLot
{
    record Entry(long bidder, long max, long seq)
    {
    }

    private static final long[][] TABLE = {
        {0, 5}, {100, 25}, {500, 50}, {2_500, 100}, {10_000, 250}, {25_000, 500}, {50_000, 1_000},
        {100_000, 2_500}, {250_000, 5_000}, {500_000, 10_000}};

    final long start;
    final long reserve;
    final boolean rejectEqual;
    final List<Entry> entries = new ArrayList<>();
    long leader;
    long price;

    ReferenceProxyLot(final long start, final long reserve, final boolean rejectEqual)
    {
        this.start = start;
        this.reserve = reserve;
        this.rejectEqual = rejectEqual;
    }

    static long inc(final long p)
    {
        long increment = TABLE[0][1];
        for (final long[] band : TABLE)
        {
            if (band[0] <= p)
            {
                increment = band[1];
            }
        }
        return increment;
    }

    private static List<Entry> ordered(final List<Entry> list)
    {
        final List<Entry> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingLong(Entry::max).reversed().thenComparingLong(Entry::seq));
        return sorted;
    }

    private long naivePrice(final List<Entry> list)
    {
        final List<Entry> sorted = ordered(list);
        long p = sorted.size() == 1 ? start :
            Math.min(sorted.get(0).max(), sorted.get(1).max() + inc(sorted.get(1).max()));
        if (sorted.get(0).max() >= reserve)
        {
            p = Math.max(p, reserve);
        }
        else
        {
            p = sorted.get(0).max();
        }
        return p;
    }

    long minimum()
    {
        return entries.isEmpty() ? start : price + inc(price);
    }

    RejectReason place(final long bidder, final long max, final long seq)
    {
        final Entry own = entries.stream().filter(e -> e.bidder() == bidder).findFirst().orElse(null);
        if (!entries.isEmpty() && leader == bidder && max <= own.max())
        {
            return RejectReason.CANNOT_LOWER_MAX;
        }
        if (max < minimum())
        {
            return RejectReason.BELOW_MINIMUM;
        }
        if (rejectEqual && !entries.isEmpty() && leader != bidder && max == ordered(entries).get(0).max())
        {
            return RejectReason.EQUAL_MAX_REJECTED;
        }
        final boolean hadLeader = !entries.isEmpty();
        entries.remove(own);
        entries.add(new Entry(bidder, max, seq));
        final long p = naivePrice(entries);
        price = hadLeader ? Math.max(price, p) : p;
        leader = ordered(entries).get(0).bidder();
        return null;
    }

    RejectReason remove(final long bidder)
    {
        final Entry own = entries.stream().filter(e -> e.bidder() == bidder).findFirst().orElse(null);
        if (own == null)
        {
            return RejectReason.NO_MAXIMUM;
        }
        entries.remove(own);
        final List<Entry> bySeq = new ArrayList<>(entries);
        bySeq.sort(Comparator.comparingLong(Entry::seq));
        final List<Entry> replay = new ArrayList<>();
        long p = 0;
        for (final Entry e : bySeq)
        {
            replay.add(e);
            final long naive = naivePrice(replay);
            p = replay.size() == 1 ? naive : Math.max(p, naive);
        }
        price = entries.isEmpty() ? 0 : p;
        leader = entries.isEmpty() ? 0 : ordered(entries).get(0).bidder();
        return null;
    }

    boolean reserveMet()
    {
        return leader != 0 && price >= reserve;
    }
}
