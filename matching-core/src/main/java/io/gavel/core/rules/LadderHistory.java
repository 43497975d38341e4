package io.gavel.core.rules;

import io.gavel.sbe.LotSnapshotDecoder;
import io.gavel.sbe.LotSnapshotEncoder;

/**
 * Each bidder's last accepted bid on a LIVE lot, so a failed payment can pass the sale to the under-bidder
 * (RULES.md R7). Commission bidders who lost when the lot opened are entered at their maximum. The entries (bidder,
 * amount, sequence) live in a block of the core's {@link BookArena}, like the proxy books: a ladder that grows (a lot
 * opening with its commission book, bids at the ask) moves to a bigger block instead of allocating arrays, and a lot
 * that never runs live holds no block.
 */
final class LadderHistory
{
    private static final int STRIDE = BookArena.STRIDE;
    private static final int BIDDER = 0;
    private static final int AMOUNT = 1;
    private static final int SEQUENCE = 2;

    private final BookArena arena;
    /** The page of the arena holding this book's block, and the block's handle; meaningful while it has one. */
    private long[] entries;
    private long handle;
    private int base;
    private int blockClass = -1;
    private int size;

    LadderHistory(final BookArena arena)
    {
        this.arena = arena;
    }

    void record(final long bidderId, final long amount, final long sequence)
    {
        long[] entries = this.entries;
        for (int i = 0, offset = base; i < size; i++, offset += STRIDE)
        {
            if (entries[offset + BIDDER] == bidderId)
            {
                entries[offset + AMOUNT] = amount;
                entries[offset + SEQUENCE] = sequence;
                return;
            }
        }
        if (blockClass < 0 || size == BookArena.entriesOf(blockClass))
        {
            grow();
            entries = this.entries;
        }
        final int offset = base + size * STRIDE;
        entries[offset + BIDDER] = bidderId;
        entries[offset + AMOUNT] = amount;
        entries[offset + SEQUENCE] = sequence;
        size++;
    }

    int size()
    {
        return size;
    }

    long bidderAt(final int i)
    {
        return entries[base + i * STRIDE + BIDDER];
    }

    long amountAt(final int i)
    {
        return entries[base + i * STRIDE + AMOUNT];
    }

    long sequenceAt(final int i)
    {
        return entries[base + i * STRIDE + SEQUENCE];
    }

    void hash(final StateHash h)
    {
        for (int i = 0; i < size; i++)
        {
            h.add(bidderAt(i)).add(amountAt(i)).add(sequenceAt(i));
        }
    }

    void writeTo(final LotSnapshotEncoder.LadderEncoder encoder)
    {
        for (int i = 0; i < size; i++)
        {
            encoder.next().bidderId(bidderAt(i)).amount(amountAt(i)).sequence(sequenceAt(i));
        }
    }

    void readFrom(final LotSnapshotDecoder.LadderDecoder decoder)
    {
        for (final LotSnapshotDecoder.LadderDecoder entry : decoder)
        {
            record(entry.bidderId(), entry.amount(), entry.sequence());
        }
    }

    /** Moves the entries to a block twice the size (the smallest block first), giving the old block back. */
    private void grow()
    {
        final int grownClass = blockClass < 0 ? BookArena.MIN_CLASS : blockClass + 1;
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
}
