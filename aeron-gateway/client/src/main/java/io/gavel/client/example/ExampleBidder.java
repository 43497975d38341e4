package io.gavel.client.example;

import io.aeron.Aeron;
import io.gavel.client.AuctionMirror;
import io.gavel.client.CompositeListener;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelListener;
import io.gavel.client.Response;
import io.gavel.sbe.LotWonDecoder;
import io.gavel.sbe.OutbidDecoder;

import java.time.Duration;

/**
 * A complete bidder: connects with its token, mirrors the auction (snapshot, then live), places a maximum on a timed
 * lot, and reports being outbid or winning until the lot closes or a minute passes.
 * <p>
 * Run it against an engine started with {@code gavel engine}; the engine's operator issues the token
 * ({@code gavel token issue --principal BIDDER --role BIDDER}):
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp 'ops/target/gavel/lib/*' \
 *     io.gavel.client.example.ExampleBidder AERON_DIR TOKEN AUCTION LOT BIDDER MAXIMUM_CENTS
 * </pre>
 * The one JVM option is all the SDK needs (Agrona reads {@code jdk.internal.misc.Unsafe}); the class path needs only
 * gavel-client, sbe-schemas, aeron-client and Agrona.
 */
public final class ExampleBidder
{
    private ExampleBidder()
    {
    }

    public static void main(final String[] args)
    {
        if (args.length != 6)
        {
            System.err.println("usage: ExampleBidder AERON_DIR TOKEN AUCTION LOT BIDDER MAXIMUM_CENTS");
            System.exit(2);
        }
        final long auction = Long.parseLong(args[2]);
        final long lot = Long.parseLong(args[3]);
        final long bidder = Long.parseLong(args[4]);
        final long maximum = Long.parseLong(args[5]);

        final AuctionMirror mirror = new AuctionMirror(auction);
        final GavelListener notices = new GavelListener()
        {
            public void onOutbid(final OutbidDecoder event)
            {
                System.out.printf("outbid on lot %d at %d cents%n", event.lotId(), event.price());
            }

            public void onLotWon(final LotWonDecoder event)
            {
                System.out.printf("won lot %d at %d cents, invoice %d%n", event.lotId(), event.price(),
                    event.invoiceAmount());
            }
        };
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(args[0]));
            GavelClient client = GavelClient.connect(new GavelClient.Context()
                .aeron(aeron)
                .token(args[1])
                .listener(new CompositeListener(mirror, notices))))
        {
            mirror.sync(client);
            client.pollUntil(mirror::isLive, Duration.ofSeconds(5));
            final Response answer = client.await(client.maxBid(auction, lot, bidder, maximum), Duration.ofSeconds(5));
            System.out.println("maximum of " + maximum + " cents: " + answer);
            client.pollUntil(() ->
            {
                final AuctionMirror.LotView view = mirror.lot(lot);
                if (mirror.gapDetected())
                {
                    mirror.sync(client);
                }
                return view != null && (view.state() == io.gavel.sbe.LotState.SOLD ||
                    view.state() == io.gavel.sbe.LotState.PASSED);
            }, Duration.ofMinutes(1));
            System.out.println("lot " + lot + ": " + mirror.lot(lot));
        }
    }
}
