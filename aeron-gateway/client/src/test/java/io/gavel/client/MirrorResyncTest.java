package io.gavel.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A mirror whose status request was resent (a cluster client resends unanswered commands after a leader change) and
 * answered as a duplicate never got its LotStatus frames: it must not go live on that answer, but ask again.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MirrorResyncTest
{
    private static final long AUCTION = 4;

    @Test
    void aDuplicateAnswerToTheStatusRequestMeansSyncAgain()
    {
        final long[] nextId = {41};
        // Only the one command a mirror sends; the answers below are what the engine would send to it.
        final GavelCommands client = (GavelCommands)Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {GavelCommands.class}, (proxy, method, args) ->
            {
                assertEquals("requestAuctionStatus", method.getName());
                assertEquals(AUCTION, args[0]);
                return ++nextId[0];
            });
        final AuctionMirror mirror = new AuctionMirror(AUCTION);
        mirror.sync(client);
        mirror.onResponse(42, true, null, 17, true);
        assertFalse(mirror.isLive(), "live on a duplicate answer, without the lots");
        assertTrue(mirror.gapDetected(), "a duplicate answer must ask for another sync");

        mirror.sync(client);
        assertFalse(mirror.gapDetected());
        mirror.onResponse(42, true, null, 17, false);
        assertFalse(mirror.isLive(), "the first request's answer does not count for the second");
        mirror.onResponse(43, true, null, 18, false);
        assertTrue(mirror.isLive());
        assertEquals(2, mirror.syncs());
    }
}
