package io.gavel.journal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How many page faults a thread of this process has taken, as the kernel counts them ({@code minflt + majflt} in
 * {@code /proc/self/task/<id>/stat}). Read on a background thread: a fault on the bid thread is the kernel's time
 * spent on the bid path (a page mapped, zeroed or reserved; a lock waited for), so an operator who sees latency jump
 * can see whether the bid thread faulted with it.
 */
public final class ThreadFaults
{
    /** Field numbers of {@code minflt} and {@code majflt} ({@link ProcStat#fieldsAfterName}). */
    private static final int MINFLT = 7;
    private static final int MAJFLT = 9;

    private ThreadFaults()
    {
    }

    /** Page faults the thread with kernel id {@code tid} has taken, or -1 where that cannot be read. */
    public static long of(final int tid)
    {
        if (tid <= 0)
        {
            return -1;
        }
        try
        {
            final String[] fields = ProcStat.fieldsAfterName(Path.of("/proc/self/task", Integer.toString(tid)));
            return Long.parseLong(fields[MINFLT]) + Long.parseLong(fields[MAJFLT]);
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }
}
