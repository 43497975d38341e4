package io.gavel.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Idempotency by (principal, correlation id) over each principal's last {@code capacity} commands (RULES.md R6).
 * Remembers each command's template checksum and outcome, so a repeat returns the original outcome and a reused id on a
 * different command is told apart.
 * <p>
 * Per principal, not engine-wide: a busy principal cannot push a quiet one's commands out of the window, and the
 * table a principal's commands probe is as large as that principal's own recent history (a few kilobytes for most),
 * so it stays in cache where one engine-wide table of 65,536 commands (4 MiB) missed on nearly every probe.
 * <p>
 * Each principal has an open-addressing table whose probes run over an array of ints, one 32-bit mark (the id's
 * Fibonacci hash) per slot: 32 KB for 4,096 commands, so a probe for a new id (every command's) stays in the L1 cache.
 * Beside it, by slot, the correlation id (compared only where the mark matches) and two longs (checksum, sequence and
 * outcome) read only on a repeat (the window was a fifth of the core's profile with the three interleaved in one
 * array of longs). Linear probing and backward-shift deletion, and a FIFO of its commands' slots for eviction (a shift
 * that moves an entry updates its place in the FIFO, so the oldest is found without a probe). Both
 * start small and double up to {@code capacity}, so memory follows use: a principal that sent n commands holds
 * min(n, capacity) entries. Deterministic (principals are kept in the order they first sent a command, never in hash
 * order) and allocation-free once a principal's table has reached its size. Correlation id 0 is never stored: it
 * marks an empty slot.
 */
public final class CorrelationWindow
{
    public static final int ACCEPTED = 0;

    /** Longs per slot in a principal's {@code values}: the checksum, then the sequence and outcome. */
    private static final int STRIDE = 2;
    private static final int CHECKSUM = 0;
    private static final int SEQUENCE_AND_OUTCOME = 1;
    private static final int FIRST_SIZE = 16;

    private final int capacity;
    private final List<Recent> inOrderSeen = new ArrayList<>();
    private Recent[] byPrincipal = new Recent[64];
    private int size;
    private Recent last;
    private Recent found;
    private int foundSlot = -1;

