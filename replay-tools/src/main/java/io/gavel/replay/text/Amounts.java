package io.gavel.replay.text;

/**
 * Text forms of money and time shared by every tool that prints: cents with two decimals, nanos as seconds.
 */
public final class Amounts
{
    private Amounts()
    {
    }

    /** The largest amount {@link #parseMoney} takes: 15 digits before the point. */
    public static final String LARGEST = "999999999999999.99";

    /**
     * Parses a decimal amount with at most two places ({@code 12}, {@code 12.5}, {@code 12.50}) into cents.
     *
     * @throws IllegalArgumentException naming {@code what} and what is wrong when the text is not such an amount.
     */
    public static long parseMoney(final String text, final String what)
    {
        if (text == null || text.isEmpty())
        {
            throw new IllegalArgumentException(what + " needs an amount, e.g. 12 or 12.50");
        }
        if (text.matches("-[0-9]+(\\.[0-9]+)?"))
        {
            throw new IllegalArgumentException(what + " must not be negative, not '" + text + "'");
        }
        if (!text.matches("[0-9]+(\\.[0-9]+)?"))
        {
            throw new IllegalArgumentException(what + " must be an amount in the auction's currency with at most " +
                "two decimals (e.g. 12, 12.5, 12.50), not '" + text + "'");
        }
        final int point = text.indexOf('.');
        if (point >= 0 && text.length() - point - 1 > 2)
        {
            throw new IllegalArgumentException(what + " has more than two decimals: '" + text + "' (amounts are " +
                "in the currency's units, to the cent)");
        }
        if ((point < 0 ? text : text.substring(0, point)).replaceFirst("^0+", "").length() > 15)
        {
            throw new IllegalArgumentException(what + " is too large: '" + text + "' (at most " + LARGEST + ")");
        }
        return new java.math.BigDecimal(text).movePointRight(2).longValueExact();
    }

    /**
     * {@link #parseMoney}, refusing zero too: bids, maximums and increments are positive.
     *
     * @throws IllegalArgumentException naming {@code what} when the text is not a positive amount.
     */
    public static long parsePositiveMoney(final String text, final String what)
    {
        final long cents = parseMoney(text, what);
        if (cents == 0)
        {
            throw new IllegalArgumentException(what + " must be more than zero, not '" + text + "'");
        }
        return cents;
    }

    public static void money(final StringBuilder out, final long cents)
    {
        if (cents < 0)
        {
            out.append('-');
        }
        final long abs = Math.abs(cents);
        out.append(abs / 100).append('.');
        final long fraction = abs % 100;
        if (fraction < 10)
        {
            out.append('0');
        }
        out.append(fraction);
    }

    public static String money(final long cents)
    {
        final StringBuilder out = new StringBuilder();
        money(out, cents);
        return out.toString();
    }

    /** Seconds with as many decimals as needed (none for whole seconds), e.g. 130, 130.5, 0.000001. */
    public static void seconds(final StringBuilder out, final long nanos)
    {
        if (nanos < 0)
        {
            out.append('-');
        }
        final long abs = Math.abs(nanos);
        out.append(abs / 1_000_000_000L);
        long fraction = abs % 1_000_000_000L;
        if (fraction != 0)
        {
            final StringBuilder digits = new StringBuilder(Long.toString(fraction));
            while (digits.length() < 9)
            {
                digits.insert(0, '0');
            }
            int end = digits.length();
            while (digits.charAt(end - 1) == '0')
            {
                end--;
            }
            out.append('.').append(digits, 0, end);
        }
    }
}
