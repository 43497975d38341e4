package io.gavel.cluster.shard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The auction-to-shard map: every auction on exactly one shard, and precise refusals. */
class ShardDirectoryTest
{
    @TempDir
    Path dir;

    private Path directory(final String entries) throws Exception
    {
        Files.writeString(dir.resolve("east.properties"), "gavel.cluster.hosts=127.0.0.1\n");
        Files.writeString(dir.resolve("west.properties"), "gavel.cluster.hosts=127.0.0.1\n");
        return Files.writeString(dir.resolve("shards.properties"),
            "shard.east=east.properties\nshard.west=west.properties\n" + entries);
    }

    @Test
    void routesEachAuctionToItsShard() throws Exception
    {
        final ShardDirectory shards = ShardDirectory.load(directory("auctions.1-999=east\nauctions.1000-1999=west\n" +
            "auctions.5000=west\n"));
        assertEquals("east", shards.shardOf(1));
        assertEquals("east", shards.shardOf(999));
        assertEquals("west", shards.shardOf(1000));
        assertEquals("west", shards.shardOf(5000));
        final IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> shards.shardOf(2000));
        assertTrue(none.getMessage().contains("auction 2000 is on no shard"), none.getMessage());
    }

    @Test
    void refusesAnAuctionOnTwoShards() throws Exception
    {
        final Path file = directory("auctions.1-999=east\nauctions.900-1999=west\n");
        final IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
            () -> ShardDirectory.load(file));
        assertTrue(overlap.getMessage().contains("auctions 900-999 are placed on both 'east' and 'west'"),
            overlap.getMessage());
    }

    @Test
    void refusesUnknownShardsAndBadRanges() throws Exception
    {
        final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
            () -> ShardDirectory.load(directory("auctions.1-9=north\n")));
        assertTrue(unknown.getMessage().contains("shard 'north', which no shard.NAME entry names"),
            unknown.getMessage());
        final IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
            () -> ShardDirectory.load(directory("auctions.9-1=east\n")));
        assertTrue(bad.getMessage().contains("is not a range of auction ids"), bad.getMessage());
    }
}
