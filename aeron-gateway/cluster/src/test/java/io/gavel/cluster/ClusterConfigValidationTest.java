package io.gavel.cluster;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A member refuses a configuration it cannot run with before it starts anything, naming the setting and the fix. */
class ClusterConfigValidationTest
{
    @Test
    void theDefaultsWithHostsAreValid()
    {
        ClusterConfig.load(three()).validate();
    }

    @Test
    void refusesEachBadSettingByName()
    {
        refused("gavel.cluster.term.length", "100000", "setting 'gavel.cluster.term.length' must be a power of two " +
            "from 65536 (64 KiB) to 1073741824 (1 GiB), not 100000");
        refused("gavel.cluster.archive.segment.length", "65536", "setting 'gavel.cluster.archive.segment.length' " +
            "must be a power of two from the term length (262144) to 1073741824, not 65536");
        refused("gavel.cluster.port.base", "65400", "setting 'gavel.cluster.port.base' = 65400 puts member 2's " +
            "ports outside 1 to 65535 (its highest would be 65607)");
        refused("gavel.cluster.heartbeat.timeout.ms", "50", "setting 'gavel.cluster.heartbeat.timeout.ms' (50) must " +
            "be longer than gavel.cluster.heartbeat.interval.ms (100), or every member would think the leader dead " +
            "between two heartbeats");
        refused("gavel.cluster.election.timeout.ms", "0", "setting 'gavel.cluster.election.timeout.ms' must be " +
            "more than 0, not 0");
        refused("gavel.cluster.session.timeout.ms", "ten", "setting 'gavel.cluster.session.timeout.ms' must be a " +
            "whole number, not 'ten'");
        refused("gavel.cluster.snapshot.every", "-1", "settings 'gavel.cluster.snapshot.every' and " +
            "'gavel.cluster.snapshot.interval.s' must be 0 (off) or more");
        refused("gavel.cluster.egress.channel", "udp://127.0.0.1", "setting 'gavel.cluster.egress.channel' must be " +
            "an Aeron channel (aeron:udp?endpoint=HOST:0), not 'udp://127.0.0.1'");
        refused("gavel.cluster.hosts", "", "gavel.cluster.hosts is empty: the configuration names no cluster");
    }

    private static void refused(final String key, final String value, final String message)
    {
        final Properties properties = three();
        properties.setProperty(key, value);
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> ClusterConfig.load(properties).validate());
        assertEquals(message, refused.getMessage());
    }

    private static Properties three()
    {
        final Properties properties = new Properties();
        properties.setProperty("gavel.cluster.hosts", "10.0.0.1,10.0.0.2,10.0.0.3");
        return properties;
    }
}
