package io.gavel.ops;

import io.aeron.Aeron;
import io.gavel.gateway.EngineConfig;
import io.gavel.web.WebGateway;
import org.agrona.CloseHelper;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code gavel web --config FILE}: the browser edge in front of a running engine, a cluster (gavel.cluster.hosts) or
 * the shards of a directory (gavel.shard.directory) (docs/WEB.md).
 */
@Command(name = "web", mixinStandardHelpOptions = true,
    description = "Serves the bidder pages (/auctions/{id}) and the clerk console (/clerk/{id}) and bridges browsers " +
        "to a running engine over Aeron: one engine session (role EDGE) for every bidder whose signed token it " +
        "checked, one subscription to the public stream shared by every socket. With gavel.cluster.hosts set it " +
        "fronts that cluster and follows its leader; with gavel.shard.directory set, the shards of that directory, " +
        "each browser routed by its auction id. Settings: gavel.web.* in the same configuration file as the engine " +
        "or the cluster's clients. Runs until SIGINT or SIGTERM.")
final class WebCommand implements Callable<Integer>
{
    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--driver-timeout", defaultValue = "10", paramLabel = "SECONDS",
        description = "How long to wait for the media driver to come up (default 10)")
    int driverTimeoutSeconds;

    public Integer call()
    {
        final java.util.Properties properties = configOptions.properties();
        final EngineConfig config = EngineConfig.load(properties);
        // A bad engine, cluster or shard configuration is refused before waiting for any driver.
        WebGateway.checkConfiguration(properties);
        final String aeronDir = config.aeronDir().isEmpty() ? io.aeron.CommonContext.getAeronDirectoryName() :
            config.aeronDir();
        if (!MediaDriverWait.await(aeronDir, Duration.ofSeconds(Math.max(0, driverTimeoutSeconds))))
        {
            throw new EnvironmentException("no media driver at " + aeronDir + " (start one with 'gavel driver')");
        }
        final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
        final WebGateway web;
        try
        {
            web = WebGateway.start(properties, aeron);
        }
        catch (final io.gavel.client.GavelClientException ex)
        {
            CloseHelper.quietClose(aeron);
            final String which = io.gavel.cluster.ClusterConfig.load(properties).shardDirectory().isEmpty() ?
                (io.gavel.cluster.ClusterConfig.namesCluster(properties) ? "the cluster" : "the engine") :
                "a shard";
            final String hint = switch (which)
            {
                case "the engine" -> "is 'gavel engine' running";
                case "the cluster" -> "are its members running";
                default -> "is that shard's engine or cluster running";
            };
            throw new EnvironmentException(which + " did not accept the web edge: " + ex.getMessage() + " (" + hint +
                ", with the same gavel.token.secret?)");
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(aeron);
            throw ex;
        }
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier())
        {
            final String base = "http://" + config.get("gavel.web.host") + ":" + web.port();
            System.out.println("web edge running on " + base + ", in front of " + web.upstream());
            System.out.println("  bidder page   " + base + "/auctions/{auctionId}#token=TOKEN");
            System.out.println("  clerk console " + base + "/clerk/{auctionId}#token=TOKEN");
            System.out.println("  tokens: gavel token issue (BIDDER for bidders; CLERK, AUCTIONEER or ADMIN for the " +
                "console)");
            System.out.flush();
            barrier.await();
            CloseHelper.quietCloseAll(web, aeron);
            System.out.println("web edge stopped: dropped " + web.counters().slowDropped.get() + " slow sockets, " +
                "refused " + web.counters().originRefused.get() + " origins and " +
                web.counters().tokenRefused.get() + " tokens");
        }
        return GavelMain.EXIT_OK;
    }
}
