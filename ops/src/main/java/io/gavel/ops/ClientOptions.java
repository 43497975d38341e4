package io.gavel.ops;

import io.aeron.Aeron;
import io.aeron.exceptions.DriverTimeoutException;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelCommands;
import io.gavel.client.GavelClientException;
import io.gavel.client.GavelListener;
import io.gavel.client.Response;
import io.gavel.gateway.EngineConfig;
import io.gavel.gateway.SessionToken;
import io.gavel.sbe.Role;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.time.Duration;

/**
 * How a command-line client reaches a running engine and who it is: the engine's configuration, then either a
 * ready token or a principal and role to sign one for with the configured secret (operators on the engine's host).
 */
final class ClientOptions
{
    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--token", paramLabel = "TOKEN", description = "A signed session token to connect with")
    String token;

    @Option(names = "--principal", paramLabel = "ID", defaultValue = "1",
        description = "Principal to sign a token for when no --token is given (default 1)")
    long principal;

    @Option(names = "--role", paramLabel = "ROLE", defaultValue = "ADMIN",
        description = "Role to sign a token for: BIDDER, CLERK, AUCTIONEER, ADMIN, SETTLEMENT (default ADMIN)")
    Role role;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
        description = "How long to wait for the engine (default 5)")
    int timeoutSeconds;

    /** A connected session: call {@link #close()} when done. */
    static final class Session implements AutoCloseable
    {
        /** The engine session's own Aeron client; null for a cluster client, which owns its connection. */
        final Aeron aeron;
        final GavelCommands client;
        final Duration timeout;

        Session(final Aeron aeron, final GavelCommands client, final Duration timeout)
        {
            this.aeron = aeron;
            this.client = client;
            this.timeout = timeout;
        }

        /** The single engine's own client, for commands only an engine has (sessions of {@link #connectEngine}). */
        GavelClient engine()
        {
            return (GavelClient)client;
        }

        /** Waits for the answer; a rejection or silence becomes a one-line failure. */
        Response expectAccepted(final long correlationId, final String what)
        {
            final Response response = client.await(correlationId, timeout);
            if (response == null)
            {
                throw new CommandFailedException("the " + (aeron == null ? "cluster" : "engine") + " did not answer " +
                    what + " within " + timeout);
            }
            if (!response.accepted())
            {
                final String context = response.lotContext();
                throw new CommandFailedException(what + " rejected: " + response.reason() +
                    (context.isEmpty() ? "" : ", " + context));
            }
            return response;
        }

        public void close()
        {
            client.close();
            if (aeron != null)
            {
                aeron.close();
            }
        }
    }

    Session connect(final GavelListener listener)
    {
        return connect(listener, false);
    }

    /**
     * A session with a single engine, for a command the cluster does not take ({@code what}, e.g. "gavel snapshot");
     * refused by name when the configuration names a cluster.
     */
    Session connectEngine(final GavelListener listener, final String what)
    {
        if (namesCluster())
        {
            throw new CommandFailedException(what + " talks to a single engine, and this configuration names a " +
                "cluster (gavel.cluster.hosts); see docs/CLUSTER.md (a cluster snapshot: gavel cluster snapshot)");
        }
        return connect(listener, false);
    }

    /** Whether the configuration names a cluster (gavel.cluster.hosts): client commands then talk to its leader. */
    boolean namesCluster()
    {
        return io.gavel.cluster.ClusterConfig.namesCluster(configOptions.properties());
    }

    /**
     * A client of the cluster the configuration names, through the local media driver (gavel.aeron.dir); it follows
     * the leader and resends unanswered commands with their correlation ids (docs/CLUSTER.md).
     */
    io.gavel.cluster.client.ClusterGavelClient connectCluster()
    {
        return connectCluster(new GavelListener() {});
    }

    /** As {@link #connectCluster()}, every frame the cluster sends this session decoded to {@code listener}. */
    io.gavel.cluster.client.ClusterGavelClient connectCluster(final GavelListener listener)
    {
        final java.util.Properties properties = configOptions.properties();
        final EngineConfig config = EngineConfig.load(properties);
        final io.gavel.cluster.ClusterConfig cluster = io.gavel.cluster.ClusterConfig.load(properties);
        final Duration timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
        final String aeronDir = config.aeronDir().isEmpty() ?
            io.aeron.CommonContext.getAeronDirectoryName() : config.aeronDir();
        if (!MediaDriverWait.await(aeronDir, timeout))
        {
            throw new EnvironmentException("no media driver at " + aeronDir +
                " (start one with 'gavel driver', or set gavel.aeron.dir)");
        }
        final io.gavel.protocol.EventDecoder decoder = new io.gavel.protocol.EventDecoder();
        try
        {
            return io.gavel.cluster.client.ClusterGavelClient.connect(
                new io.gavel.cluster.client.ClusterGavelClient.Context().cluster(cluster).aeronDirectory(aeronDir)
                    .token(sessionToken(config)).timeout(timeout)
                    .frameListener((buffer, offset, length) -> decoder.decode(buffer, offset, length, listener)));
        }
        catch (final GavelClientException ex)
        {
            throw new CommandFailedException(ex.getMessage());
        }
    }

    private String sessionToken(final EngineConfig config)
    {
        if (token != null)
        {
            return token;
        }
        if (config.tokenSecret().isEmpty())
        {
            throw new IllegalArgumentException("no --token given and gavel.token.secret is not configured");
        }
        return SessionToken.issue(config.tokenSecret(), principal, role, System.currentTimeMillis() + 3_600_000);
    }

    /** The configuration the session connects with. */
    EngineConfig config()
    {
        return configOptions.load();
    }

    /**
     * A session; with {@code marketData}, also subscribed to the public stream and waiting until it is connected, so
     * the events the session's own commands cause are seen (a late joiner gets no history).
     */
    Session connect(final GavelListener listener, final boolean marketData)
    {
        if (namesCluster())
        {
            // The cluster sends public lot events on every session's egress: market data needs nothing more.
            return new Session(null, connectCluster(listener), Duration.ofSeconds(Math.max(1, timeoutSeconds)));
        }
        final EngineConfig config = configOptions.load();
        final Duration timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
        final String sessionToken;
        if (token != null)
        {
            sessionToken = token;
        }
        else
        {
            if (config.tokenSecret().isEmpty())
            {
                throw new IllegalArgumentException("no --token given and gavel.token.secret is not configured");
            }
            sessionToken = SessionToken.issue(config.tokenSecret(), principal, role,
                System.currentTimeMillis() + 3_600_000);
        }
        final Aeron.Context context = new Aeron.Context().driverTimeoutMs(timeout.toMillis());
        if (!config.aeronDir().isEmpty())
        {
            context.aeronDirectoryName(config.aeronDir());
        }
        if (!MediaDriverWait.await(context.aeronDirectoryName(), timeout))
        {
            throw new EnvironmentException("no media driver at " + context.aeronDirectoryName() +
                " (start one with 'gavel driver', or set gavel.aeron.dir)");
        }
        final Aeron aeron;
        try
        {
            aeron = Aeron.connect(context);
        }
        catch (final DriverTimeoutException ex)
        {
            throw new EnvironmentException("the media driver at " + context.aeronDirectoryName() +
                " is not running (start one with 'gavel driver')");
        }
        try
        {
            final GavelClient client = GavelClient.connect(new GavelClient.Context()
                .aeron(aeron)
                .ingress(config.ingressChannel(), config.ingressStream())
                .publicStream(config.publicChannel(), config.publicStream())
                .subscribePublic(marketData)
                .token(sessionToken)
                .listener(listener)
                .timeout(timeout));
            if (marketData && !client.pollUntil(client::isPublicConnected, timeout))
            {
                client.close();
                aeron.close();
                throw new CommandFailedException("no market data from the engine on " + config.publicChannel() +
                    " stream " + config.publicStream() + " within " + timeout);
            }
            return new Session(aeron, client, timeout);
        }
        catch (final GavelClientException ex)
        {
            aeron.close();
            throw new CommandFailedException(ex.getMessage().startsWith("no engine") ?
                ex.getMessage() + " (is 'gavel engine' running?)" : ex.getMessage());
        }
    }
}
