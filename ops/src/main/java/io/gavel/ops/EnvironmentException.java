package io.gavel.ops;

/**
 * Something the command needs is missing from the environment (exit 3): no media driver, no build.
 */
final class EnvironmentException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    EnvironmentException(final String message)
    {
        super(message);
    }
}
