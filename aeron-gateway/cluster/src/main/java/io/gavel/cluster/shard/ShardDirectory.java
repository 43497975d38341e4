package io.gavel.cluster.shard;

import io.gavel.cluster.ClusterNodeMain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Which shard holds which auction: the file gavel.shard.directory names, in properties form.
 * <pre>
 * shard.east=east.properties        # a shard and its configuration (a single engine or a cluster)
 * shard.west=west.properties
 * auctions.1-999=east               # auction ids 1 to 999 (inclusive) live on east
 * auctions.1000-1999=west
 * auctions.5000=west                # a single auction
 * </pre>
 * An auction lives on exactly one shard: overlapping ranges, a range naming an unknown shard, or a shard file that
 * does not exist are refused when the directory is loaded, and an auction in no range is refused by name when a
 * client routes to it. Shard configuration paths are relative to the directory file.
 */
public final class ShardDirectory
{
    /** A range of auction ids on one shard. */
    public record Range(long first, long last, String shard)
    {
    }

    private final Map<String, Path> shards;
    private final List<Range> ranges;

    private ShardDirectory(final Map<String, Path> shards, final List<Range> ranges)
    {
        this.shards = shards;
        this.ranges = ranges;
    }

    public static ShardDirectory load(final Path file)
    {
        final Properties properties = ClusterNodeMain.readProperties(file);
        final Path base = file.toAbsolutePath().getParent();
        final Map<String, Path> shards = new LinkedHashMap<>();
        final List<Range> ranges = new ArrayList<>();
        for (final String key : properties.stringPropertyNames())
        {
            final String value = properties.getProperty(key).trim();
            if (key.startsWith("shard."))
            {
                final Path config = base.resolve(value);
                if (!config.toFile().isFile())
                {
                    throw new IllegalArgumentException("shard directory " + file + ": " + key + " names " + config +
                        ", which does not exist");
                }
                shards.put(key.substring("shard.".length()), config);
            }
            else if (key.startsWith("auctions."))
            {
                ranges.add(range(file, key, value));
            }
            else
            {
                throw new IllegalArgumentException("shard directory " + file + ": unknown entry '" + key +
                    "' (expected shard.NAME=FILE or auctions.FIRST-LAST=NAME)");
            }
        }
        for (final Range range : ranges)
        {
            if (!shards.containsKey(range.shard()))
            {
                throw new IllegalArgumentException("shard directory " + file + ": auctions " + range.first() + "-" +
                    range.last() + " are placed on shard '" + range.shard() + "', which no shard.NAME entry names");
            }
        }
        ranges.sort((a, b) -> Long.compare(a.first(), b.first()));
        for (int i = 1; i < ranges.size(); i++)
        {
            if (ranges.get(i).first() <= ranges.get(i - 1).last())
            {
                throw new IllegalArgumentException("shard directory " + file + ": auctions " +
                    ranges.get(i).first() + "-" + Math.min(ranges.get(i).last(), ranges.get(i - 1).last()) +
                    " are placed on both '" + ranges.get(i - 1).shard() + "' and '" + ranges.get(i).shard() +
                    "'; an auction lives on one shard");
            }
        }
        return new ShardDirectory(shards, ranges);
    }

    private static Range range(final Path file, final String key, final String shard)
    {
        final String text = key.substring("auctions.".length());
        final int dash = text.indexOf('-');
        try
        {
            final long first = Long.parseLong(dash < 0 ? text : text.substring(0, dash));
            final long last = dash < 0 ? first : Long.parseLong(text.substring(dash + 1));
            if (first <= 0 || last < first)
            {
                throw new NumberFormatException();
            }
            return new Range(first, last, shard);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("shard directory " + file + ": '" + key + "' is not a range of " +
                "auction ids (auctions.FIRST-LAST or auctions.ID, positive, FIRST <= LAST)");
        }
    }

    /** The shard that holds {@code auctionId}; refuses an auction the directory does not place. */
    public String shardOf(final long auctionId)
    {
        int low = 0;
        int high = ranges.size() - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final Range range = ranges.get(mid);
            if (auctionId < range.first())
            {
                high = mid - 1;
            }
            else if (auctionId > range.last())
            {
                low = mid + 1;
            }
            else
            {
                return range.shard();
            }
        }
        throw new IllegalArgumentException("auction " + auctionId + " is on no shard: add it to the shard " +
            "directory (auctions.FIRST-LAST=SHARD)");
    }

    /** Shard names and their configuration files, in the directory's order. */
    public Map<String, Path> shards()
    {
        return shards;
    }

    /** The configuration of one shard. */
    public Properties configuration(final String shard)
    {
        final Path file = shards.get(shard);
        if (file == null)
        {
            throw new IllegalArgumentException("no shard '" + shard + "' in the shard directory");
        }
        return ClusterNodeMain.readProperties(file);
    }

    public List<Range> ranges()
    {
        return ranges;
    }
}
