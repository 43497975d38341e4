package io.gavel.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A browser-like socket (java.net.http): records every message and its close, so tests can wait for them. */
final class TestSocket implements WebSocket.Listener, AutoCloseable
{
    static final HttpClient HTTP = HttpClient.newHttpClient();

    final List<String> messages = new CopyOnWriteArrayList<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    final WebSocket socket;
    private final StringBuilder text = new StringBuilder();
    private ByteBuffer binary = ByteBuffer.allocate(0);

    TestSocket(final int port, final String origin)
    {
        socket = HTTP.newWebSocketBuilder().header("Origin", origin).connectTimeout(Duration.ofSeconds(5))
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), this).join();
    }

    TestSocket send(final String json)
    {
        socket.sendText(json, true).join();
        return this;
    }

    TestSocket hello(final String token, final long auction)
    {
        return send("{\"action\":\"hello\",\"token\":\"" + token + "\",\"auction\":" + auction + "}");
    }

    /** The first message that passes, waiting up to 10 s; fails the test otherwise. */
    String await(final Predicate<String> test, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline)
        {
            for (final String message : messages)
            {
                if (test.test(message))
                {
                    return message;
                }
            }
            Thread.onSpinWait();
            try
            {
                Thread.sleep(2); // polling the recorded list, not waiting for an event to happen by itself
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no " + what + " within 20 s; got " + messages + (closed.isDone() ?
            " closed " + closed.getNow("") : ""));
    }

    String awaitType(final String type)
    {
        return await(m -> m.startsWith("{\"t\":\"" + type + "\""), type);
    }

    String awaitClose()
    {
        return closed.orTimeout(20, TimeUnit.SECONDS).join();
    }

    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
    {
        text.append(data);
        if (last)
        {
            messages.add(text.toString());
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last)
    {
        final ByteBuffer joined = ByteBuffer.allocate(binary.remaining() + data.remaining());
        joined.put(binary).put(data).flip();
        binary = joined;
        if (last)
        {
            messages.add(StandardCharsets.UTF_8.decode(binary).toString());
            binary = ByteBuffer.allocate(0);
        }
        webSocket.request(1);
        return null;
    }

    public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
    {
        closed.complete(statusCode + " " + reason);
        return null;
    }

    public void onError(final WebSocket webSocket, final Throwable error)
    {
        closed.complete("error " + error);
    }

    public void close()
    {
        if (!closed.isDone())
        {
            socket.abort();
        }
    }
}
