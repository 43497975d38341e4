package io.gavel.core.rules;

/**
 * Anti-sniping for TIMED lots (RULES.md R4): a price- or leader-changing bid accepted at {@code now >= end - window}
 * moves the end to {@code max(end, now + extension)}, within the optional caps: a negative cap ({@link #NO_CAP}) is no
 * cap, a cap of 0 allows no extension.
 */
public final class SoftClosePolicy
{
    /** A cap left out: no limit on the number or total of extensions (R4). Any negative cap means the same. */
    public static final int NO_CAP = -1;

    public static final SoftClosePolicy OFF = new SoftClosePolicy(false, 0, 0, NO_CAP, NO_CAP);

    final boolean enabled;
    final long windowNanos;
    final long extensionNanos;
    final int maxExtensions;
    final long maxExtensionTotalNanos;

    public SoftClosePolicy(
        final boolean enabled,
        final long windowNanos,
        final long extensionNanos,
        final int maxExtensions,
        final long maxExtensionTotalNanos)
    {
        this.enabled = enabled;
        this.windowNanos = windowNanos;
        this.extensionNanos = extensionNanos;
        this.maxExtensions = maxExtensions;
        this.maxExtensionTotalNanos = maxExtensionTotalNanos;
    }

    public boolean isValid()
    {
        return !enabled || (windowNanos >= 0 && extensionNanos > 0);
    }

    /** Whether {@code now} is inside the lot's closing window. With soft close off there is no window. */
    boolean inWindow(final Lot lot, final long now)
    {
        return enabled && now >= lot.end - windowNanos;
    }

    /** The end after a qualifying bid at {@code now}, or the current end when no extension applies. */
    long extendedEnd(final Lot lot, final long now)
    {
        // A cap left out (negative) is no cap; a cap of 0 allows no extension (R4).
        if (!inWindow(lot, now) || (maxExtensions >= 0 && lot.extensions >= maxExtensions))
        {
            return lot.end;
        }
        long candidate = Math.max(lot.end, saturatedAdd(now, extensionNanos));
        if (maxExtensionTotalNanos >= 0)
        {
            candidate = Math.min(candidate, saturatedAdd(lot.originalEnd, maxExtensionTotalNanos));
        }
        return Math.max(candidate, lot.end);
    }

    /** Times are engine nanoseconds; a huge extension setting must not wrap an end into the past. */
    private static long saturatedAdd(final long time, final long duration)
    {
        final long sum = time + duration;
        return sum < time ? Long.MAX_VALUE : sum;
    }
}
