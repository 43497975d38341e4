package example;

import io.aeron.Aeron;
import io.aeron.exceptions.DriverTimeoutException;
import io.gavel.client.AuctionMirror;
import io.gavel.client.GavelClient;
import io.gavel.client.Response;
import io.gavel.protocol.EventDecoder;
import io.gavel.sbe.*;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Uses the SDK as an app would, without an engine: decodes lot events into an AuctionMirror, reads a version 2
 * rejection, and tries to connect to a media driver that is not there (the SDK brings none).
 */
public final class Consumer
{
    public static void main(final String[] args) throws Exception
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[128]);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final AuctionMirror mirror = new AuctionMirror(1);
        final EventDecoder decoder = new EventDecoder();
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new LotAddedEncoder()
            .wrapAndApplyHeader(frame, 0, header).auctionId(1).eventSequence(1).lotId(7).startPrice(100_00)
            .endTime(1).encodedLength();
        decoder.decode(frame, 0, length, mirror); // held: the mirror is not synced yet
        System.out.println("mirror live: " + mirror.isLive() + ", lot 7 known: " + (mirror.lot(7) != null));
        check(!mirror.isLive() && mirror.lot(7) == null, "an unsynced mirror holds events back");

        new CommandRejectedEncoder().wrapAndApplyHeader(frame, 0, header).correlationId(5).engineSequence(9)
            .reason(RejectReason.NOT_AT_ASK).duplicate(BooleanType.FALSE).ask(160_00).askVersion(4)
            .minimumBid(CommandRejectedEncoder.minimumBidNullValue());
        final Response answer = Response.rejected(new CommandRejectedDecoder().wrapAndApplyHeader(frame, 0,
            new MessageHeaderDecoder().wrap(frame, 0)));
        System.out.println("answer: " + answer);
        check(answer.toString().equals("REJECTED NOT_AT_ASK, the ask is 160.00 (version 4)"), "the answer's words");

        final Path noDriver = Files.createTempDirectory("no-driver");
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(noDriver.toString())
            .driverTimeoutMs(200)))
        {
            check(false, "no driver should answer in an empty directory");
        }
        catch (final DriverTimeoutException expected)
        {
            System.out.println("no media driver here: " + GavelClient.class.getSimpleName() + " needs one running");
        }
    }

    private static void check(final boolean holds, final String what)
    {
        if (!holds)
        {
            throw new AssertionError("consumer check failed: " + what);
        }
    }
}
