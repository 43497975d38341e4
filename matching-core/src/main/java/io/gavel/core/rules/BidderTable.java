package io.gavel.core.rules;

import java.util.Arrays;

/**
 * An auction's bidders by wire id, with what a bid reads of its bidder inline in the lookup slot: the paddle, the
 * approval status and whether the bidder has a limit. A bid then touches one slot of a flat {@code long[]} (16 bytes
 * for a small id) where a table of references touched the slot and then the {@link Bidder} object, a second cache
 * miss once the bidders outgrow the L2 cache (100,000 registrations are 6 MB of objects; their slots here 1.6 MB).
 * The object is still kept, beside the slot, for what only some commands read or change (limit, exposure, strikes).
 * <p>
 * As {@link IdTable}: small ids (at most {@link #DENSE_SLACK} times the entries plus a margin) index the dense
 * array directly, two longs per id (flags, paddle); other ids go to open addressing with linear probing, three longs
 * per slot (id, flags, paddle), load at most one half, no removal. A position ({@link #find}) names a slot: {@code
 * >= 0} a dense one, {@code <= -2} a hashed one, {@link #ABSENT} none.
 * <p>
 * The flags word is derived from the bidder's fields and written whenever they change ({@link #update}); the
 * {@link Bidder} stays what is hashed and snapshotted. Never iterated: the auction keeps its bidders in registration
 * order, so nothing depends on the layout here.
 */
final class BidderTable
{
    static final int ABSENT = -1;

    private static final long STATUS_MASK = 0xFF;
    private static final long PRESENT = 1L << 8;
    private static final long LIMITED = 1L << 9;
    private static final long APPROVED = PRESENT | BidderStatus.APPROVED.ordinal();

    private static final int DENSE_SLACK = 2;
    private static final int DENSE_MARGIN = 64;
    private static final int INITIAL_SLOTS = 16;
    private static final int DENSE_STRIDE = 2;
    private static final int HASHED_STRIDE = 3;

    private long[] dense = new long[DENSE_MARGIN * DENSE_STRIDE];
    private Bidder[] denseBidders = new Bidder[DENSE_MARGIN];
    private long[] slots = new long[INITIAL_SLOTS * HASHED_STRIDE];
    private Bidder[] slotBidders = new Bidder[INITIAL_SLOTS];
    private int shift = Long.SIZE - Integer.numberOfTrailingZeros(INITIAL_SLOTS);
    private int size;
    private int hashed;

    /** The bidder's position, or {@link #ABSENT}. */
    int find(final long id)
    {
        final Bidder[] denseBidders = this.denseBidders;
        if (id >= 0 && id < denseBidders.length)
        {
            return dense[(int)id * DENSE_STRIDE] != 0 ? (int)id : ABSENT;
        }
        if (hashed == 0)
        {
            return ABSENT;
        }
        final long[] slots = this.slots;
        final int mask = slotBidders.length - 1;
        int slot = slotOf(id, shift);
        while (slots[slot * HASHED_STRIDE + 1] != 0)
        {
            if (slots[slot * HASHED_STRIDE] == id)
            {
                return -slot - 2;
            }
            slot = (slot + 1) & mask;
        }
        return ABSENT;
    }

    /** Whether the bidder at {@code position} may bid (approved). */
    boolean approvedAt(final int position)
    {
        return (flagsAt(position) & ~LIMITED) == APPROVED;
    }

    /** Whether the bidder at {@code position} has a bidding limit (exposure is kept only for those). */
    boolean limitedAt(final int position)
    {
        return (flagsAt(position) & LIMITED) != 0;
    }

    long paddleAt(final int position)
    {
        return position >= 0 ? dense[position * DENSE_STRIDE + 1] : slots[(-position - 2) * HASHED_STRIDE + 2];
    }

    Bidder bidderAt(final int position)
    {
        return position >= 0 ? denseBidders[position] : slotBidders[-position - 2];
    }

    private long flagsAt(final int position)
    {
        return position >= 0 ? dense[position * DENSE_STRIDE] : slots[(-position - 2) * HASHED_STRIDE + 1];
    }

    int size()
    {
        return size;
    }

