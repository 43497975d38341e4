package io.gavel.cluster.client;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.exceptions.AeronException;
import io.gavel.client.GavelClientException;
import io.gavel.cluster.TokenAuthenticator;
import io.gavel.sbe.RejectReason;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Opens a cluster client's session with whichever member leads, presenting its token: it tries again while no leader
 * answers (an election is running), for at most three timeouts, and gives up at once when the cluster refuses the
 * token, with the reason the cluster gave. Apart from {@link ClusterGavelClient} because a session is opened at
 * start and again whenever one does not survive an election, and telling "no leader yet" from "refused" is its own
 * concern.
 */
final class ClusterSessionConnector
{
    private ClusterSessionConnector()
    {
    }

    /** Connects with {@code clusterContext} (channels, listener, Aeron client set) and the session {@code token}. */
    static AeronCluster connect(final AeronCluster.Context clusterContext, final String token, final Duration timeout)
    {
        final byte[] credentials = token.getBytes(StandardCharsets.US_ASCII);
        final RejectReason[] refusal = {null};
        clusterContext.credentialsSupplier(new io.aeron.security.CredentialsSupplier()
        {
            public byte[] encodedCredentials()
            {
                return credentials;
            }

            public byte[] onChallenge(final byte[] challenge)
            {
                // The cluster challenges only to say why it refuses the token (TokenAuthenticator).
                refusal[0] = TokenAuthenticator.refusalReason(challenge);
                return new byte[0];
            }
        });
        final long deadline = System.nanoTime() + 3 * timeout.toNanos();
        while (true)
        {
            try
            {
                return AeronCluster.connect(clusterContext.clone());
            }
            catch (final AeronException ex)
            {
                // No leader yet (an election is running) or the token was refused: the latter is final.
                if (refusal[0] != null || ex instanceof io.aeron.security.AuthenticationException ||
                    (ex.getMessage() != null && ex.getMessage().contains("authentication")))
                {
                    throw new GavelClientException(refusedToken(refusal[0], ex));
                }
                if (System.nanoTime() > deadline)
                {
                    throw new GavelClientException("no cluster leader answered at " +
                        clusterContext.ingressEndpoints() + " within " + timeout.multipliedBy(3) + ": " +
                        ex.getMessage());
                }
            }
        }
    }

    /** The refusal's message: the reason the cluster gave, as a single engine names it, else Aeron's words. */
    private static String refusedToken(final RejectReason reason, final AeronException ex)
    {
        if (reason == RejectReason.TOKEN_EXPIRED)
        {
            return "the cluster refused this client's token: TOKEN_EXPIRED (its expiry has passed; issue a new one)";
        }
        if (reason != null)
        {
            return "the cluster refused this client's token: " + reason.name() +
                " (not signed with the cluster's gavel.token.secret, or not a Gavel session token)";
        }
        return "the cluster refused this client's token: " + ex.getMessage();
    }
}
