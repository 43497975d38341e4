package io.gavel.web;

import io.gavel.gateway.EngineConfig;

import java.util.LinkedHashSet;
import java.util.Set;

/** The web edge's settings, read once from the one configuration file (docs/CONFIGURATION.md, gavel.web.*). */
final class WebSettings
{
    final EngineConfig config;
    final String host;
    final int port;
    final String secret;
    final long edgeId;
    final int maxFrameBytes;
    final double rate;
    final double burst;
    final int maxPending;
    final int maxSockets;
    final int sendBuffer;
    private final String origins;

    WebSettings(final EngineConfig config)
    {
        this.config = config;
        host = config.get("gavel.web.host");
        port = config.getInt("gavel.web.port");
        secret = config.tokenSecret();
        if (secret.isEmpty())
        {
            throw new IllegalArgumentException("setting 'gavel.token.secret' is required: the edge checks browser " +
                "tokens with it");
        }
        edgeId = config.getInt("gavel.web.edge.id");
        maxFrameBytes = config.getInt("gavel.web.max.frame.bytes");
        rate = config.getInt("gavel.web.socket.rate");
        burst = Math.max(1, config.getInt("gavel.web.socket.burst"));
        maxPending = config.getInt("gavel.web.socket.max.pending");
        maxSockets = config.getInt("gavel.web.max.sockets");
        sendBuffer = config.getInt("gavel.web.socket.send.buffer");
        origins = config.get("gavel.web.allowed.origins");
    }

    /** Origins a socket may come from: the configured ones, else the edge's own address. */
    Set<String> allowedOrigins(final int boundPort)
    {
        final Set<String> allowed = new LinkedHashSet<>();
        if (origins.isBlank())
        {
            allowed.add("http://" + host + ":" + boundPort);
            allowed.add("http://localhost:" + boundPort);
            allowed.add("http://127.0.0.1:" + boundPort);
        }
        else
        {
            for (final String origin : origins.split(","))
            {
                allowed.add(origin.trim());
            }
        }
        return allowed;
    }
}
