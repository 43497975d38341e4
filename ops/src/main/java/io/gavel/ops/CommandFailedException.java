package io.gavel.ops;

/**
 * The command ran and did not succeed (exit 1): a rejection, an engine that did not answer.
 */
final class CommandFailedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    CommandFailedException(final String message)
    {
        super(message);
    }
}
