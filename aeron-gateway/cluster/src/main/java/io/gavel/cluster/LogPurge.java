package io.gavel.cluster;

import io.aeron.Aeron;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.client.ArchiveException;
import io.aeron.cluster.ClusterMember;
import io.aeron.cluster.ClusterMembership;
import io.aeron.cluster.ClusterTool;
import io.aeron.exceptions.AeronException;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code gavel cluster purge-log -c FILE}: removes the segment files of each local member's Raft log that no member
 * can need any more, through the member's own running archive ({@code AeronArchive.purgeSegments}, which moves the
 * recording's start and deletes whole segments, and refuses segments being recorded or replayed).
 *
 * <p>What must stay, and why the purge point is the lowest of these:
 * <ul>
 *   <li>the log from the member's <em>snapshot before the latest</em>: a member recovers from its latest snapshot and
 *   the log after it, and the one before is the fall-back if the latest is set aside
 *   ({@code ClusterTool invalidate-latest-snapshot});</li>
 *   <li>the log from the <em>slowest member's position</em>: Aeron Cluster 1.51 catches a member up only from the
 *   leader's archived log (a replay from the member's own position), never by sending it a snapshot, so a log that
 *   starts after a member's position would strand that member for good. Only the leader knows every member's
 *   position (their append positions, as it last heard them), so the leader's machine reads them; elsewhere the
 *   operator passes the position the leader's run printed ({@code --before}).</li>
 * </ul>
 * A member is purged only while it runs (its archive does the work, so its catalog and recording stay consistent).
 * The recordings of snapshots older than the snapshot before the latest go too ({@code AeronArchive.purgeRecording}):
 * nothing reads them, as a member recovers from its own latest (or the one before) and never receives another's.
 */
public final class LogPurge
{
    /** The archive answers on its own control stream; the purge's answers come back on a stream of their own. */
    private static final int RESPONSE_STREAM_ID = 7_751;

    private LogPurge()
    {
    }

    /** What happened to one member on this machine: purged, nothing to purge (both fine), or refused and why. */
    public record Outcome(int memberId, boolean done, String line, long newStartPosition, int segments, long bytes,
        int snapshotRecordings)
    {
    }

    /**
     * The members' outcomes and the floor every purge stayed behind: the lowest log position every member has, and
     * where that figure came from.
     */
    public record Result(long floor, String floorSource, List<Outcome> members)
    {
        /** True when every member on this machine was purged or had nothing to purge. */
        public boolean allDone()
        {
            return members.stream().allMatch(Outcome::done);
        }

        public Outcome member(final int memberId)
        {
            return members.stream().filter(outcome -> outcome.memberId() == memberId).findFirst().orElseThrow();
        }

        /** The line that says how far every member's log reaches, and where that came from. */
        public String describeFloor()
        {
            return "every member's log reaches log position " + floor + " (" + floorSource + ")";
        }

        public String describe()
        {
            final StringBuilder text = new StringBuilder(describeFloor()).append('\n');
            members.forEach(outcome -> text.append(outcome.line()).append('\n'));
            return text.toString();
        }
    }

    /**
     * Purges each member whose directories are on this machine.
     *
     * @param before  a log position every member is known to have (what the leader's run printed), or empty on the
     *                leader's machine, where the leader says
     * @param timeout for the leader's answer and for each archive's deletion
     * @throws IllegalStateException when nothing can be purged at all: no member here, no leader here and no
     *                               {@code before}, a member whose position the leader does not know
     */
    public static Result purge(final ClusterConfig config, final OptionalLong before, final Duration timeout)
    {
        final List<ClusterStatus.Member> members = ClusterStatus.read(config);
        if (members.stream().allMatch(member -> member.log() == null && !member.isUp()))
        {
            throw new IllegalStateException("no member of this cluster keeps its directories on this machine (under " +
                config.get("gavel.cluster.dir") + "); run gavel cluster purge-log on each member's machine");
        }
        final int leader = ClusterStatus.leader(members);
        long floor;
        String source;
        String floorIs = "the slowest member's log";
        if (leader >= 0)
        {
            final long[] positions = memberPositions(config, leader, timeout);
            floor = Long.MAX_VALUE;
            int slowest = -1;
            for (int id = 0; id < positions.length; id++)
            {
                if (positions[id] < floor)
                {
                    floor = positions[id];
                    slowest = id;
                }
            }
            source = "member " + slowest + "'s, the lowest the leader (member " + leader + ") last heard; on the " +
                "other members' machines run gavel cluster purge-log -c FILE --before " + floor;
            if (before.isPresent() && before.getAsLong() < floor)
            {
                floor = before.getAsLong();
                source = "--before";
                floorIs = "the --before position";
            }
        }
        else if (before.isPresent())
        {
            floor = before.getAsLong();
            source = "--before, as the leader's machine printed it";
            floorIs = "the --before position";
        }
        else
        {
            throw new IllegalStateException("only the leader knows how far every member's log reaches, and no member " +
                "on this machine leads: run gavel cluster purge-log on the leader's machine first (gavel cluster " +
                "status shows which member leads), then here with --before P, the position it prints");
        }
        final List<Outcome> outcomes = new ArrayList<>();
        for (final ClusterStatus.Member member : members)
        {
            if (member.isUp())
            {
                outcomes.add(purgeMember(config, member.id(), floor, floorIs, timeout));
            }
            else if (member.log() != null)
            {
                outcomes.add(new Outcome(member.id(), false, "member " + member.id() + ": " + member.state() +
                    ": not purged (its archive purges only while it runs); run purge-log again once it is up", -1, 0,
                    0, 0));
            }
        }
        return new Result(floor, source, outcomes);
    }

