package io.gavel.cluster;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Every setting of a Gavel cluster (the {@code gavel.cluster.*} and {@code gavel.shard.*} keys of the one
 * configuration file), with its default and meaning; the engine's own settings stay in EngineConfig. Defaults are
 * sized for a small, busy machine (docs/CLUSTER.md): shared threading, small terms and archive segments, and
 * heartbeat and election timeouts long enough that a loaded machine does not hold needless elections.
 */
public final class ClusterConfig
{
    /** Key, default, meaning. The single source for docs/CONFIGURATION.md. */
    public static final String[][] KEYS = {
        {"gavel.cluster.hosts", "",
            "Comma-separated host of each member, member 0 first; non-empty = clients use the cluster"},
        {"gavel.cluster.port.base", "20000",
            "Member N listens on port.base + 100 x N + 1..7 (ingress, consensus, log, catch-up, archive, replication)"},
        {"gavel.cluster.dir", "gavel-cluster",
            "Directory under which member N keeps node-N/ (archive, consensus, journal, aeron)"},
        {"gavel.cluster.aeron.dir", "",
            "Aeron directory of member N's media driver (N appended); empty = node-N/aeron under gavel.cluster.dir"},
        {"gavel.cluster.term.length", "262144",
            "Term length of the Raft log and ingress/egress streams (power of two, 64 KiB to 1 GiB)"},
        {"gavel.cluster.archive.segment.length", "4194304",
            "Archive segment file length (a multiple of the term length)"},
        {"gavel.cluster.heartbeat.interval.ms", "100", "How often the leader tells followers it is alive"},
        {"gavel.cluster.heartbeat.timeout.ms", "3000",
            "Followers elect a new leader after this long without its heartbeat"},
        {"gavel.cluster.election.timeout.ms", "1500", "How long one election round may take before it starts over"},
        {"gavel.cluster.startup.canvass.timeout.ms", "10000",
            "On start, how long a member waits to hear from all others before electing with a majority"},
        {"gavel.cluster.session.timeout.ms", "10000", "A client session silent this long is closed by the cluster"},
        {"gavel.cluster.client.timeout.ms", "10000",
            "How long a cluster client waits to connect, and for an answer before it gives up"},
        {"gavel.cluster.egress.channel", "aeron:udp?endpoint=127.0.0.1:0",
            "Channel the cluster answers a client on (the client's own host)"},
        {"gavel.cluster.snapshot.chunk", "16384",
            "Bytes per message when the core's snapshot is written to the cluster's archive"},
        {"gavel.cluster.snapshot.every", "100000",
            "The leader asks for a snapshot after this many commands since the last one (0 = not by count)"},
        {"gavel.cluster.snapshot.interval.s", "600",
            "The leader asks for a snapshot this long after the last one, if commands came since (0 = not by time)"},
        {"gavel.shard.directory", "",
            "File placing auctions on shards: shard.NAME=FILE and auctions.FIRST-LAST=NAME (docs/CLUSTER.md)"},
    };

    private static final int PORTS_PER_MEMBER = 100;
    static final int INGRESS_PORT = 1;
    static final int CONSENSUS_PORT = 2;
    static final int LOG_PORT = 3;
    static final int CATCHUP_PORT = 4;
    static final int ARCHIVE_CONTROL_PORT = 5;
    static final int REPLICATION_PORT = 6;
    static final int ARCHIVE_REPLICATION_PORT = 7;

    private final Map<String, String> values = new LinkedHashMap<>();

    private ClusterConfig()
    {
        for (final String[] key : KEYS)
        {
            values.put(key[0], key[1]);
        }
    }

    /** File values over defaults, then system properties over both. Unknown gavel.cluster.* keys are errors. */
    public static ClusterConfig load(final Properties file)
    {
        return new ClusterConfig().overrideFrom(file).overrideFrom(System.getProperties());
    }

    /** Whether a configuration names a cluster (a non-empty gavel.cluster.hosts). */
    public static boolean namesCluster(final Properties file)
    {
        return !load(file).hosts().isEmpty();
    }

    public ClusterConfig set(final String key, final String value)
    {
        if (!values.containsKey(key))
        {
            throw new IllegalArgumentException("unknown setting '" + key + "'");
        }
        values.put(key, value);
        return this;
    }

