package io.gavel.ops;

import io.gavel.gateway.SessionToken;
import io.gavel.sbe.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.gavel.ops.CommandLineErrorsTest.gavel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code gavel token issue}: a token the engine accepts, for the principal, role and lifetime asked; precise errors.
 */
class TokenCommandTest
{
    @TempDir
    Path dir;

    private Path config(final String secret) throws Exception
    {
        final Path config = dir.resolve("engine.properties");
        Files.writeString(config, "gavel.token.secret=" + secret + "\n");
        return config;
    }

    @Test
    void issuesATokenTheEngineVerifies() throws Exception
    {
        final long before = System.currentTimeMillis();
        final CommandLineErrorsTest.Outcome outcome = gavel("token", "issue", "-c", config("s3cret").toString(),
            "--principal", "105", "--role", "bidder", "--ttl", "12h");
        assertEquals(0, outcome.exit(), outcome.toString());
        final String token = outcome.out().strip();
        assertEquals(1, outcome.out().lines().count(), "the token alone on stdout: " + outcome.out());
        final SessionToken.Verification verified = SessionToken.verify("s3cret", token, System.currentTimeMillis());
        assertNull(verified.reason, token);
        assertEquals(105, verified.token.principal());
        assertEquals(Role.BIDDER, verified.token.role());
        final long expiry = verified.token.expiryMillis();
        assertTrue(expiry >= before + Duration.ofHours(12).toMillis() &&
            expiry <= System.currentTimeMillis() + Duration.ofHours(12).toMillis(), "expiry " + expiry);
        assertNotNull(SessionToken.verify("s3cret", token, expiry).reason, "valid past its expiry");
        assertNotNull(SessionToken.verify("other", token, before).reason, "valid under another secret");
        assertTrue(outcome.err().contains("valid until"), outcome.err());
    }

    @Test
    void ttlUnits()
    {
        assertEquals(Duration.ofSeconds(90), TokenCommand.parseTtl("90s"));
        assertEquals(Duration.ofMinutes(30), TokenCommand.parseTtl("30m"));
        assertEquals(Duration.ofHours(12), TokenCommand.parseTtl("12H"));
        assertEquals(Duration.ofDays(7), TokenCommand.parseTtl("7d"));
    }

    @Test
    void preciseErrors() throws Exception
    {
        final String config = config("s3cret").toString();
        expectError(2, "gavel: --ttl must be a whole number with a unit s, m, h or d (e.g. 30m, 12h, 7d), not '12'",
            "token", "issue", "-c", config, "--principal", "1", "--role", "ADMIN", "--ttl", "12");
        expectError(2, "gavel: --ttl must be at most 366d", "token", "issue", "-c", config, "--principal", "1",
            "--role", "ADMIN", "--ttl", "400d");
        expectError(2, "gavel: --ttl must be longer than zero", "token", "issue", "-c", config, "--principal", "1",
            "--role", "ADMIN", "--ttl", "0m");
        expectError(2, "gavel: --principal must be a positive id, not 0", "token", "issue", "-c", config,
            "--principal", "0", "--role", "ADMIN");
        expectError(2, "gavel: Invalid value for option '--role': 'engine' is not one of BIDDER", "token", "issue",
            "-c", config, "--principal", "1", "--role", "engine");
        expectError(2, "gavel: Missing required option: '--role=ROLE'", "token", "issue", "-c", config,
            "--principal", "1");
        expectError(2, "gavel: gavel.token.secret is not configured", "token", "issue", "-c", config("").toString(),
            "--principal", "1", "--role", "CLERK");
    }

    private static void expectError(final int exit, final String start, final String... args)
    {
        final CommandLineErrorsTest.Outcome outcome = gavel(args);
        assertEquals(exit, outcome.exit(), outcome.toString());
        assertTrue(outcome.err().startsWith(start), outcome.err());
        assertFalse(outcome.err().contains("Exception"), outcome.err());
        assertEquals("", outcome.out());
    }
}
