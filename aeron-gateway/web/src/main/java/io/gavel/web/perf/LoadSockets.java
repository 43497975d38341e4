package io.gavel.web.perf;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated pages of {@code gavel perf web}: plain non-blocking sockets speaking just enough WebSocket (RFC 6455
 * client handshake, masked text frames out, unmasked frames in) on one selector thread. Each frame's bytes are
 * scanned for the bid's auction and sequence; nothing is decoded to a string or allocated per message. This keeps
 * the measuring clients cheap, so the figures are the edge's, not those of a thousand general-purpose clients in the
 * same JVM (java.net.http hands every message through its selector and executor threads).
 */
final class LoadSockets implements AutoCloseable
{
    private static final byte[] BID = "{\"t\":\"bid\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AUCTION = "\"auction\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEQ = "\"seq\":".getBytes(StandardCharsets.US_ASCII);

    /** One page: (auction, seq) and receive time of every bid event it got. */
    static final class Page
    {
        final long[] seqs;
        final long[] times;
        int count;
        volatile boolean closed;
        private final SocketChannel channel;
        private ByteBuffer in = ByteBuffer.allocate(8 * 1024);

        Page(final SocketChannel channel, final int capacity)
        {
            this.channel = channel;
            this.seqs = new long[capacity];
            this.times = new long[capacity];
        }
    }

    private final List<Page> pages = new ArrayList<>();
    private final Selector selector;
    private final Thread reader;
    private volatile boolean running = true;

    LoadSockets() throws IOException
    {
        selector = Selector.open();
        reader = new Thread(this::read, "perf-web-pages");
        reader.setDaemon(true);
    }

    /** Opens one socket, upgrades it, sends {@code hello}; blocking, before {@link #start()}. */
    Page open(final int port, final String helloJson, final int capacity) throws IOException
    {
        final SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        channel.socket().setTcpNoDelay(true);
        final String upgrade = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n" +
            "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" +
            "Origin: http://127.0.0.1:" + port + "\r\n\r\n";
        write(channel, ByteBuffer.wrap(upgrade.getBytes(StandardCharsets.US_ASCII)));
        final Page page = new Page(channel, capacity);
        final ByteBuffer in = page.in;
        int headerEnd = -1;
        while (headerEnd < 0)
        {
            if (channel.read(in) < 0)
            {
                throw new IOException("the edge closed the socket during the upgrade");
            }
            headerEnd = indexOf(in, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        final String status = new String(in.array(), 0, Math.min(12, in.position()), StandardCharsets.US_ASCII);
        if (!status.contains("101"))
        {
            throw new IOException("the edge refused the upgrade: " + status);
        }
        // Keep any frame bytes that arrived with the response.
        in.flip();
        in.position(headerEnd + 4);
        in.compact();
        write(channel, textFrame(helloJson.getBytes(StandardCharsets.UTF_8)));
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ, page);
        pages.add(page);
        return page;
    }

    void start()
    {
        reader.start();
    }

    List<Page> pages()
    {
        return pages;
    }

    private void read()
    {
        try
        {
            while (running)
            {
                if (selector.select(100) == 0)
                {
                    continue;
                }
                for (final SelectionKey key : selector.selectedKeys())
                {
                    final Page page = (Page)key.attachment();
                    try
                    {
                        // Per read, not per select: a pass over a thousand sockets takes long enough for later
                        // sockets to receive events sent after the pass began.
                        final int read = page.channel.read(page.in);
                        final long now = System.nanoTime();
                        if (read < 0)
                        {
                            page.closed = true;
                            key.cancel();
                            continue;
                        }
                        frames(page, now);
                    }
                    catch (final IOException ex)
                    {
                        page.closed = true;
                        key.cancel();
                    }
                }
                selector.selectedKeys().clear();
            }
        }
        catch (final IOException ex)
        {
            // Closed while stopping.
        }
    }

    /** Consumes every whole frame in the page's buffer; a partial one waits for more bytes. */
    private static void frames(final Page page, final long now)
    {
        ByteBuffer in = page.in;
        in.flip();
        while (in.remaining() >= 2)
        {
            final int start = in.position();
            final int opcode = in.get(start) & 0x0F;
            int length = in.get(start + 1) & 0x7F;
            int header = 2;
            if (length == 126)
            {
                if (in.remaining() < 4)
                {
                    break;
                }
                length = in.getShort(start + 2) & 0xFFFF;
                header = 4;
            }
            else if (length == 127)
            {
                if (in.remaining() < 10)
                {
                    break;
                }
                length = (int)in.getLong(start + 2);
                header = 10;
            }
            if (in.remaining() < header + length)
            {
                if (header + length > in.capacity())
                {
                    final ByteBuffer bigger = ByteBuffer.allocate(header + length);
                    bigger.put(in);
                    page.in = bigger;
                    return;
                }
                break;
            }
            final int payload = start + header;
            if (opcode == 8)
            {
                page.closed = true;
            }
            else if (startsWith(in, payload, length, BID) && page.count < page.seqs.length)
            {
                final long auction = number(in, payload, length, AUCTION);
                final long seq = number(in, payload, length, SEQ);
                page.seqs[page.count] = auction << 32 | seq;
                page.times[page.count] = now;
                page.count++;
            }
            in.position(payload + length);
        }
        in.compact();
    }

    private static boolean startsWith(final ByteBuffer in, final int at, final int length, final byte[] prefix)
    {
        if (length < prefix.length)
        {
            return false;
        }
        for (int i = 0; i < prefix.length; i++)
        {
            if (in.get(at + i) != prefix[i])
            {
                return false;
            }
        }
        return true;
    }

    /** The digits after the first {@code key} in the payload; -1 when the key is absent. */
    private static long number(final ByteBuffer in, final int at, final int length, final byte[] key)
    {
        final int end = at + length;
        outer:
        for (int i = at; i + key.length <= end; i++)
        {
            for (int k = 0; k < key.length; k++)
            {
                if (in.get(i + k) != key[k])
                {
                    continue outer;
                }
            }
            long value = 0;
            for (int d = i + key.length; d < end && in.get(d) >= '0' && in.get(d) <= '9'; d++)
            {
                value = value * 10 + in.get(d) - '0';
            }
            return value;
        }
        return -1;
    }

    private static int indexOf(final ByteBuffer in, final byte[] what)
    {
        final byte[] bytes = in.array();
        outer:
        for (int i = 0; i + what.length <= in.position(); i++)
        {
            for (int k = 0; k < what.length; k++)
            {
                if (bytes[i + k] != what[k])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A client text frame: FIN, masked (an all-zero mask, which leaves the payload as it is). */
    private static ByteBuffer textFrame(final byte[] payload)
    {
        final ByteBuffer frame = ByteBuffer.allocate(payload.length + 14);
        frame.put((byte)0x81);
        if (payload.length < 126)
        {
            frame.put((byte)(0x80 | payload.length));
        }
        else
        {
            frame.put((byte)(0x80 | 126)).putShort((short)payload.length);
        }
        frame.putInt(0).put(payload).flip();
        return frame;
    }

    private static void write(final SocketChannel channel, final ByteBuffer bytes) throws IOException
    {
        while (bytes.hasRemaining())
        {
            channel.write(bytes);
        }
    }

    public void close()
    {
        running = false;
        selector.wakeup();
        try
        {
            reader.join(1_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        for (final Page page : pages)
        {
            try
            {
                page.channel.close();
            }
            catch (final IOException ignored)
            {
                // Stopping.
            }
        }
        try
        {
            selector.close();
        }
        catch (final IOException ignored)
        {
            // Stopping.
        }
    }
}
