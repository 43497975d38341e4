package io.gavel.core;

import io.gavel.protocol.CommandEncoder;
import io.gavel.core.workload.WorkloadGenerator;
import io.gavel.sbe.Role;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Snapshot plus the commands after it equals a full replay: the same events byte for byte and the same state hash;
 * a damaged snapshot is refused rather than half-used.
 */
class CoreSnapshotTest
{
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2_500, 9_999})
    void snapshotPlusTailEqualsFullReplay(final int snapshotAt)
    {
        final int total = 10_000;
        final MatchingCore full = new MatchingCore(2_048);
        final WorkloadGenerator.Config config = new WorkloadGenerator.Config().auctions(8, 12, 30);
        config.timedLotSeconds = 1;
        final WorkloadGenerator generator = new WorkloadGenerator(31, config).observe(full.rules());
        final CommandEncoder encoder = new CommandEncoder();
        final EventBuffer fullEvents = new EventBuffer();
        final List<byte[]> tail = new ArrayList<>();
        final List<Long> tailTimes = new ArrayList<>();
        final List<byte[]> expectedEvents = new ArrayList<>();
        byte[] snapshot = null;
        for (int sequence = 1; sequence <= total; sequence++)
        {
            if (sequence - 1 == snapshotAt)
            {
                snapshot = snapshotOf(full, sequence - 1);
            }
            final long time = generator.next(encoder);
            full.apply(sequence, time, 1 + sequence % 3, Role.ADMIN, encoder.buffer(), 0, encoder.length(),
                fullEvents);
            if (sequence > snapshotAt)
            {
                final byte[] command = new byte[encoder.length()];
                encoder.buffer().getBytes(0, command);
                tail.add(command);
                tailTimes.add(time);
                expectedEvents.add(copy(fullEvents));
            }
        }

        final CoreSnapshot.Restored restored = new CoreSnapshot().read(new UnsafeBuffer(snapshot), snapshot.length);
        assertEquals(snapshotAt, restored.engineSequence());
        final MatchingCore resumed = restored.core();
        final EventBuffer events = new EventBuffer();
        for (int i = 0; i < tail.size(); i++)
        {
            final int sequence = snapshotAt + 1 + i;
            resumed.apply(sequence, tailTimes.get(i), 1 + sequence % 3, Role.ADMIN, new UnsafeBuffer(tail.get(i)), 0,
                tail.get(i).length, events);
            assertArrayEquals(expectedEvents.get(i), copy(events), "events of command " + sequence);
        }
        assertEquals(full.stateHash(), resumed.stateHash());
    }

    @Test
    void damagedSnapshotsAreRefused()
    {
        final MatchingCore core = new MatchingCore(64);
        final WorkloadGenerator generator = new WorkloadGenerator(5, new WorkloadGenerator.Config())
            .observe(core.rules());
        final CommandEncoder encoder = new CommandEncoder();
        final EventBuffer events = new EventBuffer();
        for (int sequence = 1; sequence <= 3_000; sequence++)
        {
            final long time = generator.next(encoder);
            core.apply(sequence, time, 1, Role.ADMIN, encoder.buffer(), 0, encoder.length(), events);
        }
        final byte[] good = snapshotOf(core, 3_000);
        assertEquals(core.stateHash(), new CoreSnapshot().read(new UnsafeBuffer(good), good.length).core()
            .stateHash());

        final byte[] cut = Arrays.copyOf(good, good.length - 20);
        assertThrows(SnapshotException.class, () -> new CoreSnapshot().read(new UnsafeBuffer(cut), cut.length));
        final byte[] flipped = good.clone();
        flipped[flipped.length / 2] ^= 0x04;
        assertThrows(SnapshotException.class, () -> new CoreSnapshot().read(new UnsafeBuffer(flipped),
            flipped.length));
        assertThrows(SnapshotException.class, () -> new CoreSnapshot().read(new UnsafeBuffer(new byte[0]), 0));
    }

    static byte[] snapshotOf(final MatchingCore core, final long sequence)
    {
        final EventBuffer out = new EventBuffer();
        new CoreSnapshot().write(core, sequence, 0, 0, out);
        final byte[] bytes = new byte[out.limit()];
        out.buffer().getBytes(0, bytes);
        return bytes;
    }

    static byte[] copy(final EventBuffer events)
    {
        final byte[] bytes = new byte[events.limit()];
        events.buffer().getBytes(0, bytes);
        return bytes;
    }
}
