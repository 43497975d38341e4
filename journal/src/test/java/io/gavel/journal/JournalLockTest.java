package io.gavel.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * One writer per journal inside one JVM (the two-process case, with SIGKILL, is ops' OneWriterIT).
 */
@Timeout(30)
class JournalLockTest
{
    @TempDir
    Path dir;

    @Test
    void aSecondHolderIsRefusedWithTheFirstOnesProcessId() throws Exception
    {
        final JournalLayout layout = JournalLayout.createOrOpen(dir.resolve("j"));
        try (JournalLock first = JournalLock.acquire(layout))
        {
            final JournalException refused = assertThrows(JournalException.class, () -> JournalLock.acquire(layout));
            assertEquals("journal " + layout.root() + " is in use by process " + ProcessHandle.current().pid() +
                " (one engine per journal)", refused.getMessage());
            assertEquals(Long.toString(ProcessHandle.current().pid()),
                Files.readString(layout.root().resolve(JournalLock.FILE)).trim());
        }
        // Released: the next engine gets it, and the journal still opens as a journal.
        try (JournalLock again = JournalLock.acquire(JournalLayout.openExisting(dir.resolve("j"))))
        {
            assertNotNull(again);
        }
    }
}
