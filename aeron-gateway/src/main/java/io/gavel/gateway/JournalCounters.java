package io.gavel.gateway;

import io.gavel.journal.JournalPretoucher;
import io.gavel.journal.JournalWriteBehind;
import io.gavel.journal.JournalWriter;
import org.agrona.concurrent.Agent;

/**
 * Publishes how the journal's helpers stand, on the engine's duty-cycle thread (after the Aeron client's conductor,
 * so nothing is written once the client has closed its counters): the bid thread's page faults (counted by the
 * {@link JournalPretoucher}; it should stand still: each fault is the kernel's time on the bid path), how far ahead
 * of the writer pages are touched, and how much the {@link JournalWriteBehind} has written back. Read in
 * {@code gavel stats}. Every {@link #EVERY_CYCLES} duty cycles, so the figures cost the bid path nothing measurable.
 */
final class JournalCounters implements Agent
{
    static final int EVERY_CYCLES = 1024;

    private final JournalWriter writer;
    private final JournalPretoucher pretoucher;
    private final JournalWriteBehind writeBehind;
    private final EngineCounters counters;
    private int cycles;

    /** Either helper may be null (turned off): its figures then stay as they are (faults -1, the others 0). */
    JournalCounters(final JournalWriter writer, final JournalPretoucher pretoucher,
        final JournalWriteBehind writeBehind, final EngineCounters counters)
    {
        this.writer = writer;
        this.pretoucher = pretoucher;
        this.writeBehind = writeBehind;
        this.counters = counters;
        counters.journalWriterFaults.setRelease(-1);
    }

    public int doWork()
    {
        if (++cycles < EVERY_CYCLES || counters.journalWrittenBack.isClosed())
        {
            return 0;
        }
        cycles = 0;
        if (pretoucher != null)
        {
            counters.journalWriterFaults.setRelease(pretoucher.writerFaults());
            counters.journalTouchedAhead.setRelease(
                Math.max(0, pretoucher.touchedPosition() - writer.writtenPosition()) >> 10);
        }
        if (writeBehind != null)
        {
            counters.journalWrittenBack.setRelease(writeBehind.bytesWrittenBack() >> 20);
        }
        return 0;
    }

    public String roleName()
    {
        return "journal-counters";
    }
}
