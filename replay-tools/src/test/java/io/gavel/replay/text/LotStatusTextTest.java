package io.gavel.replay.text;

import io.gavel.sbe.LotState;
import io.gavel.sbe.LotStatusEncoder;
import io.gavel.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A LotStatus answer's text names the leader's paddle, and {@code none} when no one leads. */
class LotStatusTextTest
{
    @Test
    void theLeadersPaddleIsPrinted()
    {
        final String text = format(7, 101);
        assertTrue(text.contains(" leader=7 paddle=101 "), text);
    }

    @Test
    void noLeaderPrintsNoPaddle()
    {
        final String text = format(0, LotStatusEncoder.leaderPaddleNullValue());
        assertTrue(text.contains(" leader=none paddle=none "), text);
    }

    private static String format(final long leaderId, final long paddle)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        new LotStatusEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .correlationId(1).auctionId(2).eventSequence(3).lotId(4).state(LotState.OPEN).leaderId(leaderId)
            .price(100_00).ask(110_00).askVersion(1).leaderPaddle(paddle);
        final StringBuilder out = new StringBuilder();
        assertTrue(new EventText(0).format(buffer, 0, out), "LotStatus is known");
        return out.toString();
    }
}
