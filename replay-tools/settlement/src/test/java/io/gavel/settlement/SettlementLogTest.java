package io.gavel.settlement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The checkpoint's change log: a save appends what changed instead of rewriting every sale, a crash in the middle
 * of an append leaves the state of one save or the one before (never part of one), a log left from an earlier
 * checkpoint is ignored, damage inside a committed batch is refused with a precise message, and the log is folded
 * into a rewritten checkpoint once it outgrows it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SettlementLogTest
{
    @TempDir
    Path dir;

    @Test
    void aSaveAppendsOnlyWhatChanged() throws Exception
    {
        final Path file = dir.resolve("settle.state");
        final SettlementBook book = book(2_000);
        book.save(file);
        final byte[] checkpoint = Files.readAllBytes(file);
        final long logBefore = Files.size(SettlementLog.of(file));

        final Sale sale = book.sale(1, 777, 1);
        sale.state = Sale.State.CHARGING;
        sale.attempts = 1;
        sale.chargingSinceMillis = 1234;
        book.journalIndex = 99;
        book.save(file);
        book.save(file); // nothing changed: nothing written

        assertArrayEquals(checkpoint, Files.readAllBytes(file), "the checkpoint was rewritten for one sale");
        final long appended = Files.size(SettlementLog.of(file)) - logBefore;
        assertTrue(appended > 0 && appended < 200, "appended " + appended + " bytes for one sale and the index");
        assertEquals(book.canonical(), SettlementBook.load(file).canonical());
    }

    @Test
    void aCrashInTheMiddleOfAnAppendLeavesOneSaveOrTheOneBefore() throws Exception
    {
        final Path file = dir.resolve("settle.state");
        final SettlementBook book = book(50);
        book.save(file);
        final List<String> states = new ArrayList<>(List.of(book.canonical()));
        final List<Long> ends = new ArrayList<>(List.of(Files.size(SettlementLog.of(file))));
        for (int step = 0; step < 12; step++)
        {
            final Sale sale = book.sale(1, 1 + step * 3, 1);
            sale.state = step % 2 == 0 ? Sale.State.PAID : Sale.State.FAILED;
            sale.detail = "step " + step;
            book.pendingRegistrations.put(100L + step, "1 " + step + " pm_" + step);
            book.pendingRegistrations.remove(99L + step);
            book.add(new Sale(2, step, 1, 7, 1_000, 1_200, 500 + step, 0));
            book.journalIndex = 1_000 + step;
            book.save(file);
            states.add(book.canonical());
            ends.add(Files.size(SettlementLog.of(file)));
        }
        final byte[] log = Files.readAllBytes(SettlementLog.of(file));
        final byte[] checkpoint = Files.readAllBytes(file);
        // Every batch's end and the bytes either side of it, and every 7th byte between.
        final java.util.TreeSet<Integer> cuts = new java.util.TreeSet<>();
        for (int cut = (int)(long)ends.get(0); cut <= log.length; cut += 7)
        {
            cuts.add(cut);
        }
        for (final long end : ends)
        {
            for (int near = -2; near <= 2; near++)
            {
                cuts.add((int)Math.max(ends.get(0), Math.min(log.length, end + near)));
            }
        }
        for (final int cut : cuts)
        {
            final Path crashed = Files.createDirectories(dir.resolve("cut-" + cut)).resolve("settle.state");
            Files.write(crashed, checkpoint);
            Files.write(SettlementLog.of(crashed), Arrays.copyOf(log, cut));
            int whole = 0;
            while (whole + 1 < ends.size() && ends.get(whole + 1) <= cut)
            {
                whole++;
            }
            final SettlementBook loaded = SettlementBook.load(crashed);
            assertEquals(states.get(whole), loaded.canonical(), "log cut at byte " + cut);
            // The next save after a cut tail starts afresh: checkpoint rewritten, and it loads the same.
            loaded.save(crashed);
            assertEquals(states.get(whole), SettlementBook.load(crashed).canonical(), "saved after a cut at " + cut);
        }
    }

    @Test
    void aLogFromAnEarlierCheckpointIsIgnored() throws Exception
    {
        final Path file = dir.resolve("settle.state");
        final SettlementBook book = book(10);
        book.save(file);
        book.sale(1, 1, 1).state = Sale.State.PAID;
        book.save(file);
        final byte[] staleLog = Files.readAllBytes(SettlementLog.of(file));
        // The checkpoint is rewritten from another state (lot 1 awaiting, lot 2 failed) and the process dies before
        // the new log replaces the old one: the old log's batch (lot 1 paid) belongs to the old checkpoint.
        final SettlementBook rewritten = book(10);
        rewritten.sale(1, 2, 1).state = Sale.State.FAILED;
        rewritten.save(file);
        Files.write(SettlementLog.of(file), staleLog);
        final SettlementBook loaded = SettlementBook.load(file);
        assertEquals(Sale.State.AWAITING, loaded.sale(1, 1, 1).state(), "the stale log was applied");
        assertEquals(rewritten.canonical(), loaded.canonical());
    }

    @Test
    void damageInsideACommittedBatchIsRefused() throws Exception
    {
        final Path file = dir.resolve("settle.state");
        final SettlementBook book = book(10);
        book.save(file);
        book.sale(1, 3, 1).state = Sale.State.PAID;
        book.save(file);
        final Path log = SettlementLog.of(file);
        final String text = Files.readString(log, StandardCharsets.UTF_8);
        Files.writeString(log, text.replace(" PAID ", " FAILED"), StandardCharsets.UTF_8);
        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> SettlementBook.load(file));
        assertTrue(refused.getMessage().contains("is damaged: a batch of 1 entries does not match its commit line"),
            refused.getMessage());
    }

    @Test
    void aFileThatIsNoSettlementLogIsRefused() throws Exception
    {
        final Path file = dir.resolve("settle.state");
        book(3).save(file);
        Files.writeString(SettlementLog.of(file), "something else\n", StandardCharsets.UTF_8);
        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> SettlementBook.load(file));
        assertTrue(refused.getMessage().endsWith("is not a settlement log (first line: something else)"),
            refused.getMessage());
    }

    @Test
    void theLogIsFoldedIntoTheCheckpointOnceItOutgrowsIt() throws Exception
    {
        final Path file = dir.resolve("settle.state");
        final SettlementBook book = book(20);
        book.save(file);
        long largest = 0;
        for (int i = 0; i < 3_000; i++)
        {
            final Sale sale = book.sale(1, 1 + i % 20, 1);
            sale.attempts = i;
            book.save(file);
            largest = Math.max(largest, Files.size(SettlementLog.of(file)));
        }
        assertTrue(largest < 80 * 1024, "the log reached " + largest + " bytes");
        assertEquals(book.canonical(), SettlementBook.load(file).canonical());
    }

    /** A book of {@code sales} sales of auction 1, lots 1..n, awaiting their charge. */
    private static SettlementBook book(final int sales)
    {
        final SettlementBook book = new SettlementBook();
        book.journalIndex = 42;
        book.currencies.put(1L, "EUR");
        book.paymentMethods.put("1/7", "pm_7");
        book.pendingRegistrations.put(99L, "1 8 pm_8");
        for (int lot = 1; lot <= sales; lot++)
        {
            book.add(new Sale(1, lot, 1, 7, 1_000, 1_200, 10 + lot, 0));
        }
        return book;
    }
}
