package io.gavel.perf.load;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The load run's progress bar, {@code \r[####    ]  42%  1,234,567 answered}, rendered into one preallocated byte
 * array: the harness prints it every second inside the measured window, and a formatted string there allocated
 * (the window must see no allocation, and no GC, from the harness itself).
 */
final class ProgressLine
{
    private static final int BAR = 40;
    private final byte[] line = new byte[96];
    private final byte[] digits = new byte[32];
    private final OutputStream out;
    private int length;

    ProgressLine(final PrintStream out)
    {
        this.out = out;
    }

    /** Renders the line for {@code done} (0..1) and {@code answered}, without allocating. */
    int render(final double done, final long answered)
    {
        final double clamped = Math.max(0, Math.min(1, done));
        final int bars = (int)(clamped * BAR);
        length = 0;
        line[length++] = '\r';
        line[length++] = '[';
        for (int i = 0; i < BAR; i++)
        {
            line[length++] = (byte)(i < bars ? '#' : ' ');
        }
        line[length++] = ']';
        line[length++] = ' ';
        final long percent = Math.round(clamped * 100);
        for (int pad = percent < 10 ? 2 : percent < 100 ? 1 : 0; pad > 0; pad--)
        {
            line[length++] = ' ';
        }
        appendGrouped(percent, false);
        line[length++] = '%';
        line[length++] = ' ';
        line[length++] = ' ';
        appendGrouped(answered, true);
        for (final byte b : ANSWERED)
        {
            line[length++] = b;
        }
        return length;
    }

    /** Renders and writes the line. */
    void print(final double done, final long answered)
    {
        render(done, answered);
        try
        {
            out.write(line, 0, length);
            out.flush();
        }
        catch (final java.io.IOException ex)
        {
            // A progress line that cannot be shown changes nothing measured.
        }
    }

    /** The bytes rendered last, as text (for tests). */
    String text()
    {
        return new String(line, 0, length, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private void appendGrouped(final long value, final boolean grouped)
    {
        long rest = Math.max(0, value);
        int count = 0;
        int at = digits.length;
        do
        {
            if (grouped && count > 0 && count % 3 == 0)
            {
                digits[--at] = ',';
            }
            digits[--at] = (byte)('0' + rest % 10);
            rest /= 10;
            count++;
        }
        while (rest > 0);
        System.arraycopy(digits, at, line, length, digits.length - at);
        length += digits.length - at;
    }

    private static final byte[] ANSWERED = " answered".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
}
