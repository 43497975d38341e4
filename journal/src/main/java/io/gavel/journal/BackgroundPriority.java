package io.gavel.journal;

import net.openhft.posix.PosixAPI;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Lowers the scheduling priority (the nice value) of the calling thread, for the engine's background work (the
 * snapshot replica): its work may wait; the bid path's may not. On a machine with
 * fewer cores than busy threads the kernel shares each core by weight, and a thread at nice 10 weighs a tenth of one
 * at 0, so the engine's thread gets the core back at once when it has work. {@code Thread.setPriority} does not do
 * this on Linux (the JVM ignores priorities there unless started as root with {@code -XX:ThreadPriorityPolicy=1}),
 * so this calls {@code setpriority(2)} on the thread's own id. Raising a nice value needs no privilege.
 */
public final class BackgroundPriority
{
    /** The lowest priority a nice value gives (Linux: 19); 0 is the process's own. */
    public static final int LOWEST = 19;
    private static final int PRIO_PROCESS = 0;
    private static final LibC LIBC = LibC.INSTANCE;

    private BackgroundPriority()
    {
    }

    /**
     * Sets the calling thread's nice value to {@code nice} (1-19); 0 leaves it as it is. Returns whether the thread
     * now runs at that value: false where the platform has no such call, and the thread then runs as before.
     */
    public static boolean lowerCurrentThread(final int nice)
    {
        requireValid(nice);
        if (nice == 0)
        {
            return true;
        }
        if (LIBC == null)
        {
            return false;
        }
        try
        {
            return LIBC.setpriority(PRIO_PROCESS, PosixAPI.posix().gettid(), nice) == 0;
        }
        catch (final RuntimeException | LinkageError ex)
        {
            return false;
        }
    }

    /** Whether {@code nice} is a value a background thread may be given: 0 to {@link #LOWEST}. */
    public static boolean isValid(final int nice)
    {
        return nice >= 0 && nice <= LOWEST;
    }

    /** Refuses a nice value outside 0 to {@link #LOWEST}; returns it. */
    public static int requireValid(final int nice)
    {
        if (!isValid(nice))
        {
            throw new IllegalArgumentException("a background thread's nice value is 0-" + LOWEST + ", not " + nice);
        }
        return nice;
    }

    /** The calling thread's nice value as the kernel reports it, or {@code Integer.MIN_VALUE} where it cannot say. */
    public static int currentThreadNice()
    {
        return niceOf(Path.of("/proc/thread-self"));
    }

    /**
     * The nice value of the thread whose {@code /proc} directory is {@code task} (e.g. {@code /proc/self/task/<id>}),
     * or {@code Integer.MIN_VALUE} where it cannot say (no such thread, no {@code /proc}).
     */
    public static int niceOf(final Path task)
    {
        try
        {
            return Integer.parseInt(ProcStat.fieldsAfterName(task)[16]);
        }
        catch (final IOException | RuntimeException ex)
        {
            return Integer.MIN_VALUE;
        }
    }
}
