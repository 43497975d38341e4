package io.gavel.core;

import io.gavel.protocol.CommandEncoder;
import io.gavel.core.workload.WorkloadGenerator;
import io.gavel.sbe.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ARCHITECTURE.md §3: the core is a pure function of the command stream. Two cores fed the same random workload emit
 * the same event bytes for every command and end with the same state hash; a different workload does not.
 */
class DeterminismTest
{
    static final int COMMANDS = 30_000;

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 2026})
    void sameCommandsSameEventBytesSameHash(final long seed)
    {
        final Run first = run(seed);
        final Run second = run(seed);
        assertEquals(first.eventDigest, second.eventDigest, "event bytes differ");
        assertEquals(first.stateHash, second.stateHash, "state hash differs");
        assertTrue(first.events > COMMANDS, "the workload should emit events: " + first.events);
        assertNotEquals(first.stateHash, run(seed + 1000).stateHash, "a different workload, the same hash");
    }

    record Run(long eventDigest, long stateHash, long events)
    {
    }

    static Run run(final long seed)
    {
        final WorkloadGenerator.Config config = new WorkloadGenerator.Config().auctions(8, 20, 40);
        config.timedLotSeconds = 2;
        final MatchingCore core = new MatchingCore(1024);
        final WorkloadGenerator generator = new WorkloadGenerator(seed, config).observe(core.rules());
        final CommandEncoder encoder = new CommandEncoder();
        final EventBuffer out = new EventBuffer();
        final long[] digest = {17};
        long events = 0;
        for (long sequence = 1; sequence <= COMMANDS; sequence++)
        {
            final long time = generator.next(encoder);
            events += core.apply(sequence, time, 1, Role.ADMIN, encoder.buffer(), 0, encoder.length(), out);
            out.forEach((buffer, offset, length) ->
            {
                for (int i = 0; i < length; i++)
                {
                    digest[0] = digest[0] * 31 + buffer.getByte(offset + i);
                }
            });
        }
        return new Run(digest[0], core.stateHash(), events);
    }

}
