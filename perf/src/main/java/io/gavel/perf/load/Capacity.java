package io.gavel.perf.load;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Steps the open-loop rate up and, at each step, measures the engine and then a raw Aeron ping-pong at the same rate
 * on the same driver, so each step's p99 is judged against the transport's p99 of that moment: the highest rate at
 * which gavel's p99 stays within {@code ratio} times raw Aeron's (with every bid answered) is the capacity. Bounded
 * in time by a number of steps and a highest rate.
 */
public final class Capacity
{
    private Capacity()
    {
    }

    /** How to ramp: first rate, growth per step, measured seconds per step, highest rate, most steps, p99 ratio. */
    public record Ramp(int startRate, double factor, int stepSeconds, int maxRate, int maxSteps, double ratio)
    {
        /** Refuses values that would not ramp or not end, naming the option. */
        public Ramp
        {
            if (startRate < 1 || maxRate < startRate)
            {
                throw new IllegalArgumentException("--start must be at least 1 and at most --max (" + maxRate + "), " +
                    "not " + startRate);
            }
            if (!(factor > 1.0) || factor > 100)
            {
                throw new IllegalArgumentException("--factor must be above 1 and at most 100, not " + factor);
            }
            if (stepSeconds < 1 || stepSeconds > 600)
            {
                throw new IllegalArgumentException("--step must be 1 to 600 seconds, not " + stepSeconds);
            }
            if (maxSteps < 1 || maxSteps > 100)
            {
                throw new IllegalArgumentException("--steps must be 1 to 100, not " + maxSteps);
            }
            if (!(ratio >= 1.0))
            {
                throw new IllegalArgumentException("--ratio must be at least 1, not " + ratio);
            }
        }
    }

    /** One step's verdict: held when every bid was answered and gavel's p99 is within the ratio of raw Aeron's. */
    static boolean held(final Measurement gavel, final Measurement raw, final double ratio)
    {
        return gavel.unanswered == 0 && raw.micros(99) > 0 && gavel.micros(99) <= ratio * raw.micros(99);
    }

    /** Returns the highest rate held, in bids per second (0 when even the first step failed). */
    public static int run(final LoadOptions options, final Ramp ramp, final PrintStream out) throws Exception
    {
        options.validate();
        int held = 0;
        try (LoadEnvironment environment = new LoadEnvironment(options))
        {
            out.printf(Locale.ROOT, "%12s %12s %10s %10s %12s %8s%n", "rate", "answered/s", "p50 us", "p99 us",
                "raw p99 us", "ratio");
            double rate = ramp.startRate();
            for (int step = 0; step < ramp.maxSteps() && rate <= ramp.maxRate(); step++, rate *= ramp.factor())
            {
                final int r = (int)rate;
                final Measurement m = LoadHarness.measure(environment, r, ramp.stepSeconds(), 1, null);
                final Measurement raw = LoadHarness.pingPong(environment.aeron, options, r, ramp.stepSeconds());
                final boolean kept = held(m, raw, ramp.ratio());
                final double ratio = raw.micros(99) == 0 ? 0 : m.micros(99) / raw.micros(99);
                out.printf(Locale.ROOT, "%,12d %,12.0f %10.1f %10.1f %12.1f %8.1f  %s%n", r, m.throughput(),
                    m.micros(50), m.micros(99), raw.micros(99), ratio,
                    kept ? "held" : m.unanswered != 0 ? m.unanswered + " unanswered" :
                        String.format(Locale.ROOT, "p99 over %.0fx raw", ramp.ratio()));
                if (!kept)
                {
                    break;
                }
                held = r;
            }
        }
        out.printf(Locale.ROOT, "highest rate with p99 within %.1fx raw Aeron's p99: %,d bids/s%n", ramp.ratio(), held);
        return held;
    }
}
