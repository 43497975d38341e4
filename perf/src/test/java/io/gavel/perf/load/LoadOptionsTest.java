package io.gavel.perf.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bad load options are refused with the option's name and its choices, before anything starts. */
@Timeout(10)
class LoadOptionsTest
{
    @Test
    void aDriverMustBeOneOfThree()
    {
        final LoadOptions options = new LoadOptions();
        options.driver = "remote";
        assertEquals("--driver must be embedded, process or external, not remote", refused(options));
    }

    @Test
    void anExternalDriverNeedsItsDirectoryAndOnlyItUsesOne()
    {
        final LoadOptions external = new LoadOptions();
        external.driver = "external";
        assertEquals("--driver external needs --aeron-dir (the directory of a running 'gavel driver'), and " +
            "--aeron-dir needs --driver external", refused(external));
        final LoadOptions embedded = new LoadOptions();
        embedded.aeronDir = Path.of("/dev/shm/aeron");
        assertEquals(refused(external), refused(embedded));
    }

    @Test
    void aLayoutMustBeLowCoreOrStaged()
    {
        final LoadOptions options = new LoadOptions();
        options.layout = "tiny";
        assertEquals("--layout must be low-core or staged (default is an alias of staged), not tiny",
            refused(options));
        assertEquals("low-core", new LoadOptions().layout, "the engine's default layout");
    }

    @Test
    void theSenderParksOrYields()
    {
        final LoadOptions options = new LoadOptions();
        options.sendWait = "spin";
        assertEquals("--send-wait must be park or yield, not spin", refused(options));
    }

    private static String refused(final LoadOptions options)
    {
        return assertThrows(IllegalArgumentException.class, options::validate).getMessage();
    }
}
