package io.gavel.core.rules;

import io.gavel.sbe.Role;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Who may do what (docs/RULES.md, "Who may do what"): every permission against every role, so a role without the
 * right is refused and a role with it is not. The clerk's assignment to an auction is AuctionRules' check on top.
 */
class AuthorizationTest
{
    private static final Map<Authorization, Set<Role>> ALLOWED = Map.of(
        Authorization.ADMINISTER, EnumSet.of(Role.ADMIN, Role.AUCTIONEER),
        Authorization.RUN_LOT, EnumSet.of(Role.ADMIN, Role.AUCTIONEER, Role.CLERK),
        Authorization.FLOOR_BID, EnumSet.of(Role.ADMIN, Role.AUCTIONEER, Role.CLERK),
        Authorization.BID, EnumSet.of(Role.ADMIN, Role.BIDDER, Role.EDGE),
        Authorization.SETTLE, EnumSet.of(Role.ADMIN, Role.SETTLEMENT),
        Authorization.TICK, EnumSet.of(Role.ADMIN, Role.ENGINE),
        Authorization.QUERY, EnumSet.complementOf(EnumSet.of(Role.NULL_VAL)),
        Authorization.BIDDER_QUERY, EnumSet.of(Role.ADMIN, Role.AUCTIONEER, Role.CLERK, Role.BIDDER, Role.EDGE));

    @Test
    void everyRoleHasExactlyItsRights()
    {
        for (final Authorization permission : Authorization.values())
        {
            for (final Role role : Role.values())
            {
                // Principal 5 acting for bidder 5: a bidder for itself.
                assertEquals(ALLOWED.get(permission).contains(role), permission.allows(role, 5, 5),
                    permission + " for " + role);
            }
            assertFalse(permission.allows(null, 5, 5), permission + " without a role");
        }
    }

    @Test
    void aBidderActsOnlyForItselfAnAdminForAnyone()
    {
        assertFalse(Authorization.BID.allows(Role.BIDDER, 5, 6));
        assertEquals(true, Authorization.BID.allows(Role.ADMIN, 1, 6));
        assertFalse(Authorization.BIDDER_QUERY.allows(Role.BIDDER, 5, 6), "another bidder's limit is private");
        assertEquals(true, Authorization.BIDDER_QUERY.allows(Role.EDGE, 900, 6));
    }

    @Test
    void anEdgeBidsForAnyBidderButRunsNothing()
    {
        // The edge verified the bidder's own token; the engine still checks the bidder is approved and in limit.
        assertEquals(true, Authorization.BID.allows(Role.EDGE, 900, 6));
        assertFalse(Authorization.RUN_LOT.allows(Role.EDGE, 900, 6));
        assertFalse(Authorization.FLOOR_BID.allows(Role.EDGE, 900, 6));
        assertFalse(Authorization.ADMINISTER.allows(Role.EDGE, 900, 6));
        assertFalse(Authorization.SETTLE.allows(Role.EDGE, 900, 6));
    }
}
