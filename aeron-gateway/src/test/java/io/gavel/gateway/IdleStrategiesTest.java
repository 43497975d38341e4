package io.gavel.gateway;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdleStrategiesTest
{
    @Test
    void parkBacksOffWithoutEverYielding()
    {
        // On EEVDF kernels each sched_yield pushes the thread's deadline back: the park strategy must never yield.
        final String park = IdleStrategies.idle(IdleStrategies.PARK).toString();
        assertTrue(park.contains("maxYields=0") && park.contains("maxSpins=100") &&
            park.contains("maxParkPeriodNs=100000"), park);
        final String backoff = IdleStrategies.idle(IdleStrategies.BACKOFF).toString();
        assertTrue(backoff.contains("maxYields=20"), backoff);
    }

    @Test
    void anUnknownNameIsRefusedNamingEveryChoice()
    {
        final IllegalArgumentException refused =
            assertThrows(IllegalArgumentException.class, () -> IdleStrategies.idle("spinny"));
        assertEquals("unknown idle strategy 'spinny' (busy-spin, yielding, backoff, park, sleeping)",
            refused.getMessage());
    }
}
