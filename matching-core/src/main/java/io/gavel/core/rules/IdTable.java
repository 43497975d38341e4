package io.gavel.core.rules;

/**
 * Finds auctions, lots and bidders by their wire id. Small ids (lot numbers, paddles, ids handed out in sequence: at
 * most {@link #DENSE_SLACK} times the entries plus a margin) index an array directly: one slot of four bytes per id, no
 * probing. Other ids go to open addressing over one array of references, compared by the id inside the referenced
 * object: a lookup touches one slot and the object it returns, where a map with separate key and value arrays
 * touches three places (the profile of CoreThroughputBenchmark put a quarter of the time in those misses). Linear
 * probing, load at most one half, no removal (nothing the rules add is ever removed).
 * <p>
 * Never iterated: callers keep their own lists in insertion order, so no answer depends on hash order.
 */
final class IdTable<T extends Identified>
{
    private static final int INITIAL_SLOTS = 16;
    private static final int DENSE_SLACK = 2;
    private static final int DENSE_MARGIN = 64;

    private Identified[] dense = new Identified[DENSE_MARGIN];
    private Identified[] slots = new Identified[INITIAL_SLOTS];
    private int shift = Long.SIZE - Integer.numberOfTrailingZeros(INITIAL_SLOTS);
    private int size;
    private int hashed;

    @SuppressWarnings("unchecked")
    T get(final long id)
    {
        final Identified[] dense = this.dense;
        if (id >= 0 && id < dense.length)
        {
            return (T)dense[(int)id];
        }
        if (hashed == 0)
        {
            return null;
        }
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
        size++;
        final long id = entry.id;
        if (id >= 0 && (id < dense.length || id < (long)size * DENSE_SLACK + DENSE_MARGIN))
        {
            if (id >= dense.length)
            {
                growDense((int)id);
            }
            dense[(int)id] = entry;
            return;
        }
        if ((hashed + 1) * 2 > slots.length)
        {
            grow();
        }
        insert(slots, shift, entry);
        hashed++;
    }

    int size()
    {
        return size;
    }

    /** Widens the direct array to hold {@code id}, moving in the hashed entries it now covers. */
    private void growDense(final int id)
    {
        final Identified[] grown = java.util.Arrays.copyOf(dense, Math.max(id + 1, dense.length * 2));
        dense = grown;
        if (hashed == 0)
        {
            return;
        }
        final Identified[] old = slots;
        slots = new Identified[old.length];
        hashed = 0;
        for (final Identified entry : old)
        {
            if (entry == null)
            {
                continue;
            }
            if (entry.id >= 0 && entry.id < grown.length)
            {
                grown[(int)entry.id] = entry;
            }
            else
            {
                insert(slots, shift, entry);
                hashed++;
            }
        }
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

    // Fibonacci hashing: the high bits of id * 2^64/phi spread sequential ids evenly.
    private static int slotOf(final long id, final int shift)
    {
        return (int)((id * 0x9E3779B97F4A7C15L) >>> shift);
    }
}
