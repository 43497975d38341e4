package io.gavel.gateway;

import io.gavel.sbe.RejectReason;
import io.gavel.sbe.Role;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * A signed session token: {@code principal.ROLE.expiryEpochMillis.hexHmacSha256}, the HMAC over the first three
 * parts with the engine's secret. Edge gateways issue them; the engine verifies them when a session connects.
 */
public final class SessionToken
{
    private final long principal;
    private final Role role;
    private final long expiryMillis;

    private SessionToken(final long principal, final Role role, final long expiryMillis)
    {
        this.principal = principal;
        this.role = role;
        this.expiryMillis = expiryMillis;
    }

    public long principal()
    {
        return principal;
    }

    public Role role()
    {
        return role;
    }

    public long expiryMillis()
    {
        return expiryMillis;
    }

    public static String issue(final String secret, final long principal, final Role role, final long expiryMillis)
    {
        if (role == Role.ENGINE || role == Role.NULL_VAL)
        {
            throw new IllegalArgumentException("no session may hold role " + role);
        }
        final String claims = principal + "." + role.name() + "." + expiryMillis;
        return claims + "." + hmacHex(secret, claims);
    }

    /** Outcome of {@link #verify}: the token, or why it was refused. */
    public static final class Verification
    {
        public final SessionToken token;
        public final RejectReason reason;

        Verification(final SessionToken token, final RejectReason reason)
        {
            this.token = token;
            this.reason = reason;
        }
    }

    public static Verification verify(final String secret, final String token, final long nowMillis)
    {
        final String[] parts = token.split("\\.", -1);
        if (parts.length != 4 || secret.isEmpty())
        {
            return new Verification(null, RejectReason.INVALID_TOKEN);
        }
        final String claims = parts[0] + "." + parts[1] + "." + parts[2];
        final byte[] expected = hmacHex(secret, claims).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[3].getBytes(StandardCharsets.US_ASCII)))
        {
            return new Verification(null, RejectReason.INVALID_TOKEN);
        }
        try
        {
            final long principal = Long.parseLong(parts[0]);
            final Role role = Role.valueOf(parts[1]);
            final long expiry = Long.parseLong(parts[2]);
            if (role == Role.ENGINE || role == Role.NULL_VAL || principal <= 0)
            {
                return new Verification(null, RejectReason.INVALID_TOKEN);
            }
            if (nowMillis >= expiry)
            {
                return new Verification(null, RejectReason.TOKEN_EXPIRED);
            }
            return new Verification(new SessionToken(principal, role, expiry), null);
        }
        catch (final IllegalArgumentException ex)
        {
            return new Verification(null, RejectReason.INVALID_TOKEN);
        }
    }

    private static String hmacHex(final String secret, final String claims)
    {
        try
        {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            final byte[] digest = mac.doFinal(claims.getBytes(StandardCharsets.UTF_8));
            final StringBuilder hex = new StringBuilder(digest.length * 2);
            for (final byte b : digest)
            {
                hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return hex.toString();
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", ex);
        }
    }
}
