package io.gavel.replay.text;

/**
 * Text forms of money and time shared by every tool that prints: cents with two decimals, nanos as seconds.
 */
public final class Amounts
{
    private Amounts()
    {
    }

    /**
     * Parses a decimal amount with at most two places ({@code 12}, {@code 12.5}, {@code 12.50}) into cents.
     *
     * @throws IllegalArgumentException naming {@code what} when the text is not such an amount.
     */
    public static long parseMoney(final String text, final String what)
    {
        if (text == null || !text.matches("[0-9]{1,15}(\\.[0-9]{1,2})?"))
        {
            throw new IllegalArgumentException(what + " must be an amount with at most two decimals (e.g. 12, " +
                "12.5, 12.50), not '" + text + "'");
        }
        return new java.math.BigDecimal(text).movePointRight(2).longValueExact();
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
