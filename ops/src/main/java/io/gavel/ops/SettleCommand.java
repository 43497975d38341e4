package io.gavel.ops;

import io.gavel.client.GavelListener;
import io.gavel.gateway.EngineConfig;
import io.gavel.sbe.Role;
import io.gavel.settlement.ClientEngineLink;
import io.gavel.settlement.HttpPaymentProvider;
import io.gavel.settlement.RetryPolicy;
import io.gavel.settlement.SettlementBook;
import io.gavel.settlement.SettlementService;
import io.gavel.settlement.SettlementStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code gavel settle -c FILE}: the settlement service (docs/SETTLEMENT.md); {@code gavel settle status -c FILE}.
 */
@Command(name = "settle", mixinStandardHelpOptions = true,
    description = "Charges every winner's payment method exactly once (from the journal, through the payments " +
        "provider) and reports each outcome to the engine; runs until stopped (SIGTERM).",
    subcommands = {SettleCommand.Status.class})
final class SettleCommand implements Callable<Integer>
{
    @Mixin
    ClientOptions client;

    public Integer call()
    {
        client.role = Role.SETTLEMENT;
        final EngineConfig config = client.config();
        if (client.token == null)
        {
            client.principal = config.getInt("gavel.settlement.principal");
        }
        final Path checkpoint = Paths.get(config.get("gavel.settlement.checkpoint"));
        final HttpPaymentProvider provider = new HttpPaymentProvider(config.get("gavel.settlement.provider.url"),
            config.get("gavel.settlement.provider.key"),
            Duration.ofMillis(config.getInt("gavel.settlement.request.timeout.ms")));
        final RetryPolicy retry = new RetryPolicy(
            Duration.ofMillis(config.getInt("gavel.settlement.retry.deadline.ms")),
            Duration.ofMillis(config.getInt("gavel.settlement.retry.backoff.ms")), Duration.ofSeconds(5));
        final AtomicBoolean stop = new AtomicBoolean();
        final Thread main = Thread.currentThread();
        try (ClientOptions.Session session = client.connectEngine(new GavelListener() {}, "gavel settle"))
        {
            final SettlementService service = new SettlementService(config.journalDir(), checkpoint, provider,
                new ClientEngineLink(session.engine(), session.timeout), retry, session.engine()::poll);
            Runtime.getRuntime().addShutdownHook(new Thread(() ->
            {
                stop.set(true);
                try
                {
                    main.join(10_000);
                }
                catch (final InterruptedException ignored)
                {
                    Thread.currentThread().interrupt();
                }
            }));
            System.out.println("settlement running");
            System.out.println("  journal    " + config.journalDir());
            System.out.println("  checkpoint " + checkpoint.toAbsolutePath());
            System.out.println("  provider   " + config.get("gavel.settlement.provider.url"));
            System.out.flush();
            service.run(stop::get);
            System.out.println("settlement stopped");
        }
        return GavelMain.EXIT_OK;
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
        description = "Sales awaiting a charge, being charged, paid, failed and passed down, from settle's checkpoint.")
    static final class Status implements Callable<Integer>
    {
        @Mixin
        ConfigOptions configOptions;

        public Integer call()
        {
            final Path checkpoint = Paths.get(configOptions.load().get("gavel.settlement.checkpoint"));
            if (!checkpoint.toFile().exists())
            {
                System.err.println("gavel: no settlement checkpoint at " + checkpoint.toAbsolutePath() +
                    " (has 'gavel settle' run with this configuration?)");
                return GavelMain.EXIT_FAILED;
            }
            SettlementStatus.print(SettlementBook.load(checkpoint), System.out);
            return GavelMain.EXIT_OK;
        }
    }
}
