package io.gavel.settlement;

import io.gavel.client.GavelClient;
import io.gavel.client.Response;
import io.gavel.sbe.PaymentResult;

import java.time.Duration;

/**
 * {@link EngineLink} over a connected {@link GavelClient} session (a SETTLEMENT token).
 */
public final class ClientEngineLink implements EngineLink
{
    private final GavelClient client;
    private final Duration timeout;

    public ClientEngineLink(final GavelClient client, final Duration timeout)
    {
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public String report(final long correlationId, final long auctionId, final long lotId, final PaymentResult result)
    {
        final long id = client.settlementResult(correlationId, auctionId, lotId, result);
        final Response response = client.await(id, timeout);
        if (response == null)
        {
            return null;
        }
        return response.accepted() ? "ACCEPTED" : String.valueOf(response.reason());
    }
}
