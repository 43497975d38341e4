package io.gavel.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;

/**
 * A UDP port free on the loopback interface right now, for channels the demo, the load harness and tests open on
 * 127.0.0.1 (or a multicast group on lo) without clashing with anything else on the machine.
 */
public final class LoopbackPorts
{
    private LoopbackPorts()
    {
    }

    public static int freeUdpPort()
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("no free UDP port on loopback", ex);
        }
    }
}
