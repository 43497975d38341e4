package io.gavel.cluster;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/CONFIGURATION.md documents every cluster setting with the default the code uses; unknown keys are refused. */
class ClusterConfigurationDocsTest
{
    @Test
    void everyClusterKeyIsDocumentedWithItsDefault() throws Exception
    {
        final String docs = Files.readString(Paths.get("..", "..", "docs", "CONFIGURATION.md"));
        for (final String[] key : ClusterConfig.KEYS)
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

    @Test
    void refusesUnknownClusterKeysAndLaysOutPorts()
    {
        final Properties properties = new Properties();
        properties.setProperty("gavel.cluster.hostz", "a");
        final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
            () -> ClusterConfig.load(properties));
        assertEquals("unknown setting 'gavel.cluster.hostz'", unknown.getMessage());

        final Properties three = new Properties();
        three.setProperty("gavel.cluster.hosts", "a,b,c");
        final ClusterConfig config = ClusterConfig.load(three);
        assertEquals("0,a:20001,a:20002,a:20003,a:20004,a:20005|1,b:20101,b:20102,b:20103,b:20104,b:20105|" +
            "2,c:20201,c:20202,c:20203,c:20204,c:20205", config.clusterMembers());
        assertEquals("0=a:20001,1=b:20101,2=c:20201", config.ingressEndpoints());
        final IllegalArgumentException member = assertThrows(IllegalArgumentException.class,
            () -> config.checkMember(3));
        assertEquals("member id 3 is not in gavel.cluster.hosts (3 members: ids 0 to 2)", member.getMessage());
    }
}
