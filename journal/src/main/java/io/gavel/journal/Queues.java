package io.gavel.journal;

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
        try
        {
            return ChronicleQueue.singleBuilder(layout.queueDir())
                .rollCycle(RollCycles.FAST_DAILY)
                .readOnly(readOnly)
                .build();
        }
        catch (final RuntimeException ex)
        {
            throw new JournalException("cannot open the journal queue in " + layout.queueDir() + ": " +
                ex.getMessage(), ex);
        }
    }
}
