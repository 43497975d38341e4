package io.gavel.core.rules;

import io.gavel.sbe.BooleanType;
import io.gavel.sbe.LotSnapshotDecoder;
import io.gavel.sbe.LotSnapshotEncoder;

/**
 * The maximums on one lot, ordered by amount descending, then engine sequence ascending (RULES.md R2). One entry per
 * bidder. The entries live in one block of the core's {@link BookArena}, a book that grows moving to a bigger block of
 * the shared arena instead of allocating a bigger array of its own; an empty book holds no block.
 * <p>
 * Index 0 is the best entry, but the block holds the entries the other way up: worst in its first slot, best in its
 * last. In a rising auction nearly every new maximum leads, and a leading entry is then an append; a bidder raising a
 * maximum near the top moves only the entries above their old one. A placement or removal moves one run of slots
 * (one copy per field), never one entry at a time.
 * <p>
 * Each field has a run of its own in the block: the bidders of all slots, then their maximums, then their sequences
 * and limit flags. A bid by a bidder new to the book reads the whole book looking for them; this way it reads bidder
 * ids only, a third of the memory (such a bid on books of hundreds of maximums over 10,000 lots, which outgrow the
 * caches, took about a quarter less time than with the fields of an entry side by side; no difference on small books).
 */
public final class ProxyBook
{
    /** Longs per entry: one in each field's run. */
    private static final int FIELDS = BookArena.STRIDE;
    private static final int BIDDER = 0;
    private static final int MAXIMUM = 1;
    private static final int SEQUENCE = 2;
    /** The top bit of the sequence word carries whether the bidder has a limit (sequences are positive). */
    private static final long LIMITED = Long.MIN_VALUE;
    /** Moves of up to this many entries are plain stores. */
    private static final int SHORT_MOVE = 8;

    private final BookArena arena;
    /**
     * The page of the arena holding this book's block, the block's handle, the index of its first long in the page,
     * its class and the entries it holds (the length of each field's run); meaningful while {@code blockClass >= 0}.
     */
    private long[] entries;
    private long handle;
    private int base;
    private int blockClass = -1;
    private int capacity;
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
        return entries[base + BIDDER * capacity + size - 1 - index];
    }

    public long maximumAt(final int index)
    {
        return maximumIn(size - 1 - index);
    }

    public long sequenceAt(final int index)
    {
        return sequenceIn(size - 1 - index);
    }

    /** Whether the entry's bidder has a bidding limit, so exposure bookkeeping can skip everyone else. */
    boolean limitedAt(final int index)
    {
        return (entries[base + SEQUENCE * capacity + size - 1 - index] & LIMITED) != 0;
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
        return slot < 0 ? 0 : maximumIn(slot);
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
        write(slot, bidderId, maximum, hasLimit ? sequence | LIMITED : sequence);
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
                write(size, bidderId, maximum, limited ? sequence | LIMITED : sequence);
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

    /** Writes an entry into a slot of the block. */
    private void write(final int slot, final long bidderId, final long maximum, final long sequenceAndFlag)
    {
        final long[] entries = this.entries;
        entries[base + BIDDER * capacity + slot] = bidderId;
        entries[base + MAXIMUM * capacity + slot] = maximum;
        entries[base + SEQUENCE * capacity + slot] = sequenceAndFlag;
    }

    /** The bidder's slot in the block, or -1; searched from the top, where leaders and recent raisers are. */
    private int slotOf(final long bidderId)
    {
        final long[] entries = this.entries;
        final int bidders = base + BIDDER * capacity;
        for (int slot = size - 1; slot >= 0; slot--)
        {
            if (entries[bidders + slot] == bidderId)
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
        return entries[base + MAXIMUM * capacity + slot];
    }

    private long sequenceIn(final int slot)
    {
        return entries[base + SEQUENCE * capacity + slot] & ~LIMITED;
    }

    /** Reverses the order of the entries in the block. */
    private void turnOver()
    {
        final long[] entries = this.entries;
        for (int field = 0; field < FIELDS; field++)
        {
            final int start = base + field * capacity;
            for (int low = start, high = start + size - 1; low < high; low++, high--)
            {
                final long value = entries[low];
                entries[low] = entries[high];
                entries[high] = value;
            }
        }
    }

    /**
     * Moves {@code count} entries from slot {@code from} to slot {@code to} of the block: a few by plain stores (three
     * calls of the copy stub cost more than the stores on small books), more with one copy per field.
     */
    private void move(final int from, final int to, final int count)
    {
        final long[] entries = this.entries;
        if (count > SHORT_MOVE)
        {
            for (int field = 0, start = base; field < FIELDS; field++, start += capacity)
            {
                System.arraycopy(entries, start + from, entries, start + to, count);
            }
            return;
        }
        for (int field = 0, start = base; field < FIELDS; field++, start += capacity)
        {
            if (from > to)
            {
                for (int i = 0; i < count; i++)
                {
                    entries[start + to + i] = entries[start + from + i];
                }
            }
            else
            {
                for (int i = count - 1; i >= 0; i--)
                {
                    entries[start + to + i] = entries[start + from + i];
                }
            }
        }
    }

    /** Moves the entries to a block of the arena that holds {@code required}, giving the old block back. */
    private void ensureCapacity(final int required)
    {
        if (blockClass >= 0 && required <= capacity)
        {
            return;
        }
        final int grownClass = BookArena.classFor(required);
        final long grownHandle = arena.allocate(grownClass);
        final long[] grown = arena.page(grownHandle);
        final int grownBase = BookArena.offset(grownHandle);
        final int grownCapacity = BookArena.entriesOf(grownClass);
        if (blockClass >= 0)
        {
            for (int field = 0; field < FIELDS; field++)
            {
                System.arraycopy(entries, base + field * capacity, grown, grownBase + field * grownCapacity, size);
            }
            arena.free(handle, blockClass);
        }
        entries = grown;
        handle = grownHandle;
        base = grownBase;
        blockClass = grownClass;
        capacity = grownCapacity;
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
