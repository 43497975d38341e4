package io.gavel.web;

import io.aeron.Aeron;
import io.gavel.gateway.EngineConfig;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

import java.time.Duration;
import java.util.Properties;
import java.util.Set;

/**
 * The web edge ({@code gavel web}): Jetty 12 serving the pages and one WebSocket endpoint, {@code /ws}, bridged by
 * an {@link EdgeBridge} to one engine, a cluster, or the shards of a directory. A socket from an origin not allowed is refused (403) before the upgrade;
 * a message larger than {@code gavel.web.max.frame.bytes} closes that socket (1009).
 */
public final class WebGateway implements AutoCloseable
{
    private final Server server;
    private final EdgeBridge bridge;
    private final int port;
    private final String upstream;

    private WebGateway(final Server server, final EdgeBridge bridge, final int port, final String upstream)
    {
        this.server = server;
        this.bridge = bridge;
        this.port = port;
        this.upstream = upstream;
    }

    /** What the edge is connected to: "engine", "cluster", or its shards ("shard east (engine), ..."). */
    public String upstream()
    {
        return upstream;
    }

    /**
     * Starts the edge on {@code gavel.web.host}:{@code gavel.web.port} (0 = any free port) against one running engine,
     * through {@code aeron} (not closed here).
     */
    public static WebGateway start(final EngineConfig config, final Aeron aeron)
    {
        return start(new WebSettings(config), Upstreams.engine(config, aeron));
    }

    /**
     * Starts the edge against what the configuration names (docs/WEB.md, "Engine, cluster or shards"): a shard
     * directory ({@code gavel.shard.directory}: each browser's commands and events go to its auction's shard), else a
     * cluster ({@code gavel.cluster.hosts}: the edge follows its leader), else one engine. {@code aeron} is the
     * edge's client of the local media driver (not closed here).
     *
     * @throws IllegalArgumentException for a configuration that names no usable engine, cluster or shards.
     */
    public static WebGateway start(final Properties configuration, final Aeron aeron)
    {
        final EngineConfig config = EngineConfig.load(configuration);
        final WebSettings settings = new WebSettings(config);
        return start(settings, Upstreams.from(configuration, config, aeron));
    }

    /**
     * Checks what the configuration names (engine, cluster or shard directory) and the edge's own settings without
     * connecting to anything, so a command line can refuse a bad file before it waits for a media driver.
     *
     * @throws IllegalArgumentException naming what is wrong and what to fix.
     */
    public static void checkConfiguration(final Properties configuration)
    {
        new WebSettings(EngineConfig.load(configuration));
        Upstreams.check(configuration);
    }

    private static WebGateway start(final WebSettings settings, final Upstreams upstreams)
    {
        final EdgeBridge bridge;
        try
        {
            bridge = new EdgeBridge(settings, upstreams);
        }
        catch (final RuntimeException ex)
        {
            upstreams.close();
            throw ex;
        }
        final String describe = upstreams.describe();
        final Server server = new Server();
        final ServerConnector connector = new ServerConnector(server);
        connector.setHost(settings.host);
        connector.setPort(settings.port);
        if (settings.sendBuffer > 0)
        {
            connector.setAcceptedSendBufferSize(settings.sendBuffer);
        }
        server.addConnector(connector);
        final OriginCheck origins = new OriginCheck();
        final WebSocketUpgradeHandler sockets = WebSocketUpgradeHandler.from(server, container ->
        {
            container.setMaxTextMessageSize(settings.maxFrameBytes);
            container.setMaxBinaryMessageSize(settings.maxFrameBytes);
            container.setIdleTimeout(Duration.ofMinutes(10));
            container.addMapping("/ws", (request, response, callback) ->
            {
                final String origin = request.getHeaders().get("Origin");
                if (origin == null || !origins.allowed.contains(origin))
                {
                    bridge.counters.originRefused.incrementAndGet();
                    org.eclipse.jetty.server.Response.writeError(request, response, callback, 403,
                        "origin " + origin + " is not allowed (gavel.web.allowed.origins)");
                    return null;
                }
                return new BrowserSocket(bridge, settings);
            });
        });
        sockets.setHandler(new PagesHandler());
        server.setHandler(sockets);
        try
        {
            server.start();
        }
        catch (final Exception ex)
        {
            bridge.close();
            throw new IllegalStateException("the web edge cannot listen on " + settings.host + ":" + settings.port +
                ": " + ex.getMessage(), ex);
        }
        final int bound = connector.getLocalPort();
        origins.allowed = settings.allowedOrigins(bound);
        return new WebGateway(server, bridge, bound, describe);
    }

    /** Set once the port is known (port 0 picks one). */
    private static final class OriginCheck
    {
        volatile Set<String> allowed = Set.of();
    }

    public int port()
    {
        return port;
    }

    public EdgeCounters counters()
    {
        return bridge.counters;
    }

    /** For `gavel perf web`: told the event sequence of each public event as it leaves for the sockets. */
    public void onFanOut(final java.util.function.LongConsumer hook)
    {
        bridge.onFanOut(hook);
    }

    public void close()
    {
        try
        {
            server.stop();
        }
        catch (final Exception ignored)
        {
            // Stopping: nothing left to serve.
        }
        bridge.close();
    }
}
