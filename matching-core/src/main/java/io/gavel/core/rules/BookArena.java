package io.gavel.core.rules;

import java.util.Arrays;

/**
 * The memory of every proxy book and LIVE ladder of one core: long arrays ("pages") cut into blocks of power-of-two
 * entry counts (a block of class {@code c} holds {@code 2^c} entries of {@link #STRIDE} longs). A book that grows
 * takes a block of the next class and gives its old block back; a book that empties gives its block back. Given-back
 * blocks wait on a free list per class (the link is written into the block itself) and are the first to be handed out
 * again, so once the arena holds the working set, books grow without allocating. When no block of the class is free
 * and the current page's tail is too short, the arena adds a page (twice the last one, at most {@link #PAGE_LONGS},
 * or the block's size if larger): memory follows use, nothing is copied, and the business thread never copies a
 * whole arena. {@link #reserve} adds one page large enough up front.
 * <p>
 * A block is named by a handle, page index in the high 32 bits and offset in the low 32. Deterministic: which block a
 * book gets depends only on the order of the rules' operations (no hash order, no clock), and nothing reads a
 * block's position: hash and snapshot read the books entry by entry.
 */
final class BookArena
{
    /** Longs per entry: bidder, maximum, sequence-and-limit flag (ladders: bidder, amount, sequence). */
    static final int STRIDE = 3;
    /** The smallest block: four entries, the size a new book had before the arena. */
    static final int MIN_CLASS = 2;
    /** Pages grow to 1 MiB, then stay that size: one page per 43,690 entries. */
    static final int PAGE_LONGS = 1 << 17;
    private static final int CLASSES = 28;
    private static final long NONE = -1;

    private long[][] pages = new long[8][];
    private int pageCount;
    private long[] current;
    private int top;
    private long capacity;
    private final long[] freeHeads = new long[CLASSES];

    BookArena()
    {
        this(64);
    }

    BookArena(final int initialEntries)
    {
        Arrays.fill(freeHeads, NONE);
        addPage(Math.max(initialEntries, 1 << MIN_CLASS) * STRIDE);
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

    /** The page a block lives in. */
    long[] page(final long handle)
    {
        return pages[(int)(handle >>> 32)];
    }

    /** Index of the block's first long in its page. */
    static int offset(final long handle)
    {
        return (int)handle;
    }

    /** A block of {@code blockClass}: its handle. */
    long allocate(final int blockClass)
    {
        final long head = freeHeads[blockClass];
        if (head != NONE)
        {
            freeHeads[blockClass] = page(head)[offset(head)];
            return head;
        }
        final int length = STRIDE << blockClass;
        if (top + length > current.length)
        {
            addPage(Math.max(length, (int)Math.min(PAGE_LONGS, 2L * current.length)));
        }
        final int offset = top;
        top += length;
        return ((long)(pageCount - 1) << 32) | offset;
    }

    /** Gives a block back; its contents are dead from now on. */
    void free(final long handle, final int blockClass)
    {
        page(handle)[offset(handle)] = freeHeads[blockClass];
        freeHeads[blockClass] = handle;
    }

    /** Adds one page now, if needed, so that {@code entries} more entries fit without another page. */
    void reserve(final int entries)
    {
        final long required = (long)entries * STRIDE;
        if (required > Integer.MAX_VALUE - 8)
        {
            throw new IllegalArgumentException("cannot reserve " + entries + " entries in one page");
        }
        if (current.length - top < required)
        {
            addPage((int)required);
        }
    }

    /** Longs in all pages: what the arena holds on the heap. */
    long capacity()
    {
        return capacity;
    }

    private void addPage(final int longs)
    {
        if (pageCount == pages.length)
        {
            pages = Arrays.copyOf(pages, pageCount * 2);
        }
        current = new long[longs];
        pages[pageCount++] = current;
        top = 0;
        capacity += longs;
    }
}