    /** Adds a bidder whose id is not in the table yet. */
    void add(final Bidder bidder)
    {
        size++;
        final long id = bidder.id;
        if (id >= 0 && (id < denseBidders.length || id < (long)size * DENSE_SLACK + DENSE_MARGIN))
        {
            if (id >= denseBidders.length)
            {
                growDense((int)id);
            }
            putDense(bidder);
            return;
        }
        if ((hashed + 1) * 2 > slotBidders.length)
        {
            growHashed(slotBidders.length * 2);
        }
        insert(bidder);
        hashed++;
    }

    /** Rewrites the bidder's flags after its status changed. */
    void update(final Bidder bidder)
    {
        final int position = find(bidder.id);
        if (position >= 0)
        {
            dense[position * DENSE_STRIDE] = flagsOf(bidder);
        }
        else if (position != ABSENT)
        {
            slots[(-position - 2) * HASHED_STRIDE + 1] = flagsOf(bidder);
        }
    }

    /** Whether every slot says what its bidder's fields say (tests: the flags are derived, never state). */
    boolean matchesBidders()
    {
        for (int i = 0; i < denseBidders.length; i++)
        {
            if (denseBidders[i] != null && !matches(i, denseBidders[i]))
            {
                return false;
            }
        }
        for (int i = 0; i < slotBidders.length; i++)
        {
            if (slotBidders[i] != null && !matches(-i - 2, slotBidders[i]))
            {
                return false;
            }
        }
        return true;
    }

    private boolean matches(final int position, final Bidder bidder)
    {
        return find(bidder.id) == position && flagsAt(position) == flagsOf(bidder) &&
            paddleAt(position) == bidder.paddle && bidderAt(position) == bidder;
    }

    private static long flagsOf(final Bidder bidder)
    {
        return PRESENT | (bidder.hasLimit() ? LIMITED : 0) | (bidder.status.ordinal() & STATUS_MASK);
    }

    private void putDense(final Bidder bidder)
    {
        final int index = (int)bidder.id;
        dense[index * DENSE_STRIDE] = flagsOf(bidder);
        dense[index * DENSE_STRIDE + 1] = bidder.paddle;
        denseBidders[index] = bidder;
    }

    private void insert(final Bidder bidder)
    {
        final int mask = slotBidders.length - 1;
        int slot = slotOf(bidder.id, shift);
        while (slots[slot * HASHED_STRIDE + 1] != 0)
        {
            slot = (slot + 1) & mask;
        }
        slots[slot * HASHED_STRIDE] = bidder.id;
        slots[slot * HASHED_STRIDE + 1] = flagsOf(bidder);
        slots[slot * HASHED_STRIDE + 2] = bidder.paddle;
        slotBidders[slot] = bidder;
    }

    /** Widens the dense array to hold {@code id}, moving in the hashed bidders it now covers. */
    private void growDense(final int id)
    {
        final int length = Math.max(id + 1, denseBidders.length * 2);
        dense = Arrays.copyOf(dense, length * DENSE_STRIDE);
        denseBidders = Arrays.copyOf(denseBidders, length);
        if (hashed > 0)
        {
            growHashed(slotBidders.length);
        }
    }

    /** Rebuilds the hashed part with {@code slotCount} slots; bidders the dense array now covers move there. */
    private void growHashed(final int slotCount)
    {
        final Bidder[] old = slotBidders;
        slots = new long[slotCount * HASHED_STRIDE];
        slotBidders = new Bidder[slotCount];
        shift = Long.SIZE - Integer.numberOfTrailingZeros(slotCount);
        hashed = 0;
        for (final Bidder bidder : old)
        {
            if (bidder == null)
            {
                continue;
            }
            if (bidder.id >= 0 && bidder.id < denseBidders.length)
            {
                putDense(bidder);
            }
            else
            {
                insert(bidder);
                hashed++;
            }
        }
    }

    // Fibonacci hashing: the high bits of id * 2^64/phi spread sequential ids evenly.
    private static int slotOf(final long id, final int shift)
    {
        return (int)((id * 0x9E3779B97F4A7C15L) >>> shift);
    }
}
