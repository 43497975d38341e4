package io.gavel.core;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The idempotency window behaves like one plain map per principal with FIFO eviction of that principal's oldest,
 * whatever the keys collide on and however the tables grow.
 */
class CorrelationWindowTest
{
    @Property(tries = 300)
    void behavesLikeAMapWithFifoEvictionPerPrincipal(
        @ForAll @Size(max = 400) final List<@LongRange(min = 1, max = 40) Long> correlationIds,
        @ForAll @IntRange(min = 1, max = 24) final int capacity)
    {
        checkAgainstModel(correlationIds, capacity);
    }

    /**
     * Ids far apart and ids that share their low or high bits (a counter shifted up, large random values): the marks'
     * homes are the hash's top bits, and eviction follows entries that backward shifts moved.
     */
    @Property(tries = 200)
    void behavesLikeTheModelForWideIds(
        @ForAll @Size(max = 300) final List<@LongRange(min = 1, max = 60) Long> counters,
        @ForAll @IntRange(min = 0, max = 3) final int pattern,
        @ForAll @IntRange(min = 1, max = 40) final int capacity)
    {
        final List<Long> ids = new java.util.ArrayList<>();
        for (final long counter : counters)
        {
            ids.add(pattern == 0 ? counter << 40 : pattern == 1 ? counter << 13 :
                pattern == 2 ? Long.MAX_VALUE - counter * 8_192 : counter * 0x9E3779B97F4A7C15L | 1);
        }
        checkAgainstModel(ids, capacity);
    }

    private static void checkAgainstModel(final List<Long> correlationIds, final int capacity)
    {
        final CorrelationWindow window = new CorrelationWindow(capacity);
        final Map<String, Long> model = new HashMap<>();
        final Map<Long, ArrayDeque<String>> order = new HashMap<>();
        int size = 0;
        long sequence = 0;
        for (final long id : correlationIds)
        {
            final long principal = id % 3;
            final String key = principal + "/" + id;
            sequence++;
            final boolean found = window.find(principal, id);
            assertEquals(model.containsKey(key), found, "find " + key);
            if (found)
            {
                assertEquals((long)model.get(key), window.lastSequence());
                assertEquals((int)(model.get(key) % 7), window.lastOutcome());
                assertEquals(model.get(key) * 31, window.lastChecksum());
                continue;
            }
            final ArrayDeque<String> own = order.computeIfAbsent(principal, p -> new ArrayDeque<>());
            if (own.size() == capacity)
            {
                model.remove(own.removeFirst());
                size--;
            }
            window.record(principal, id, sequence * 31, (int)(sequence % 7), sequence);
            model.put(key, sequence);
            own.addLast(key);
            size++;
            assertEquals(size, window.size());
        }
    }

    @Test
    void aBusyPrincipalDoesNotEvictAQuietOne()
    {
        final CorrelationWindow window = new CorrelationWindow(8);
        window.record(1, 100, 1, CorrelationWindow.ACCEPTED, 1);
        for (long id = 1; id <= 10_000; id++)
        {
            window.record(2, id, id, CorrelationWindow.ACCEPTED, 1 + id);
        }
        assertTrue(window.find(1, 100), "the quiet principal's command is still remembered");
        assertEquals(1, window.lastSequence());
        assertEquals(9, window.size(), "8 of the busy principal, 1 of the quiet one");
        for (long id = 1; id <= 10_000 - 8; id++)
        {
            assertFalse(window.find(2, id), "the busy principal's old id " + id + " was evicted");
        }
        for (long id = 10_000 - 7; id <= 10_000; id++)
        {
            assertTrue(window.find(2, id), "the busy principal's recent id " + id);
            assertEquals(1 + id, window.lastSequence());
        }
    }

    @Test
    void aBurstGrowsOnePrincipalsTableUpToTheCapacityAndKeepsEveryEntry()
    {
        final int capacity = 5_000;
        final CorrelationWindow window = new CorrelationWindow(capacity);
        // Ids far apart and close together, so the tables are probed and grown through collisions.
        for (long i = 1; i <= capacity; i++)
        {
            window.record(7, i * 1_000_003L, i * 3, (int)(i % 5), i);
        }
        assertEquals(capacity, window.size());
        for (long i = 1; i <= capacity; i++)
        {
            assertTrue(window.find(7, i * 1_000_003L), "entry " + i + " survived the growth");
            assertEquals(i * 3, window.lastChecksum());
            assertEquals((int)(i % 5), window.lastOutcome());
            assertEquals(i, window.lastSequence());
        }
        window.record(7, 42, 0, 0, capacity + 1);
        assertFalse(window.find(7, 1_000_003L), "the oldest goes once the principal is at capacity");
        assertTrue(window.find(7, 2 * 1_000_003L));
        assertEquals(capacity, window.size());
    }

    @Test
    void manyPrincipalsEachKeepTheirOwnWindow()
    {
        final CorrelationWindow window = new CorrelationWindow(3);
        final int principals = 20_000;
        for (int round = 1; round <= 5; round++)
        {
            for (long principal = 1; principal <= principals; principal++)
            {
                window.record(principal * 977, round, principal, CorrelationWindow.ACCEPTED, round);
            }
        }
        assertEquals(principals, window.principals());
        assertEquals(principals * 3, window.size());
        for (long principal = 1; principal <= principals; principal++)
        {
            assertFalse(window.find(principal * 977, 1), "round 1 evicted for " + principal);
            assertFalse(window.find(principal * 977, 2), "round 2 evicted for " + principal);
            for (int round = 3; round <= 5; round++)
            {
                assertTrue(window.find(principal * 977, round), "round " + round + " of " + principal);
                assertEquals(principal, window.lastChecksum());
            }
        }
    }

    @Test
    void visitingAndRecordingInThatOrderRebuildsTheSameWindow()
    {
        final CorrelationWindow window = new CorrelationWindow(4);
        long sequence = 0;
        for (long id = 1; id <= 30; id++)
        {
            window.record(id % 3 == 0 ? 5 : id % 3 == 1 ? 2 : 9, id * 11, id, (int)(id % 4), ++sequence);
        }
        final List<long[]> entries = new ArrayList<>();
        window.forEachOldestFirst((principal, correlationId, checksum, seq, outcome) ->
            entries.add(new long[]{principal, correlationId, checksum, seq, outcome}));
        assertEquals(12, entries.size());
        assertEquals(2, entries.get(0)[0], "principals in the order they first sent a command");
        assertEquals(9, entries.get(4)[0]);
        assertEquals(5, entries.get(8)[0]);

        final CorrelationWindow copy = new CorrelationWindow(4);
        entries.forEach(e -> copy.record(e[0], e[1], e[2], (int)e[4], e[3]));
        final List<long[]> again = new ArrayList<>();
        copy.forEachOldestFirst((principal, correlationId, checksum, seq, outcome) ->
            again.add(new long[]{principal, correlationId, checksum, seq, outcome}));
        assertEquals(entries.size(), again.size());
        for (int i = 0; i < entries.size(); i++)
        {
            assertEquals(java.util.Arrays.toString(entries.get(i)), java.util.Arrays.toString(again.get(i)));
        }
    }
}
