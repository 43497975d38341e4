package io.gavel.ops;

import io.gavel.journal.CheckpointLog;
import io.gavel.journal.CheckpointSigner;
import io.gavel.journal.Ed25519Keys;
import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalSettings;
import io.gavel.journal.JournalWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code gavel journal keygen}, {@code journal checkpoints} and {@code journal verify --public-key} as an auditor
 * uses them: a signed journal verifies; a checkpoint altered or re-signed with another key fails with the
 * checkpoint named and exit 1; bad key files are one-line errors.
 */
@Timeout(60)
class JournalCheckpointCommandsTest
{
    @TempDir
    Path dir;

    @Test
    void keygenSignVerifyExportAndTamper() throws Exception
    {
        final String privateKey = dir.resolve("house.key").toString();
        final String publicKey = dir.resolve("house.pub").toString();
        final CommandLineErrorsTest.Outcome keygen = CommandLineErrorsTest.gavel("journal", "keygen", "--private",
            privateKey, "--public", publicKey);
        assertEquals(0, keygen.exit(), keygen.toString());
        assertTrue(keygen.out().matches("key [0-9a-f]{16}: private .*\\n"), keygen.out());
        assertEquals(2, CommandLineErrorsTest.gavel("journal", "keygen", "--private", privateKey, "--public",
            dir.resolve("other.pub").toString()).exit(), "a key file is never overwritten");

        // A journal holding only settings records: each engine start writes one.
        final JournalLayout layout = JournalLayout.createOrOpen(dir.resolve("journal"));
        try (JournalWriter writer = JournalWriter.open(layout))
        {
            for (int start = 1; start <= 5; start++)
            {
                new JournalSettings(64).append(writer, start);
            }
        }
        CheckpointSigner.start(layout, Ed25519Keys.readPrivate(Path.of(privateKey)), 2, 1, TimeUnit.HOURS,
            error -> fail(error)).close();
        final String journal = layout.root().toString();

        final CommandLineErrorsTest.Outcome verified = CommandLineErrorsTest.gavel("journal", "verify", journal,
            "--public-key", publicKey);
        assertEquals(0, verified.exit(), verified.toString());
        assertTrue(verified.out().contains("settings  gavel.correlation.window=64 (5 settings records)"),
            verified.out());
        assertTrue(verified.out().contains("checkpoints 3, key " + keygen.out().substring(4, 20) +
            ": records 1..5 covered by valid signatures\nverified\n"), verified.out());
        final CommandLineErrorsTest.Outcome unchecked = CommandLineErrorsTest.gavel("journal", "verify", journal);
        assertTrue(unchecked.out().contains("checkpoints 3 in checkpoints.log, signatures not checked (give " +
            "--public-key FILE)"), unchecked.out());

        final CommandLineErrorsTest.Outcome text = CommandLineErrorsTest.gavel("journal", "checkpoints", journal);
        assertEquals(Files.readString(CheckpointLog.file(layout)), text.out());
        final CommandLineErrorsTest.Outcome csv = CommandLineErrorsTest.gavel("journal", "checkpoints", journal,
            "--format", "csv");
        assertEquals(4, csv.out().lines().count(), csv.out());
        assertTrue(csv.out().lines().skip(1).allMatch(l -> l.matches("\\d,\\d,\\d,[^,]+,[0-9a-f]{16},.*")),
            csv.out());

        // Altered: checkpoint 2 now claims another chain head.
        final List<String> lines = Files.readAllLines(CheckpointLog.file(layout));
        final String original = lines.get(1);
        lines.set(1, original.replaceFirst("chain=[0-9a-f]{16}", "chain=0000000000000000"));
        Files.write(CheckpointLog.file(layout), lines);
        final CommandLineErrorsTest.Outcome altered = CommandLineErrorsTest.gavel("journal", "verify", journal,
            "--public-key", publicKey);
        assertEquals(1, altered.exit(), altered.toString());
        assertTrue(altered.out().contains("checkpoints 3, key " + keygen.out().substring(4, 20) + ": records 1..2 " +
            "covered by valid signatures, 3..5 not covered\nFAILED checkpoints: checkpoint 2 (records 3..4) has an " +
            "invalid signature: it was altered after it was signed, or forged\n"), altered.out());

        // A public key that is not the house's.
        CommandLineErrorsTest.gavel("journal", "keygen", "--private", dir.resolve("evil.key").toString(), "--public",
            dir.resolve("evil.pub").toString());
        final CommandLineErrorsTest.Outcome otherKey = CommandLineErrorsTest.gavel("journal", "verify", journal,
            "--public-key", dir.resolve("evil.pub").toString());
        assertEquals(1, otherKey.exit());
        assertTrue(otherKey.out().contains("FAILED checkpoints: checkpoint 1 (records 1..2) is signed by key " +
            keygen.out().substring(4, 20) + ", not by the trusted key "), otherKey.out());

        final CommandLineErrorsTest.Outcome notAKey = CommandLineErrorsTest.gavel("journal", "verify", journal,
            "--public-key", privateKey);
        assertEquals(2, notAKey.exit());
        assertEquals("gavel: " + privateKey + " is not a PEM file with a PUBLIC KEY block\n", notAKey.err());
    }
}