    /** Each member's log position as the leader last heard it; refuses when the leader has not heard one. */
    private static long[] memberPositions(final ClusterConfig config, final int leader, final Duration timeout)
    {
        final ClusterMembership membership = new ClusterMembership();
        final File consensusDir = config.nodeDir(leader).resolve("consensus").toFile();
        if (!ClusterTool.listMembers(membership, consensusDir, timeout.toMillis()) || membership.activeMembers == null)
        {
            throw new IllegalStateException("the leader (member " + leader + ") did not say where its members' logs " +
                "reach within " + timeout.toSeconds() + " s; nothing is purged (ClusterTool " + consensusDir +
                " list-members)");
        }
        final long[] positions = new long[config.memberCount()];
        Arrays.fill(positions, -1);
        for (final ClusterMember member : membership.activeMembers)
        {
            if (member.id() >= 0 && member.id() < positions.length)
            {
                positions[member.id()] = member.logPosition();
            }
        }
        for (int id = 0; id < positions.length; id++)
        {
            if (positions[id] < 0)
            {
                throw new IllegalStateException("the leader (member " + leader + ") has not heard member " + id +
                    "'s log position since the last election (is it down?); nothing is purged: Aeron Cluster " +
                    "catches a member up only from the leader's log, so a member behind a purged log could never " +
                    "rejoin. Start member " + id + ", let it catch up, and run purge-log again");
            }
        }
        return positions;
    }

