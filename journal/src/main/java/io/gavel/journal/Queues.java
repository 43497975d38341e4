package io.gavel.journal;

import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * How Gavel opens its Chronicle queues: one roll cycle everywhere, so writers and readers agree.
 */
final class Queues
{
    private Queues()
    {
    }

    static SingleChronicleQueue open(final JournalLayout layout, final boolean readOnly)
    {
        return open(layout, readOnly, SystemTimeProvider.INSTANCE);
    }

    /** With the clock that picks each record's cycle file (tests roll the journal to a new day with their own). */
    static SingleChronicleQueue open(final JournalLayout layout, final boolean readOnly, final TimeProvider clock)
    {
        try
        {
            return ChronicleQueue.singleBuilder(layout.queueDir())
                .rollCycle(RollCycles.FAST_DAILY)
                .readOnly(readOnly)
                .timeProvider(clock)
                .build();
        }
        catch (final RuntimeException ex)
        {
            throw new JournalException("cannot open the journal queue in " + layout.queueDir() + ": " +
                ex.getMessage(), ex);
        }
    }
}
