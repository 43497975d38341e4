package io.gavel.cluster;

import io.aeron.AeronCounters;
import io.aeron.CncFileDescriptor;
import io.aeron.CommonContext;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.RecordingLog;
import io.aeron.cluster.service.Cluster;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code gavel cluster status} prints: the configured members and, for each member whose directories are on
 * this machine, whether its media driver is alive and what its consensus module's counters say (role, leadership
 * term, commit position, module and election state). Read from the driver's counters file without connecting, so it
 * works while the member is busy and never disturbs it.
 */
public final class ClusterStatus
{
    /** One member as seen from this machine. */
    public record Member(int id, String endpoints, String state, Cluster.Role role, long leadershipTerm,
        long commitPosition, String moduleState, long elections, Snapshot lastSnapshot, long snapshotsTaken,
        long rateLimited, long egressDropped, Settings settings, LogOnDisk log)
    {
        public boolean isUp()
        {
            return "up".equals(state);
        }
    }

    /**
     * The latest snapshot in a member's recording log: the log position and leadership term it was taken at, and its
     * cluster time (nanoseconds). A restarted member loads it and replays only the log after that position.
     */
    public record Snapshot(long logPosition, long leadershipTerm, long clusterTime)
    {
    }

    /**
     * The settings a member decides with (rate limit, burst, idempotency window) and where they come from: the
     * cluster's log, or (a log begun before settings were logged) the member's own file; no values while the log's
     * are awaited.
     */
    public record Settings(String source, ClusterSettings values)
    {
    }

    private ClusterStatus()
    {
    }

    public static List<Member> read(final ClusterConfig config)
    {
        final List<Member> members = new ArrayList<>();
        for (int id = 0; id < config.memberCount(); id++)
        {
            final String endpoints = "ingress " + config.endpoint(id, ClusterConfig.INGRESS_PORT) + ", consensus " +
                config.endpoint(id, ClusterConfig.CONSENSUS_PORT) + ", log " +
                config.endpoint(id, ClusterConfig.LOG_PORT);
            final File aeronDir = new File(config.aeronDir(id));
            final File cnc = new File(aeronDir, CncFileDescriptor.CNC_FILE);
            final File consensusDir = config.nodeDir(id).resolve("consensus").toFile();
            // Read from files whether the member runs or not: a member stopped cleanly deletes its Aeron directory,
            // and its log and snapshots stay on this machine.
            final LogOnDisk log = LogOnDisk.read(config.nodeDir(id).toFile());
            if (!cnc.exists())
            {
                members.add(log == null ?
                    new Member(id, endpoints, "not on this machine (or never started)", null, -1, -1, "", 0, null, 0, 0,
                        0, null, null) :
                    new Member(id, endpoints, "down (not running: no media driver in " + aeronDir + ")", null, -1, -1,
                        "", 0, latestSnapshot(consensusDir), 0, 0, 0, null, log));
                continue;
            }
            if (!CommonContext.isDriverActive(aeronDir, 2_000, message -> { }))
            {
                members.add(new Member(id, endpoints, "down (its media driver does not answer)", null, -1, -1, "",
                    0, latestSnapshot(consensusDir), 0, 0, 0, null, log));
                continue;
            }
            members.add(readCounters(id, endpoints, cnc, latestSnapshot(consensusDir), log));
        }
        return members;
    }

    /** The latest snapshot in the member's recording log, or null when it has none (or no log yet). */
    public static Snapshot latestSnapshot(final File consensusDir)
    {
        if (!new File(consensusDir, RecordingLog.RECORDING_LOG_FILE_NAME).exists())
        {
            return null;
        }
        try (RecordingLog log = new RecordingLog(consensusDir, false))
        {
            final RecordingLog.Entry entry = log.getLatestSnapshot(ConsensusModule.Configuration.SERVICE_ID);
            return entry == null ? null : new Snapshot(entry.logPosition, entry.leadershipTermId, entry.timestamp);
        }
        catch (final RuntimeException ex)
        {
            // Being rewritten by the member right now; the next look will see it.
            return null;
        }
    }

