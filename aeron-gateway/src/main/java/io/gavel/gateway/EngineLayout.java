package io.gavel.gateway;

import java.util.Locale;

/**
 * Which threads an engine runs ({@code gavel.layout}). On two cores every extra runnable thread is a scheduling tail,
 * and every hand-over of a bid from one thread to another is a wait for the scheduler: {@link #LOW_CORE} runs the
 * whole bid path (Aeron ingress, business logic, egress), the Aeron client's conductor and a media driver the engine
 * is handed to run on one thread, the ingress agent's. {@link #STAGED} gives each ring handler a thread of its own.
 */
public enum EngineLayout
{
    /** A thread per stage: ingress agent, business-logic and egress Disruptor threads, the client conductor. */
    STAGED("staged"),
    /**
     * One thread: the ingress agent drains the ring's business and egress handlers itself, and runs the Aeron client
     * conductor and an invoker-mode media driver.
     */
    LOW_CORE("low-core");

    /** The name {@code staged} had before it had a name of its own; still accepted. */
    static final String STAGED_ALIAS = "default";

    private final String text;

    EngineLayout(final String text)
    {
        this.text = text;
    }

    public String text()
    {
        return text;
    }

    /**
     * Parses {@code low-core} or {@code staged} ({@code default} is accepted for {@code staged}, its old name);
     * anything else is refused naming the choices.
     */
    public static EngineLayout parse(final String value)
    {
        final String name = value.trim().toLowerCase(Locale.ROOT);
        if (name.equals(STAGED_ALIAS))
        {
            return STAGED;
        }
        for (final EngineLayout layout : values())
        {
            if (layout.text.equals(name))
            {
                return layout;
            }
        }
        throw new IllegalArgumentException("setting 'gavel.layout' must be low-core or staged (default is an alias " +
            "of staged), not '" + value + "'");
    }
}
