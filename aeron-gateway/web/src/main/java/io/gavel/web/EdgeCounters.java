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
}
