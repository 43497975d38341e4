package io.gavel.core.rules;

import io.gavel.sbe.BooleanType;
import io.gavel.sbe.LotSnapshotDecoder;
import io.gavel.sbe.LotSnapshotEncoder;

/**
 * The maximums on one lot, ordered by amount descending, then engine sequence ascending (RULES.md R2). One entry per
 * bidder. The entries live interleaved (bidder, maximum, sequence-and-limit flag) in one block of the core's
 * {@link BookArena}, so a bid touches one run of memory rather than several arrays, and a book that grows moves to a
 * bigger block of the shared arena instead of allocating a bigger array of its own. An empty book holds no block.
 */
public final class ProxyBook
{
    private static final int STRIDE = BookArena.STRIDE;
    private static final int BIDDER = 0;
    private static final int MAXIMUM = 1;
    private static final int SEQUENCE = 2;
    /** The top bit of the sequence word carries whether the bidder has a limit (sequences are positive). */
    private static final long LIMITED = Long.MIN_VALUE;

    private final BookArena arena;
    /** Index of the first entry's first long in the arena's array; meaningful while {@code blockClass >= 0}. */
    /** The page of the arena holding this book's block, and the block's handle; meaningful while it has one. */
    private long[] entries;
    private long handle;
    private int base;
    private int blockClass = -1;
    private int size;

    /** A book with an arena of its own (scratch books). */
    ProxyBook()
    {
        this(new BookArena());
    }

    ProxyBook(final BookArena arena)
    {
        this.arena = arena;
    }

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
        return entries[base + index * STRIDE + BIDDER];
    }

    public long maximumAt(final int index)
    {
        return entries[base + index * STRIDE + MAXIMUM];
    }

    public long sequenceAt(final int index)
    {
        return entries[base + index * STRIDE + SEQUENCE] & ~LIMITED;
    }

    /** Whether the entry's bidder has a bidding limit, so exposure bookkeeping can skip everyone else. */
    boolean limitedAt(final int index)
    {
        return (entries[base + index * STRIDE + SEQUENCE] & LIMITED) != 0;
    }

    public int indexOf(final long bidderId)
    {
        final long[] entries = this.entries;
        for (int i = 0, offset = base + BIDDER; i < size; i++, offset += STRIDE)
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
        final long[] entries = this.entries;
        int index = size;
        while (index > 0 && ranksBefore(maximum, sequence, maximumAt(index - 1), sequenceAt(index - 1)))
        {
            System.arraycopy(entries, base + (index - 1) * STRIDE, entries, base + index * STRIDE, STRIDE);
            index--;
        }
        final int offset = base + index * STRIDE;
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
        final long[] entries = this.entries;
        System.arraycopy(entries, base + (index + 1) * STRIDE, entries, base + index * STRIDE,
            (size - index - 1) * STRIDE);
        if (--size == 0)
        {
            release();
        }
        return true;
    }

    public void clear()
    {
        size = 0;
        release();
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

    /** Moves the entries to a block of the arena that holds {@code required}, giving the old block back. */
    private void ensureCapacity(final int required)
    {
        if (blockClass >= 0 && required <= BookArena.entriesOf(blockClass))
        {
            return;
        }
        final int grownClass = BookArena.classFor(required);
        final long grownHandle = arena.allocate(grownClass);
        final long[] grown = arena.page(grownHandle);
        final int grownBase = BookArena.offset(grownHandle);
        if (blockClass >= 0)
        {
            System.arraycopy(entries, base, grown, grownBase, size * STRIDE);
            arena.free(handle, blockClass);
        }
        entries = grown;
        handle = grownHandle;
        base = grownBase;
        blockClass = grownClass;
    }

    /** An empty book gives its block back, so a lot whose maximums are all withdrawn holds no memory. */
    private void release()
    {
        if (blockClass >= 0)
        {
            arena.free(handle, blockClass);
            blockClass = -1;
            entries = null;
        }
    }
}
