package io.gavel.ops;

import io.gavel.client.GavelCommands;
import io.gavel.client.GavelListener;
import io.gavel.replay.text.Amounts;
import io.gavel.sbe.LotPassedDecoder;
import io.gavel.sbe.LotSoldDecoder;
import picocli.CommandLine.Command;

/**
 * {@code gavel auction hammer}: brings the hammer down and says what happened, from the lot's public result event
 * (the session subscribes to market data before it sends the hammer, so the result cannot be missed).
 */
@Command(name = "hammer", mixinStandardHelpOptions = true,
    description = "Brings the hammer down and prints the result: SOLD to which paddle at what price, or " +
        "PASSED and why.")
final class HammerCommand extends AuctionCommand.LotControl
{
    long send(final GavelCommands client)
    {
        return client.hammer(auction, lot);
    }

    String what()
    {
        return "hammer";
    }

    @Override
    public Integer call()
    {
        AuctionCommand.positive(auction, "--auction");
        AuctionCommand.positive(lot, "--lot");
        final String[] result = {null};
        final GavelListener listener = new GavelListener()
        {
            public void onLotSold(final LotSoldDecoder e)
            {
                if (e.auctionId() == auction && e.lotId() == lot)
                {
                    result[0] = "SOLD to paddle " + e.paddle() + " at " + Amounts.money(e.price()) +
                        (e.invoiceAmount() != e.price() ? " (invoice " + Amounts.money(e.invoiceAmount()) +
                        " with the buyer's premium)" : "");
                }
            }

            public void onLotPassed(final LotPassedDecoder e)
            {
                if (e.auctionId() == auction && e.lotId() == lot)
                {
                    result[0] = "PASSED (" + e.reason().name().toLowerCase(java.util.Locale.ROOT)
                        .replace('_', ' ') + ")";
                }
            }
        };
        try (ClientOptions.Session session = client.connect(listener, true))
        {
            session.expectAccepted(send(session.client), "hammer on lot " + lot);
            if (!session.client.pollUntil(() -> result[0] != null, session.timeout))
            {
                throw new CommandFailedException("the hammer on auction " + auction + " lot " + lot +
                    " was accepted, but its result did not arrive within " + session.timeout);
            }
        }
        System.out.println("auction " + auction + " lot " + lot + ": " + result[0]);
        return GavelMain.EXIT_OK;
    }
}
