package io.gavel.cluster;

import org.agrona.MutableDirectBuffer;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;

import java.nio.ByteOrder;

/**
 * The per-session rate limit of a cluster ({@code gavel.session.rate.limit} commands a second in bursts of
 * {@code gavel.session.rate.burst}, the single engine's settings and token bucket), decided on the Raft log: a
 * session's bucket refills by the <em>cluster timestamps</em> of its commands, never a member's clock, so every
 * member, and every replay of the log, refuses exactly the same commands. The buckets are part of the cluster
 * snapshot (with the core's), so a member restarted from a snapshot goes on deciding as the others do.
 */
final class SessionRateLimits
{
    /** One command's worth of a bucket: tokens are scaled by 1e9 so that refills need no division. */
    private static final long TOKEN = 1_000_000_000L;
    private static final int ENTRY_LENGTH = 3 * Long.BYTES;

    /** A session's bucket. */
    private static final class Bucket
    {
        long tokens;
        long lastRefill;
    }

    private long ratePerSecond;
    private long burst;
    private final Long2ObjectHashMap<Bucket> buckets = new Long2ObjectHashMap<>();

    SessionRateLimits(final long ratePerSecond, final long burst)
    {
        configure(ratePerSecond, burst);
    }

    /** Decides with these values from now on (the cluster's, once its log says them); buckets keep their tokens. */
    void configure(final long ratePerSecond, final long burst)
    {
        this.ratePerSecond = ratePerSecond;
        this.burst = Math.max(1, burst);
    }

    /**
     * Every open session's bucket full at the burst now in force: when the log's settings arrive, the buckets opened
     * before them were filled to this member's own burst, and no command has used one yet.
     */
    void refillAll()
    {
        final long cap = burst * TOKEN;
        for (final Bucket bucket : buckets.values())
        {
            bucket.tokens = cap;
        }
    }

    /** A session opened at cluster time {@code timestamp}: its bucket starts full. */
    void open(final long sessionId, final long timestamp)
    {
        final Bucket bucket = new Bucket();
        bucket.tokens = burst * TOKEN;
        bucket.lastRefill = timestamp;
        buckets.put(sessionId, bucket);
    }

    void close(final long sessionId)
    {
        buckets.remove(sessionId);
    }

    /** Whether the session may have one more command applied at cluster time {@code timestamp}; takes it if so. */
    boolean take(final long sessionId, final long timestamp)
    {
        if (ratePerSecond <= 0)
        {
            return true;
        }
        Bucket bucket = buckets.get(sessionId);
        if (bucket == null)
        {
            // A session from before this member kept buckets (an older snapshot): it starts full now.
            open(sessionId, timestamp);
            bucket = buckets.get(sessionId);
        }
        final long cap = burst * TOKEN;
        final long elapsed = Math.max(0, timestamp - bucket.lastRefill);
        bucket.lastRefill = Math.max(bucket.lastRefill, timestamp);
        // Elapsed nanos times commands a second is the refill in scaled tokens; the cap keeps it from overflowing.
        final long refill = elapsed >= cap ? cap : elapsed * ratePerSecond;
        bucket.tokens = Math.min(cap, bucket.tokens + refill);
        if (bucket.tokens < TOKEN)
        {
            return false;
        }
        bucket.tokens -= TOKEN;
        return true;
    }

    /** Bytes {@link #write} needs. */
    int encodedLength()
    {
        return Integer.BYTES + buckets.size() * ENTRY_LENGTH;
    }

    /** Every bucket, in session id order so that members write the same bytes. */
    int write(final MutableDirectBuffer buffer, final int offset)
    {
        final long[] ids = new long[buckets.size()];
        int count = 0;
        final Long2ObjectHashMap<Bucket>.KeyIterator keys = buckets.keySet().iterator();
        while (keys.hasNext())
        {
            ids[count++] = keys.nextLong();
        }
        java.util.Arrays.sort(ids);
        buffer.putInt(offset, count, ByteOrder.LITTLE_ENDIAN);
        int at = offset + Integer.BYTES;
        for (final long id : ids)
        {
            final Bucket bucket = buckets.get(id);
            buffer.putLong(at, id, ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(at + Long.BYTES, bucket.tokens, ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(at + 2 * Long.BYTES, bucket.lastRefill, ByteOrder.LITTLE_ENDIAN);
            at += ENTRY_LENGTH;
        }
        return at - offset;
    }

    /** Restores what {@link #write} wrote; {@code length} 0 (a snapshot without buckets) leaves none. */
    void read(final DirectBuffer buffer, final int offset, final int length)
    {
        buckets.clear();
        if (length < Integer.BYTES)
        {
            return;
        }
        final int count = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
        if (length < Integer.BYTES + count * ENTRY_LENGTH)
        {
            throw new IllegalStateException("the cluster snapshot's rate-limit section is cut short: " + length +
                " bytes for " + count + " sessions");
        }
        int at = offset + Integer.BYTES;
        for (int i = 0; i < count; i++)
        {
            final Bucket bucket = new Bucket();
            bucket.tokens = buffer.getLong(at + Long.BYTES, ByteOrder.LITTLE_ENDIAN);
            bucket.lastRefill = buffer.getLong(at + 2 * Long.BYTES, ByteOrder.LITTLE_ENDIAN);
            buckets.put(buffer.getLong(at, ByteOrder.LITTLE_ENDIAN), bucket);
            at += ENTRY_LENGTH;
        }
    }
}
