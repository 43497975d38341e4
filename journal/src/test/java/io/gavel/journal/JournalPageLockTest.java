package io.gavel.journal;

import io.gavel.sbe.RecordKind;
import io.gavel.sbe.Role;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code gavel.journal.lock}: the pretoucher locks the pages of the chunks it holds in memory where the process may
 * lock that much, and unlocks them when it lets them go; where it may not, it goes on without.
 */
@Timeout(60)
class JournalPageLockTest
{
    private static final long AHEAD = 1L << 20;

    @TempDir
    Path dir;

    @Test
    void locksTheChunksItHoldsAndLetsThemGo() throws Exception
    {
        // Reclaim (kswapd, DAMON's pageout) unmaps cold file pages, dirty ones included: a page touched ahead and
        // unmapped before the writer got there is a fault on the bid thread again. Locked pages are left alone.
        final long before = lockedKb();
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[200]);
        try (JournalWriter writer = JournalWriter.open(JournalLayout.createOrOpen(dir.resolve("lock"))))
        {
            writer.append(RecordKind.COMMAND, 1, 1, 0, 1, 1, Role.ADMIN, frame, 0, frame.capacity());
            try (JournalPretoucher pretoucher = JournalPretoucher.unstarted(writer, AHEAD, true))
            {
                while (pretoucher.touchAhead() > 0)
                {
                    // Touch the whole distance.
                }
                final long chunk = writer.mappedChunk() >> 10;
                assertEquals(mayLock(4 * chunk), pretoucher.pagesLocked(), "locked where the process may lock");
                if (pretoucher.pagesLocked())
                {
                    // Two chunks held (the writer's and the next), each counted whole while locked on fault.
                    assertTrue(lockedKb() - before >= 2 * chunk, "locked " + (lockedKb() - before) + " KiB");
                }
                else
                {
                    // Refused (no CAP_IPC_LOCK, a small RLIMIT_MEMLOCK): it goes on without, nothing locked.
                    assertEquals(before, lockedKb());
                }
                assertTrue(pretoucher.touchedPosition() >= writer.writtenPosition() + AHEAD - 4096);
            }
            assertEquals(before, lockedKb(), "closing the pretoucher unlocks what it locked");
        }
    }

    /** Whether this process may lock {@code kb} KiB: CAP_IPC_LOCK, or a locked-memory limit that large. */
    private static boolean mayLock(final long kb) throws Exception
    {
        if (!Files.exists(Path.of("/proc/self/status")))
        {
            return false;
        }
        for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
        {
            if (line.startsWith("CapEff:") && (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 14)) != 0)
            {
                return true;
            }
        }
        for (final String line : Files.readAllLines(Path.of("/proc/self/limits")))
        {
            if (line.startsWith("Max locked memory"))
            {
                final String soft = line.substring("Max locked memory".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") || Long.parseLong(soft) >= kb * 1024;
            }
        }
        return false;
    }

    /** This process's locked memory (VmLck), in KiB; 0 where /proc is not there. */
    private static long lockedKb() throws Exception
    {
        final Path status = Path.of("/proc/self/status");
        if (!Files.exists(status))
        {
            return 0;
        }
        for (final String line : Files.readAllLines(status))
        {
            if (line.startsWith("VmLck:"))
            {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }
}
