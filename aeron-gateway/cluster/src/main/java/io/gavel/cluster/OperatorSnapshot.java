package io.gavel.cluster;

import io.aeron.cluster.ClusterTool;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code gavel cluster snapshot -c FILE}: an operator's snapshot now, asked of the leader's consensus module through
 * its control toggle (what {@code ClusterTool snapshot} does), then confirmed by the new entry in the leader's
 * recording log. Only the leader may ask, so this runs on the leader's machine; elsewhere it says which member leads.
 */
public final class OperatorSnapshot
{
    private OperatorSnapshot()
    {
    }

    /** The snapshot the leader recorded. */
    public record Taken(int leader, ClusterStatus.Snapshot snapshot)
    {
    }

    /**
     * Asks the leader for a snapshot and waits for it to be recorded.
     *
     * @throws IllegalStateException with the reason when no leader is on this machine, the consensus module refuses
     *                               (not ACTIVE, a toggle already pending) or no snapshot is recorded in time.
     */
    public static Taken take(final ClusterConfig config, final Duration timeout)
    {
        final List<ClusterStatus.Member> members = ClusterStatus.read(config);
        final int leader = ClusterStatus.leader(members);
        if (leader < 0)
        {
            throw new IllegalStateException("no member whose directories are on this machine leads the cluster; " +
                "run gavel cluster snapshot on the leader's machine (gavel cluster status there shows it)");
        }
        final java.io.File consensusDir = config.nodeDir(leader).resolve("consensus").toFile();
        final ClusterStatus.Snapshot before = ClusterStatus.latestSnapshot(consensusDir);
        final ByteArrayOutputStream said = new ByteArrayOutputStream();
        final boolean applied;
        try (PrintStream out = new PrintStream(said, true, StandardCharsets.UTF_8))
        {
            applied = ClusterTool.snapshot(consensusDir, out);
        }
        if (!applied)
        {
            throw new IllegalStateException("member " + leader + " refused the snapshot: " +
                said.toString(StandardCharsets.UTF_8).trim());
        }
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline)
        {
            final ClusterStatus.Snapshot now = ClusterStatus.latestSnapshot(consensusDir);
            // A new entry differs at least in its cluster time, even with no command since the last snapshot.
            if (now != null && !now.equals(before))
            {
                return new Taken(leader, now);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        throw new IllegalStateException("member " + leader + " accepted the request but recorded no new snapshot " +
            "within " + timeout.toSeconds() + " s (ClusterTool errors " + consensusDir + " shows why)");
    }
}
