package io.gavel.gateway;

import io.gavel.sbe.Role;

/**
 * What the ingress knows of one session (one client publication): who it is, whether the egress has bound it (its
 * response channel connected and its Connect answered), when it was last heard from, and its rate-limit bucket.
 * A session's commands run only while it is bound.
 */
final class IngressSession
{
    /** One command's worth of the token bucket: tokens are scaled by 1e9 so refills need no division. */
    static final long TOKEN = 1_000_000_000L;

    long principal;
    Role role;
    /** The correlation id of the Connect in flight or last bound; ties the egress's answer to the right Connect. */
    long connectCorrelationId;
    boolean bound;
    /** Whether the session is in the sessions counter (bound at least once and not closed since). */
    boolean counted;
    long lastSeenNanos;
    long tokens;
    long lastRefillNanos;

    /** Token bucket: refills {@code ratePerSecond} a second up to {@code burst}; takes one if there is one. */
    boolean takeToken(final long now, final long ratePerSecond, final long burst)
    {
        final long cap = burst * TOKEN;
        final long elapsed = Math.max(0, now - lastRefillNanos);
        lastRefillNanos = now;
        // Elapsed nanos times commands per second is the refill in scaled tokens; the cap keeps it from overflowing.
        final long refill = elapsed >= cap ? cap : elapsed * ratePerSecond;
        tokens = Math.min(cap, tokens + refill);
        if (tokens < TOKEN)
        {
            return false;
        }
        tokens -= TOKEN;
        return true;
    }

    /** Gives back a token taken for a command that was not consumed after all (left on the subscription). */
    void refundToken()
    {
        tokens += TOKEN;
    }
}
