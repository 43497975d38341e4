package io.gavel.settlement;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The settlement service's durable checkpoint: how far it has read the journal (a Chronicle index) and everything it
 * learnt up to there that it still needs — auction currencies, the payment method each registered bidder gave, and
 * every sale with where its settlement stands. Written whole to a temporary file, forced to disk, then moved over the
 * old one, so a crash at any point leaves either the old or the new checkpoint, never half of one.
 */
public final class SettlementBook
{
    private static final String MAGIC = "gavel-settlement 1";

    long journalIndex = -1;
    final Map<Long, String> currencies = new TreeMap<>();
    final Map<String, String> paymentMethods = new TreeMap<>();
    /** Registrations seen whose CommandAccepted is not seen yet: engine sequence to "auction bidder pm". */
    final Map<Long, String> pendingRegistrations = new TreeMap<>();
    final Map<String, Sale> sales = new LinkedHashMap<>();
    /** The journal correlation ids ({@link Sale#journalCorrelation}) already given to a sale of this book. */
    private final Set<Long> journalCorrelations = new HashSet<>();

    /** Sales in the order the journal made them. */
    public List<Sale> sales()
    {
        return new ArrayList<>(sales.values());
    }

    /** The Chronicle index of the last journal record taken into account; -1 before the first. */
    public long journalIndex()
    {
        return journalIndex;
    }

    String paymentMethod(final long auctionId, final long bidderId)
    {
        return paymentMethods.getOrDefault(auctionId + "/" + bidderId, "");
    }

    /** Reads a checkpoint; an absent file is an empty book (start from the journal's beginning). */
    public static SettlementBook load(final Path file)
    {
        final SettlementBook book = new SettlementBook();
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final NoSuchFileException ex)
        {
            return book;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read the settlement checkpoint " + file + ": " + ex.getMessage());
        }
        if (lines.isEmpty() || !MAGIC.equals(lines.get(0)))
        {
            throw new IllegalStateException(file + " is not a settlement checkpoint (first line: " +
                (lines.isEmpty() ? "none" : lines.get(0)) + ")");
        }
        for (int i = 1; i < lines.size(); i++)
        {
            final String[] f = lines.get(i).split(" ");
            try
            {
                switch (f[0])
                {
                    case "index" -> book.journalIndex = Long.parseLong(f[1]);
                    case "currency" -> book.currencies.put(Long.parseLong(f[1]), f[2]);
                    case "pm" -> book.paymentMethods.put(f[1], decode(f[2]));
                    case "pending" -> book.pendingRegistrations.put(Long.parseLong(f[1]), decode(f[2]));
                    case "sale" -> book.add(sale(f));
                    default -> throw new IllegalArgumentException("unknown entry " + f[0]);
                }
            }
            catch (final RuntimeException ex)
            {
                throw new IllegalStateException(file + " line " + (i + 1) + " is damaged: " + lines.get(i));
            }
        }
        return book;
    }

    /**
     * Adds a sale (in journal order: the follower as it reads, {@link #load} in the checkpoint's order, which is the
     * same) and gives it its correlation id. A sale gets its journal identity's id ({@link Sale#journalCorrelation})
     * unless an earlier sale of the book already has it, which happens only within a command of more than 65,536
     * events (a tick closing that many lots), whose stored event indexes count from 0 again; such a sale gets
     * {@code -(n + 1)}, n its place among the book's sales. Journal identities are positive (sequences start at 1),
     * so the two kinds never meet; both depend only on the journal's order, so a restart from a checkpoint or from
     * the journal's beginning gives every sale the same id, and the sales of ordinary commands keep the ids earlier
     * builds gave them.
     */
    void add(final Sale sale)
    {
        if (sales.containsKey(sale.key()))
        {
            throw new IllegalStateException("sale " + sale.key() + " is in the book twice");
        }
        final long journalCorrelation = Sale.journalCorrelation(sale.journalSequence, sale.eventIndex);
        sale.correlationId = journalCorrelations.add(journalCorrelation) ? journalCorrelation : -(sales.size() + 1L);
        sales.put(sale.key(), sale);
    }

    Sale sale(final long auctionId, final long lotId, final int saleNumber)
    {
        return sales.get(auctionId + "/" + lotId + "/" + saleNumber);
    }

    private static Sale sale(final String[] f)
    {
        final Sale sale = new Sale(Long.parseLong(f[1]), Long.parseLong(f[2]), Integer.parseInt(f[3]),
            Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]),
            Integer.parseInt(f[8]));
        sale.state = Sale.State.valueOf(f[9]);
        sale.attempts = Integer.parseInt(f[10]);
        sale.chargingSinceMillis = Long.parseLong(f[11]);
        sale.detail = decode(f[12]);
        return sale;
    }

    /** Writes the checkpoint durably: temporary file, force, atomic move, force the directory. */
    public void save(final Path file)
    {
        final StringBuilder text = new StringBuilder(MAGIC).append('\n');
        text.append("index ").append(journalIndex).append('\n');
        currencies.forEach((auction, currency) -> text.append("currency ").append(auction).append(' ')
            .append(currency).append('\n'));
        paymentMethods.forEach((key, pm) -> text.append("pm ").append(key).append(' ').append(encode(pm))
            .append('\n'));
        pendingRegistrations.forEach((sequence, value) -> text.append("pending ").append(sequence).append(' ')
            .append(encode(value)).append('\n'));
        for (final Sale s : sales.values())
        {
            text.append("sale ").append(s.auctionId).append(' ').append(s.lotId).append(' ').append(s.saleNumber)
                .append(' ').append(s.bidderId).append(' ').append(s.price).append(' ').append(s.invoice).append(' ')
                .append(s.journalSequence).append(' ').append(s.eventIndex).append(' ').append(s.state).append(' ')
                .append(s.attempts).append(' ').append(s.chargingSinceMillis).append(' ').append(encode(s.detail))
                .append('\n');
        }
        final Path absolute = file.toAbsolutePath();
        final Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        try
        {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING))
            {
                final ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining())
                {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel directory = FileChannel.open(absolute.getParent(), StandardOpenOption.READ))
            {
                directory.force(true);
            }
            catch (final IOException ignored)
            {
                // Some file systems cannot force a directory; the rename itself is atomic either way.
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot write the settlement checkpoint " + file + ": " + ex);
        }
    }

    private static String encode(final String value)
    {
        return value.isEmpty() ? "-" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(final String value)
    {
        return "-".equals(value) ? "" : URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
