package io.gavel.core.rules;

import io.gavel.sbe.BooleanType;
import io.gavel.sbe.LotSnapshotDecoder;
import io.gavel.sbe.LotSnapshotEncoder;

/**
 * The maximums on one lot, ordered by amount descending, then engine sequence ascending (RULES.md R2). One entry per
 * bidder. The entries live interleaved (bidder, maximum, sequence-and-limit flag) in one block of the core's
 * {@link BookArena}, so a bid touches one run of memory rather than several arrays, and a book that grows moves to a
 * bigger block of the shared arena instead of allocating a bigger array of its own. An empty book holds no block.
 * <p>
 * Index 0 is the best entry, but the block holds the entries the other way up: worst in its first slot, best in its
 * last. In a rising auction nearly every new maximum leads, and a leading entry is then an append; a bidder raising a
 * maximum near the top moves only the entries above their old one. A placement or removal moves one run of entries,
 * never one entry at a time.
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
    /**
     * The page of the arena holding this book's block, the block's handle, the index of its first long in the page
     * and its class; meaningful while {@code blockClass >= 0}.
     */
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
        return entries[offsetOf(index) + BIDDER];
    }

    public long maximumAt(final int index)
    {
        return entries[offsetOf(index) + MAXIMUM];
    }

    public long sequenceAt(final int index)
    {
        return entries[offsetOf(index) + SEQUENCE] & ~LIMITED;
    }

    /** Whether the entry's bidder has a bidding limit, so exposure bookkeeping can skip everyone else. */
    boolean limitedAt(final int index)
    {
        return (entries[offsetOf(index) + SEQUENCE] & LIMITED) != 0;
    }

    public int indexOf(final long bidderId)
    {
        final int slot = slotOf(bidderId);
        return slot < 0 ? -1 : size - 1 - slot;
    }

    /** The bidder's maximum, or 0 when they have none. */
    public long maximumOf(final long bidderId)
    {
        final int slot = slotOf(bidderId);
        return slot < 0 ? 0 : entries[base + slot * STRIDE + MAXIMUM];
    }

    /** Places or replaces the bidder's maximum; the new entry takes {@code sequence}. */
    public void place(final long bidderId, final long maximum, final long sequence)
    {
        place(bidderId, maximum, sequence, false);
    }

    /**
     * Places or replaces the bidder's maximum with one move: of the entries between the bidder's old slot and the new
     * one, or for a new bidder of those above the new slot (none for a new leader). Among entries of equal maximum
     * and sequence, the one placed last ranks last.
     */
    void place(final long bidderId, final long maximum, final long sequence, final boolean hasLimit)
    {
        final int old = slotOf(bidderId);
        if (old < 0)
        {
            ensureCapacity(size + 1);
        }
        final int below = slotsBelow(maximum, sequence);
        final int slot;
        if (old < 0)
        {
            slot = below;
            move(slot, slot + 1, size - slot);
            size++;
        }
        else if (old < below)
        {
            // Up: the entries between the old slot and the new one close the gap below.
            slot = below - 1;
            move(old + 1, old, slot - old);
        }
        else
        {
            // Down (or in place): the entries between the new slot and the old one open a gap above.
            slot = below;
            move(slot, slot + 1, old - slot);
        }
        final long[] entries = this.entries;
        final int offset = base + slot * STRIDE;
        entries[offset + BIDDER] = bidderId;
        entries[offset + MAXIMUM] = maximum;
        entries[offset + SEQUENCE] = hasLimit ? sequence | LIMITED : sequence;
    }

    public boolean remove(final long bidderId)
    {
        final int slot = slotOf(bidderId);
        if (slot < 0)
        {
            return false;
        }
        move(slot + 1, slot, size - slot - 1);
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

    /**
     * Places the frame's entries. A frame that {@link #writeTo} wrote holds them best first, the reverse of the block's
     * order: they are laid in the block as they come and turned over once at the end, instead of each new worst entry
     * moving the whole block up. An entry that does not rank strictly after the one before, or whose bidder is
     * already in, turns the book over at once and it and the rest are placed one by one, as they always were.
     */
    void readFrom(final LotSnapshotDecoder.BookDecoder decoder)
    {
        boolean inFrameOrder = size == 0;
        for (final LotSnapshotDecoder.BookDecoder entry : decoder)
        {
            final long bidderId = entry.bidderId();
            final long maximum = entry.maximum();
            final long sequence = entry.sequence();
            final boolean limited = entry.limited() == BooleanType.TRUE;
            if (inFrameOrder && (size == 0 ||
                (ranksBefore(maximumIn(size - 1), sequenceIn(size - 1), maximum, sequence) && slotOf(bidderId) < 0)))
            {
                ensureCapacity(size + 1);
                final int offset = base + size * STRIDE;
                entries[offset + BIDDER] = bidderId;
                entries[offset + MAXIMUM] = maximum;
                entries[offset + SEQUENCE] = limited ? sequence | LIMITED : sequence;
                size++;
                continue;
            }
            if (inFrameOrder)
            {
                turnOver();
                inFrameOrder = false;
            }
            place(bidderId, maximum, sequence, limited);
        }
        if (inFrameOrder)
        {
            turnOver();
        }
    }

    private static boolean ranksBefore(final long max, final long seq, final long otherMax, final long otherSeq)
    {
        return max > otherMax || (max == otherMax && seq < otherSeq);
    }

    /** Index in the page of the first long of the entry at {@code index} (0 = best, the block's last slot). */
    private int offsetOf(final int index)
    {
        return base + (size - 1 - index) * STRIDE;
    }

    /** The bidder's slot in the block, or -1; searched from the top, where leaders and recent raisers are. */
    private int slotOf(final long bidderId)
    {
        final long[] entries = this.entries;
        for (int slot = size - 1, offset = base + slot * STRIDE + BIDDER; slot >= 0; slot--, offset -= STRIDE)
        {
            if (entries[offset] == bidderId)
            {
                return slot;
            }
        }
        return -1;
    }

    /**
     * How many entries rank after a new entry of {@code maximum} and {@code sequence}: they fill the slots below it.
     * A new leader is checked first (the common bid), then a binary search.
     */
    private int slotsBelow(final long maximum, final long sequence)
    {
        if (size == 0 || ranksBefore(maximum, sequence, maximumIn(size - 1), sequenceIn(size - 1)))
        {
            return size;
        }
        int low = 0;
        int high = size - 1;
        while (low < high)
        {
            final int middle = (low + high) >>> 1;
            if (ranksBefore(maximum, sequence, maximumIn(middle), sequenceIn(middle)))
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    private long maximumIn(final int slot)
    {
        return entries[base + slot * STRIDE + MAXIMUM];
    }

    private long sequenceIn(final int slot)
    {
        return entries[base + slot * STRIDE + SEQUENCE] & ~LIMITED;
    }

    /** Reverses the order of the entries in the block. */
    private void turnOver()
    {
        final long[] entries = this.entries;
        for (int low = base, high = base + (size - 1) * STRIDE; low < high; low += STRIDE, high -= STRIDE)
        {
            for (int field = 0; field < STRIDE; field++)
            {
                final long value = entries[low + field];
                entries[low + field] = entries[high + field];
                entries[high + field] = value;
            }
        }
    }

    /** Moves {@code count} entries from slot {@code from} to slot {@code to} of the block, in one copy. */
    private void move(final int from, final int to, final int count)
    {
        if (count > 0)
        {
            System.arraycopy(entries, base + from * STRIDE, entries, base + to * STRIDE, count * STRIDE);
        }
    }

    /** Moves the entries to a block of the arena that holds {@code required}, giving the old block back. */
    private void ensureCapacity(final int required)
    {
        if (blockClass >= 0 && required <= BookArena.entriesOf(blockClass))
        {
            return;
        }
        final int grownClass = BookArena.classFor(required);
        handle = arena.move(handle, blockClass, grownClass, size * STRIDE);
        entries = arena.page(handle);
        base = BookArena.offset(handle);
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
