package io.gavel.core.pipeline;

import io.gavel.core.MatchingCore;

/**
 * Port to wherever snapshots are kept. Called on the business-logic thread between two commands, after the last
 * command's events were journaled, so the snapshot and the journal position agree.
 */
public interface SnapshotPort
{
    /** Whether a snapshot is due after this command (by count, by engine time, or because one was asked for). */
    boolean due(long engineSequence, long engineTime, boolean requested);

    /** Writes a snapshot of {@code core}, which has applied every command up to {@code engineSequence}. */
    void take(MatchingCore core, long engineSequence, long engineTime, long journalPosition);

    /** Never takes a snapshot. */
    SnapshotPort NONE = new SnapshotPort()
    {
        public boolean due(final long engineSequence, final long engineTime, final boolean requested)
        {
            return false;
        }

        public void take(final MatchingCore core, final long engineSequence, final long engineTime,
            final long journalPosition)
        {
        }
    };
}
