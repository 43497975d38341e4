package io.gavel.core.rules;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** IdTable finds exactly what was added, whether ids are dense (direct array), sparse (hashed) or move between. */
class IdTableTest
{
    @Property(tries = 300)
    void findsWhatWasAddedAndNothingElse(
        @ForAll @Size(max = 300) final List<@LongRange(min = -5, max = 2_000) Long> small,
        @ForAll @Size(max = 50) final List<Long> anyIds)
    {
        final IdTable<Bidder> table = new IdTable<>();
        final Map<Long, Bidder> model = new HashMap<>();
        int i = 0;
        for (final List<Long> ids : List.of(small, anyIds))
        {
            for (final long id : ids)
            {
                if (!model.containsKey(id))
                {
                    final Bidder bidder = new Bidder(id, ++i, 0);
                    table.add(bidder);
                    model.put(id, bidder);
                }
                for (final Map.Entry<Long, Bidder> entry : model.entrySet())
                {
                    assertSame(entry.getValue(), table.get(entry.getKey()), "id " + entry.getKey());
                }
                assertNull(table.get(id + 1_000_003), "an id never added");
                assertEquals(model.size(), table.size());
            }
        }
    }

    @Test
    void sequentialIdsThenSparseIdsThenTheGapBetween()
    {
        final IdTable<Lot> unused = new IdTable<>();
        assertNull(unused.get(0));
        assertNull(unused.get(Long.MIN_VALUE));
        final IdTable<Bidder> table = new IdTable<>();
        for (long id = 1; id <= 10_000; id++)
        {
            table.add(new Bidder(id, id, 0));
        }
        for (long id = 1; id <= 1_000; id++)
        {
            table.add(new Bidder(id * 1_000_000_007L, id, 0));
        }
        // Ids just past the dense range were hashed first, then the range grows over them.
        for (long id = 30_000; id >= 10_001; id--)
        {
            table.add(new Bidder(id, id, 0));
        }
        for (long id = 1; id <= 30_000; id++)
        {
            assertEquals(id, table.get(id).id, "dense id " + id);
        }
        for (long id = 1; id <= 1_000; id++)
        {
            assertEquals(id * 1_000_000_007L, table.get(id * 1_000_000_007L).id, "sparse id " + id);
        }
        assertNull(table.get(30_001));
        assertNull(table.get(-1));
        assertEquals(31_000, table.size());
    }
}
