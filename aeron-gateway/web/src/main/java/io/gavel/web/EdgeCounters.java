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
}
