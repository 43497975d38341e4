package io.gavel.settlement;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
 * old one, so a crash at any point leaves either the old or the new checkpoint, never half of one; between two such
 * rewrites each save appends only what changed to the checkpoint's {@link SettlementLog}, one forced batch a save.
 */
public final class SettlementBook
{
    private static final String MAGIC = "gavel-settlement 1";
    /** The log is folded into a rewritten checkpoint once it is larger than this and than the checkpoint. */
    private static final long LOG_FOLD_BYTES = 64 * 1024;

    long journalIndex = -1;
    final Map<Long, String> currencies = new TreeMap<>();
    final Map<String, String> paymentMethods = new TreeMap<>();
    /** Registrations seen whose CommandAccepted is not seen yet: engine sequence to "auction bidder pm". */
    final Map<Long, String> pendingRegistrations = new TreeMap<>();
    final Map<String, Sale> sales = new LinkedHashMap<>();
    /** The journal correlation ids ({@link Sale#journalCorrelation}) already given to a sale of this book. */
    private final Set<Long> journalCorrelations = new HashSet<>();
    /**
     * What the checkpoint and its log hold now, for the next save to compare with: the entries other than sales, key
     * to line, and each sale's progress (sales are every sale ever made, so they are compared field by field instead
     * of as text).
     */
    private Map<String, String> durable = new LinkedHashMap<>();
    private final Map<Sale, Progress> durableSales = new java.util.IdentityHashMap<>();

    /** Whether the next save may append to the log (false: rewrite the checkpoint and start a log). */
    private boolean logUsable;
    private long logBytes;
    private long checkpointBytes;

    /** The part of a sale that changes as it is settled. */
    private record Progress(Sale.State state, int attempts, long chargingSinceMillis, String detail)
    {
        static Progress of(final Sale sale)
        {
            return new Progress(sale.state, sale.attempts, sale.chargingSinceMillis, sale.detail);
        }

        boolean matches(final Sale sale)
        {
            return state == sale.state && attempts == sale.attempts &&
                chargingSinceMillis == sale.chargingSinceMillis && detail.equals(sale.detail);
        }
    }

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

