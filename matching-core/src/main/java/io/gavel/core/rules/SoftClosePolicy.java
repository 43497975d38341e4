package io.gavel.core.rules;

/**
 * Anti-sniping for TIMED lots (RULES.md R4): a price- or leader-changing bid accepted at {@code now >= end - window}
 * moves the end to {@code max(end, now + extension)}, within the optional caps.
 */
public final class SoftClosePolicy
{
    public static final SoftClosePolicy OFF = new SoftClosePolicy(false, 0, 0, 0, 0);

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
        return !enabled || (windowNanos >= 0 && extensionNanos > 0 && maxExtensions >= 0 && maxExtensionTotalNanos >= 0);
    }

    /** Whether {@code now} is inside the lot's closing window. With soft close off there is no window. */
    boolean inWindow(final Lot lot, final long now)
    {
        return enabled && now >= lot.end - windowNanos;
    }

    /** The end after a qualifying bid at {@code now}, or the current end when no extension applies. */
    long extendedEnd(final Lot lot, final long now)
    {
        if (!inWindow(lot, now) || (maxExtensions > 0 && lot.extensions >= maxExtensions))
        {
            return lot.end;
        }
        long candidate = Math.max(lot.end, now + extensionNanos);
        if (maxExtensionTotalNanos > 0)
        {
            candidate = Math.min(candidate, lot.originalEnd + maxExtensionTotalNanos);
        }
        return Math.max(candidate, lot.end);
    }
}
