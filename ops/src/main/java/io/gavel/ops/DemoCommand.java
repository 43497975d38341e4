package io.gavel.ops;

import io.gavel.ops.demo.DemoSale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code gavel demo}: a small sale, end to end, in one JVM.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Runs a small sale in one JVM: an embedded media driver, an engine, and simulated bidders and a " +
        "clerk as real Aeron clients. A live lot is sold at the ask ladder, a timed lot closes by its " +
        "deadline. Prints each accepted bid and each lot's result, and where the journal is.")
final class DemoCommand implements Callable<Integer>
{
    enum Transport
    {
        ipc, udp, multicast
    }

    @Option(names = "--transport", defaultValue = "ipc",
        description = "ipc (default), udp (unicast on 127.0.0.1) or multicast (224.0.1.1 on the loopback " +
            "interface: run it inside a private network namespace, e.g. unshare -n)")
    Transport transport;

    @Option(names = "--journal", paramLabel = "DIR",
        description = "Journal directory (new or empty); default: a new temporary directory")
    Path journal;

    @Option(names = "--timed-seconds", defaultValue = "3", paramLabel = "SECONDS",
        description = "How long the timed lot runs before its soft close (default 3)")
    int timedSeconds;

    @Option(names = "--web", description = "Serve the bidder pages and clerk console (docs/WEB.md), print their " +
        "addresses with tokens, and run a live sale at a pace a person can follow, until Ctrl-C")
    boolean web;

    @Option(names = "--port", defaultValue = "8080", description = "With --web: the HTTP port (default 8080)")
    int port;

    @Option(names = "--pace", defaultValue = "1.5", paramLabel = "SECONDS",
        description = "With --web: seconds between the room's actions (default 1.5)")
    double pace;

    public Integer call() throws Exception
    {
        if (web)
        {
            return new io.gavel.ops.demo.WebDemo(System.out, port, pace).run();
        }
        if (timedSeconds < 1 || timedSeconds > 600)
        {
            throw new IllegalArgumentException("--timed-seconds must be between 1 and 600");
        }
        return new DemoSale(System.out, transport.name(), journal, timedSeconds).run();
    }
}
