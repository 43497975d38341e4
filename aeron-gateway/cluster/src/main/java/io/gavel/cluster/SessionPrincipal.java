package io.gavel.cluster;

import io.gavel.sbe.Role;

import java.nio.charset.StandardCharsets;

/**
 * Who a cluster session speaks for, as the authenticator encodes it into the session's principal ({@code
 * principal.ROLE} in ASCII). The encoded form travels in the Raft log with the session's opening, so every member
 * (and every replay) sees the same principal for the same session.
 */
public record SessionPrincipal(long principal, Role role)
{
    public byte[] encode()
    {
        return (principal + "." + role.name()).getBytes(StandardCharsets.US_ASCII);
    }

    /** Decodes what {@link #encode()} wrote; anything else is a session that may do nothing. */
    public static SessionPrincipal decode(final byte[] encoded)
    {
        if (encoded == null || encoded.length == 0)
        {
            return new SessionPrincipal(0, Role.NULL_VAL);
        }
        final String text = new String(encoded, StandardCharsets.US_ASCII);
        final int dot = text.indexOf('.');
        try
        {
            return new SessionPrincipal(Long.parseLong(text.substring(0, dot)), Role.valueOf(text.substring(dot + 1)));
        }
        catch (final RuntimeException ex)
        {
            return new SessionPrincipal(0, Role.NULL_VAL);
        }
    }
}
