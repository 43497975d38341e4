package io.gavel.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.gavel.ops.CommandLineErrorsTest.gavel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code gavel web} refuses a configuration that names no usable engine, cluster or shards at once, with one line
 * that says what to fix (exit 2), before it waits for a media driver: none runs here.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebCommandConfigurationTest
{
    @TempDir
    Path dir;

    @Test
    void aBadClusterOrShardConfigurationIsRefusedByName() throws Exception
    {
        Files.writeString(dir.resolve("east.properties"), "gavel.token.secret=s\n");
        Files.writeString(dir.resolve("other.properties"), "gavel.token.secret=another\n");
        refused(config("both", "gavel.cluster.hosts=127.0.0.1\ngavel.shard.directory=" + shards("ok",
            "shard.east=east.properties\nauctions.1-9=east\n") + "\n"),
            "sets both gavel.cluster.hosts and gavel.shard.directory");
        refused(config("unknown", "gavel.shard.directory=" + shards("unknown",
            "shard.east=east.properties\nauctions.1-9=west\n") + "\n"), "placed on shard 'west', which no shard");
        refused(config("secret", "gavel.shard.directory=" + shards("secret",
            "shard.other=other.properties\nauctions.1-9=other\n") + "\n"),
            "shard 'other'", "another gavel.token.secret than the edge's");
        refused(config("absent", "gavel.shard.directory=" + dir.resolve("nowhere.properties") + "\n"),
            "nowhere.properties does not exist");
    }

    private Path shards(final String name, final String text) throws Exception
    {
        return Files.writeString(dir.resolve("shards-" + name + ".properties"), text);
    }

    private Path config(final String name, final String text) throws Exception
    {
        return Files.writeString(dir.resolve(name + ".properties"), "gavel.token.secret=s\ngavel.aeron.dir=" +
            dir.resolve("no-driver") + "\n" + text);
    }

    private static void refused(final Path config, final String... expected)
    {
        final CommandLineErrorsTest.Outcome outcome = gavel("web", "-c", config.toString(), "--driver-timeout", "0");
        assertEquals(GavelMain.EXIT_USAGE, outcome.exit(), outcome.toString());
        for (final String text : expected)
        {
            assertTrue(outcome.err().contains(text), outcome.toString());
        }
        assertFalse(outcome.err().contains("\tat "), "a stack trace: " + outcome.err());
        assertFalse(outcome.err().contains("no media driver"), outcome.toString());
    }
}
