package io.gavel.ops;

import io.gavel.gateway.EngineConfig;
import io.gavel.gateway.SessionToken;
import io.gavel.sbe.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code gavel token issue}: signs a session token with the configured secret, for an app or a script to connect
 * with; what an edge gateway does for its users, by hand.
 */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Session tokens for apps and scripts.",
    subcommands = TokenCommand.Issue.class)
final class TokenCommand implements Runnable
{
    /** Longest lifetime a token may be given: a token cannot be revoked, only outlived. */
    static final Duration LONGEST_TTL = Duration.ofDays(366);

    private static final Pattern TTL = Pattern.compile("([0-9]{1,9})([smhd])");

    public void run()
    {
        // Never reached: GavelMain refuses a group without its command.
    }

    /** A lifetime such as 90s, 30m, 12h or 7d. */
    static Duration parseTtl(final String text)
    {
        final Matcher matcher = TTL.matcher(text.trim().toLowerCase(java.util.Locale.ROOT));
        if (!matcher.matches())
        {
            throw new IllegalArgumentException("--ttl must be a whole number with a unit s, m, h or d (e.g. 30m, " +
                "12h, 7d), not '" + text + "'");
        }
        final long count = Long.parseLong(matcher.group(1));
        final Duration ttl = switch (matcher.group(2))
        {
            case "s" -> Duration.ofSeconds(count);
            case "m" -> Duration.ofMinutes(count);
            case "h" -> Duration.ofHours(count);
            default -> Duration.ofDays(count);
        };
        if (ttl.isZero())
        {
            throw new IllegalArgumentException("--ttl must be longer than zero");
        }
        if (ttl.compareTo(LONGEST_TTL) > 0)
        {
            throw new IllegalArgumentException("--ttl must be at most " + LONGEST_TTL.toDays() + "d, not '" + text +
                "' (a token cannot be revoked before it expires)");
        }
        return ttl;
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
        description = "Prints a session token signed with gavel.token.secret, for an app to connect with. The " +
            "token alone goes to standard output (TOKEN=$(gavel token issue ...)); its expiry goes to standard error.")
    static final class Issue implements Callable<Integer>
    {
        @Mixin
        ConfigOptions configOptions;

        @Option(names = "--principal", required = true, paramLabel = "ID",
            description = "Who the token is for: a BIDDER's principal is its bidder id; other roles name an operator " +
                "or a system")
        long principal;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
            description = "What the holder may do: BIDDER, CLERK, AUCTIONEER, ADMIN or SETTLEMENT (any case)")
        Role role;

        @Option(names = "--ttl", defaultValue = "1h", paramLabel = "DURATION",
            description = "How long the token is valid: a number with s, m, h or d, e.g. 30m, 12h, 7d (default 1h, " +
                "at most 366d)")
        String ttl;

        public Integer call()
        {
            AuctionCommand.positive(principal, "--principal");
            final Duration lifetime = parseTtl(ttl);
            final EngineConfig config = configOptions.load();
            if (config.tokenSecret().isEmpty())
            {
                throw new IllegalArgumentException("gavel.token.secret is not configured: set it in the file given " +
                    "with --config (the engine's own)");
            }
            final long expiry = System.currentTimeMillis() + lifetime.toMillis();
            System.out.println(SessionToken.issue(config.tokenSecret(), principal, role, expiry));
            System.err.println("token for principal " + principal + " as " + role + ", valid until " +
                Instant.ofEpochMilli(expiry));
            return GavelMain.EXIT_OK;
        }
    }
}
