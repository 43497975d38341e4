package io.gavel.core;

/**
 * Idempotency by (principal, correlation id) over the last {@code capacity} commands (RULES.md R6). Remembers each
 * command's template checksum and outcome, so a repeat returns the original outcome and a reused id on a different
 * command is told apart.
 * <p>
 * One open-addressing table of longs, four per entry (principal, correlation id, checksum, sequence and outcome) so
 * a probe touches one cache line; linear probing with backward-shift deletion; FIFO eviction. Deterministic and
 * allocation-free. Correlation id 0 is never stored: it marks an empty slot.
 */
public final class CorrelationWindow
{
    public static final int ACCEPTED = 0;

    private static final int STRIDE = 4;
    private static final int PRINCIPAL = 0;
    private static final int CORRELATION = 1;
    private static final int CHECKSUM = 2;
    private static final int SEQUENCE_AND_OUTCOME = 3;

    private final int capacity;
    private final int mask;
    private final long[] table;
    private final long[] fifo;
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
        final int slots = Integer.highestOneBit(capacity * 2 - 1) << 1;
        mask = slots - 1;
        table = new long[slots * STRIDE];
        fifo = new long[capacity * 2];
    }

    public int size()
    {
        return (int)(fifoTail - fifoHead);
    }

    /** Looks a command up; when found, {@link #lastChecksum()}, {@link #lastOutcome()} and {@link #lastSequence()}. */
    public boolean find(final long principal, final long correlationId)
    {
        int slot = slotOf(principal, correlationId);
        while (table[slot * STRIDE + CORRELATION] != 0)
        {
            final int base = slot * STRIDE;
            if (table[base + CORRELATION] == correlationId && table[base + PRINCIPAL] == principal)
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
        return table[lastSlot * STRIDE + CHECKSUM];
    }

    public int lastOutcome()
    {
        return (int)(table[lastSlot * STRIDE + SEQUENCE_AND_OUTCOME] & 0xFF);
    }

    public long lastSequence()
    {
        return table[lastSlot * STRIDE + SEQUENCE_AND_OUTCOME] >>> 8;
    }

    /**
     * Records a new command's outcome (0 accepted, else a reason's value), evicting the oldest when full. The key must
     * not be present and the correlation id must not be 0.
     */
    public void record(
        final long principal, final long correlationId, final long checksum, final int outcome, final long sequence)
    {
        if (size() == capacity)
        {
            final int oldest = (int)((fifoHead % capacity) * 2);
            remove(fifo[oldest], fifo[oldest + 1]);
            fifoHead++;
        }
        final int fifoIndex = (int)((fifoTail % capacity) * 2);
        fifo[fifoIndex] = principal;
        fifo[fifoIndex + 1] = correlationId;
        fifoTail++;

        int slot = slotOf(principal, correlationId);
        while (table[slot * STRIDE + CORRELATION] != 0)
        {
            slot = (slot + 1) & mask;
        }
        final int base = slot * STRIDE;
        table[base + PRINCIPAL] = principal;
        table[base + CORRELATION] = correlationId;
        table[base + CHECKSUM] = checksum;
        table[base + SEQUENCE_AND_OUTCOME] = (sequence << 8) | (outcome & 0xFF);
    }

    /** Receives the window's entries, oldest first. */
    @FunctionalInterface
    public interface EntryVisitor
    {
        void onEntry(long principal, long correlationId, long checksum, long sequence, int outcome);
    }

    /** Visits every remembered command, oldest first (the order {@link #record} must replay them in). */
    public void forEachOldestFirst(final EntryVisitor visitor)
    {
        for (long i = fifoHead; i < fifoTail; i++)
        {
            final int index = (int)((i % capacity) * 2);
            if (find(fifo[index], fifo[index + 1]))
            {
                visitor.onEntry(fifo[index], fifo[index + 1], lastChecksum(), lastSequence(), lastOutcome());
            }
        }
    }

    public int capacity()
    {
        return capacity;
    }

    private void remove(final long principal, final long correlationId)
    {
        if (!find(principal, correlationId))
        {
            return;
        }
        int hole = lastSlot;
        table[hole * STRIDE + CORRELATION] = 0;
        // Backward-shift deletion keeps every probe chain unbroken without tombstones.
        int slot = (hole + 1) & mask;
        while (table[slot * STRIDE + CORRELATION] != 0)
        {
            final int base = slot * STRIDE;
            final int home = slotOf(table[base + PRINCIPAL], table[base + CORRELATION]);
            final boolean movable = hole <= slot ? (home <= hole || home > slot) : (home <= hole && home > slot);
            if (movable)
            {
                System.arraycopy(table, base, table, hole * STRIDE, STRIDE);
                table[base + CORRELATION] = 0;
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