    /**
     * Reads a checkpoint and the batches its log holds after it; an absent file is an empty book (start from the
     * journal's beginning).
     */
    public static SettlementBook load(final Path file)
    {
        final SettlementBook book = new SettlementBook();
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(file);
        }
        catch (final NoSuchFileException ex)
        {
            return book;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read the settlement checkpoint " + file + ": " + ex.getMessage());
        }
        final String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        if (!MAGIC.equals(lines[0]))
        {
            throw new IllegalStateException(file + " is not a settlement checkpoint (first line: " +
                (bytes.length == 0 ? "none" : lines[0]) + ")");
        }
        for (int i = 1; i < lines.length; i++)
        {
            if (i == lines.length - 1 && lines[i].isEmpty())
            {
                break;
            }
            try
            {
                book.apply(lines[i], false);
            }
            catch (final RuntimeException ex)
            {
                throw new IllegalStateException(file + " line " + (i + 1) + " is damaged: " + lines[i]);
            }
        }
        book.checkpointBytes = bytes.length;
        final Path logFile = SettlementLog.of(file);
        final SettlementLog.Contents log = SettlementLog.read(logFile, SettlementLog.crc(bytes));
        if (log != null)
        {
            for (final String line : log.lines())
            {
                try
                {
                    book.apply(line, true);
                }
                catch (final RuntimeException ex)
                {
                    throw new IllegalStateException(logFile + " is damaged at the entry: " + line);
                }
            }
            // A tail without its commit is a save a crash cut short: dropped, and the next save starts afresh.
            book.logUsable = !log.tornTail();
            book.logBytes = log.validBytes();
        }
        book.durable = book.otherEntries();
        book.sales.values().forEach(sale -> book.durableSales.put(sale, Progress.of(sale)));
        return book;
    }

    /** Takes one entry in; from the log, a sale already in the book has its settlement's progress replaced. */
    private void apply(final String line, final boolean fromLog)
    {
        final String[] f = line.split(" ");
        switch (f[0])
        {
            case "index" -> journalIndex = Long.parseLong(f[1]);
            case "currency" -> currencies.put(Long.parseLong(f[1]), f[2]);
            case "pm" -> paymentMethods.put(f[1], decode(f[2]));
            case "pending" -> pendingRegistrations.put(Long.parseLong(f[1]), decode(f[2]));
            case "drop" ->
            {
                if (!fromLog || !"pending".equals(f[1]))
                {
                    throw new IllegalArgumentException("only the log drops, and only pending registrations");
                }
                pendingRegistrations.remove(Long.parseLong(f[2]));
            }
            case "sale" ->
            {
                final Sale sale = sale(f);
                final Sale known = fromLog ? sales.get(sale.key()) : null;
                if (known == null)
                {
                    add(sale);
                }
                else
                {
                    known.state = sale.state;
                    known.attempts = sale.attempts;
                    known.chargingSinceMillis = sale.chargingSinceMillis;
                    known.detail = sale.detail;
                }
            }
            default -> throw new IllegalArgumentException("unknown entry " + f[0]);
        }
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

    /**
     * Makes the book's state durable: appends what changed since the last save to the log as one forced batch, or,
     * when there is no usable log or it has outgrown the checkpoint, rewrites the checkpoint whole (temporary file,
     * force, atomic move, force the directory) and starts a log after it.
     */
    public void save(final Path file)
    {
        final Map<String, String> now = otherEntries();
        final Path log = SettlementLog.of(file);
        if (!logUsable || logBytes > Math.max(LOG_FOLD_BYTES, checkpointBytes))
        {
            final StringBuilder text = new StringBuilder(MAGIC).append('\n');
            now.values().forEach(line -> text.append(line).append('\n'));
            sales.values().forEach(sale -> text.append(line(sale)).append('\n'));
            final byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            SettlementLog.writeDurably(file, bytes);
            SettlementLog.start(log, SettlementLog.crc(bytes));
            checkpointBytes = bytes.length;
            logBytes = 0;
            logUsable = true;
            durable = now;
            sales.values().forEach(sale -> durableSales.put(sale, Progress.of(sale)));
            return;
        }
        final List<String> changed = new ArrayList<>();
        now.forEach((key, line) ->
        {
            if (!line.equals(durable.get(key)))
            {
                changed.add(line);
            }
        });
        durable.keySet().forEach(key ->
        {
            if (!now.containsKey(key))
            {
                changed.add("drop " + key);
            }
        });
        final List<Sale> changedSales = new ArrayList<>();
        for (final Sale sale : sales.values())
        {
            final Progress saved = durableSales.get(sale);
            if (saved == null || !saved.matches(sale))
            {
                changed.add(line(sale));
                changedSales.add(sale);
            }
        }
        if (!changed.isEmpty())
        {
            logBytes += SettlementLog.append(log, changed);
            durable = now;
            changedSales.forEach(sale -> durableSales.put(sale, Progress.of(sale)));
        }
    }

    /** The whole state as a rewritten checkpoint would hold it, one entry a line (for comparing books). */
    String canonical()
    {
        final StringBuilder text = new StringBuilder(String.join("\n", otherEntries().values()));
        sales.values().forEach(sale -> text.append('\n').append(line(sale)));
        return text.toString();
    }

    /** Every entry but the sales, keyed, in the checkpoint's order. */
    private Map<String, String> otherEntries()
    {
        final Map<String, String> entries = new LinkedHashMap<>();
        entries.put("index", "index " + journalIndex);
        currencies.forEach((auction, currency) -> entries.put("currency " + auction,
            "currency " + auction + ' ' + currency));
        paymentMethods.forEach((key, pm) -> entries.put("pm " + key, "pm " + key + ' ' + encode(pm)));
        pendingRegistrations.forEach((sequence, value) -> entries.put("pending " + sequence,
            "pending " + sequence + ' ' + encode(value)));
        return entries;
    }

    private static String line(final Sale s)
    {
        return "sale " + s.auctionId + ' ' + s.lotId + ' ' + s.saleNumber + ' ' + s.bidderId + ' ' + s.price + ' ' +
            s.invoice + ' ' + s.journalSequence + ' ' + s.eventIndex + ' ' + s.state + ' ' + s.attempts + ' ' +
            s.chargingSinceMillis + ' ' + encode(s.detail);
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
