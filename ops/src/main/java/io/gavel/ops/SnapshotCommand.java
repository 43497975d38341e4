package io.gavel.ops;

import io.gavel.client.GavelListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * {@code gavel snapshot}: asks a running engine to write a snapshot now.
 */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
    description = "Asks a running engine to write a snapshot of its state now (into the journal's snapshots/).")
final class SnapshotCommand implements Callable<Integer>
{
    @Mixin
    ClientOptions client;

    public Integer call()
    {
        try (ClientOptions.Session session = client.connectEngine(new GavelListener() {}, "gavel snapshot"))
        {
            final long sequence = session.expectAccepted(session.engine().takeSnapshot(), "snapshot").engineSequence();
            // With gavel.snapshot.thread=replica (the default) the file follows as soon as the replica reaches it.
            System.out.println("snapshot at engine sequence " + sequence + " (in the journal's snapshots/)");
        }
        return GavelMain.EXIT_OK;
    }
}