    private ClusterConfig overrideFrom(final Properties properties)
    {
        for (final String name : properties.stringPropertyNames())
        {
            if (name.startsWith("gavel.cluster.") || name.startsWith("gavel.shard."))
            {
                set(name, properties.getProperty(name).trim());
            }
        }
        return this;
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

    private long getLong(final String key)
    {
        final String value = get(key);
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("setting '" + key + "' must be a whole number, not '" + value + "'");
        }
    }

    private int getInt(final String key)
    {
        final long value = getLong(key);
        if (value < 0 || value > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("setting '" + key + "' is out of range: " + value);
        }
        return (int)value;
    }

    /** The host of each member, member 0 first; empty when no cluster is configured. */
    public List<String> hosts()
    {
        final List<String> hosts = new ArrayList<>();
        for (final String host : get("gavel.cluster.hosts").split(","))
        {
            if (!host.isBlank())
            {
                hosts.add(host.trim());
            }
        }
        return hosts;
    }

    public int memberCount()
    {
        return hosts().size();
    }

    /** Checks a member id against the configured hosts; the message names the setting to fix. */
    public void checkMember(final int memberId)
    {
        final int count = memberCount();
        if (count == 0)
        {
            throw new IllegalArgumentException("gavel.cluster.hosts is empty: the configuration names no cluster");
        }
        if (memberId < 0 || memberId >= count)
        {
            throw new IllegalArgumentException("member id " + memberId + " is not in gavel.cluster.hosts (" +
                count + " members: ids 0 to " + (count - 1) + ")");
        }
    }

    /**
     * Refuses a configuration a member cannot run with, naming the setting and what it must be, before anything
     * starts: unparsable numbers, ports past 65535, term and segment lengths Aeron would refuse later with less
     * helpful words, timeouts that cannot work together.
     */
    public ClusterConfig validate()
    {
        if (memberCount() == 0)
        {
            throw new IllegalArgumentException("gavel.cluster.hosts is empty: the configuration names no cluster");
        }
        final long base = getLong("gavel.cluster.port.base");
        final long highest = base + (long)PORTS_PER_MEMBER * (memberCount() - 1) + ARCHIVE_REPLICATION_PORT;
        if (base < 1 || highest > 65_535)
        {
            throw new IllegalArgumentException("setting 'gavel.cluster.port.base' = " + base + " puts member " +
                (memberCount() - 1) + "'s ports outside 1 to 65535 (its highest would be " + highest + ")");
        }
        final long term = getLong("gavel.cluster.term.length");
        if (term < 65_536 || term > 1L << 30 || Long.bitCount(term) != 1)
        {
            throw new IllegalArgumentException("setting 'gavel.cluster.term.length' must be a power of two from " +
                "65536 (64 KiB) to 1073741824 (1 GiB), not " + term);
        }
        final long segment = getLong("gavel.cluster.archive.segment.length");
        if (segment < term || Long.bitCount(segment) != 1 || segment > 1L << 30)
        {
            throw new IllegalArgumentException("setting 'gavel.cluster.archive.segment.length' must be a power of " +
                "two from the term length (" + term + ") to 1073741824, not " + segment);
        }
        final long interval = positive("gavel.cluster.heartbeat.interval.ms");
        final long timeout = positive("gavel.cluster.heartbeat.timeout.ms");
        if (timeout <= interval)
        {
            throw new IllegalArgumentException("setting 'gavel.cluster.heartbeat.timeout.ms' (" + timeout + ") must " +
                "be longer than gavel.cluster.heartbeat.interval.ms (" + interval + "), or every member would " +
                "think the leader dead between two heartbeats");
        }
        positive("gavel.cluster.election.timeout.ms");
        positive("gavel.cluster.startup.canvass.timeout.ms");
        positive("gavel.cluster.session.timeout.ms");
        positive("gavel.cluster.client.timeout.ms");
        positive("gavel.cluster.snapshot.chunk");
        if (getLong("gavel.cluster.snapshot.every") < 0 || getLong("gavel.cluster.snapshot.interval.s") < 0)
        {
            throw new IllegalArgumentException("settings 'gavel.cluster.snapshot.every' and " +
                "'gavel.cluster.snapshot.interval.s' must be 0 (off) or more");
        }
        if (!egressChannel().startsWith("aeron:"))
        {
            throw new IllegalArgumentException("setting 'gavel.cluster.egress.channel' must be an Aeron channel " +
                "(aeron:udp?endpoint=HOST:0), not '" + egressChannel() + "'");
        }
        return this;
    }

