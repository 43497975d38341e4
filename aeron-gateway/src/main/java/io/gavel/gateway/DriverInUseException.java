package io.gavel.gateway;

/**
 * A live media driver already owns the Aeron directory: starting another there would delete it from under the first
 * driver and every client of it.
 */
public final class DriverInUseException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public DriverInUseException(final String message)
    {
        super(message);
    }
}
