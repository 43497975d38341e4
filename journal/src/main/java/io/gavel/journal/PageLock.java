package io.gavel.journal;

import jnr.ffi.Platform;

/**
 * Keeps a mapping's pages in memory once they are faulted in ({@code mlock2(2)} with {@code MLOCK_ONFAULT}), and lets
 * them go again ({@code munlock(2)}). The kernel's reclaim unmaps file pages it finds cold, dirty ones included: kswapd
 * under memory pressure, and proactive reclaimers such as DAMON's {@code pageout} scheme (on the development VM it
 * paged out 41 GB in 13 hours). A page of the journal touched ahead of the writer and unmapped before the writer got
 * there is a page fault on the business thread again: in load runs, tens of thousands of them in a few seconds, at
 * random times. Locked pages are skipped by reclaim; they are still written back.
 * <p>
 * Locking counts the whole mapping against {@code RLIMIT_MEMLOCK} unless the process has {@code CAP_IPC_LOCK}; where
 * the kernel refuses (or the platform has no such call), callers go on without it.
 */
final class PageLock
{
    private static final int MLOCK_ONFAULT = 1;
    private static final LibC LIBC = Platform.getNativePlatform().getOS() == Platform.OS.LINUX ? LibC.INSTANCE : null;

    private PageLock()
    {
    }

    /** Locks {@code [address, address + length)} as its pages are faulted in; whether the kernel took it. */
    static boolean lockOnFault(final long address, final long length)
    {
        if (LIBC == null)
        {
            return false;
        }
        try
        {
            return LIBC.mlock2(address, length, MLOCK_ONFAULT) == 0;
        }
        catch (final RuntimeException | LinkageError ex)
        {
            return false;
        }
    }

    /** Unlocks {@code [address, address + length)}; whether the kernel took it. */
    static boolean unlock(final long address, final long length)
    {
        if (LIBC == null)
        {
            return false;
        }
        try
        {
            return LIBC.munlock(address, length) == 0;
        }
        catch (final RuntimeException | LinkageError ex)
        {
            return false;
        }
    }
}
