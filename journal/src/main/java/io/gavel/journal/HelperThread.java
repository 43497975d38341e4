package io.gavel.journal;

import java.util.concurrent.locks.LockSupport;

/**
 * The daemon thread of one of the journal's helpers (the pretoucher, write-behind): its loop runs while
 * {@link #running()}, and {@link #stop()} ends it and waits for it, so nothing it maps outlives the helper.
 */
final class HelperThread
{
    private static final long JOIN_MILLIS = 5_000;

    private final Thread thread;
    private volatile boolean running = true;

    HelperThread(final String name, final Runnable loop)
    {
        thread = new Thread(loop, name);
        thread.setDaemon(true);
    }

    void start()
    {
        thread.start();
    }

    /** Whether the loop should go on (its thread asks each pass). */
    boolean running()
    {
        return running;
    }

    /**
     * Ends the loop (waking it from a park) and waits for its thread, up to five seconds. Returns false when the
     * thread was never started: the helper then cleans up itself, on the caller's thread.
     */
    boolean stop()
    {
        running = false;
        if (thread.getState() == Thread.State.NEW)
        {
            return false;
        }
        LockSupport.unpark(thread);
        try
        {
            thread.join(JOIN_MILLIS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return true;
    }
}
