package io.gavel.core;

import io.gavel.protocol.CommandTemplates;
import io.gavel.protocol.FrameCheck;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schema keeps what the engine relies on without decoding a whole command: every command template's block starts
 * with its correlation id (FrameCheck.correlationId, idempotency, ingress rejections), and every template the engine
 * accepts has a block length to check a frame against.
 */
class CommandTemplatesTest
{
    @Test
    void everyCommandStartsWithItsCorrelationId() throws Exception
    {
        int commands = 0;
        for (int templateId = 0; templateId < 1_000; templateId++)
        {
            if (CommandTemplates.blockLength(templateId) < 0)
            {
                continue;
            }
            commands++;
            final Class<?> decoder = decoderOf(templateId);
            assertEquals(0, decoder.getMethod("correlationIdEncodingOffset").invoke(null),
                decoder.getSimpleName() + " must keep correlationId first");
            // The v1 block: fields appended since (VERSIONING.md) make the current block longer, never shorter.
            final int block = decoder.getField("BLOCK_LENGTH").getInt(null);
            final int v1Block = CommandTemplates.blockLength(templateId);
            assertTrue(v1Block > 0 && v1Block <= block, decoder.getSimpleName());
        }
        assertTrue(commands >= 25, "command templates found: " + commands);
    }

    private static Class<?> decoderOf(final int templateId) throws Exception
    {
        for (final String name : new String[]{"Connect", "Heartbeat", "Disconnect", "CreateAuction", "AddLot",
            "OpenLot", "FairWarning", "Hammer", "Reopen", "SetIncrement", "JumpAsk", "WithdrawLot", "CancelAuction",
            "RequestAuctionStatus", "TakeSnapshot", "RegisterBidder", "ApproveBidder", "SuspendBidder", "MaxBid",
            "LiveBid", "FloorBid", "BuyNow", "Retract", "SettlementResult", "Tick", "AssignClerk",
            "RequestBidderStatus"})
        {
            final Class<?> decoder = Class.forName("io.gavel.sbe." + name + "Decoder");
            final Field id = decoder.getField("TEMPLATE_ID");
            if (id.getInt(null) == templateId)
            {
                return decoder;
            }
        }
        throw new AssertionError("template " + templateId + " is accepted but has no known decoder");
    }
}
