package io.gavel.replay.scenario;

import io.gavel.protocol.CommandEncoder;

/**
 * One checked line of a scenario: its file line, its engine time, and how to encode it as an SBE command.
 */
public final class ScenarioStep
{
    /** Encodes the step's command with the given correlation id. */
    @FunctionalInterface
    interface Encoding
    {
        void encode(CommandEncoder encoder, long correlationId);
    }

    private final int line;
    private final long timeNanos;
    private final String command;
    private final Encoding encoding;

    ScenarioStep(final int line, final long timeNanos, final String command, final Encoding encoding)
    {
        this.line = line;
        this.timeNanos = timeNanos;
        this.command = command;
        this.encoding = encoding;
    }

    public int line()
    {
        return line;
    }

    public long timeNanos()
    {
        return timeNanos;
    }

    public String command()
    {
        return command;
    }

    public void encode(final CommandEncoder encoder, final long correlationId)
    {
        encoding.encode(encoder, correlationId);
    }
}
