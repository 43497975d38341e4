package io.gavel.ops.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code gavel demo --journal DIR} on a directory that is not empty is refused, and leaves nothing behind.
 */
class DemoSaleJournalTest
{
    @TempDir
    Path dir;

    @Test
    void aRefusedJournalLeavesNoTemporaryDirectory() throws Exception
    {
        final Path journal = Files.createDirectories(dir.resolve("journal"));
        Files.writeString(journal.resolve("something"), "x");
        final Path temp = Files.createDirectories(dir.resolve("tmp"));
        final DemoSale demo = new DemoSale(new PrintStream(new ByteArrayOutputStream()), "ipc", journal, 3);
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> demo.run(temp));
        assertTrue(refused.getMessage().contains("is not empty"), refused.getMessage());
        try (Stream<Path> left = Files.list(temp))
        {
            assertEquals(0, left.count(), "left behind in the temporary directory");
        }
    }
}
