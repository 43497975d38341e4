package io.gavel.cluster;

import io.aeron.Counter;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.Cluster;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Takes the cluster's snapshots on a schedule: after {@code gavel.cluster.snapshot.every} commands since the last
 * snapshot, or {@code gavel.cluster.snapshot.interval.s} after it when commands arrived since. It asks the way an
 * operator's {@code ClusterTool snapshot} does, through the consensus module's control toggle, and only while this
 * member leads: the leader then appends the snapshot request to the log, so every member snapshots at the same log
 * position and a restarted member loads it and replays only the log after it.
 *
 * <p>The schedule runs outside the clustered service, on its own thread of the member's process, and reads this
 * process's clock; that is safe because it decides only <em>when to ask</em>, never what the service does. What the
 * snapshot contains is decided by the log position the request takes in the log.
 */
final class SnapshotSchedule implements AutoCloseable
{
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final GavelClusteredService service;
    private final ConsensusModule.Context consensus;
    private final long every;
    private final long intervalNanos;
    private final Thread thread;
    private final CountDownLatch terminated;
    private volatile boolean running = true;
    private volatile long requested;
    private long snapshotsSeen;
    private long lastSnapshotNanos;

    SnapshotSchedule(final GavelClusteredService service, final ConsensusModule.Context consensus, final long every,
        final long intervalNanos, final int memberId, final CountDownLatch terminated)
    {
        this.terminated = terminated;
        this.service = service;
        this.consensus = consensus;
        this.every = every;
        this.intervalNanos = intervalNanos;
        this.thread = new Thread(this::run, "gavel-cluster-snapshots-" + memberId);
        thread.setDaemon(true);
    }

    /** Whether either schedule is on; with both 0 only an operator takes snapshots. */
    boolean isOn()
    {
        return every > 0 || intervalNanos > 0;
    }

    void start()
    {
        if (isOn())
        {
            lastSnapshotNanos = System.nanoTime();
            thread.start();
        }
    }

    /** How many snapshots this member asked for while it led. */
    long requested()
    {
        return requested;
    }

    private void run()
    {
        // Once the cluster terminates this member its counters close: stop before reading them.
        while (running && terminated.getCount() > 0)
        {
            try
            {
                check(System.nanoTime());
            }
            catch (final RuntimeException ex)
            {
                // A counter closed under us as the member shuts down: stop asking.
                if (running)
                {
                    System.err.println("gavel cluster: snapshot schedule stopped: " + ex);
                }
                return;
            }
            LockSupport.parkNanos(CHECK_NANOS);
        }
    }

    private void check(final long now)
    {
        final Counter snapshots = consensus.snapshotCounter();
        final Counter toggle = consensus.controlToggleCounter();
        final Counter role = consensus.clusterNodeRoleCounter();
        final Counter state = consensus.moduleStateCounter();
        if (snapshots == null || toggle == null || role == null || state == null || snapshots.isClosed())
        {
            return;
        }
        final long taken = snapshots.get();
        if (taken != snapshotsSeen)
        {
            snapshotsSeen = taken;
            lastSnapshotNanos = now;
        }
        if (Cluster.Role.get(role.get()) != Cluster.Role.LEADER ||
            ConsensusModule.State.get(state.get()) != ConsensusModule.State.ACTIVE ||
            ClusterControl.ToggleState.get(toggle) != ClusterControl.ToggleState.NEUTRAL)
        {
            return;
        }
        final long since = service.appliedSequence() - Math.max(0, service.lastSnapshotSequence());
        if (since <= 0)
        {
            return;
        }
        final boolean byCount = every > 0 && since >= every;
        final boolean byTime = intervalNanos > 0 && now - lastSnapshotNanos >= intervalNanos;
        if ((byCount || byTime) && ClusterControl.ToggleState.SNAPSHOT.toggle(toggle))
        {
            requested++;
            // Until the counter moves, the toggle is not NEUTRAL, so no second request follows this one.
            lastSnapshotNanos = now;
        }
    }

    public void close()
    {
        running = false;
        if (thread.isAlive())
        {
            LockSupport.unpark(thread);
            try
            {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
