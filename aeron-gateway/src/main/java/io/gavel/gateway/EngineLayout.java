package io.gavel.gateway;

import java.util.Locale;

/**
 * Which threads an engine runs ({@code gavel.layout}). On two cores every extra runnable thread is a scheduling tail,
 * so {@link #LOW_CORE} runs the Aeron client's conductor, and a media driver the engine is handed to run, as part of
 * the ingress agent's duty cycle instead of on threads of their own.
 */
public enum EngineLayout
{
    /** The Aeron client conductor (and a media driver) on their own threads. */
    DEFAULT("default"),
    /** The Aeron client conductor, and an embedded media driver in invoker mode, on the ingress agent's thread. */
    LOW_CORE("low-core");

    private final String text;

    EngineLayout(final String text)
    {
        this.text = text;
    }

    public String text()
    {
        return text;
    }

    /** Parses {@code default} or {@code low-core}; anything else is refused naming both. */
    public static EngineLayout parse(final String value)
    {
        final String name = value.trim().toLowerCase(Locale.ROOT);
        for (final EngineLayout layout : values())
        {
            if (layout.text.equals(name))
            {
                return layout;
            }
        }
        throw new IllegalArgumentException("setting 'gavel.layout' must be default or low-core, not '" + value + "'");
    }
}
