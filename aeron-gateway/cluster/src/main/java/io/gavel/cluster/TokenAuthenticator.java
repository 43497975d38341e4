package io.gavel.cluster;

import io.aeron.security.Authenticator;
import io.aeron.security.SessionProxy;
import io.gavel.gateway.SessionToken;
import org.agrona.collections.Long2ObjectHashMap;

import java.nio.charset.StandardCharsets;

/**
 * Admits a cluster client whose credentials are a valid session token (the same signed tokens a single engine
 * verifies), and gives its session the token's principal and role. Runs on the leader's consensus module only; what
 * it decides enters the log as the session's principal, so followers and replays never verify tokens again.
 */
public final class TokenAuthenticator implements Authenticator
{
    private final String secret;
    private final Long2ObjectHashMap<byte[]> admitted = new Long2ObjectHashMap<>();

    public TokenAuthenticator(final String secret)
    {
        if (secret.isEmpty())
        {
            throw new IllegalArgumentException("gavel.token.secret is not set: the cluster cannot verify sessions");
        }
        this.secret = secret;
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
    }

    public void onChallengeResponse(final long sessionId, final byte[] encodedCredentials, final long nowMs)
    {
    }

    public void onConnectedSession(final SessionProxy sessionProxy, final long nowMs)
    {
        final byte[] principal = admitted.remove(sessionProxy.sessionId());
        if (principal == null)
        {
            sessionProxy.reject();
        }
        else if (!sessionProxy.authenticate(principal))
        {
            // The proxy could not answer yet: keep the decision for the next call.
            admitted.put(sessionProxy.sessionId(), principal);
        }
    }

    public void onChallengedSession(final SessionProxy sessionProxy, final long nowMs)
    {
        sessionProxy.reject();
    }
}
