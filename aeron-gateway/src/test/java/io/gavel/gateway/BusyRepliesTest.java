package io.gavel.gateway;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BUSY answers queued by the ingress while the ring is full reach the egress in order, and a full queue refuses
 * rather than blocks.
 */
class BusyRepliesTest
{
    @Test
    void repliesArriveInOrderAndAFullQueueRefuses()
    {
        final BusyReplies replies = new BusyReplies();
        int offered = 0;
        while (replies.offer(7, offered))
        {
            offered++;
            assertTrue(offered < 1_000_000, "the queue never filled");
        }
        assertFalse(replies.offer(7, -1), "a full queue refuses at once");
        final List<Long> seen = new ArrayList<>();
        while (replies.drain((session, correlation) ->
        {
            assertEquals(7, session);
            seen.add(correlation);
        }) > 0)
        {
            // drain in batches
        }
        assertEquals(offered, seen.size());
        for (int i = 0; i < seen.size(); i++)
        {
            assertEquals(i, seen.get(i));
        }
        assertTrue(replies.offer(7, 99), "room again after draining");
    }
}
