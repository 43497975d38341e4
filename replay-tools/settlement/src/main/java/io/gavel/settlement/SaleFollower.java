package io.gavel.settlement;

import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalReader;
import io.gavel.sbe.*;
import org.agrona.DirectBuffer;

import java.nio.file.Path;

/**
 * Reads the engine's journal (read-only, from the book's checkpoint on) and keeps the book up to date: currencies
 * from AuctionCreated, payment methods from accepted RegisterBidder commands, a new sale for every LotSold (the
 * hammer's and each pass-down's), and the engine's verdict on every sale from SaleSettled.
 */
public final class SaleFollower implements AutoCloseable, JournalReader.RecordVisitor
{
    private final SettlementBook book;
    private final JournalReader reader;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final RegisterBidderDecoder register = new RegisterBidderDecoder();
    private final CommandAcceptedDecoder accepted = new CommandAcceptedDecoder();
    private final AuctionCreatedDecoder auctionCreated = new AuctionCreatedDecoder();
    private final LotSoldDecoder lotSold = new LotSoldDecoder();
    private final SaleSettledDecoder saleSettled = new SaleSettledDecoder();
    private final LotPassedDecoder lotPassed = new LotPassedDecoder();

    public SaleFollower(final Path journalDir, final SettlementBook book)
    {
        this.book = book;
        final JournalLayout layout = JournalLayout.openExisting(journalDir);
        this.reader = book.journalIndex < 0 ? JournalReader.open(layout) :
            JournalReader.openAfter(layout, book.journalIndex);
    }

    /** Reads every record there is now; returns how many. */
    public int poll()
    {
        int records = 0;
        while (reader.readOne(this))
        {
            book.journalIndex = reader.lastIndex();
            records++;
        }
        return records;
    }

    @Override
    public boolean onRecord(final long position, final JournalRecordDecoder record, final DirectBuffer frame,
        final int offset, final int length, final boolean chainIntact)
    {
        if (!chainIntact)
        {
            throw new IllegalStateException("the journal's hash chain is broken at engine sequence " +
                record.engineSequence() + ": refusing to charge from a journal that may have been altered");
        }
        header.wrap(frame, offset);
        if (record.kind() == RecordKind.COMMAND)
        {
            if (header.templateId() == RegisterBidderDecoder.TEMPLATE_ID)
            {
                register.wrapAndApplyHeader(frame, offset, header);
                final String method = register.paymentMethod().trim();
                if (!method.isEmpty())
                {
                    book.pendingRegistrations.put(record.engineSequence(),
                        register.auctionId() + "/" + register.bidderId() + " " + method);
                }
            }
            return true;
        }
        if (record.kind() != RecordKind.EVENT)
        {
            return true;
        }
        switch (header.templateId())
        {
            case CommandAcceptedDecoder.TEMPLATE_ID -> onAccepted(record.engineSequence());
            case AuctionCreatedDecoder.TEMPLATE_ID ->
            {
                auctionCreated.wrapAndApplyHeader(frame, offset, header);
                book.currencies.put(auctionCreated.auctionId(), auctionCreated.currency());
            }
            case LotSoldDecoder.TEMPLATE_ID ->
            {
                lotSold.wrapAndApplyHeader(frame, offset, header);
                onSold(record);
            }
            case SaleSettledDecoder.TEMPLATE_ID -> onSettled(frame, offset);
            case LotPassedDecoder.TEMPLATE_ID ->
            {
                lotPassed.wrapAndApplyHeader(frame, offset, header);
                if (lotPassed.reason() == PassReason.DEFAULTED)
                {
                    for (final Sale sale : book.sales.values())
                    {
                        if (sale.auctionId == lotPassed.auctionId() && sale.lotId == lotPassed.lotId() &&
                            sale.state == Sale.State.FAILED)
                        {
                            sale.detail = sale.detail + "; lot passed DEFAULTED: no runner-up";
                        }
                    }
                }
            }
            default ->
            {
            }
        }
        return true;
    }

    private void onAccepted(final long sequence)
    {
        final String registration = book.pendingRegistrations.remove(sequence);
        if (registration != null)
        {
            final int space = registration.indexOf(' ');
            book.paymentMethods.put(registration.substring(0, space), registration.substring(space + 1));
        }
        // A rejected registration never gets here; its entry goes when a later record shows the command is done.
        book.pendingRegistrations.keySet().removeIf(pending -> pending < sequence);
    }

    private void onSold(final JournalRecordDecoder record)
    {
        final Sale sale = new Sale(lotSold.auctionId(), lotSold.lotId(), lotSold.saleNumber(), lotSold.bidderId(),
            lotSold.price(), lotSold.invoiceAmount(), record.engineSequence(), record.eventIndex());
        if (book.sale(sale.auctionId, sale.lotId, sale.saleNumber) != null)
        {
            return;
        }
        final Sale previous = book.sale(sale.auctionId, sale.lotId, sale.saleNumber - 1);
        if (previous != null && previous.state == Sale.State.FAILED)
        {
            previous.state = Sale.State.PASSED_DOWN;
            previous.detail = previous.detail + "; passed to bidder " + sale.bidderId + " (sale " + sale.saleNumber +
                ")";
        }
        book.add(sale);
    }

    private void onSettled(final DirectBuffer frame, final int offset)
    {
        saleSettled.wrapAndApplyHeader(frame, offset, header);
        final Sale sale = book.sale(saleSettled.auctionId(), saleSettled.lotId(), saleSettled.saleNumber());
        if (sale != null)
        {
            sale.state = saleSettled.result() == PaymentResult.PAID ? Sale.State.PAID : Sale.State.FAILED;
        }
    }

    @Override
    public void close()
    {
        reader.close();
    }
}
