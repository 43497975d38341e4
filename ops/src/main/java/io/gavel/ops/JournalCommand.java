package io.gavel.ops;

import io.gavel.journal.CheckpointLog;
import io.gavel.journal.CheckpointVerifier;
import io.gavel.journal.Ed25519Keys;
import io.gavel.journal.JournalLayout;
import io.gavel.replay.journal.JournalAudit;
import io.gavel.replay.journal.JournalCheckpoints;
import io.gavel.replay.journal.JournalStats;
import io.gavel.replay.journal.JournalTail;
import io.gavel.replay.journal.JournalVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code gavel journal verify|audit|tail|stats|checkpoints DIR} and {@code gavel journal keygen}.
 */
@Command(
    name = "journal",
    mixinStandardHelpOptions = true,
    description = "Reads an engine's journal: verify it (and its signed checkpoints), audit an auction, tail it, " +
        "count it, export its checkpoints; creates the key pair that signs checkpoints. These read-only tools work " +
        "on a journal an engine is writing.",
    subcommands = {
        JournalCommand.Verify.class,
        JournalCommand.Audit.class,
        JournalCommand.Tail.class,
        JournalCommand.Stats.class,
        JournalCommand.Checkpoints.class,
        JournalCommand.Keygen.class
    })
final class JournalCommand implements Runnable
{
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    public void run()
    {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Checks the hash chain, replays every command into a fresh core (with the settings the " +
            "journal records) and compares every emitted event with the journaled one, byte for byte. With " +
            "--public-key, also checks every signed checkpoint against that key and that they cover every record. " +
            "Prints a summary and 'verified' (exit 0), or the first failing record or checkpoint and why (exit 1).")
    static final class Verify implements Callable<Integer>
    {
        @Parameters(paramLabel = "DIR", description = "The journal directory")
        Path dir;

        @Option(names = "--public-key", paramLabel = "FILE",
            description = "The house's Ed25519 public key (PEM, from 'gavel journal keygen'): check the checkpoints")
        Path publicKey;

        public Integer call()
        {
            final boolean terminal = System.console() != null;
            final long started = System.nanoTime();
            final JournalVerifier.Report report = JournalVerifier.verify(dir, terminal ?
                records -> System.err.print("\rverifying: " + records + " records") : null);
            if (terminal)
            {
                System.err.print("\r\033[K");
            }
            final double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("records   %d (%d commands, %d events)%n", report.records, report.commands,
                report.events);
            System.out.printf("auctions  %d, lots %d%n", report.auctions, report.lots);
            if (report.records > 0)
            {
                System.out.printf("span      %s .. %s%n", java.time.Instant.ofEpochSecond(0, report.firstTime),
                    java.time.Instant.ofEpochSecond(0, report.lastTime));
            }
            System.out.printf("speed     %.0f records/s%n", report.records / Math.max(seconds, 1e-9));
            System.out.printf("settings  gavel.correlation.window=%d (%d settings records)%n",
                report.correlationWindow, report.settings);
            if (!report.verified())
            {
                System.out.println("FAILED at record " + report.failedRecord + ": " + report.failure);
                return GavelMain.EXIT_FAILED;
            }
            final JournalLayout layout = JournalLayout.openExisting(dir);
            if (publicKey == null)
            {
                final int logged = CheckpointLog.lines(layout).size();
                System.out.println("checkpoints " + (logged == 0 ? "none" : logged + " in " + CheckpointLog.FILE +
                    ", signatures not checked (give --public-key FILE)"));
                System.out.println("verified");
                return GavelMain.EXIT_OK;
            }
            final java.security.PublicKey key = Ed25519Keys.readPublic(publicKey);
            final CheckpointVerifier.Report checkpoints = CheckpointVerifier.verify(layout, key);
            System.out.printf("checkpoints %d, key %s: records 1..%d covered by valid signatures%s%n",
                checkpoints.checkpoints, Ed25519Keys.fingerprint(key), checkpoints.covered,
                checkpoints.covered < checkpoints.records ? ", " + (checkpoints.covered + 1) + ".." +
                checkpoints.records + " not covered" : "");
            if (checkpoints.verified())
            {
                System.out.println("verified");
                return GavelMain.EXIT_OK;
            }
            System.out.println("FAILED checkpoints: " + checkpoints.failure);
            return GavelMain.EXIT_FAILED;
        }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true,
        description = "The whole ordered history of an auction: every command with who (principal, role, " +
            "session), the client's correlation id, what, when, its sequence and outcome, and every event.")
    static final class Audit implements Callable<Integer>
    {
        @Parameters(paramLabel = "DIR", description = "The journal directory")
        Path dir;

        @Option(names = "--auction", required = true, paramLabel = "A", description = "The auction id")
        long auction;

        @Option(names = "--lot", paramLabel = "L", description = "Only this lot (and auction-wide commands)")
        long lot;

        @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (default), csv or json")
        JournalAudit.Format format;

        public Integer call()
        {
            if (auction <= 0 || lot < 0)
            {
                throw new IllegalArgumentException("--auction and --lot must be positive ids");
            }
            final long printed = JournalAudit.run(dir, auction, lot, format, System.out);
            if (printed == 0)
            {
                System.err.println("gavel: nothing in " + dir + " concerns auction " + auction +
                    (lot == 0 ? "" : " lot " + lot));
                return GavelMain.EXIT_FAILED;
            }
            return GavelMain.EXIT_OK;
        }
    }

    @Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Decodes records as they arrive; with --follow, waits for more until interrupted.")
    static final class Tail implements Callable<Integer>
    {
        @Parameters(paramLabel = "DIR", description = "The journal directory")
        Path dir;

        @Option(names = {"-f", "--follow"}, description = "Keep reading new records until Ctrl-C")
        boolean follow;

        public Integer call()
        {
            final AtomicBoolean stopped = new AtomicBoolean();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopped.set(true)));
            JournalTail.run(dir, follow, stopped::get, System.out);
            return GavelMain.EXIT_OK;
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true, description = "Counts and sizes of a journal.")
    static final class Stats implements Callable<Integer>
    {
        @Parameters(paramLabel = "DIR", description = "The journal directory")
        Path dir;

