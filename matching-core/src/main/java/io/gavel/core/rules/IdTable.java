package io.gavel.core.rules;

/**
 * Finds auctions, lots and bidders by their wire id. Open addressing over one array of references, compared by the
 * id inside the referenced object: a lookup touches one slot and the object it returns, where a map with separate key
 * and value arrays touches three places (the profile of CoreThroughputBenchmark put a quarter of the time in those
 * misses). Linear probing, load at most one half, no removal (nothing the rules add is ever removed).
 * <p>
 * Never iterated: callers keep their own lists in insertion order, so no answer depends on hash order.
 */
final class IdTable<T extends Identified>
{
    private static final int INITIAL_SLOTS = 16;

    private Identified[] slots = new Identified[INITIAL_SLOTS];
    private int shift = Long.SIZE - Integer.numberOfTrailingZeros(INITIAL_SLOTS);
    private int size;

    @SuppressWarnings("unchecked")
    T get(final long id)
    {
        final Identified[] slots = this.slots;
        final int mask = slots.length - 1;
        int slot = slotOf(id, shift);
        Identified entry;
        while ((entry = slots[slot]) != null)
        {
            if (entry.id == id)
            {
                return (T)entry;
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    /** Adds an entry whose id is not in the table yet. */
    void add(final T entry)
    {
        if ((size + 1) * 2 > slots.length)
        {
            grow();
        }
        insert(slots, shift, entry);
        size++;
    }

    int size()
    {
        return size;
    }

    private void grow()
    {
        final Identified[] old = slots;
        final Identified[] grown = new Identified[old.length * 2];
        final int grownShift = shift - 1;
        for (final Identified entry : old)
        {
            if (entry != null)
            {
                insert(grown, grownShift, entry);
            }
        }
        slots = grown;
        shift = grownShift;
    }

    private static void insert(final Identified[] slots, final int shift, final Identified entry)
    {
        final int mask = slots.length - 1;
        int slot = slotOf(entry.id, shift);
        while (slots[slot] != null)
        {
            slot = (slot + 1) & mask;
        }
        slots[slot] = entry;
    }

    // Fibonacci hashing: the high bits of id * 2^64/phi spread sequential ids (the usual case) evenly.
    private static int slotOf(final long id, final int shift)
    {
        return (int)((id * 0x9E3779B97F4A7C15L) >>> shift);
    }
}
