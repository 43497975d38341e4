package io.gavel.gateway;

/**
 * The engine's media driver went away (it stopped answering: killed, or its directory taken over). The engine can
 * neither receive nor send, so it stops and says so rather than run deaf.
 */
public final class DriverLostException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public DriverLostException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
