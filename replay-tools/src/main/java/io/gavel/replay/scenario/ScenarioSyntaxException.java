package io.gavel.replay.scenario;

/**
 * A scenario file that cannot run: the line and what is wrong with it.
 */
public final class ScenarioSyntaxException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final int line;

    public ScenarioSyntaxException(final int line, final String message)
    {
        super(message);
        this.line = line;
    }

    public int line()
    {
        return line;
    }
}
