package io.gavel.core.rules;

import io.gavel.sbe.BooleanType;
import io.gavel.sbe.LotSnapshotDecoder;
import io.gavel.sbe.LotSnapshotEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ProxyBook against the plainest possible book: a java.util list kept in R2 order by a stable sort (so among equal
 * maximums and sequences the newer entry ranks after the older ones, as the book places it). Random places (new
 * bidders, raises, lowerings, equal maximums, equal sequences, sequences out of order as a snapshot or a replay
 * places them), removals (present and absent bidders) and clears, on books sharing one small arena that grow through
 * many block classes and empty again; after every step the book must agree with its list in size, every index's
 * fields, indexOf and maximumOf of present and absent bidders, the R2 price and the state hash.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProxyBookModelTest
{
    /** R2: maximum descending, then sequence ascending; List.sort is stable, so ties keep placement order. */
    private static final Comparator<Entry> R2 =
        Comparator.<Entry>comparingLong(e -> -e.maximum).thenComparingLong(e -> e.sequence);
    private static final long START_PRICE = 1_000;

    private record Entry(long bidder, long maximum, long sequence, boolean limited)
    {
    }

    @Test
    void booksAgreeWithSortedListsThroughRandomPlacesRemovesAndClears()
    {
        final SplittableRandom random = new SplittableRandom(13);
        final BookArena arena = new BookArena(4);
        final int books = 10;
        final ProxyBook[] book = new ProxyBook[books];
        final List<List<Entry>> model = new ArrayList<>();
        for (int b = 0; b < books; b++)
        {
            book[b] = new ProxyBook(arena);
            model.add(new ArrayList<>());
        }
        long sequence = 0;
        int largest = 0;
        int emptied = 0;
        for (int step = 0; step < 100_000; step++)
        {
            final int b = random.nextInt(books);
            final List<Entry> entries = model.get(b);
            // Phases of 10,000 steps: growing (books reach hundreds of entries), then shrinking to empty.
            final boolean growing = (step / 10_000) % 2 == 0;
            final int dice = random.nextInt(1_000);
            // A bidder of the book (a raise, a lowering, a replacement) or, mostly, one from a wide range (absent).
            final long bidder = !entries.isEmpty() && random.nextInt(3) == 0 ?
                entries.get(random.nextInt(entries.size())).bidder : 1 + random.nextInt(2_000);
            if (dice < (growing ? 800 : 200))
            {
                final long maximum = maximum(random, entries);
                final long entrySequence = sequence(random, ++sequence, entries);
                final boolean limited = random.nextInt(3) == 0;
                book[b].place(bidder, maximum, entrySequence, limited);
                entries.removeIf(e -> e.bidder == bidder);
                entries.add(new Entry(bidder, maximum, entrySequence, limited));
                entries.sort(R2);
            }
            else if (dice < 998)
            {
                final long removed = growing || entries.isEmpty() || random.nextInt(10) == 0 ?
                    bidder : entries.get(random.nextInt(entries.size())).bidder;
                final boolean present = entries.removeIf(e -> e.bidder == removed);
                assertEquals(present, book[b].remove(removed));
                emptied += present && entries.isEmpty() ? 1 : 0;
            }
            else
            {
                book[b].clear();
                entries.clear();
                emptied++;
            }
            largest = Math.max(largest, entries.size());
            assertAgrees(entries, book[b], "book " + b + " after step " + step, step % 97 == 0);
            if (step % 5_000 == 0)
            {
                for (int i = 0; i < books; i++)
                {
                    assertAgrees(model.get(i), book[i], "book " + i + " at step " + step, true);
                }
            }
        }
        assertTrue(largest >= 300, "books should grow through many block classes, largest " + largest);
        assertTrue(emptied > 50, "books should empty (and give their blocks back) often, " + emptied);
    }

    @Test
    void newLeadersRaisesAndEqualMaximumsKeepR2Order()
    {
        final ProxyBook book = new ProxyBook(new BookArena(4));
        book.place(1, 500, 10);
        book.place(2, 700, 11);
        book.place(3, 700, 12);
        book.place(4, 900, 13);
        assertOrder(book, 4, 2, 3, 1);
        // An equal maximum with an earlier sequence ranks first among the equals; a later one, last.
        book.place(5, 700, 9);
        book.place(6, 700, 14);
        assertOrder(book, 4, 5, 2, 3, 6, 1);
        // The bottom bidder raises to the top, a middle one drops to the bottom, the leader lowers into the middle.
        book.place(1, 1_000, 15);
        assertOrder(book, 1, 4, 5, 2, 3, 6);
        book.place(2, 100, 16);
        assertOrder(book, 1, 4, 5, 3, 6, 2);
        book.place(1, 700, 13);
        assertOrder(book, 4, 5, 3, 1, 6, 2);
        // Replaced in place: the same rank again.
        book.place(3, 700, 12, true);
        assertOrder(book, 4, 5, 3, 1, 6, 2);
        assertTrue(book.limitedAt(2));
        assertFalse(book.remove(42));
        assertTrue(book.remove(4));
        assertTrue(book.remove(2));
        assertOrder(book, 5, 3, 1, 6);
        assertEquals(-1, book.indexOf(4));
        assertEquals(0, book.maximumOf(2));
        assertEquals(700, book.maximumOf(6));
    }

    /**
     * Snapshot frames: a book written by writeTo reads back entry for entry (the frame holds them best first, which
     * readFrom lays down and turns over); frames writeTo would never write (entries out of R2 order, equal ranks, a
     * bidder twice) read as placing their entries one by one does.
     */
    @Test
    void snapshotFramesReadBackAsPlacingTheirEntriesOneByOne()
    {
        final SplittableRandom random = new SplittableRandom(7);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1 << 20]);
        final LotSnapshotEncoder encoder = new LotSnapshotEncoder();
        final LotSnapshotDecoder decoder = new LotSnapshotDecoder();
        int written = 0;
        int odd = 0;
        for (int frame = 0; frame < 3_000; frame++)
        {
            // A book built by random places, then (sometimes) its frame made odd.
            final ProxyBook source = new ProxyBook(new BookArena(4));
            final int places = random.nextInt(frame % 10 == 0 ? 600 : 40);
            for (int i = 0; i < places; i++)
            {
                source.place(1 + random.nextInt(places + 5), 1 + random.nextInt(50), 1 + random.nextInt(1_000),
                    random.nextBoolean());
            }
            final List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < source.size(); i++)
            {
                entries.add(new Entry(source.bidderAt(i), source.maximumAt(i), source.sequenceAt(i),
                    source.limitedAt(i)));
            }
            // 0: the frame as written; 1: two entries swapped; 2: a bidder twice; 3: an equal rank last.
            final int dice = entries.size() < 2 ? 0 : random.nextInt(8);
            final int oddity = dice <= 3 ? dice : 0;
            if (oddity == 1)
            {
                final int a = random.nextInt(entries.size());
                final int b = random.nextInt(entries.size());
                final Entry swapped = entries.get(a);
                entries.set(a, entries.get(b));
                entries.set(b, swapped);
            }
            else if (oddity == 2)
            {
                final Entry repeated = entries.get(random.nextInt(entries.size()));
                entries.add(random.nextInt(entries.size() + 1),
                    new Entry(repeated.bidder, 1 + random.nextInt(50), 1 + random.nextInt(1_000), false));
            }
            else if (oddity == 3)
            {
                final Entry copied = entries.get(random.nextInt(entries.size()));
                entries.add(new Entry(copied.bidder + 10_000, copied.maximum, copied.sequence, copied.limited));
            }
            odd += oddity == 0 ? 0 : 1;
            written += oddity == 0 ? 1 : 0;

            encoder.wrap(buffer, 0);
            final LotSnapshotEncoder.BookEncoder book = encoder.bookCount(entries.size());
            if (oddity == 0)
            {
                source.writeTo(book);
            }
            else
            {
                for (final Entry e : entries)
                {
                    book.next().bidderId(e.bidder).maximum(e.maximum).sequence(e.sequence)
                        .limited(e.limited ? BooleanType.TRUE : BooleanType.FALSE);
                }
            }
            final ProxyBook read = new ProxyBook(new BookArena(4));
            read.readFrom(decoder.wrap(buffer, 0, LotSnapshotEncoder.BLOCK_LENGTH, LotSnapshotEncoder.SCHEMA_VERSION)
                .book());
            final ProxyBook placed = new ProxyBook(new BookArena(4));
            for (final Entry e : entries)
            {
                placed.place(e.bidder, e.maximum, e.sequence, e.limited);
            }
            final List<Entry> expected = new ArrayList<>();
            for (int i = 0; i < placed.size(); i++)
            {
                expected.add(new Entry(placed.bidderAt(i), placed.maximumAt(i), placed.sequenceAt(i),
                    placed.limitedAt(i)));
            }
            if (oddity == 0)
            {
                assertEquals(entries, expected, "frame " + frame + ": placing a book's own entries changed it");
            }
            assertAgrees(expected, read, "frame " + frame + " (oddity " + oddity + ")", true);
        }
        assertTrue(written > 1_000 && odd > 500, written + " frames as written, " + odd + " odd ones");
    }

    /** Mostly near the book's top (a rising auction), often equal to an existing maximum, sometimes anywhere. */
    private static long maximum(final SplittableRandom random, final List<Entry> entries)
    {
        if (entries.isEmpty() || random.nextInt(4) == 0)
        {
            return 1 + random.nextInt(400);
        }
        final long top = entries.get(0).maximum;
        final int dice = random.nextInt(10);
        if (dice < 5)
        {
            return top + 1 + random.nextInt(50);
        }
        if (dice < 8)
        {
            return entries.get(random.nextInt(entries.size())).maximum;
        }
        return Math.max(1, top - random.nextInt(50));
    }

    /** Usually the next engine sequence; sometimes an existing one or an older one, as replays and snapshots do. */
    private static long sequence(final SplittableRandom random, final long next, final List<Entry> entries)
    {
        final int dice = random.nextInt(20);
        if (dice == 0 && !entries.isEmpty())
        {
            return entries.get(random.nextInt(entries.size())).sequence;
        }
        if (dice == 1)
        {
            return 1 + random.nextLong(next);
        }
        return next;
    }

    private static void assertOrder(final ProxyBook book, final long... bidders)
    {
        assertEquals(bidders.length, book.size());
        for (int i = 0; i < bidders.length; i++)
        {
            assertEquals(bidders[i], book.bidderAt(i), "bidder at " + i);
            assertEquals(i, book.indexOf(bidders[i]));
        }
    }

    /** Fields, hash and price always; indexOf and maximumOf of every entry when {@code everyIndex} (quadratic). */
    private static void assertAgrees(final List<Entry> expected, final ProxyBook book, final String where,
        final boolean everyIndex)
    {
        assertEquals(expected.size(), book.size(), where);
        assertEquals(expected.isEmpty(), book.isEmpty(), where);
        final StateHash expectedHash = new StateHash();
        for (int i = 0; i < expected.size(); i++)
        {
            final Entry e = expected.get(i);
            assertEquals(e.bidder, book.bidderAt(i), where + ", bidder at " + i);
            assertEquals(e.maximum, book.maximumAt(i), where + ", maximum at " + i);
            assertEquals(e.sequence, book.sequenceAt(i), where + ", sequence at " + i);
            assertEquals(e.limited, book.limitedAt(i), where + ", limit flag at " + i);
            if (everyIndex || i < 2 || i == expected.size() - 1)
            {
                assertEquals(i, book.indexOf(e.bidder), where + ", indexOf " + e.bidder);
                assertEquals(e.maximum, book.maximumOf(e.bidder), where + ", maximumOf " + e.bidder);
            }
            expectedHash.add(e.bidder).add(e.maximum).add(e.sequence);
        }
        for (long absent = -1; absent <= 0; absent++)
        {
            assertEquals(-1, book.indexOf(absent), where);
            assertEquals(0, book.maximumOf(absent), where);
        }
        if (!expected.isEmpty())
        {
            final long price = expected.size() == 1 ? START_PRICE : Math.min(expected.get(0).maximum,
                expected.get(1).maximum + IncrementTable.DEFAULT.increment(expected.get(1).maximum));
            assertEquals(price, book.resolvedPrice(START_PRICE, IncrementTable.DEFAULT), where + ", R2 price");
        }
        final StateHash hash = new StateHash();
        book.hash(hash);
        assertEquals(expectedHash.value(), hash.value(), where + ", state hash");
    }
}