    private static Outcome purgeMember(final ClusterConfig config, final int id, final long floor,
        final String floorIs, final Duration timeout)
    {
        final LogOnDisk log = LogOnDisk.read(config.nodeDir(id).toFile());
        final String name = "member " + id + ": ";
        if (log == null || log.snapshotPositions().isEmpty())
        {
            return refused(id, name + "no snapshot yet, nothing purged: a restart needs the whole log (take one " +
                "with gavel cluster snapshot)");
        }
        final long previous = log.previousSnapshot();
        if (previous < 0)
        {
            return refused(id, name + "one snapshot (log position " + log.latestSnapshot() + "), nothing purged: the " +
                "log is kept from the snapshot before the latest, so the first purge needs a second snapshot");
        }
        final long keep = Math.min(previous, floor);
        final String why = keep == previous ? "the snapshot before the latest, at log position " + previous :
            floorIs + ", at log position " + floor;
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(config.aeronDir(id)));
            AeronArchive archive = AeronArchive.connect(new AeronArchive.Context().aeron(aeron).ownsAeronClient(false)
                .controlRequestChannel(ClusterNode.LOCAL_ARCHIVE_CHANNEL)
                .controlResponseChannel(ClusterNode.LOCAL_ARCHIVE_CHANNEL)
                .controlResponseStreamId(RESPONSE_STREAM_ID)))
        {
            final long[] shape = new long[3];
            if (archive.listRecording(log.recordingId(), (session, correlation, recording, startTime, stopTime,
                start, stop, initialTermId, segmentLength, termLength, mtu, sessionId, streamId, channel, original,
                source) ->
            {
                shape[0] = start;
                shape[1] = segmentLength;
                shape[2] = termLength;
            }) == 0)
            {
                return refused(id, name + "its archive has no log recording " + log.recordingId() + ", nothing purged");
            }
            final long start = shape[0];
            final int segmentLength = (int)shape[1];
            final int termLength = (int)shape[2];
            final long newStart = AeronArchive.segmentFileBasePosition(start, keep, termLength, segmentLength);
            // The archive detaches whole segments only, and never the one the recording starts in.
            final long firstSegment = AeronArchive.segmentFileBasePosition(start, start, termLength, segmentLength);
            if (newStart < firstSegment + segmentLength)
            {
                final OldSnapshots old = purgeOldSnapshots(archive, config.nodeDir(id).resolve("archive").toFile(),
                    log, previous, timeout);
                return new Outcome(id, true, name + "nothing to purge: the log starts at log position " + start +
                    " and is kept from " + why + ", in its first segment" + old.describe(), start, 0, 0,
                    old.recordings());
            }
            final List<LogOnDisk.Segment> going = log.segmentsBefore(newStart);
            final long bytes = going.stream().mapToLong(LogOnDisk.Segment::bytes).sum();
            final long deleted = archive.purgeSegments(log.recordingId(), newStart);
            if (!awaitDeleted(going, timeout))
            {
                return refused(id, name + "the archive moved the log's start to log position " + newStart + " but " +
                    "its segment files before it were still on disk after " + timeout.toSeconds() + " s");
            }
            final OldSnapshots old = purgeOldSnapshots(archive, config.nodeDir(id).resolve("archive").toFile(), log,
                previous, timeout);
            return new Outcome(id, true, String.format("%spurged %s (%s) before log position %d; log now starts at " +
                "%d (kept from %s)%s", name, LogOnDisk.segmentCount(deleted), LogOnDisk.mebibytes(bytes), newStart,
                newStart, why, old.describe()), newStart, (int)deleted, bytes, old.recordings());
        }
        catch (final ArchiveException ex)
        {
            return refused(id, name + "the archive refused: " + ex.getMessage() + " (gavel cluster status shows what " +
                "is left)");
        }
        catch (final AeronException ex)
        {
            return refused(id, name + "could not reach its archive through " + config.aeronDir(id) + ": " +
                ex.getMessage());
        }
    }

    /** Snapshot recordings removed, and their files' bytes. */
    private record OldSnapshots(int recordings, long bytes)
    {
        String describe()
        {
            return recordings == 0 ? "" : "; removed " + recordings + " snapshot recording" +
                (recordings == 1 ? "" : "s") + " older than the snapshot before the latest (" +
                LogOnDisk.mebibytes(bytes) + ")";
        }
    }

    /**
     * Each snapshot (one recording per service) is its own recording in the archive; a member recovers from its
     * latest, or the one before if the latest is set aside, so the older ones only take disk. Their recording log
     * entries stay: Aeron's recovery reads only the latest valid snapshot.
     */
    private static OldSnapshots purgeOldSnapshots(final AeronArchive archive, final File archiveDir,
        final LogOnDisk log, final long previous, final Duration timeout)
    {
        int removed = 0;
        long bytes = 0;
        for (final LogOnDisk.SnapshotRecording snapshot : log.snapshotsBefore(previous))
        {
            if (archive.listRecording(snapshot.recordingId(), (session, correlation, recording, startTime, stopTime,
                start, stop, initialTermId, segmentLength, termLength, mtu, sessionId, streamId, channel, original,
                source) -> { }) == 0)
            {
                continue; // Removed by an earlier purge.
            }
            final List<LogOnDisk.Segment> files = LogOnDisk.segmentsOf(archiveDir, snapshot.recordingId());
            archive.purgeRecording(snapshot.recordingId());
            if (!awaitDeleted(files, timeout))
            {
                throw new ArchiveException("snapshot recording " + snapshot.recordingId() + " was removed from the " +
                    "catalog but its files were still on disk after " + timeout.toSeconds() + " s");
            }
            removed++;
            bytes += files.stream().mapToLong(LogOnDisk.Segment::bytes).sum();
        }
        return new OldSnapshots(removed, bytes);
    }

    /** The archive deletes the files after it answers; wait until they are gone, so the figures printed are true. */
    private static boolean awaitDeleted(final List<LogOnDisk.Segment> segments, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (segments.stream().anyMatch(segment -> segment.file().exists()))
        {
            if (System.nanoTime() > deadline)
            {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return true;
    }

    private static Outcome refused(final int id, final String line)
    {
        return new Outcome(id, false, line, -1, 0, 0, 0);
    }
}
