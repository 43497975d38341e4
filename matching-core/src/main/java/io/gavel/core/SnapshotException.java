package io.gavel.core;

/**
 * A snapshot that cannot be used: cut short, altered, or not reproducing its state.
 */
public final class SnapshotException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public SnapshotException(final String message)
    {
        super(message);
    }
}
