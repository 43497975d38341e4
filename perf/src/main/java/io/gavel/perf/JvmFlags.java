package io.gavel.perf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The JVM module flags of the parent pom ({@code gavel.jvm.flags}), as the build filtered them into this jar, so JMH
 * forks run with exactly what Surefire and the launcher use.
 */
public final class JvmFlags
{
    private JvmFlags()
    {
    }

    public static String[] load()
    {
        try (InputStream in = JvmFlags.class.getResourceAsStream("/gavel-jvm.options"))
        {
            if (in == null)
            {
                throw new IllegalStateException("gavel-jvm.options is missing from the perf jar; rebuild it");
            }
            final String flags = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            final String[] base = flags.isEmpty() ? new String[0] : flags.split("\\s+");
            if (Runtime.version().feature() >= 24)
            {
                final String[] withNative = java.util.Arrays.copyOf(base, base.length + 2);
                withNative[base.length] = "--enable-native-access=ALL-UNNAMED";
                withNative[base.length + 1] = "--sun-misc-unsafe-memory-access=allow";
                return withNative;
            }
            return base;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read gavel-jvm.options", ex);
        }
    }
}