    public CorrelationWindow(final int capacity)
    {
        if (capacity <= 0)
        {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /** Commands remembered, all principals together. */
    public int size()
    {
        return size;
    }

    /** Commands remembered per principal. */
    public int capacity()
    {
        return capacity;
    }

    /** Principals with at least one command in the window. */
    public int principals()
    {
        return inOrderSeen.size();
    }

    /** Looks a command up; when found, {@link #lastChecksum()}, {@link #lastOutcome()} and {@link #lastSequence()}. */
    public boolean find(final long principal, final long correlationId)
    {
        final Recent recent = recentOf(principal);
        if (recent != null)
        {
            final int slot = recent.find(correlationId);
            if (slot >= 0)
            {
                found = recent;
                foundSlot = slot;
                return true;
            }
        }
        found = null;
        foundSlot = -1;
        return false;
    }

    public long lastChecksum()
    {
        return found.values[foundSlot * STRIDE + CHECKSUM];
    }

    public int lastOutcome()
    {
        return (int)(found.values[foundSlot * STRIDE + SEQUENCE_AND_OUTCOME] & 0xFF);
    }

    public long lastSequence()
    {
        return found.values[foundSlot * STRIDE + SEQUENCE_AND_OUTCOME] >>> 8;
    }

    /**
     * Records a new command's outcome (0 accepted, else a reason's value), evicting the principal's oldest when it
     * already has {@code capacity}. The key must not be present and the correlation id must not be 0.
     */
    public void record(
        final long principal, final long correlationId, final long checksum, final int outcome, final long sequence)
    {
        Recent recent = recentOf(principal);
        if (recent == null)
        {
            recent = addPrincipal(principal);
        }
        if (recent.size() == capacity)
        {
            recent.evictOldest();
            size--;
        }
        else if (recent.size() == recent.fifo.length)
        {
            recent.grow(Math.min(capacity, recent.fifo.length * 2));
        }
        recent.add(correlationId, checksum, (sequence << 8) | (outcome & 0xFF));
        size++;
        found = null;
        foundSlot = -1;
    }

    /** Receives the window's entries. */
    @FunctionalInterface
    public interface EntryVisitor
    {
        void onEntry(long principal, long correlationId, long checksum, long sequence, int outcome);
    }

    /**
     * Visits every remembered command: principals in the order they first sent one, each principal's commands oldest
     * first. Recording them in this order rebuilds the same window.
     */
    public void forEachOldestFirst(final EntryVisitor visitor)
    {
        for (int p = 0; p < inOrderSeen.size(); p++)
        {
            final Recent recent = inOrderSeen.get(p);
            for (long i = recent.head; i < recent.tail; i++)
            {
                final int slot = recent.fifo[(int)(i % recent.fifo.length)];
                final int base = slot * STRIDE;
                visitor.onEntry(recent.principal, recent.ids[slot], recent.values[base + CHECKSUM],
                    recent.values[base + SEQUENCE_AND_OUTCOME] >>> 8,
                    (int)(recent.values[base + SEQUENCE_AND_OUTCOME] & 0xFF));
            }
        }
    }

    private Recent recentOf(final long principal)
    {
        final Recent cached = last;
        if (cached != null && cached.principal == principal)
        {
            return cached;
        }
        final Recent[] slots = byPrincipal;
        final int mask = slots.length - 1;
        int slot = hash(principal) & mask;
        Recent recent;
        while ((recent = slots[slot]) != null)
        {
            if (recent.principal == principal)
            {
                last = recent;
                return recent;
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    private Recent addPrincipal(final long principal)
    {
        if ((inOrderSeen.size() + 1) * 2 > byPrincipal.length)
        {
            final Recent[] grown = new Recent[byPrincipal.length * 2];
            for (int i = 0; i < inOrderSeen.size(); i++)
            {
                insert(grown, inOrderSeen.get(i));
            }
            byPrincipal = grown;
        }
        final Recent recent = new Recent(principal, Math.min(capacity, FIRST_SIZE));
        insert(byPrincipal, recent);
        inOrderSeen.add(recent);
        last = recent;
        return recent;
    }

    private static void insert(final Recent[] slots, final Recent recent)
    {
        final int mask = slots.length - 1;
        int slot = hash(recent.principal) & mask;
        while (slots[slot] != null)
        {
            slot = (slot + 1) & mask;
        }
        slots[slot] = recent;
    }

    private static int hash(final long key)
    {
        long h = key * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        return (int)h;
    }

    /**
     * A slot's mark: the high 32 bits of the id times 2^64/phi, lowest bit set so it is never 0 (the empty slot); its
     * top bits are the id's home slot under any table's size (Fibonacci hashing). Ids counted up one by one, as most
     * clients number their commands, land nearly evenly spaced (the three-distance theorem), so a principal's window
     * of consecutive ids has few collisions, and probes and backward shifts stay short.
     */
    private static int markOf(final long correlationId)
    {
        return (int)((correlationId * 0x9E3779B97F4A7C15L) >>> 32) | 1;
    }

    /** One principal's recent commands: a hash table for lookup and a FIFO of slots for eviction. */
    private static final class Recent
    {
        final long principal;
        /** By slot: the id's hash with the top bit set ({@link #markOf}), 0 for an empty slot; what probes read. */
        int[] marks;
        /** Correlation ids by slot, 0 for an empty slot. */
        long[] ids;
        /** {@link #STRIDE} longs per slot of {@code ids}. */
        long[] values;
        int mask;
        /** A mark's home slot is its top bits: {@code mark >>> shift}. */
        int shift;
        /** The FIFO of commands, oldest at {@code head}: each one's slot, so eviction need not look the id up. */
        int[] fifo;
        /** By slot: its command's place in {@code fifo}, kept current when backward shifts move the entry. */
        int[] fifoIndexOf;
        long head;
        long tail;
        /** {@code head} and {@code tail} modulo the FIFO's length, kept apart so no command pays a long division. */
        int headIndex;
        int tailIndex;

        Recent(final long principal, final int entries)
        {
            this.principal = principal;
            allocate(entries);
        }

        int size()
        {
            return (int)(tail - head);
        }

        int find(final long correlationId)
        {
            final int[] marks = this.marks;
            final int mark = markOf(correlationId);
            int slot = mark >>> shift;
            int stored;
            while ((stored = marks[slot]) != 0)
            {
                if (stored == mark && ids[slot] == correlationId)
                {
                    return slot;
                }
                slot = (slot + 1) & mask;
            }
            return -1;
        }

        void add(final long correlationId, final long checksum, final long sequenceAndOutcome)
        {
            final int slot = put(correlationId, checksum, sequenceAndOutcome);
            fifo[tailIndex] = slot;
            fifoIndexOf[slot] = tailIndex;
            tailIndex = tailIndex + 1 == fifo.length ? 0 : tailIndex + 1;
            tail++;
        }

        void evictOldest()
        {
            int hole = fifo[headIndex];
            headIndex = headIndex + 1 == fifo.length ? 0 : headIndex + 1;
            head++;
            marks[hole] = 0;
            ids[hole] = 0;
            // Backward-shift deletion keeps every probe chain unbroken without tombstones.
            int slot = (hole + 1) & mask;
            while (marks[slot] != 0)
            {
                final int home = marks[slot] >>> shift;
                final boolean movable = hole <= slot ? (home <= hole || home > slot) : (home <= hole && home > slot);
                if (movable)
                {
                    marks[hole] = marks[slot];
                    ids[hole] = ids[slot];
                    values[hole * STRIDE + CHECKSUM] = values[slot * STRIDE + CHECKSUM];
                    values[hole * STRIDE + SEQUENCE_AND_OUTCOME] = values[slot * STRIDE + SEQUENCE_AND_OUTCOME];
                    final int moved = fifoIndexOf[slot];
                    fifoIndexOf[hole] = moved;
                    fifo[moved] = hole;
                    marks[slot] = 0;
                    ids[slot] = 0;
                    hole = slot;
                }
                slot = (slot + 1) & mask;
            }
        }

        /** Re-sizes for {@code entries} commands, keeping every entry and the FIFO order. */
        void grow(final int entries)
        {
            final long[] oldIds = ids;
            final long[] oldValues = values;
            final int[] oldFifo = fifo;
            final long oldHead = head;
            final long oldTail = tail;
            allocate(entries);
            for (long i = oldHead; i < oldTail; i++)
            {
                final int slot = oldFifo[(int)(i % oldFifo.length)];
                add(oldIds[slot], oldValues[slot * STRIDE + CHECKSUM], oldValues[slot * STRIDE + SEQUENCE_AND_OUTCOME]);
            }
        }

        private void allocate(final int entries)
        {
            final int slots = Integer.highestOneBit(entries * 2 - 1) << 1;
            mask = slots - 1;
            shift = Integer.SIZE - Integer.numberOfTrailingZeros(slots);
            marks = new int[slots];
            ids = new long[slots];
            values = new long[slots * STRIDE];
            fifo = new int[entries];
            fifoIndexOf = new int[slots];
            head = 0;
            tail = 0;
            headIndex = 0;
            tailIndex = 0;
        }

        /** Stores an entry in its slot; returns the slot. */
        private int put(final long correlationId, final long checksum, final long sequenceAndOutcome)
        {
            final int mark = markOf(correlationId);
            int slot = mark >>> shift;
            while (marks[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }
            marks[slot] = mark;
            ids[slot] = correlationId;
            values[slot * STRIDE + CHECKSUM] = checksum;
            values[slot * STRIDE + SEQUENCE_AND_OUTCOME] = sequenceAndOutcome;
            return slot;
        }
    }
}
