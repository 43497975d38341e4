package io.gavel.journal;

import jnr.ffi.LibraryLoader;

/**
 * The C library's calls the journal's helpers make, through jnr-ffi (already on the class path for Chronicle's posix
 * library), loaded once: {@link #INSTANCE} is null where there is no such library (callers then go on without); a
 * call the platform's library lacks throws a {@link LinkageError}, which callers catch. Public because jnr-ffi
 * generates its implementation in a package of its own; the journal's helpers are its only callers.
 */
public interface LibC
{
    LibC INSTANCE = Loader.load();

    /** {@code setpriority(2)}: a thread's nice value ({@link BackgroundPriority}). */
    int setpriority(int which, int who, int priority);

    /** {@code mlock2(2)} ({@link PageLock}). */
    int mlock2(long address, long length, int flags);

    /** {@code munlock(2)} ({@link PageLock}). */
    int munlock(long address, long length);

    /** Loads the library, or answers null. */
    final class Loader
    {
        private Loader()
        {
        }

        static LibC load()
        {
            try
            {
                return LibraryLoader.create(LibC.class).load("c");
            }
            catch (final RuntimeException | LinkageError ex)
            {
                return null;
            }
        }
    }
}
