package io.gavel.replay.scenario;

import io.gavel.protocol.CommandEncoder;
import io.gavel.replay.text.Amounts;
import io.gavel.sbe.Format;
import io.gavel.sbe.FairWarningEncoder;
import io.gavel.sbe.HammerEncoder;
import io.gavel.sbe.OpenLotEncoder;
import io.gavel.sbe.PaymentResult;
import io.gavel.sbe.ReopenEncoder;
import io.gavel.sbe.RetractionPolicy;
import io.gavel.sbe.TiePolicy;
import io.gavel.sbe.WithdrawLotEncoder;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a whole scenario file (docs/SCENARIOS.md) before anything runs, and turns each line into a
 * {@link ScenarioStep}. Any problem is a {@link ScenarioSyntaxException} naming the line.
 */
public final class ScenarioParser
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** Keys each command takes: required first, then optional after the '|'. */
    private static final Map<String, String[][]> COMMANDS = new LinkedHashMap<>();

    static
    {
        COMMANDS.put("create-auction", keys("auction format", "currency increments premium tie retraction softclose " +
            "max-extensions max-extension-total"));
        COMMANDS.put("add-lot", keys("auction lot start", "reserve buy-now end"));
        COMMANDS.put("register", keys("auction bidder paddle", "limit"));
        COMMANDS.put("approve", keys("auction bidder", ""));
        COMMANDS.put("suspend", keys("auction bidder", ""));
        COMMANDS.put("open-lot", keys("auction lot", ""));
        COMMANDS.put("max-bid", keys("auction lot bidder max", ""));
        COMMANDS.put("bid", keys("auction lot bidder amount", "ask-version"));
        COMMANDS.put("floor-bid", keys("auction lot amount paddle", "ask-version"));
        COMMANDS.put("set-increment", keys("auction lot increment", ""));
        COMMANDS.put("jump-ask", keys("auction lot ask", ""));
        COMMANDS.put("buy-now", keys("auction lot bidder", ""));
        COMMANDS.put("retract", keys("auction lot bidder reason", ""));
        COMMANDS.put("fair-warning", keys("auction lot", ""));
        COMMANDS.put("hammer", keys("auction lot", ""));
        COMMANDS.put("reopen", keys("auction lot", ""));
        COMMANDS.put("withdraw-lot", keys("auction lot", ""));
        COMMANDS.put("cancel-auction", keys("auction", ""));
        COMMANDS.put("payment", keys("auction lot result", ""));
        COMMANDS.put("tick", keys("", ""));
    }

    private static final Set<String> TIMED_ONLY_KEYS =
        Set.of("softclose", "max-extensions", "max-extension-total", "buy-now", "end");

    private final Map<Long, Format> formats = new HashMap<>();
    private int line;

    private static String[][] keys(final String required, final String optional)
    {
        return new String[][]{ split(required), split(optional) };
    }

    private static String[] split(final String words)
    {
        return words.isEmpty() ? new String[0] : words.split(" ");
    }

    /** Checks every line of {@code lines}; returns the steps in file order. */
    public List<ScenarioStep> parse(final List<String> lines) throws ScenarioSyntaxException
    {
        final List<ScenarioStep> steps = new ArrayList<>();
        long lastTime = 0;
        for (int i = 0; i < lines.size(); i++)
        {
            line = i + 1;
            final String text = lines.get(i).strip();
            if (text.isEmpty() || text.startsWith("#"))
            {
                continue;
            }
            final String[] tokens = text.split("\\s+");
            if (!tokens[0].equals("at"))
            {
                throw error("a line must start with 'at <seconds>', not '" + tokens[0] + "'");
            }
            if (tokens.length < 3)
            {
                throw error(tokens.length < 2 ? "missing time and command after 'at'" : "missing command after 'at "
                    + tokens[1] + "'");
            }
            final long time = seconds(tokens[1], "time");
            if (time < lastTime)
            {
                throw error("time " + tokens[1] + " is before the previous line's; lines must be in time order");
            }
            lastTime = time;
            final String command = tokens[2];
            final String[][] allowed = COMMANDS.get(command);
            if (allowed == null)
            {
                throw error("unknown command '" + command + "' (commands: " + String.join(", ", COMMANDS.keySet()) +
                    ")");
            }
            final Map<String, String> values = new LinkedHashMap<>();
            for (int t = 3; t < tokens.length; t++)
            {
                final int eq = tokens[t].indexOf('=');
                if (eq <= 0 || eq == tokens[t].length() - 1)
                {
                    throw error("'" + tokens[t] + "' is not key=value");
                }
                final String key = tokens[t].substring(0, eq);
                if (!contains(allowed[0], key) && !contains(allowed[1], key))
                {
                    throw error("unknown key '" + key + "' for " + command);
                }
                if (values.put(key, tokens[t].substring(eq + 1)) != null)
                {
                    throw error("key '" + key + "' is repeated");
                }
            }
            for (final String key : allowed[0])
            {
                if (!values.containsKey(key))
                {
                    throw error(command + " needs " + key + "=");
                }
            }
            steps.add(new ScenarioStep(line, time, command, step(command, values)));
        }
        return steps;
    }

    private ScenarioStep.Encoding step(final String command, final Map<String, String> v)
        throws ScenarioSyntaxException
    {
        switch (command)
        {
            case "create-auction":
                return createAuction(v);
            case "add-lot":
                return addLot(v);
            case "register":
            {
                final long auction = id(v, "auction");
                final long bidder = id(v, "bidder");
                final long paddle = id(v, "paddle");
                final long limit = v.containsKey("limit") ? amount(v, "limit") : 0;
                return (e, c) -> e.registerBidder(c, auction, bidder, paddle, limit);
            }
            case "approve":
            {
                final long auction = id(v, "auction");
                final long bidder = id(v, "bidder");
                return (e, c) -> e.approveBidder(c, auction, bidder);
            }
            case "suspend":
            {
                final long auction = id(v, "auction");
                final long bidder = id(v, "bidder");
                return (e, c) -> e.suspendBidder(c, auction, bidder);
            }
            case "open-lot":
                return lotCommand(OpenLotEncoder.TEMPLATE_ID, v);
            case "fair-warning":
                return lotCommand(FairWarningEncoder.TEMPLATE_ID, v);
            case "hammer":
                return lotCommand(HammerEncoder.TEMPLATE_ID, v);
            case "reopen":
                return lotCommand(ReopenEncoder.TEMPLATE_ID, v);
            case "withdraw-lot":
                return lotCommand(WithdrawLotEncoder.TEMPLATE_ID, v);
            case "cancel-auction":
            {
                final long auction = id(v, "auction");
                return (e, c) -> e.cancelAuction(c, auction);
            }
            case "max-bid":
            {
                final long auction = id(v, "auction");
                final long lot = id(v, "lot");
                final long bidder = id(v, "bidder");
                final long max = amount(v, "max");
                return (e, c) -> e.maxBid(c, auction, lot, bidder, max);
            }
            case "bid":
            {
                final long auction = id(v, "auction");
                final long lot = id(v, "lot");
                final long bidder = id(v, "bidder");
                final long amount = amount(v, "amount");
                final int version = askVersion(v);
                return (e, c) -> e.liveBid(c, auction, lot, bidder, amount, version);
            }
            case "floor-bid":
            {
                final long auction = id(v, "auction");
                final long lot = id(v, "lot");
                final long paddle = id(v, "paddle");
                final long amount = amount(v, "amount");
                final int version = askVersion(v);
                return (e, c) -> e.floorBid(c, auction, lot, paddle, amount, version);
            }
            case "set-increment":
            {
                final long auction = id(v, "auction");
                final long lot = id(v, "lot");
                final long increment = amount(v, "increment");
                return (e, c) -> e.setIncrement(c, auction, lot, increment);
            }
            case "jump-ask":
            {
                final long auction = id(v, "auction");
                final long lot = id(v, "lot");
                final long ask = amount(v, "ask");
                return (e, c) -> e.jumpAsk(c, auction, lot, ask);
            }
            case "buy-now":
            {
                final long auction = id(v, "auction");
                final long lot = id(v, "lot");
                final long bidder = id(v, "bidder");
                return (e, c) -> e.buyNow(c, auction, lot, bidder);
            }
            case "retract":
            {
                final long auction = id(v, "auction");
                final long lot = id(v, "lot");
                final long bidder = id(v, "bidder");
                final String reason = v.get("reason");
                if (reason.length() > 16 || !reason.chars().allMatch(ch -> ch > 32 && ch < 127))
                {
                    throw error("reason must be one word of at most 16 ASCII characters, not '" + reason + "'");
                }
                return (e, c) -> e.retract(c, auction, lot, bidder, reason);
            }
            case "payment":
            {
                final long auction = id(v, "auction");
                final long lot = id(v, "lot");
                final PaymentResult result = choice(v, "result", PaymentResult.class, "PAID|FAILED");
                return (e, c) -> e.settlementResult(c, auction, lot, result);
            }
            case "tick":
                return CommandEncoder::tick;
            default:
                throw error("unknown command '" + command + "'");
        }
    }

    private ScenarioStep.Encoding createAuction(final Map<String, String> v) throws ScenarioSyntaxException
    {
        final long auction = id(v, "auction");
        final Format format = choice(v, "format", Format.class, "LIVE|TIMED");
        if (format == Format.LIVE)
        {
            rejectTimedKeys(v, "auction " + auction + " is LIVE");
        }
        formats.putIfAbsent(auction, format);
        final String currency = v.getOrDefault("currency", "USD");
        if (!currency.matches("[A-Z]{3}"))
        {
            throw error("currency must be three capital letters (ISO 4217), not '" + currency + "'");
        }
        final long[][] bands = increments(v.getOrDefault("increments", "default"));
        final int premiumBps = v.containsKey("premium") ? premium(v.get("premium")) : 0;
        final TiePolicy tie = v.containsKey("tie") ?
            choice(v, "tie", TiePolicy.class, "EARLIEST_WINS|REJECT_EQUAL") : TiePolicy.EARLIEST_WINS;
        final RetractionPolicy retraction = v.containsKey("retraction") ?
            choice(v, "retraction", RetractionPolicy.class, "NONE|BEFORE_WINDOW") : RetractionPolicy.NULL_VAL;
        boolean softClose = format == Format.TIMED;
        long window = 120 * NANOS_PER_SECOND;
        long extension = 120 * NANOS_PER_SECOND;
        final String softCloseText = v.get("softclose");
        if (softCloseText != null)
        {
            if (softCloseText.equals("off"))
            {
                softClose = false;
                window = 0;
                extension = 0;
            }
            else
            {
                final String[] parts = softCloseText.split("/", -1);
                if (parts.length != 2)
                {
                    throw error("softclose must be W/E in seconds (e.g. 120/120) or off, not '" + softCloseText + "'");
                }
                window = seconds(parts[0], "softclose window");
                extension = seconds(parts[1], "softclose extension");
                if (extension == 0)
                {
                    throw error("softclose extension must be more than 0 seconds");
                }
            }
        }
        final int maxExtensions = v.containsKey("max-extensions") ? (int)count(v, "max-extensions") : -1;
        final long maxTotal = v.containsKey("max-extension-total") ?
            seconds(v.get("max-extension-total"), "max-extension-total") : -1;
        final boolean finalSoftClose = softClose;
        final long finalWindow = window;
        final long finalExtension = extension;
        return (e, c) -> e.createAuction(c, auction, format, currency, premiumBps, tie, retraction, finalSoftClose,
            finalWindow, finalExtension, maxExtensions, maxTotal, bands[0], bands[1], bands[0].length);
    }

    private ScenarioStep.Encoding addLot(final Map<String, String> v) throws ScenarioSyntaxException
    {
        final long auction = id(v, "auction");
        final long lot = id(v, "lot");
        final long start = amount(v, "start");
        final long reserve = v.containsKey("reserve") ? amount(v, "reserve") : 0;
        final Format format = formats.get(auction);
        if (format == Format.LIVE)
        {
            rejectTimedKeys(v, "auction " + auction + " is LIVE");
        }
        if (format == Format.TIMED && !v.containsKey("end"))
        {
            throw error("add-lot needs end= for TIMED auction " + auction);
        }
        final long buyNow = v.containsKey("buy-now") ? amount(v, "buy-now") : 0;
        final long end = v.containsKey("end") ? seconds(v.get("end"), "end") : 0;
        return (e, c) -> e.addLot(c, auction, lot, start, reserve, buyNow, end);
    }

    private ScenarioStep.Encoding lotCommand(final int templateId, final Map<String, String> v)
        throws ScenarioSyntaxException
    {
        final long auction = id(v, "auction");
        final long lot = id(v, "lot");
        return (e, c) -> e.lotCommand(templateId, c, auction, lot);
    }

    private void rejectTimedKeys(final Map<String, String> v, final String why) throws ScenarioSyntaxException
    {
        for (final String key : v.keySet())
        {
            if (TIMED_ONLY_KEYS.contains(key))
            {
                throw error("key '" + key + "' is for TIMED auctions; " + why);
            }
        }
    }

    private long[][] increments(final String text) throws ScenarioSyntaxException
    {
        if (text.equals("default"))
        {
            return new long[][]{ new long[0], new long[0] };
        }
        final String[] bands = text.split(",", -1);
        final long[] starts = new long[bands.length];
        final long[] increments = new long[bands.length];
        for (int i = 0; i < bands.length; i++)
        {
            final String[] parts = bands[i].split(":", -1);
            if (parts.length != 2)
            {
                throw error("increments must be 'default' or start:increment,... (e.g. 0:5,100:10), not '" +
                    text + "'");
            }
            starts[i] = money(parts[0], "increments band start");
            increments[i] = money(parts[1], "increments band increment");
        }
        return new long[][]{ starts, increments };
    }

    private int premium(final String text) throws ScenarioSyntaxException
    {
        try
        {
            final BigDecimal rate = new BigDecimal(text);
            final BigDecimal bps = rate.movePointRight(4);
            if (!text.matches("\\d+(\\.\\d+)?") || rate.compareTo(BigDecimal.ONE) > 0 || bps.stripTrailingZeros()
                .scale() > 0)
            {
                throw new NumberFormatException();
            }
            return bps.intValueExact();
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw error("premium must be a rate from 0 to 1 with at most 4 decimals (e.g. 0.20), not '" + text + "'");
        }
    }

    private <E extends Enum<E>> E choice(final Map<String, String> v, final String key, final Class<E> type,
        final String allowed) throws ScenarioSyntaxException
    {
        final String value = v.get(key);
        for (final String option : allowed.split("\\|"))
        {
            if (option.equals(value))
            {
                return Enum.valueOf(type, value);
            }
        }
        throw error(key + " must be " + allowed + ", not '" + value + "'");
    }

    private long id(final Map<String, String> v, final String key) throws ScenarioSyntaxException
    {
        final String value = v.get(key);
        if (!value.matches("[0-9]{1,18}") || Long.parseLong(value) <= 0)
        {
            throw error(key + " must be a positive integer, not '" + value + "'");
        }
        return Long.parseLong(value);
    }

    /**
     * {@code ask-version}: a whole number, 0 allowed. Left out it is the wire's 0 ("not given"); a given 0 is a
     * version never issued (R3: ASK_MOVED), sent as -1 because the wire keeps 0 for "not given".
     */
    private int askVersion(final Map<String, String> v) throws ScenarioSyntaxException
    {
        if (!v.containsKey("ask-version"))
        {
            return 0;
        }
        final int version = (int)count(v, "ask-version");
        return version == 0 ? -1 : version;
    }

    private long count(final Map<String, String> v, final String key) throws ScenarioSyntaxException
    {
        final String value = v.get(key);
        if (!value.matches("[0-9]{1,9}"))
        {
            throw error(key + " must be a whole number, not '" + value + "'");
        }
        return Long.parseLong(value);
    }

    private long amount(final Map<String, String> v, final String key) throws ScenarioSyntaxException
    {
        return money(v.get(key), key);
    }

    private long money(final String value, final String what) throws ScenarioSyntaxException
    {
        try
        {
            return Amounts.parseMoney(value, what);
        }
        catch (final IllegalArgumentException ex)
        {
            throw error(ex.getMessage());
        }
    }

    private long seconds(final String value, final String what) throws ScenarioSyntaxException
    {
        if (!value.matches("[0-9]{1,10}(\\.[0-9]{1,9})?"))
        {
            throw error(what + " must be seconds, like 0, 1.5 or 61, not '" + value + "'");
        }
        return new BigDecimal(value).movePointRight(9).longValueExact();
    }

    private static boolean contains(final String[] keys, final String key)
    {
        for (final String k : keys)
        {
            if (k.equals(key))
            {
                return true;
            }
        }
        return false;
    }

    private ScenarioSyntaxException error(final String message)
    {
        return new ScenarioSyntaxException(line, message);
    }
}
