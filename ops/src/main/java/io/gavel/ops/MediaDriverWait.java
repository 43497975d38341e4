package io.gavel.ops;

import io.aeron.CncFileDescriptor;
import io.aeron.CommonContext;

import java.io.File;
import java.time.Duration;

/**
 * Waits for a media driver to be up in an Aeron directory, so "start the driver, then the engine, then a client"
 * works when typed (or scripted) in quick succession.
 */
final class MediaDriverWait
{
    private MediaDriverWait()
    {
    }

    /** True once the directory holds a live driver's counters-and-control file; false after {@code timeout}. */
    static boolean await(final String aeronDirectory, final Duration timeout)
    {
        final File cnc = new File(aeronDirectory, CncFileDescriptor.CNC_FILE);
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true)
        {
            if (cnc.exists() && cnc.length() > 0 &&
                CommonContext.isDriverActive(new File(aeronDirectory), 1_000, message -> { }))
            {
                return true;
            }
            if (System.nanoTime() > deadline)
            {
                return false;
            }
            try
            {
                Thread.sleep(50);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
