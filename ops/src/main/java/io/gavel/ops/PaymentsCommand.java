package io.gavel.ops;

import io.gavel.settlement.FakePaymentServer;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code gavel payments fake}: a Stripe-like payments provider on 127.0.0.1 for demos and tests.
 */
@Command(name = "payments", mixinStandardHelpOptions = true, description = "Payments provider tools.",
    subcommands = {PaymentsCommand.Fake.class})
final class PaymentsCommand implements Runnable
{
    public void run()
    {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
            "name a subcommand: gavel payments fake");
    }

    @Command(name = "fake", mixinStandardHelpOptions = true,
        description = "Runs a fake payments provider on 127.0.0.1 (POST /v1/payment_intents with Idempotency-Key; " +
            "GET /ledger lists every charge) until stopped.")
    static final class Fake implements Callable<Integer>
    {
        @Option(names = "--port", defaultValue = "8470", paramLabel = "P", description = "Port (default 8470)")
        int port;

        @Option(names = "--decline", split = ",", paramLabel = "PM1,PM2",
            description = "Payment methods whose charges are declined (402 card_declined)")
        List<String> decline = List.of();

        @Option(names = "--flaky", defaultValue = "0", paramLabel = "RATE",
            description = "Share (0..1) of undecided attempts that fail transiently (503, or 500 after charging)")
        double flaky;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the flakiness")
        long seed;

        @Option(names = "--ledger", paramLabel = "FILE",
            description = "Also append every charge to this file, forced to disk")
        Path ledger;

        public Integer call() throws Exception
        {
            if (port < 0 || port > 65_535)
            {
                throw new IllegalArgumentException("--port must be 0..65535, not " + port);
            }
            try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
                FakePaymentServer server = new FakePaymentServer(port, new LinkedHashSet<>(decline), flaky, seed,
                    ledger))
            {
                System.out.println("fake payments provider on http://127.0.0.1:" + server.port() +
                    " (declining " + decline + ", flaky " + flaky + ")");
                System.out.flush();
                barrier.await();
            }
            return GavelMain.EXIT_OK;
        }
    }
}
