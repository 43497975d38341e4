package io.gavel.gateway;

import io.gavel.sbe.Role;

/**
 * What the ingress knows of one session (one client publication): who it is, whether the egress has bound it (its
 * response channel connected and its Connect answered), when it was last heard from, and its rate-limit bucket.
 * A session's commands run only while it is bound.
 */
final class IngressSession
{
    long principal;
    Role role;
    /** The correlation id of the Connect in flight or last bound; ties the egress's answer to the right Connect. */
    long connectCorrelationId;
    boolean bound;
    /** Whether the session is in the sessions counter (bound at least once and not closed since). */
    boolean counted;
    long lastSeenNanos;
    /** Token bucket of the per-session rate limit, in commands scaled by 1e9 (one token = 1e9). */
    long tokens;
    long lastRefillNanos;
}