    private static Member readCounters(final int id, final String endpoints, final File cnc, final Snapshot snapshot,
        final LogOnDisk log)
    {
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(cnc, "cnc");
        try
        {
            final UnsafeBuffer metaData = CncFileDescriptor.createMetaDataBuffer(mapped);
            final CountersReader counters = new CountersReader(
                CncFileDescriptor.createCountersMetaDataBuffer(mapped, metaData),
                CncFileDescriptor.createCountersValuesBuffer(mapped, metaData));
            final long[] values = {-1, -1, -1, -1, 0, 0, 0, 0, -1, 0, 0, 0};
            counters.forEach((counterId, typeId, keyBuffer, label) ->
            {
                final long value = counters.getCounterValue(counterId);
                switch (typeId)
                {
                    case AeronCounters.CLUSTER_NODE_ROLE_TYPE_ID -> values[0] = value;
                    case AeronCounters.CLUSTER_LEADERSHIP_TERM_ID_TYPE_ID -> values[1] = value;
                    case AeronCounters.CLUSTER_COMMIT_POSITION_TYPE_ID -> values[2] = value;
                    case AeronCounters.CLUSTER_CONSENSUS_MODULE_STATE_TYPE_ID -> values[3] = value;
                    case AeronCounters.CLUSTER_ELECTION_COUNT_TYPE_ID -> values[4] = value;
                    case AeronCounters.CLUSTER_SNAPSHOT_COUNTER_TYPE_ID -> values[5] = value;
                    case ClusterCounters.RATE_LIMITED_TYPE_ID -> values[6] = value;
                    case ClusterCounters.EGRESS_DROPPED_TYPE_ID -> values[7] = value;
                    case ClusterCounters.SETTINGS_SOURCE_TYPE_ID -> values[8] = value;
                    case ClusterCounters.RATE_LIMIT_TYPE_ID -> values[9] = value;
                    case ClusterCounters.RATE_BURST_TYPE_ID -> values[10] = value;
                    case ClusterCounters.CORRELATION_WINDOW_TYPE_ID -> values[11] = value;
                    default ->
                    {
                    }
                }
            });
            final Cluster.Role role = values[0] < 0 ? null : Cluster.Role.get(values[0]);
            final String moduleState = values[3] < 0 ? "starting" :
                ConsensusModule.State.get(values[3]).name();
            final LoggedSettings.Source[] sources = LoggedSettings.Source.values();
            final int source = (int)values[8];
            final Settings settings = source <= 0 || source >= sources.length ? null :
                new Settings(sources[source].description(), sources[source] == LoggedSettings.Source.PENDING ? null :
                new ClusterSettings(values[9], values[10], (int)values[11]));
            return new Member(id, endpoints, "up", role, values[1], values[2], moduleState, values[4], snapshot,
                values[5], values[6], values[7], settings, log);
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }

    /** The member that says it leads, or -1. */
    public static int leader(final List<Member> members)
    {
        for (final Member member : members)
        {
            if (member.role() == Cluster.Role.LEADER)
            {
                return member.id();
            }
        }
        return -1;
    }

    /** The operator's table. */
    public static String describe(final List<Member> members)
    {
        final StringBuilder text = new StringBuilder();
        final int leader = leader(members);
        text.append("members: ").append(members.size()).append(", leader: ")
            .append(leader < 0 ? "none seen from this machine" : "member " + leader).append('\n');
        for (final Member member : members)
        {
            text.append(String.format("member %d: %s", member.id(), member.state()));
            if (member.isUp())
            {
                text.append(String.format(", role %s, term %d, commit position %d, consensus module %s, " +
                    "elections %d%n    commands refused RATE_LIMITED %d, egress frames dropped %d",
                    member.role() == null ? "unknown" : member.role(), member.leadershipTerm(),
                    member.commitPosition(), member.moduleState(), member.elections(), member.rateLimited(),
                    member.egressDropped()));
                final Settings settings = member.settings();
                if (settings != null)
                {
                    text.append("\n    decides with ")
                        .append(settings.values() == null ? settings.source() : settings.values().describe() + " (" +
                        settings.source() + ")");
                }
            }
            text.append("\n    ").append(member.endpoints()).append('\n');
            final Snapshot snapshot = member.lastSnapshot();
            if (snapshot != null || member.isUp())
            {
                text.append("    last snapshot: ").append(snapshot == null ? "none" : String.format(
                    "log position %d, term %d, cluster time %s", snapshot.logPosition(), snapshot.leadershipTerm(),
                    Instant.EPOCH.plusNanos(snapshot.clusterTime())));
                if (member.isUp())
                {
                    text.append(" (").append(member.snapshotsTaken()).append(" taken since it started)");
                }
                text.append('\n');
            }
            if (member.log() != null)
            {
                text.append(describeLog(member.log()));
            }
        }
        return text.toString();
    }

    /** Where the member's log starts on disk, its size, and how much of it the snapshots have made unnecessary. */
    static String describeLog(final LogOnDisk log)
    {
        final StringBuilder text = new StringBuilder(String.format("    log on disk: from log position %d, %s (%s)",
            log.startPosition(), LogOnDisk.segmentCount(log.segments().size()), LogOnDisk.mebibytes(log.bytes())));
        final long previous = log.previousSnapshot();
        if (previous >= 0)
        {
            final List<LogOnDisk.Segment> before = log.segmentsBefore(previous);
            text.append(String.format("; %s (%s) end before the snapshot before the latest (log position %d): " +
                "gavel cluster purge-log frees them once every member's log is past it",
                LogOnDisk.segmentCount(before.size()),
                LogOnDisk.mebibytes(before.stream().mapToLong(LogOnDisk.Segment::bytes).sum()), previous));
        }
        else
        {
            text.append("; nothing can be purged before the member has two snapshots");
        }
        return text.append('\n').toString();
    }

    /** The settings every member must share, as the operator checks them: timeouts, sizes, the snapshot schedule. */
    public static String describeSettings(final ClusterConfig config)
    {
        return String.format("settings: heartbeat interval %s ms, heartbeat timeout %s ms, election timeout %s ms, " +
            "startup canvass %s ms, session timeout %s ms%n" +
            "          term length %s bytes, archive segment %s bytes, snapshot every %s commands or %s s " +
            "(0 = off)%n",
            config.get("gavel.cluster.heartbeat.interval.ms"), config.get("gavel.cluster.heartbeat.timeout.ms"),
            config.get("gavel.cluster.election.timeout.ms"), config.get("gavel.cluster.startup.canvass.timeout.ms"),
            config.get("gavel.cluster.session.timeout.ms"), config.get("gavel.cluster.term.length"),
            config.get("gavel.cluster.archive.segment.length"), config.get("gavel.cluster.snapshot.every"),
            config.get("gavel.cluster.snapshot.interval.s"));
    }
}
