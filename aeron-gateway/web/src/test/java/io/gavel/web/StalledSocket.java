package io.gavel.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client over a raw TCP socket with a small receive buffer that, after the upgrade, never reads again:
 * TCP fills up and the edge's queue for it grows, as for a browser on a dead mobile link.
 */
final class StalledSocket implements AutoCloseable
{
    private final Socket socket = new Socket();
    private final OutputStream out;

    StalledSocket(final int port, final String origin)
    {
        try
        {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            out = socket.getOutputStream();
            out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n" +
                "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
                "Sec-WebSocket-Version: 13\r\nOrigin: " + origin + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final InputStream in = socket.getInputStream();
            final StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n"))
            {
                final int b = in.read();
                if (b < 0)
                {
                    throw new IOException("closed during the upgrade: " + head);
                }
                head.append((char)b);
            }
            if (!head.toString().startsWith("HTTP/1.1 101"))
            {
                throw new IOException("upgrade refused: " + head);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    void hello(final String token, final long auction)
    {
        final byte[] payload = ("{\"action\":\"hello\",\"token\":\"" + token + "\",\"auction\":" + auction + "}")
            .getBytes(StandardCharsets.UTF_8);
        try
        {
            // One masked text frame (clients must mask; a zero mask keeps the payload as is).
            out.write(new byte[]{(byte)0x81, (byte)(0x80 | 126), (byte)(payload.length >> 8), (byte)payload.length,
                0, 0, 0, 0});
            out.write(payload);
            out.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public void close() throws IOException
    {
        socket.close();
    }
}
