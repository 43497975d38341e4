package io.gavel.gateway;

import io.gavel.sbe.RejectReason;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Refusals queued by the ingress without a ring slot reach the egress in order, and a full queue refuses
 * rather than blocks.
 */
class IngressRepliesTest
{
    @Test
    void repliesArriveInOrderAndAFullQueueRefuses()
    {
        final IngressReplies replies = new IngressReplies();
        int offered = 0;
        while (replies.offer(7, offered, RejectReason.BUSY))
        {
            offered++;
            assertTrue(offered < 1_000_000, "the queue never filled");
        }
        assertFalse(replies.offer(7, -1, RejectReason.BUSY), "a full queue refuses at once");
        final List<Long> seen = new ArrayList<>();
        while (replies.drain((session, correlation, reason) ->
        {
            assertEquals(7, session);
            assertEquals(RejectReason.BUSY, reason);
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
        assertTrue(replies.offer(7, 99, RejectReason.RATE_LIMITED), "room again after draining");
    }
}
