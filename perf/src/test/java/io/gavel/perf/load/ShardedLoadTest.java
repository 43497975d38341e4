package io.gavel.perf.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two engine shards loaded at once: each answers its own bids, and the combined rate is their sum. */
class ShardedLoadTest
{
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void twoShardsAnswerTogether() throws Exception
    {
        final LoadOptions options = new LoadOptions();
        options.auctions = 1;
        options.lots = 4;
        options.bidders = 4;
        options.rate = 500;
        options.durationSeconds = 1;
        options.warmupSeconds = 0;
        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        final List<LoadReport.Run> runs = ShardedLoad.run(options, 2,
            new PrintStream(text, true, StandardCharsets.UTF_8));
        assertEquals(2, runs.size());
        double sum = 0;
        for (final LoadReport.Run run : runs)
        {
            assertTrue(run.gavel().answered > 0, "a shard answered nothing: " + text);
            assertEquals(0, run.gavel().unanswered, "a shard left bids unanswered: " + text);
            sum += run.gavel().throughput();
        }
        assertEquals(sum, ShardedLoad.combinedThroughput(runs), 1e-9);
        assertTrue(ShardedLoad.combinedThroughput(runs) > runs.get(0).gavel().throughput());
    }

    @Test
    void refusesNoShards()
    {
        assertThrows(IllegalArgumentException.class, () -> ShardedLoad.run(new LoadOptions(), 0, System.out));
    }

    @Test
    void refusesShardsOnOneExternalDriver()
    {
        final LoadOptions options = new LoadOptions();
        options.driver = "external";
        options.aeronDir = java.nio.file.Path.of("/dev/shm/none");
        assertEquals("--shards needs a driver per shard: use --driver embedded or process",
            assertThrows(IllegalArgumentException.class, () -> ShardedLoad.run(options, 2, System.out)).getMessage());
    }
}
