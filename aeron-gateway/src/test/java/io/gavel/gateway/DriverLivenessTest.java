package io.gavel.gateway;

import io.aeron.CncFileDescriptor;
import io.aeron.driver.MediaDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * One driver per Aeron directory: a live driver's directory is never taken over; a dead driver's is reused.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DriverLivenessTest
{
    @TempDir
    Path dir;

    @Test
    void aSecondDriverIsRefusedOnALiveDirectoryAndAStaleOneIsReused() throws Exception
    {
        final String live = dir.resolve("live").toString();
        final Path stale = dir.resolve("stale");
        try (MediaDriver first = EmbeddedDriver.launch(live))
        {
            assertTrue(DriverLiveness.hasLiveDriver(live));
            final DriverInUseException refused = assertThrows(DriverInUseException.class,
                () -> EmbeddedDriver.launch(live).close());
            assertEquals("a media driver is already running in " + live + "; stop it first, or give this one " +
                "another gavel.aeron.dir", refused.getMessage());
            assertTrue(DriverLiveness.hasLiveDriver(first.aeronDirectoryName()), "the first driver is untouched");

            // A dead driver's directory: its CnC file with a heartbeat that no longer moves.
            Files.createDirectories(stale);
            Files.copy(Path.of(live, CncFileDescriptor.CNC_FILE), stale.resolve(CncFileDescriptor.CNC_FILE));
        }
        assertFalse(DriverLiveness.hasLiveDriver(stale.toString()));
        try (MediaDriver reused = EmbeddedDriver.launch(stale.toString()))
        {
            assertTrue(DriverLiveness.hasLiveDriver(reused.aeronDirectoryName()));
        }
        assertFalse(DriverLiveness.hasLiveDriver(dir.resolve("never").toString()));
    }
}
