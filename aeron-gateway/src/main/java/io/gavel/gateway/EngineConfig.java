package io.gavel.gateway;

import io.gavel.journal.BackgroundPriority;
import io.gavel.journal.JournalWriteBehind;

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
    /** Key, default, meaning. The single source for docs/CONFIGURATION.md and {@code gavel config print}. */
    public static final String[][] KEYS = {
        {"gavel.aeron.dir", "", "Aeron directory of the media driver to use; empty = Aeron's default"},
        {"gavel.ingress.channel", "aeron:ipc", "Channel the engine subscribes to for commands"},
        {"gavel.ingress.stream", "1001", "Stream id of the ingress channel"},
        {"gavel.public.channel", "aeron:ipc", "Channel of the public market-data stream (every lot event)"},
        {"gavel.public.stream", "1002", "Stream id of the public channel"},
        {"gavel.journal.dir", "gavel-journal", "Directory of the engine's Chronicle journal"},
        {"gavel.journal.sync", "page-cache",
            "When a journaled command may be answered: page-cache (in the OS page cache) or fsync (forced to the " +
            "device, one force per ring batch)"},
        {"gavel.journal.pretouch.mb", "64",
            "Megabytes of the journal file a helper thread touches ahead of the writer (0 = none)"},
        {"gavel.journal.lock", "off",
            "on: keep the journal's pages from the writer to the touch distance in memory (mlock2, on fault)"},
        {"gavel.journal.writebehind.kb", String.valueOf(JournalWriteBehind.DEFAULT_CHUNK >> 10),
            "Kilobytes a helper thread writes back at a time behind the writer (0 = leave it to the kernel)"},
        {"gavel.ring.size", "4096", "Slots in the Disruptor ring (a power of two); full ring = BUSY"},
        {"gavel.wait.strategy", "sleeping", "Ring handlers' wait: busy-spin, yielding, sleeping, blocking"},
        {"gavel.idle.strategy", "backoff", "Ingress agent's idle: busy-spin, yielding, backoff, park, sleeping"},
        {"gavel.layout", "low-core",
            "Thread layout: low-core (the ingress agent's one thread polls Aeron, runs the ring's business-logic and " +
            "egress handlers, the Aeron client conductor and a media driver the engine is given to run) or staged " +
            "(a thread per stage; 'default' is accepted for staged)"},
        {"gavel.token.secret", "", "HMAC-SHA256 secret that session tokens are signed with (required)"},
        {"gavel.tick.interval.ms", "1", "Least gap between ticks the engine injects when a deadline is due"},
        {"gavel.session.timeout.ms", "10000", "A session silent this long (no command, no heartbeat) is closed"},
        {"gavel.correlation.window", "4096",
            "Commands remembered per principal for idempotent retries (docs/RULES.md R6)"},
        {"gavel.core.book.entries", "0",
            "Proxy-book and ladder entries reserved at start (24 bytes each; 0 = grow in 1 MiB pages as needed)"},
        {"gavel.egress.connect.timeout.ms", "2000", "How long the egress waits for a new session's response channel"},
        {"gavel.egress.retry.limit", "100", "Offers retried on back pressure before a subscriber is dropped"},
        {"gavel.session.rate.limit", "2000", "Commands a second one session may send (0 = unlimited); more: RATE_LIMITED"},
        {"gavel.session.rate.burst", "500", "Commands a session may send at once before the rate limit applies"},
        {"gavel.fragment.limit", "64", "Fragments the ingress polls per duty cycle"},
        {"gavel.session.response.hosts", "127.0.0.1,localhost,ipc",
            "Where a Connect may ask for its responses: comma-separated hosts of UDP endpoints, and ipc for aeron:ipc"},
        {"gavel.snapshot.every", "1000000", "Take a snapshot every this many commands (0 = never by count)"},
        {"gavel.snapshot.interval.s", "0", "Take a snapshot every this many seconds of engine time (0 = never)"},
        {"gavel.snapshot.keep", "3", "Snapshots kept; older ones are deleted"},
        {"gavel.hiccups", "on",
            "on: a thread sleeps 1 ms at a time and publishes how late the machine woke it (gavel stats); off: none"},
        {"gavel.snapshot.replica.nice", "0",
            "Nice value (0-19) of the snapshot replica's thread, so the bid path gets a shared core first (0 = as the " +
            "process)"},
        {"gavel.snapshot.thread", "replica",
            "Who takes snapshots: replica (a second core on its own thread) or business (the business thread)"},
        {"gavel.checkpoint.key", "", "Ed25519 private key (PEM) that signs journal checkpoints; empty = none signed"},
        {"gavel.checkpoint.every", "10000", "Sign a checkpoint at least every this many journal records"},
        {"gavel.checkpoint.interval.s", "10", "Sign a checkpoint at least this often (seconds) while records arrive"},
        {"gavel.settlement.provider.url", "http://127.0.0.1:8470",
            "Base URL of the payments API settle charges through"},
        {"gavel.settlement.provider.key", "", "API key sent to the payments provider as a bearer token; empty = none"},
        {"gavel.settlement.checkpoint", "gavel-settlement.state", "settle's durable checkpoint file"},
        {"gavel.settlement.principal", "900", "The SETTLEMENT principal settle signs its token for"},
        {"gavel.settlement.request.timeout.ms", "5000",
            "One payments request longer than this is a transient failure"},
        {"gavel.settlement.retry.deadline.ms", "60000",
            "A charge still failing transiently after this is reported FAILED"},
        {"gavel.settlement.retry.backoff.ms", "200", "First wait before retrying a charge; doubles up to 5 s"},
        {"gavel.reputation.suspend.defaults", "2",
            "reputation --apply suspends a bidder with this many payment defaults"},
        {"gavel.reputation.review.shill", "0.7",
            "reputation --apply holds for review a bidder whose shill score exceeds this"},
        {"gavel.web.host", "127.0.0.1", "Address the web edge (gavel web) listens on"},
        {"gavel.web.port", "8080", "HTTP and WebSocket port of the web edge"},
        {"gavel.web.allowed.origins", "",
            "Origins a browser socket may come from (comma-separated); empty = the edge's own"},
        {"gavel.web.edge.id", "1000000", "Principal of the web edge's own engine session (Role EDGE)"},
        {"gavel.web.max.frame.bytes", "4096", "Largest WebSocket message a browser may send; larger closes the socket"},
        {"gavel.web.socket.rate", "20", "Commands a second one browser socket may send"},
        {"gavel.web.socket.burst", "10", "Commands a socket may send at once before its rate applies"},
        {"gavel.web.socket.max.pending", "512", "Frames queued to one socket before it is dropped as too slow"},
        {"gavel.web.socket.send.buffer", "0", "Kernel send buffer per browser socket in bytes (0 = the OS default)"},
        {"gavel.web.max.sockets", "20000", "Browser sockets the edge accepts at once"},
        {"gavel.web.video.<auctionId>", "",
            "Video of one auction: an embed page (iframe) or a media URL (.mp4, .m3u8)"},
    };

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
