package io.gavel.gateway;

import io.gavel.journal.BackgroundPriority;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Every setting of an engine, with its default and meaning, in one place (Aeron's Configuration habit). Values come
 * from a properties file, then {@code -D} system properties override them. {@link #describe()} lists them all.
 */
public final class EngineConfig
{
    /** Key, default, meaning of every setting ({@link EngineSettings}): docs/CONFIGURATION.md, {@code gavel config}. */
    public static final String[][] KEYS = EngineSettings.ALL;

    /** Settings named by a prefix and an id (one per auction). */
    static final String VIDEO_PREFIX = "gavel.web.video.";

    private final Map<String, String> values = new LinkedHashMap<>();

    private EngineConfig()
    {
        for (final String[] key : KEYS)
        {
            values.put(key[0], key[1]);
        }
    }

    public static EngineConfig defaults()
    {
        return new EngineConfig().overrideFrom(System.getProperties());
    }

    /** File values over defaults, then system properties over both. Unknown gavel.* keys are errors. */
    public static EngineConfig load(final Properties file)
    {
        return new EngineConfig().overrideFrom(file).overrideFrom(System.getProperties());
    }

    public EngineConfig set(final String key, final String value)
    {
        if (key.startsWith(VIDEO_PREFIX) && isAuctionId(key.substring(VIDEO_PREFIX.length())))
        {
            values.put(key, value);
            return this;
        }
        if (!values.containsKey(key))
        {
            throw new IllegalArgumentException("unknown setting '" + key + "'");
        }
        values.put(key, value);
        return this;
    }

    private EngineConfig overrideFrom(final Properties properties)
    {
        for (final String name : properties.stringPropertyNames())
        {
            // gavel.cluster.* and gavel.shard.* belong to the cluster module's ClusterConfig, in the same file.
            if (name.startsWith("gavel.") && !name.startsWith("gavel.cli.") && !name.startsWith("gavel.cluster.") &&
                !name.startsWith("gavel.shard."))
            {
                set(name, properties.getProperty(name).trim());
            }
        }
        return this;
    }

    private static boolean isAuctionId(final String id)
    {
        return !id.isEmpty() && id.length() < 19 && id.chars().allMatch(Character::isDigit);
    }

    /** The video URL configured for an auction ({@code gavel.web.video.<auctionId>}), or empty. */
    public String webVideo(final long auctionId)
    {
        return values.getOrDefault(VIDEO_PREFIX + auctionId, "");
    }

    public String get(final String key)
    {
        final String value = values.get(key);
        if (value == null)
        {
            throw new IllegalArgumentException("unknown setting '" + key + "'");
        }
        return value;
    }

    public int getInt(final String key)
    {
        final String value = get(key);
        try
        {
            return Integer.parseInt(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("setting '" + key + "' must be a whole number, not '" + value + "'");
        }
    }

    public String aeronDir()
    {
        return get("gavel.aeron.dir");
    }

    public String ingressChannel()
    {
        return get("gavel.ingress.channel");
    }

    public int ingressStream()
    {
        return getInt("gavel.ingress.stream");
    }

    public String publicChannel()
    {
        return get("gavel.public.channel");
    }

    public int publicStream()
    {
        return getInt("gavel.public.stream");
    }

    public Path journalDir()
    {
        return Paths.get(get("gavel.journal.dir"));
    }

    public io.gavel.journal.JournalSync journalSync()
    {
        return io.gavel.journal.JournalSync.parse(get("gavel.journal.sync"));
    }

    /** Bytes of the journal to touch ahead of the writer; 0 = no pretouching. */
    public long journalPretouchBytes()
    {
        final int megabytes = getInt("gavel.journal.pretouch.mb");
        if (megabytes < 0)
        {
            throw new IllegalArgumentException("setting 'gavel.journal.pretouch.mb' must be 0 or more, not " +
                megabytes);
        }
        return megabytes * (1L << 20);
    }

    /** Bytes the write-behind thread writes back at a time behind the writer; 0 = none. */
    public long journalWriteBehindBytes()
    {
        final int kilobytes = getInt("gavel.journal.writebehind.kb");
        if (kilobytes < 0 || kilobytes % 4 != 0)
        {
            throw new IllegalArgumentException("setting 'gavel.journal.writebehind.kb' must be 0 or a positive " +
                "multiple of 4 (pages), not " + kilobytes);
        }
        return kilobytes * 1024L;
    }

    /** The nice value of the snapshot replica's thread; 0 = the process's. */
    public int snapshotReplicaNice()
    {
        final int nice = getInt("gavel.snapshot.replica.nice");
        if (!BackgroundPriority.isValid(nice))
        {
            throw new IllegalArgumentException("setting 'gavel.snapshot.replica.nice' must be 0-" +
                BackgroundPriority.LOWEST + ", not " + nice);
        }
        return nice;
    }

    public int ringSize()
    {
        final int size = getInt("gavel.ring.size");
        if (size <= 0 || Integer.bitCount(size) != 1)
        {
            throw new IllegalArgumentException("setting 'gavel.ring.size' must be a power of two, not " + size);
        }
        return size;
    }

    public String waitStrategy()
    {
        return get("gavel.wait.strategy");
    }

    /** The thread layout ({@code gavel.layout}); a bad value is refused with the choices. */
    public EngineLayout layout()
    {
        return EngineLayout.parse(get("gavel.layout"));
    }

    public String idleStrategy()
    {
        return get("gavel.idle.strategy");
    }

    public String tokenSecret()
    {
        return get("gavel.token.secret");
    }

    public long tickIntervalNanos()
    {
        return getInt("gavel.tick.interval.ms") * 1_000_000L;
    }

    public long sessionTimeoutNanos()
    {
        return getInt("gavel.session.timeout.ms") * 1_000_000L;
    }

    public int correlationWindow()
    {
        return getInt("gavel.correlation.window");
    }

    /** Book entries the core's arena reserves at start, so books grow without allocating (0 = grow as needed). */
    public int bookEntries()
    {
        final int entries = getInt("gavel.core.book.entries");
        if (entries < 0)
        {
            throw new IllegalArgumentException("setting 'gavel.core.book.entries' must be 0 or more, not " + entries);
        }
        return entries;
    }

    public long egressConnectTimeoutNanos()
    {
        return getInt("gavel.egress.connect.timeout.ms") * 1_000_000L;
    }

    public int egressRetryLimit()
    {
        return getInt("gavel.egress.retry.limit");
    }

    public long snapshotEvery()
    {
        return getInt("gavel.snapshot.every");
    }

    public long snapshotIntervalNanos()
    {
        return getInt("gavel.snapshot.interval.s") * 1_000_000_000L;
    }

    public int snapshotKeep()
    {
        return getInt("gavel.snapshot.keep");
    }

    /** Whether the engine measures the machine's hiccups ({@code gavel.hiccups}: on or off). */
    public boolean hiccups()
    {
        return onOrOff("gavel.hiccups");
    }

    /** Whether the pretoucher locks the journal's pages it holds in memory ({@code gavel.journal.lock}). */
    public boolean journalLock()
    {
        return onOrOff("gavel.journal.lock");
    }

    private boolean onOrOff(final String key)
    {
        final String value = get(key);
        if (value.equals("on") || value.equals("off"))
        {
            return value.equals("on");
        }
        throw new IllegalArgumentException("setting '" + key + "' must be on or off, not '" + value + "'");
    }

    /** Whether snapshots are taken by a replica core on a thread of its own (else on the business thread). */
    public boolean snapshotReplica()
    {
        final String value = get("gavel.snapshot.thread");
        if (value.equals("replica") || value.equals("business"))
        {
            return value.equals("replica");
        }
        throw new IllegalArgumentException("setting 'gavel.snapshot.thread' must be replica or business, not '" +
            value + "'");
    }

    /** The checkpoint signing key file, or null when checkpoints are not signed. */
    public Path checkpointKey()
    {
        final String file = get("gavel.checkpoint.key");
        return file.isEmpty() ? null : Paths.get(file);
    }

    public long checkpointEvery()
    {
        return getInt("gavel.checkpoint.every");
    }

    public long checkpointIntervalSeconds()
    {
        return getInt("gavel.checkpoint.interval.s");
    }

    public long sessionRateLimit()
    {
        return getInt("gavel.session.rate.limit");
    }

    public long sessionRateBurst()
    {
        return getInt("gavel.session.rate.burst");
    }

    public int fragmentLimit()
    {
        return getInt("gavel.fragment.limit");
    }

    /** The hosts (and {@code ipc}) a session's response channel may name; see {@link ResponseChannels}. */
    public String sessionResponseHosts()
    {
        return get("gavel.session.response.hosts");
    }

    /** Every setting as {@code key=value}, one per line, secrets masked. */
    public String describe()
    {
        final StringBuilder out = new StringBuilder();
        for (final Map.Entry<String, String> entry : values.entrySet())
        {
            if (entry.getKey().equals("gavel.web.video.<auctionId>"))
            {
                continue;
            }
            final boolean secret = entry.getKey().contains("secret");
            // gavel.checkpoint.key is a path, not a secret: it is shown.
            out.append(entry.getKey()).append('=')
                .append(secret && !entry.getValue().isEmpty() ? "****" : entry.getValue()).append('\n');
        }
        return out.toString();
    }
}