        public Integer call()
        {
            JournalStats.run(dir, System.out);
            return GavelMain.EXIT_OK;
        }
    }

    @Command(name = "checkpoints", mixinStandardHelpOptions = true, description = "Exports the journal's signed checkpoints for the house's auditor, who keeps them apart from the journal: " +
        "text (the log's own signed lines), csv or json.")
    static final class Checkpoints implements Callable<Integer>
    {
        @Parameters(paramLabel = "DIR", description = "The journal directory")
        Path dir;

        @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (default), csv or json")
        JournalAudit.Format format;

        public Integer call()
        {
            if (JournalCheckpoints.run(dir, format, System.out) == 0)
            {
                System.err.println("gavel: " + dir + " has no signed checkpoints (the engine signs them when " +
                    "gavel.checkpoint.key is set)");
                return GavelMain.EXIT_FAILED;
            }
            return GavelMain.EXIT_OK;
        }
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true, description = "Creates the Ed25519 key pair that signs journal checkpoints: the private key (for the engine's " +
        "gavel.checkpoint.key, readable by its owner only) and the public key (for the auditor's " +
        "'journal verify --public-key'). Keep both outside the journal directory. Never overwrites a file.")
    static final class Keygen implements Callable<Integer>
    {
        @Option(names = "--private", required = true, paramLabel = "FILE", description = "Private key file to create")
        Path privateKey;

        @Option(names = "--public", required = true, paramLabel = "FILE", description = "Public key file to create")
        Path publicKey;

        public Integer call()
        {
            final java.security.KeyPair pair = Ed25519Keys.generate(privateKey, publicKey);
            System.out.println("key " + Ed25519Keys.fingerprint(pair.getPublic()) + ": private " + privateKey +
                ", public " + publicKey);
            return GavelMain.EXIT_OK;
        }
    }
}
