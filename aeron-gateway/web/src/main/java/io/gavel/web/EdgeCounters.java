package io.gavel.web;

import java.util.concurrent.atomic.AtomicLong;

/** What the edge counts, for tests, `gavel perf web` and operators. */
public final class EdgeCounters
{
    public final AtomicLong socketsOpen = new AtomicLong();
    public final AtomicLong slowDropped = new AtomicLong();
    public final AtomicLong malformed = new AtomicLong();
    public final AtomicLong rateLimited = new AtomicLong();
    public final AtomicLong floodClosed = new AtomicLong();
    public final AtomicLong originRefused = new AtomicLong();
    public final AtomicLong tokenRefused = new AtomicLong();
    public final AtomicLong eventsEncoded = new AtomicLong();
    public final AtomicLong framesSent = new AtomicLong();
    public final AtomicLong resyncs = new AtomicLong();
    /** Clerk consoles whose session is being opened (off the edge thread), not yet handed back. */
    public final AtomicLong consolesOpening = new AtomicLong();
    /** Clerk console sessions open now (opened, not yet closed): back to 0 when every console has gone. */
    public final AtomicLong consoleSessions = new AtomicLong();
    /** Console sessions that opened after their socket had closed, and were closed at once. */
    public final AtomicLong consolesAbandoned = new AtomicLong();
    /** Clerk consoles whose session could not be opened (no engine, no leader, refused, too many waiting). */
    public final AtomicLong consoleFailures = new AtomicLong();
    /** Engines or clusters whose edge session is lost and being reopened off the edge thread, now. */
    public final AtomicLong upstreamsDown = new AtomicLong();
    /** Edge sessions lost (engine stopped, cluster session ended with no leader) since the edge started. */
    public final AtomicLong upstreamsLost = new AtomicLong();
    /** Edge sessions reopened after a loss and handed back to the edge thread. */
    public final AtomicLong upstreamsReopened = new AtomicLong();
    /** Bidders' commands refused at once because their auction's engine or cluster had no session (or took none). */
    public final AtomicLong upstreamRefused = new AtomicLong();
}
