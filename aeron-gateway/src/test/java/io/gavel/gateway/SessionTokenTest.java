package io.gavel.gateway;

import io.gavel.sbe.RejectReason;
import io.gavel.sbe.Role;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Session tokens (ARCHITECTURE.md §6): HMAC-SHA256 over principal, role and expiry; anything altered, expired,
 * malformed or claiming the engine's role is refused with its reason.
 */
class SessionTokenTest
{
    static final String SECRET = "s3cret";

    @Test
    void aValidTokenNamesItsPrincipalAndRole()
    {
        final String token = SessionToken.issue(SECRET, 42, Role.CLERK, 2_000);
        final SessionToken.Verification verification = SessionToken.verify(SECRET, token, 1_999);
        assertNull(verification.reason);
        assertEquals(42, verification.token.principal());
        assertEquals(Role.CLERK, verification.token.role());
    }

    @Test
    void expiredAlteredForeignAndMalformedTokensAreRefused()
    {
        final String token = SessionToken.issue(SECRET, 42, Role.BIDDER, 2_000);
        assertEquals(RejectReason.TOKEN_EXPIRED, SessionToken.verify(SECRET, token, 2_000).reason);
        assertEquals(RejectReason.INVALID_TOKEN, SessionToken.verify("other", token, 1_000).reason);
        assertEquals(RejectReason.INVALID_TOKEN,
            SessionToken.verify(SECRET, token.replace("42.BIDDER", "43.BIDDER"), 1_000).reason);
        assertEquals(RejectReason.INVALID_TOKEN,
            SessionToken.verify(SECRET, token.replace("BIDDER", "ADMIN"), 1_000).reason);
        assertEquals(RejectReason.INVALID_TOKEN, SessionToken.verify(SECRET, "garbage", 1_000).reason);
        assertEquals(RejectReason.INVALID_TOKEN, SessionToken.verify(SECRET, "", 1_000).reason);
        assertEquals(RejectReason.INVALID_TOKEN, SessionToken.verify("", token, 1_000).reason);
    }

    @Test
    void noTokenMayClaimTheEnginesRole()
    {
        assertThrows(IllegalArgumentException.class, () -> SessionToken.issue(SECRET, 1, Role.ENGINE, 2_000));
    }
}
