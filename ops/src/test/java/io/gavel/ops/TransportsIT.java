package io.gavel.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The demo sale end to end over each transport: UDP unicast on 127.0.0.1, and UDP multicast (ingress from several
 * publishers into one group, market data to a group) inside a private network namespace so no packet can leave the
 * machine.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TransportsIT
{
    @TempDir
    Path dir;

    @Test
    void demoOverUdpUnicast() throws Exception
    {
        final GavelProcess.Result result = GavelProcess.run(dir, "demo", "--transport", "udp", "--journal",
            dir.resolve("journal").toString());
        assertSold(result);
        final GavelProcess.Result verify = GavelProcess.run(dir, "journal", "verify", dir.resolve("journal")
            .toString());
        assertEquals(0, verify.exit(), verify.toString());
    }

    @Test
    void demoOverUdpMulticastInAPrivateNetworkNamespace() throws Exception
    {
        assumeTrue(Files.isExecutable(Paths.get("/usr/bin/unshare")) && Files.isExecutable(Paths.get("/usr/sbin/ip"))
            || Files.isExecutable(Paths.get("/sbin/ip")), "needs unshare and ip (util-linux, iproute2)");
        final Process process = new ProcessBuilder("unshare", "-n", "bash", "-c",
            "ip link set lo up && exec \"$0\" demo --transport multicast", GavelProcess.LAUNCHER.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("multicast.log").toFile())
            .start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the multicast demo did not finish");
        final String out = Files.readString(dir.resolve("multicast.log"));
        assertEquals(0, process.exitValue(), out);
        assertSold(new GavelProcess.Result(0, out, ""));
        assertTrue(out.contains("UDP multicast on loopback"), out);
    }

    private static void assertSold(final GavelProcess.Result result)
    {
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().contains("auction 1 lot 1 (live ): SOLD to paddle"), result.out());
        assertTrue(result.out().contains("auction 2 lot 1 (timed): SOLD to paddle"), result.out());
    }
}
