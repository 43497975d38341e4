package io.gavel.core.rules;

import java.util.Arrays;

/**
 * The memory of every proxy book of one core: one long array cut into blocks of power-of-two entry counts (a block
 * of class {@code c} holds {@code 2^c} entries of {@link #STRIDE} longs). A book that grows takes a block of the next
 * class and gives its old block back; a book that empties gives its block back. Given-back blocks wait on a free
 * list per class (the link is written into the block itself) and are the first to be handed out again, so once the
 * arena has grown to the working set, books grow without allocating. The array itself grows only when no block of
 * the class is free and the unused tail is too short: by doubling, rarely, or never after {@link #reserve}.
 * <p>
 * Deterministic: which block a book gets depends only on the order of the rules' operations (no hash order, no
 * clock), and nothing reads a block's position: hash and snapshot read the books entry by entry.
 */
final class BookArena
{
    /** Longs per entry: bidder, maximum, sequence-and-limit flag. */
    static final int STRIDE = 3;
    /** The smallest block: four entries, the size a new book had before the arena. */
    static final int MIN_CLASS = 2;
    private static final int CLASSES = 28;
    private static final int NONE = -1;

    long[] data;
    private int top;
    private final int[] freeHeads = new int[CLASSES];

    BookArena()
    {
        this(64);
    }

    BookArena(final int initialEntries)
    {
        data = new long[Math.max(initialEntries, 1 << MIN_CLASS) * STRIDE];
        Arrays.fill(freeHeads, NONE);
    }

    /** The smallest class whose blocks hold {@code entries} entries. */
    static int classFor(final int entries)
    {
        return Math.max(MIN_CLASS, Long.SIZE - Long.numberOfLeadingZeros(entries - 1L));
    }

    static int entriesOf(final int blockClass)
    {
        return 1 << blockClass;
    }

    /** A block of {@code blockClass}: its first long's index in {@link #data}, which may have been replaced. */
    int allocate(final int blockClass)
    {
        final int head = freeHeads[blockClass];
        if (head != NONE)
        {
            freeHeads[blockClass] = (int)data[head];
            return head;
        }
        final int length = STRIDE << blockClass;
        if (top + length > data.length)
        {
            grow(top + length);
        }
        final int base = top;
        top += length;
        return base;
    }

    /** Gives a block back; its contents are dead from now on. */
    void free(final int base, final int blockClass)
    {
        data[base] = freeHeads[blockClass];
        freeHeads[blockClass] = base;
    }

    /** Grows the array now, once, so that {@code entries} more entries fit in its unused tail. */
    void reserve(final int entries)
    {
        final long required = top + (long)entries * STRIDE;
        if (required > data.length)
        {
            grow(required);
        }
    }

    /** Longs in the array: what the arena holds on the heap. */
    int capacity()
    {
        return data.length;
    }

    private void grow(final long required)
    {
        if (required > Integer.MAX_VALUE - 8)
        {
            throw new IllegalStateException("proxy books need more than " + (Integer.MAX_VALUE - 8) + " longs");
        }
        final long doubled = Math.min(Integer.MAX_VALUE - 8, 2L * data.length);
        data = Arrays.copyOf(data, (int)Math.max(required, doubled));
    }
}
