package io.gavel.client;

/**
 * The client could not do what was asked: not connected, refused at connect, or the engine unreachable in time.
 */
public final class GavelClientException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public GavelClientException(final String message)
    {
        super(message);
    }
}
