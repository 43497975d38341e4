package io.gavel.settlement;

import java.time.Duration;

/**
 * How long a charge may keep failing transiently before it is reported FAILED, and how long to wait between tries:
 * the back-off doubles from {@code initialBackoff} up to {@code maxBackoff}.
 */
public record RetryPolicy(Duration deadline, Duration initialBackoff, Duration maxBackoff)
{
    /** The wait before attempt {@code attempt + 1} (attempt counts from 1). */
    public long backoffMillis(final int attempt)
    {
        final long doubled = initialBackoff.toMillis() << Math.min(20, Math.max(0, attempt - 1));
        return Math.min(maxBackoff.toMillis(), doubled);
    }
}
