package io.gavel.client;

import io.gavel.protocol.CommandEncoder;
import org.agrona.concurrent.IdleStrategy;

/**
 * The connect handshake of a {@link GavelClient}: wait for the engine's ingress, learn where the engine should send
 * this session's answers (resolving an ephemeral UDP port first), present the token, and wait for the engine to
 * accept it.
 * <p>
 * It stands apart because it runs once, before the session exists, and each of its waits fails with its own message
 * (no engine listening, no response port, no answer, refused); the steady-state send and poll paths of
 * {@link EngineLink} need none of it.
 */
final class SessionHandshake
{
    private SessionHandshake()
    {
    }

    /**
     * Connects the session over {@code link}, reading answers through {@code client} while it waits; throws a
     * {@link GavelClientException} saying which step failed.
     */
    static void connect(final GavelClient.Context context, final EngineLink link, final CommandEncoder encoder,
        final IdleStrategy idle, final GavelCommands client)
    {
        final long deadline = System.nanoTime() + context.timeout.toNanos();
        idle.reset();
        while (!link.isIngressConnected())
        {
            if (System.nanoTime() > deadline)
            {
                throw new GavelClientException("no engine is listening on " + context.ingressChannel + " stream " +
                    context.ingressStream);
            }
            idle.idle();
        }
        String responseChannel = context.responseChannel != null ? context.responseChannel : "aeron:ipc";
        if (responseChannel.startsWith("aeron:udp") || (context.responseChannel == null &&
            !context.ingressChannel.startsWith("aeron:ipc")))
        {
            String resolved = null;
            while ((resolved = link.tryResolveResponseEndpoint()) == null && System.nanoTime() < deadline)
            {
                idle.idle();
            }
            if (resolved == null)
            {
                throw new GavelClientException("could not open a response port");
            }
            responseChannel = resolved;
        }
        final long correlationId = GavelClient.nextCorrelationId();
        encoder.connect(correlationId, context.responseStream, responseChannel, context.token);
        link.send(correlationId);
        final Response answer = client.await(correlationId, context.timeout);
        if (answer == null)
        {
            throw new GavelClientException("the engine did not answer the connect within " + context.timeout);
        }
        if (!answer.accepted())
        {
            throw new GavelClientException("connect refused: " + answer.reason());
        }
        link.connected();
    }
}
