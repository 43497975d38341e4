package io.gavel.cluster;

import io.aeron.Aeron;
import io.aeron.Counter;

/**
 * A member's own counters, in its media driver's counters file beside the consensus module's, where
 * {@code gavel cluster status} (and AeronStat) read them without disturbing the member.
 */
final class ClusterCounters
{
    /** Commands refused RATE_LIMITED (the same count on every member that applied the same log). */
    static final int RATE_LIMITED_TYPE_ID = 7710;
    /** Frames a back-pressured session missed (leader only; its client resends what went unanswered). */
    static final int EGRESS_DROPPED_TYPE_ID = 7711;

    final Counter rateLimited;
    final Counter egressDropped;

    ClusterCounters(final Aeron aeron, final int memberId)
    {
        rateLimited = aeron.addCounter(RATE_LIMITED_TYPE_ID, "gavel member " + memberId + ": rejected RATE_LIMITED");
        egressDropped = aeron.addCounter(EGRESS_DROPPED_TYPE_ID,
            "gavel member " + memberId + ": egress frames dropped (session back-pressured)");
    }
}
