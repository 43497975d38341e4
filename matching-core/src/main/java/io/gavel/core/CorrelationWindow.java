package io.gavel.core;

/**
 * Idempotency by (principal, correlation id) over the last {@code capacity} commands (RULES.md R6). Remembers each
 * command's template, a checksum of its body and its outcome, so a repeat returns the original outcome and a reused id
 * on a different command is told apart. Open addressing over primitive arrays, FIFO eviction: deterministic and
 * allocation-free.
 */
public final class CorrelationWindow
{
    public static final int ACCEPTED = 0;
    public static final long NOT_FOUND = -1;

    private final int capacity;
    private final int mask;
    private final long[] principals;
    private final long[] correlations;
    private final long[] checksums;
    private final long[] sequences;
    private final int[] outcomes;
    private final boolean[] used;
    private final long[] fifoPrincipals;
    private final long[] fifoCorrelations;
    private long fifoHead;
    private long fifoTail;
    private int lastSlot = -1;

    public CorrelationWindow(final int capacity)
    {
        if (capacity <= 0)
        {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        final int tableSize = Integer.highestOneBit(capacity * 2 - 1) << 1;
        mask = tableSize - 1;
        principals = new long[tableSize];
        correlations = new long[tableSize];
        checksums = new long[tableSize];
        sequences = new long[tableSize];
        outcomes = new int[tableSize];
        used = new boolean[tableSize];
        fifoPrincipals = new long[capacity];
        fifoCorrelations = new long[capacity];
    }

    public int size()
    {
        return (int)(fifoTail - fifoHead);
    }

    /** Looks a command up; when found, {@link #lastChecksum()}, {@link #lastOutcome()} and {@link #lastSequence()}. */
    public boolean find(final long principal, final long correlationId)
    {
        int slot = slotOf(principal, correlationId);
        while (used[slot])
        {
            if (principals[slot] == principal && correlations[slot] == correlationId)
            {
                lastSlot = slot;
                return true;
            }
            slot = (slot + 1) & mask;
        }
        lastSlot = -1;
        return false;
    }

    public long lastChecksum()
    {
        return checksums[lastSlot];
    }

    public int lastOutcome()
    {
        return outcomes[lastSlot];
    }

    public long lastSequence()
    {
        return sequences[lastSlot];
    }

    /** Records a new command's outcome, evicting the oldest when full. The key must not be present. */
    public void record(
        final long principal, final long correlationId, final long checksum, final int outcome, final long sequence)
    {
        if (size() == capacity)
        {
            final int oldest = (int)(fifoHead % capacity);
            remove(fifoPrincipals[oldest], fifoCorrelations[oldest]);
            fifoHead++;
        }
        final int fifoIndex = (int)(fifoTail % capacity);
        fifoPrincipals[fifoIndex] = principal;
        fifoCorrelations[fifoIndex] = correlationId;
        fifoTail++;

        int slot = slotOf(principal, correlationId);
        while (used[slot])
        {
            slot = (slot + 1) & mask;
        }
        used[slot] = true;
        principals[slot] = principal;
        correlations[slot] = correlationId;
        checksums[slot] = checksum;
        outcomes[slot] = outcome;
        sequences[slot] = sequence;
    }

    private void remove(final long principal, final long correlationId)
    {
        if (!find(principal, correlationId))
        {
            return;
        }
        int hole = lastSlot;
        used[hole] = false;
        // Backward-shift deletion keeps every probe chain unbroken without tombstones.
        int slot = (hole + 1) & mask;
        while (used[slot])
        {
            final int home = slotOf(principals[slot], correlations[slot]);
            final boolean movable = hole <= slot ? (home <= hole || home > slot) : (home <= hole && home > slot);
            if (movable)
            {
                used[hole] = true;
                principals[hole] = principals[slot];
                correlations[hole] = correlations[slot];
                checksums[hole] = checksums[slot];
                outcomes[hole] = outcomes[slot];
                sequences[hole] = sequences[slot];
                used[slot] = false;
                hole = slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    private int slotOf(final long principal, final long correlationId)
    {
        long h = principal * 0x9E3779B97F4A7C15L + correlationId;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int)h & mask;
    }
}
