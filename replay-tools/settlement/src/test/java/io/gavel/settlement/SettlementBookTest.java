package io.gavel.settlement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The checkpoint's sales and their identities: the format earlier builds wrote loads unchanged, ordinary sales keep the
 * correlation id they always had ({@code sequence * 65,536 + event index}), and the sales of a command whose stored
 * event indexes repeat get ids of their own that a save and a load do not change.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SettlementBookTest
{
    /** As today's and earlier builds write it: lot 2 and lot 65,531 of tick 9 were both stored at event index 2. */
    private static final String CHECKPOINT = String.join("\n",
        "gavel-settlement 1",
        "index 4294967342",
        "currency 1 EUR",
        "pm 1/2 pm_2",
        "sale 1 1 1 2 1000 1200 7 3 PAID 1 0 charged+pi_1",
        "sale 1 2 1 3 1000 1200 9 2 REPORTING_PAID 1 5 charged+pi_2",
        "sale 1 65531 1 4 1000 1200 9 2 AWAITING 0 0 -",
        "sale 1 65532 1 4 1000 1200 9 4 AWAITING 0 0 -",
        "");

    @TempDir
    Path dir;

    @Test
    void ordinarySalesKeepTheirIdsAndRepeatedJournalIdentitiesGetTheirOwn() throws Exception
    {
        final Path file = dir.resolve("settle.state");
        Files.writeString(file, CHECKPOINT, StandardCharsets.UTF_8);
        final List<Sale> sales = SettlementBook.load(file).sales();
        assertEquals(List.of(7 * 65_536L + 3, 9 * 65_536L + 2, -3L, 9 * 65_536L + 4),
            sales.stream().map(Sale::correlationId).toList());
        assertEquals(List.of("gavel-a1-l1-s1-j7.3", "gavel-a1-l2-s1-j9.2", "gavel-a1-l65531-s1-j9.2",
            "gavel-a1-l65532-s1-j9.4"), sales.stream().map(Sale::idempotencyKey).toList());

        SettlementBook.load(file).save(file);
        assertEquals(CHECKPOINT, Files.readString(file, StandardCharsets.UTF_8), "the checkpoint's format changed");
        assertEquals(sales.stream().map(Sale::correlationId).toList(),
            SettlementBook.load(file).sales().stream().map(Sale::correlationId).toList());
    }

    @Test
    void aSaleTwiceInTheCheckpointIsRefusedAsDamage() throws Exception
    {
        final Path file = dir.resolve("settle.state");
        Files.writeString(file, CHECKPOINT + "sale 1 2 1 3 1000 1200 9 2 PAID 1 5 -\n", StandardCharsets.UTF_8);
        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> SettlementBook.load(file));
        assertTrue(refused.getMessage().contains("line 9 is damaged"), refused.getMessage());
    }
}
