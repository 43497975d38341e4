package io.gavel.settlement;

import io.gavel.sbe.PaymentResult;

/**
 * How the settlement service speaks to the engine: one sequenced SettlementResult from its SETTLEMENT principal.
 */
public interface EngineLink
{
    /**
     * Sends the report and waits for the engine's answer.
     *
     * @return "ACCEPTED" (a duplicate included), the reject reason's name, or null when the engine did not answer.
     */
    String report(long correlationId, long auctionId, long lotId, PaymentResult result);
}
