package io.gavel.perf.load;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Ramps the open-loop rate until p99 latency passes a bound (or answers fall behind), and reports the highest rate
 * the engine held.
 */
public final class Capacity
{
    private Capacity()
    {
    }

    /** Returns the highest rate held, in bids per second (0 when even the first step failed). */
    public static int run(final LoadOptions options, final int startRate, final double factor, final double p99BoundMicros,
        final int stepSeconds, final int maxRate, final PrintStream out) throws Exception
    {
        options.validate();
        int held = 0;
        try (LoadEnvironment environment = new LoadEnvironment(options))
        {
            out.printf(Locale.ROOT, "%12s %14s %10s %10s %10s%n", "rate", "answered/s", "p50 us", "p99 us", "max us");
            for (double rate = startRate; rate <= maxRate; rate *= factor)
            {
                final Measurement m = LoadHarness.measure(environment, (int)rate, stepSeconds, 1, null);
                final boolean kept = m.micros(99) <= p99BoundMicros && m.answered >= m.sent * 0.99;
                out.printf(Locale.ROOT, "%,12d %,14.0f %10.1f %10.1f %10.1f  %s%n", (int)rate, m.throughput(),
                    m.micros(50), m.micros(99), m.maxMicros(), kept ? "held" : "p99 over " + p99BoundMicros + " us");
                if (!kept)
                {
                    break;
                }
                held = (int)rate;
            }
        }
        out.printf(Locale.ROOT, "highest rate held with p99 <= %.0f us: %,d bids/s%n", p99BoundMicros, held);
        return held;
    }
}