    private long positive(final String key)
    {
        final long value = getLong(key);
        if (value <= 0)
        {
            throw new IllegalArgumentException("setting '" + key + "' must be more than 0, not " + value);
        }
        return value;
    }

    public int port(final int memberId, final int offset)
    {
        return getInt("gavel.cluster.port.base") + PORTS_PER_MEMBER * memberId + offset;
    }

    public String endpoint(final int memberId, final int offset)
    {
        return hosts().get(memberId) + ":" + port(memberId, offset);
    }

    /** Aeron's cluster-members string: id,ingress,consensus,log,catchup,archive per member, '|' between. */
    public String clusterMembers()
    {
        final StringBuilder members = new StringBuilder();
        for (int id = 0; id < memberCount(); id++)
        {
            if (id > 0)
            {
                members.append('|');
            }
            members.append(id).append(',').append(endpoint(id, INGRESS_PORT)).append(',')
                .append(endpoint(id, CONSENSUS_PORT)).append(',').append(endpoint(id, LOG_PORT)).append(',')
                .append(endpoint(id, CATCHUP_PORT)).append(',').append(endpoint(id, ARCHIVE_CONTROL_PORT));
        }
        return members.toString();
    }

    /** The clients' view: id=host:ingressPort per member. */
    public String ingressEndpoints()
    {
        final StringBuilder endpoints = new StringBuilder();
        for (int id = 0; id < memberCount(); id++)
        {
            if (id > 0)
            {
                endpoints.append(',');
            }
            endpoints.append(id).append('=').append(endpoint(id, INGRESS_PORT));
        }
        return endpoints.toString();
    }

    public Path nodeDir(final int memberId)
    {
        return Paths.get(get("gavel.cluster.dir")).resolve("node-" + memberId).toAbsolutePath();
    }

    public String aeronDir(final int memberId)
    {
        final String configured = get("gavel.cluster.aeron.dir");
        return configured.isEmpty() ? nodeDir(memberId).resolve("aeron").toString() : configured + "-" + memberId;
    }

    public int termLength()
    {
        return getInt("gavel.cluster.term.length");
    }

    public int archiveSegmentLength()
    {
        return getInt("gavel.cluster.archive.segment.length");
    }

    public long heartbeatIntervalNanos()
    {
        return TimeUnit.MILLISECONDS.toNanos(getLong("gavel.cluster.heartbeat.interval.ms"));
    }

    public long heartbeatTimeoutNanos()
    {
        return TimeUnit.MILLISECONDS.toNanos(getLong("gavel.cluster.heartbeat.timeout.ms"));
    }

    public long electionTimeoutNanos()
    {
        return TimeUnit.MILLISECONDS.toNanos(getLong("gavel.cluster.election.timeout.ms"));
    }

    public long startupCanvassTimeoutNanos()
    {
        return TimeUnit.MILLISECONDS.toNanos(getLong("gavel.cluster.startup.canvass.timeout.ms"));
    }

    public long sessionTimeoutNanos()
    {
        return TimeUnit.MILLISECONDS.toNanos(getLong("gavel.cluster.session.timeout.ms"));
    }

    public long clientTimeoutNanos()
    {
        return TimeUnit.MILLISECONDS.toNanos(getLong("gavel.cluster.client.timeout.ms"));
    }

    public String egressChannel()
    {
        return get("gavel.cluster.egress.channel");
    }

    public int snapshotChunk()
    {
        return getInt("gavel.cluster.snapshot.chunk");
    }

    public long snapshotEvery()
    {
        return getLong("gavel.cluster.snapshot.every");
    }

    public long snapshotIntervalNanos()
    {
        return TimeUnit.SECONDS.toNanos(getLong("gavel.cluster.snapshot.interval.s"));
    }

    public String shardDirectory()
    {
        return get("gavel.shard.directory");
    }

    /** Every setting and its value, for the operator. */
    public String describe()
    {
        final StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        return text.toString();
    }
}
