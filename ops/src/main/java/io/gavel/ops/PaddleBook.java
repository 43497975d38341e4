package io.gavel.ops;

import io.gavel.journal.JournalException;
import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalReader;
import io.gavel.sbe.BidAcceptedDecoder;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.RecordKind;
import io.gavel.sbe.RegisterBidderDecoder;
import org.agrona.collections.Long2LongHashMap;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which paddle each bidder of an auction holds, read from the engine's journal: the room knows bidders by paddle,
 * the engine's status answers by bidder id. Registrations give the paddles; accepted bids confirm them.
 */
final class PaddleBook
{
    private final Long2LongHashMap paddles = new Long2LongHashMap(0);
    private final boolean read;

    private PaddleBook(final boolean read)
    {
        this.read = read;
    }

    /** The paddles of {@code auctionId}'s bidders; an empty book when there is no readable journal at {@code dir}. */
    static PaddleBook read(final Path dir, final long auctionId)
    {
        if (!Files.isDirectory(dir))
        {
            return new PaddleBook(false);
        }
        final PaddleBook book = new PaddleBook(true);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final RegisterBidderDecoder register = new RegisterBidderDecoder();
        final BidAcceptedDecoder bid = new BidAcceptedDecoder();
        try (JournalReader reader = JournalReader.open(JournalLayout.openExisting(dir)))
        {
            reader.readAll((position, record, frame, offset, length, chainIntact) ->
            {
                header.wrap(frame, offset);
                if (record.kind() == RecordKind.COMMAND && header.templateId() == RegisterBidderDecoder.TEMPLATE_ID)
                {
                    register.wrapAndApplyHeader(frame, offset, header);
                    if (register.auctionId() == auctionId)
                    {
                        book.paddles.put(register.bidderId(), register.paddle());
                    }
                }
                else if (record.kind() == RecordKind.EVENT && header.templateId() == BidAcceptedDecoder.TEMPLATE_ID)
                {
                    bid.wrapAndApplyHeader(frame, offset, header);
                    if (bid.auctionId() == auctionId && bid.paddle() != 0)
                    {
                        book.paddles.put(bid.bidderId(), bid.paddle());
                    }
                }
                return true;
            });
        }
        catch (final JournalException ex)
        {
            return new PaddleBook(false);
        }
        return book;
    }

    /** Whether a journal was read (else every bidder shows by id). */
    boolean fromJournal()
    {
        return read;
    }

    /** "paddle 105", or "bidder 7" when the bidder's paddle is not known; "none" for no bidder. */
    String who(final long bidderId)
    {
        if (bidderId == 0)
        {
            return "none";
        }
        final long paddle = paddles.get(bidderId);
        return paddle != 0 ? "paddle " + paddle : "bidder " + bidderId;
    }
}
