package io.gavel.core.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Books sharing one arena keep their own entries: many books grow, shrink, empty and grow again in one small arena
 * (which must grow and hand back blocks meanwhile), each checked against a plain sorted list after every step.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BookArenaTest
{
    private static final Comparator<long[]> R2 =
        Comparator.<long[]>comparingLong(e -> -e[1]).thenComparingLong(e -> e[2]);

    @Test
    void booksInOneArenaMatchSeparateListsThroughGrowthAndRelease()
    {
        final BookArena arena = new BookArena(4);
        final int books = 40;
        final ProxyBook[] book = new ProxyBook[books];
        final List<List<long[]>> model = new ArrayList<>();
        for (int i = 0; i < books; i++)
        {
            book[i] = new ProxyBook(arena);
            model.add(new ArrayList<>());
        }
        final SplittableRandom random = new SplittableRandom(42);
        long sequence = 0;
        for (int step = 0; step < 200_000; step++)
        {
            final int b = random.nextInt(books);
            final List<long[]> entries = model.get(b);
            final int dice = random.nextInt(100);
            // Phases: most books grow for a while, then many shrink or empty, so blocks of every class are freed.
            final boolean growing = (step / 20_000) % 2 == 0;
            if (dice < (growing ? 85 : 30))
            {
                final long bidder = 1 + random.nextInt(150);
                final long maximum = 100 + random.nextInt(10_000);
                final boolean limited = random.nextBoolean();
                book[b].place(bidder, maximum, ++sequence, limited);
                entries.removeIf(e -> e[0] == bidder);
                entries.add(new long[] {bidder, maximum, sequence, limited ? 1 : 0});
                entries.sort(R2);
            }
            else if (dice < 99)
            {
                final long bidder = 1 + random.nextInt(150);
                assertEquals(entries.removeIf(e -> e[0] == bidder), book[b].remove(bidder));
            }
            else
            {
                book[b].clear();
                entries.clear();
            }
            assertSame(entries, book[b]);
            if (step % 1_000 == 0)
            {
                for (int i = 0; i < books; i++)
                {
                    assertSame(model.get(i), book[i]);
                }
            }
        }
    }

    @Test
    void aBlockGivenBackIsTakenAgainBeforeTheArenaGrows()
    {
        final BookArena arena = new BookArena(64);
        final ProxyBook first = new ProxyBook(arena);
        final ProxyBook second = new ProxyBook(arena);
        for (int i = 1; i <= 40; i++)
        {
            first.place(i, 1_000 - i, i);
        }
        final long capacity = arena.capacity();
        first.clear();
        for (int i = 1; i <= 40; i++)
        {
            second.place(i, 1_000 - i, i);
        }
        assertEquals(capacity, arena.capacity(), "the second book should reuse the blocks the first gave back");
        assertEquals(40, second.size());
        assertEquals(0, first.size());
    }

    private static void assertSame(final List<long[]> expected, final ProxyBook book)
    {
        assertEquals(expected.size(), book.size());
        for (int i = 0; i < expected.size(); i++)
        {
            final long[] e = expected.get(i);
            assertEquals(e[0], book.bidderAt(i));
            assertEquals(e[1], book.maximumAt(i));
            assertEquals(e[2], book.sequenceAt(i));
            assertEquals(e[3] == 1, book.limitedAt(i));
        }
    }
}
