package io.gavel.gateway;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/CONFIGURATION.md documents every setting with the default the code uses, so the page cannot drift.
 */
class ConfigurationDocsTest
{
    @Test
    void everyKeyIsDocumentedWithItsDefault() throws Exception
    {
        final String docs = Files.readString(Paths.get("..", "docs", "CONFIGURATION.md"));
        for (final String[] key : EngineConfig.KEYS)
        {
            final String row = "| `" + key[0] + "` | ";
            final int at = docs.indexOf(row);
            assertTrue(at >= 0, key[0] + " is not documented");
            if (!key[1].isEmpty())
            {
                assertTrue(docs.startsWith("`" + key[1] + "`", at + row.length()),
                    key[0] + " is documented with another default than " + key[1]);
            }
        }
    }
}
