package io.gavel.perf.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A capacity step holds when gavel's p99 is within the ratio of raw Aeron's p99 in the same step and every bid was
 * answered; the ramp's options are checked with precise errors.
 */
@Timeout(10)
class CapacityTest
{
    @Test
    void aStepHoldsWithinTheRatioOfRawAeron()
    {
        assertTrue(Capacity.held(measurement(400_000, 0), measurement(100_000, 0), 5));
        assertTrue(Capacity.held(measurement(495_000, 0), measurement(100_000, 0), 5));
        assertFalse(Capacity.held(measurement(520_000, 0), measurement(100_000, 0), 5));
        // The bound moves with the transport: the same gavel p99 holds when raw Aeron was slower in that step.
        assertTrue(Capacity.held(measurement(520_000, 0), measurement(200_000, 0), 5));
    }

    @Test
    void aStepWithUnansweredBidsNeverHolds()
    {
        assertFalse(Capacity.held(measurement(100_000, 3), measurement(100_000, 0), 5));
    }

    @Test
    void badRampsAreRefusedByName()
    {
        assertEquals("--factor must be above 1 and at most 100, not 1.0",
            assertThrows(IllegalArgumentException.class, () -> new Capacity.Ramp(1000, 1.0, 5, 10_000, 5, 5))
                .getMessage());
        assertEquals("--ratio must be at least 1, not 0.5",
            assertThrows(IllegalArgumentException.class, () -> new Capacity.Ramp(1000, 2, 5, 10_000, 5, 0.5))
                .getMessage());
        assertEquals("--steps must be 1 to 100, not 0",
            assertThrows(IllegalArgumentException.class, () -> new Capacity.Ramp(1000, 2, 5, 10_000, 0, 5))
                .getMessage());
        assertEquals("--step must be 1 to 600 seconds, not 0",
            assertThrows(IllegalArgumentException.class, () -> new Capacity.Ramp(1000, 2, 0, 10_000, 5, 5))
                .getMessage());
        assertEquals("--start must be at least 1 and at most --max (500), not 1000",
            assertThrows(IllegalArgumentException.class, () -> new Capacity.Ramp(1000, 2, 5, 500, 5, 5))
                .getMessage());
    }

    @Test
    @Timeout(60)
    void theLoadSessionOutlivesTheLongestBaselineOnAeronInMemory() throws Exception
    {
        // A capacity step measures raw Aeron for as long as the step (up to 600 s) while the load session is silent:
        // with the engine's default 10 s timeout, 10 s steps closed the session and the second step's 150,000 bids
        // went unanswered. The harness's engine keeps a silent session longer than two of the longest steps.
        final LoadOptions options = new LoadOptions();
        options.auctions = 1;
        options.lots = 10;
        options.bidders = 10;
        options.rate = 1_000;
        options.durationSeconds = 1;
        options.warmupSeconds = 1;
        options.progress = false;
        try (LoadEnvironment environment = new LoadEnvironment(options))
        {
            final long longestStepNanos = 600L * 1_000_000_000L;
            assertTrue(environment.config.sessionTimeoutNanos() > 2 * longestStepNanos,
                "session timeout " + environment.config.sessionTimeoutNanos() + " ns");
            // And its Aeron directory is in memory where the machine has /dev/shm (Aeron's own default there): on a
            // disk its term buffers were written back and faulted again on the bid thread, ~2,300 times a minute.
            if (java.nio.file.Files.isDirectory(java.nio.file.Path.of("/dev/shm")))
            {
                assertTrue(environment.config.aeronDir().startsWith("/dev/shm/"), environment.config.aeronDir());
            }
        }
    }

    private static Measurement measurement(final long p99Nanos, final long unanswered)
    {
        final Measurement m = new Measurement();
        for (int i = 0; i < 100; i++)
        {
            m.latency.recordValue(i < 99 ? 1_000 : p99Nanos);
        }
        m.latency.recordValue(p99Nanos);
        m.unanswered = unanswered;
        return m;
    }
}
