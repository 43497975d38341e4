package io.gavel.cluster;

import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.RecordingLog;

import java.io.File;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A member's Raft log as its disk holds it: the segment files of the log's archive recording (named
 * {@code RECORDING-BASEPOSITION.rec} in {@code node-N/archive}, each one segment long) and the log positions of the
 * member's snapshots, from its recording log. Read from files only, so {@code gavel cluster status} shows it without
 * disturbing the member, whether it runs or not.
 */
public record LogOnDisk(long recordingId, List<Segment> segments, List<Long> snapshotPositions,
    List<SnapshotRecording> snapshotRecordings)
{
    /** One service's part of one snapshot: its own recording in the archive, at the snapshot's log position. */
    public record SnapshotRecording(long recordingId, long logPosition, int serviceId)
    {
    }

    /** One segment file of the log recording: the log position of its first byte, and its length. */
    public record Segment(long basePosition, long bytes, File file)
    {
        long endPosition()
        {
            return basePosition + bytes;
        }
    }

    /**
     * The log of the member whose directories are {@code nodeDir} (node-N), or null when it has none yet (never
     * started, or no leadership term recorded) or its recording log is being rewritten right now.
     */
    public static LogOnDisk read(final File nodeDir)
    {
        final File consensusDir = new File(nodeDir, "consensus");
        if (!new File(consensusDir, RecordingLog.RECORDING_LOG_FILE_NAME).exists())
        {
            return null;
        }
        final long recordingId;
        final List<Long> snapshots = new ArrayList<>();
        final List<SnapshotRecording> recordings = new ArrayList<>();
        try (RecordingLog log = new RecordingLog(consensusDir, false))
        {
            recordingId = log.findLastTermRecordingId();
            for (final RecordingLog.Entry entry : log.entries())
            {
                if (entry.type == RecordingLog.ENTRY_TYPE_SNAPSHOT && entry.isValid)
                {
                    recordings.add(new SnapshotRecording(entry.recordingId, entry.logPosition, entry.serviceId));
                    if (entry.serviceId == ConsensusModule.Configuration.SERVICE_ID)
                    {
                        snapshots.add(entry.logPosition);
                    }
                }
            }
        }
        catch (final RuntimeException ex)
        {
            return null;
        }
        if (recordingId < 0)
        {
            return null;
        }
        snapshots.sort(Comparator.naturalOrder());
        return new LogOnDisk(recordingId, segmentsOf(new File(nodeDir, "archive"), recordingId), snapshots,
            recordings);
    }

    /** The segment files of any recording in the member's archive directory (a snapshot's, for instance). */
    static List<Segment> segmentsOf(final File archiveDir, final long recordingId)
    {
        final List<Segment> segments = new ArrayList<>();
        final String prefix = recordingId + "-";
        final File[] files = archiveDir.listFiles((dir, name) -> name.startsWith(prefix) && name.endsWith(".rec"));
        if (files != null)
        {
            for (final File file : files)
            {
                final String name = file.getName();
                try
                {
                    final long base = Long.parseLong(name.substring(prefix.length(), name.length() - ".rec".length()));
                    segments.add(new Segment(base, file.length(), file));
                }
                catch (final NumberFormatException ex)
                {
                    // Not a segment of this recording (another recording's id merely starts with the same digits).
                }
            }
        }
        segments.sort(Comparator.comparingLong(Segment::basePosition));
        return segments;
    }

    /** The log position the oldest segment file on disk starts at, or -1 when there is none. */
    public long startPosition()
    {
        return segments.isEmpty() ? -1 : segments.get(0).basePosition();
    }

    public long bytes()
    {
        return segments.stream().mapToLong(Segment::bytes).sum();
    }

    /** The segments that end at or before {@code position}: what a purge to {@code position} removes. */
    public List<Segment> segmentsBefore(final long position)
    {
        return segments.stream().filter(segment -> segment.endPosition() <= position).toList();
    }

    /** The recordings of the snapshots taken before {@code position}: a purge to it leaves them unused. */
    public List<SnapshotRecording> snapshotsBefore(final long position)
    {
        return snapshotRecordings.stream().filter(recording -> recording.logPosition() < position).toList();
    }

    /** The latest snapshot's log position, or -1 when the member has none. */
    public long latestSnapshot()
    {
        return snapshotPositions.isEmpty() ? -1 : snapshotPositions.get(snapshotPositions.size() - 1);
    }

    /**
     * The log position a purge keeps the log from: the snapshot before the latest, so that the latest can be set
     * aside ({@code ClusterTool invalidate-latest-snapshot}) and the member still recovers; -1 with fewer than two.
     */
    public long previousSnapshot()
    {
        return snapshotPositions.size() < 2 ? -1 : snapshotPositions.get(snapshotPositions.size() - 2);
    }

    /** "1 segment", "3 segments". */
    public static String segmentCount(final long count)
    {
        return count + (count == 1 ? " segment" : " segments");
    }

    /** Sizes for the operator: 1.5 MiB. */
    public static String mebibytes(final long bytes)
    {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
