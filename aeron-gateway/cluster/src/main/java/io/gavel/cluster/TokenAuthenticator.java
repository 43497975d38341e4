package io.gavel.cluster;

import io.aeron.security.Authenticator;
import io.aeron.security.SessionProxy;
import io.gavel.gateway.SessionToken;
import io.gavel.sbe.RejectReason;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;

import java.nio.charset.StandardCharsets;

/**
 * Admits a cluster client whose credentials are a valid session token (the same signed tokens a single engine
 * verifies), and gives its session the token's principal and role. Runs on the leader's consensus module only; what
 * it decides enters the log as the session's principal, so followers and replays never verify tokens again.
 *
 * <p>A refused token is told its reason, as a single engine answers a Connect ({@code INVALID_TOKEN} or
 * {@code TOKEN_EXPIRED}). Aeron's rejection carries no reason of ours, so the refusal goes first as an
 * authentication challenge whose bytes are {@link #REFUSAL_PREFIX} and the reason's name; once the client has
 * answered it (or after {@link #CHALLENGE_WAIT_MS}), the session is rejected. The client reports the reason it was
 * challenged with; no session is ever admitted on a challenge.
 */
public final class TokenAuthenticator implements Authenticator
{
    /** What a refusal challenge starts with; the reason's name follows. */
    public static final String REFUSAL_PREFIX = "gavel-token-refused:";
    /** How long a refused session waits for the client to read its reason before it is rejected regardless. */
    static final long CHALLENGE_WAIT_MS = 2_000;

    private final String secret;
    private final Long2ObjectHashMap<byte[]> admitted = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<byte[]> refused = new Long2ObjectHashMap<>();
    /** Refused sessions challenged with their reason: session id to the time of the challenge. */
    private final Long2LongHashMap challengedAt = new Long2LongHashMap(-1);

    public TokenAuthenticator(final String secret)
    {
        if (secret.isEmpty())
        {
            throw new IllegalArgumentException("gavel.token.secret is not set: the cluster cannot verify sessions");
        }
        this.secret = secret;
    }

    /** The challenge bytes that tell a client why its token was refused. */
    public static byte[] refusal(final RejectReason reason)
    {
        return (REFUSAL_PREFIX + reason.name()).getBytes(StandardCharsets.US_ASCII);
    }

    /** The reason in a refusal challenge, or null when the challenge is not one. */
    public static RejectReason refusalReason(final byte[] challenge)
    {
        final String text = challenge == null ? "" : new String(challenge, StandardCharsets.US_ASCII);
        if (!text.startsWith(REFUSAL_PREFIX))
        {
            return null;
        }
        try
        {
            return RejectReason.valueOf(text.substring(REFUSAL_PREFIX.length()));
        }
        catch (final IllegalArgumentException ex)
        {
            return RejectReason.INVALID_TOKEN;
        }
    }

    public void onConnectRequest(final long sessionId, final byte[] encodedCredentials, final long nowMs)
    {
        final String token = new String(encodedCredentials, StandardCharsets.US_ASCII);
        final SessionToken.Verification verification = SessionToken.verify(secret, token, nowMs);
        if (verification.token != null)
        {
            admitted.put(sessionId,
                new SessionPrincipal(verification.token.principal(), verification.token.role()).encode());
        }
        else
        {
            refused.put(sessionId, refusal(verification.reason));
        }
    }

    public void onChallengeResponse(final long sessionId, final byte[] encodedCredentials, final long nowMs)
    {
        // The client has read its reason: reject on the next look, whatever it answered.
        if (challengedAt.containsKey(sessionId))
        {
            challengedAt.put(sessionId, 0);
        }
    }

    public void onConnectedSession(final SessionProxy sessionProxy, final long nowMs)
    {
        final long sessionId = sessionProxy.sessionId();
        final byte[] principal = admitted.remove(sessionId);
        if (principal != null)
        {
            if (!sessionProxy.authenticate(principal))
            {
                // The proxy could not answer yet: keep the decision for the next call.
                admitted.put(sessionId, principal);
            }
            return;
        }
        final byte[] reason = refused.get(sessionId);
        if (reason != null && sessionProxy.challenge(reason))
        {
            refused.remove(sessionId);
            challengedAt.put(sessionId, nowMs);
        }
        else if (reason == null)
        {
            sessionProxy.reject();
        }
    }

    public void onChallengedSession(final SessionProxy sessionProxy, final long nowMs)
    {
        final long sessionId = sessionProxy.sessionId();
        final long at = challengedAt.get(sessionId);
        if (at == -1 || at == 0 || nowMs - at >= CHALLENGE_WAIT_MS)
        {
            challengedAt.remove(sessionId);
            sessionProxy.reject();
        }
    }
}
