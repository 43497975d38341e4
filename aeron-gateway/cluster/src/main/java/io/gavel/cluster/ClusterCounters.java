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

    /** Where the deciding settings come from: {@link LoggedSettings.Source}'s ordinal. */
    static final int SETTINGS_SOURCE_TYPE_ID = 7712;
    /** The deciding settings in force: gavel.session.rate.limit, gavel.session.rate.burst, gavel.correlation.window. */
    static final int RATE_LIMIT_TYPE_ID = 7713;
    static final int RATE_BURST_TYPE_ID = 7714;
    static final int CORRELATION_WINDOW_TYPE_ID = 7715;

    final Counter rateLimited;
    final Counter egressDropped;
    private final Counter settingsSource;
    private final Counter rateLimit;
    private final Counter rateBurst;
    private final Counter correlationWindow;

    ClusterCounters(final Aeron aeron, final int memberId)
    {
        rateLimited = aeron.addCounter(RATE_LIMITED_TYPE_ID, "gavel member " + memberId + ": rejected RATE_LIMITED");
        egressDropped = aeron.addCounter(EGRESS_DROPPED_TYPE_ID,
            "gavel member " + memberId + ": egress frames dropped (session back-pressured)");
        settingsSource = aeron.addCounter(SETTINGS_SOURCE_TYPE_ID,
            "gavel member " + memberId + ": deciding settings from (0 unknown, 1 own file, 2 awaited, 3 log)");
        rateLimit = aeron.addCounter(RATE_LIMIT_TYPE_ID, "gavel member " + memberId + ": gavel.session.rate.limit");
        rateBurst = aeron.addCounter(RATE_BURST_TYPE_ID, "gavel member " + memberId + ": gavel.session.rate.burst");
        correlationWindow = aeron.addCounter(CORRELATION_WINDOW_TYPE_ID,
            "gavel member " + memberId + ": gavel.correlation.window");
    }

    /** The deciding settings in force and their source; the source last, so a reader that sees it sees the values. */
    void settings(final LoggedSettings settings)
    {
        rateLimit.setRelease(settings.current().sessionRateLimit());
        rateBurst.setRelease(settings.current().sessionRateBurst());
        correlationWindow.setRelease(settings.current().correlationWindow());
        settingsSource.setRelease(settings.source().ordinal());
    }
}
