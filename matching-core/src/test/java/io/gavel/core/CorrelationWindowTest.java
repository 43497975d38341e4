package io.gavel.core;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The idempotency window behaves like a plain map with FIFO eviction, whatever the keys collide on.
 */
class CorrelationWindowTest
{
    @Property(tries = 300)
    void behavesLikeAMapWithFifoEviction(
        @ForAll @Size(max = 400) final List<@LongRange(min = 1, max = 40) Long> correlationIds,
        @ForAll @IntRange(min = 1, max = 24) final int capacity)
    {
        final CorrelationWindow window = new CorrelationWindow(capacity);
        final Map<String, Long> model = new HashMap<>();
        final ArrayDeque<String> order = new ArrayDeque<>();
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
            if (order.size() == capacity)
            {
                model.remove(order.removeFirst());
            }
            window.record(principal, id, sequence * 31, (int)(sequence % 7), sequence);
            model.put(key, sequence);
            order.addLast(key);
            assertEquals(order.size(), window.size());
        }
    }
}
