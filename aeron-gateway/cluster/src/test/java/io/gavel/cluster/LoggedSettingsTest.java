package io.gavel.cluster;

import io.aeron.cluster.AppVersionValidator;
import io.gavel.sbe.MessageHeaderEncoder;
import io.gavel.sbe.Role;
import io.gavel.sbe.TickEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.SemanticVersion;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deciding settings' own parts, without a cluster: the {@code ClusterSettings} frame, the operator's line, where
 * the values come from as the log says, the commands held until the log's settings (in log order, and through a
 * snapshot), and the application versions that tell a log with settings from one without.
 */
@Timeout(10)
class LoggedSettingsTest
{
    private static final ClusterSettings OWN = new ClusterSettings(500, 100, 1024);
    private static final ClusterSettings LOG = new ClusterSettings(2000, 100, 4096);

    @Test
    void theFrameCarriesTheThreeValuesAndNothingElseIsTakenForIt()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        final int length = LOG.encode(buffer, 3);
        assertEquals(ClusterSettings.ENCODED_LENGTH, length);
        assertEquals(LOG, ClusterSettings.decode(buffer, 3, length));
        assertNull(ClusterSettings.decode(buffer, 3, length - 1), "a cut frame");
        final int tick = new TickEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).encodedLength();
        assertNull(ClusterSettings.decode(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + tick), "another frame");
    }

    @Test
    void theLineNamesEachSettingThatDiffersWithBothValues()
    {
        assertNull(LOG.differencesFrom(LOG));
        assertEquals("gavel.session.rate.limit is 500 here but 2000 in the cluster's log, gavel.correlation.window " +
            "is 1024 here but 4096 in the cluster's log", OWN.differencesFrom(LOG));
        final LoggedSettings settings = new LoggedSettings(OWN);
        settings.logBegins(LoggedSettings.APP_VERSION);
        settings.tell(2);
        assertNull(settings.told(), "nothing to say before the log's values");
        settings.adopt(LOG);
        settings.tell(2);
        assertEquals("member 2: gavel.session.rate.limit is 500 here but 2000 in the cluster's log, " +
            "gavel.correlation.window is 1024 here but 4096 in the cluster's log; following the log",
            settings.told());
    }

    @Test
    void aLogBegunByTheVersionBeforeDecidesWithTheMembersOwnValues()
    {
        final LoggedSettings settings = new LoggedSettings(OWN);
        assertFalse(settings.logBegins(LoggedSettings.VERSION_BEFORE_LOGGED_SETTINGS));
        assertEquals(LoggedSettings.Source.LOCAL, settings.source());
        assertFalse(settings.logBegins(LoggedSettings.APP_VERSION), "a later term's version changes nothing");
        assertFalse(settings.adopt(LOG), "such a log never takes settings");
        assertEquals(OWN, settings.current());
        settings.tell(0);
        assertNull(settings.told());
    }

    @Test
    void commandsBeforeTheLogsSettingsAreHeldInOrderThroughASnapshot()
    {
        final LoggedSettings settings = new LoggedSettings(OWN);
        assertTrue(settings.logBegins(LoggedSettings.APP_VERSION));
        assertFalse(settings.logBegins(LoggedSettings.APP_VERSION), "only the log's first term decides");
        assertEquals(LoggedSettings.Source.PENDING, settings.source());
        settings.hold(7, 1_000, 101, Role.BIDDER, frame(1, 2, 3), 0, 3);
        settings.hold(8, 2_000, 1, Role.ADMIN, frame(4, 5), 0, 2);

        final LoggedSettings restored = new LoggedSettings(OWN);
        restored.read(section(settings), 0, settings.encodedLength());
        assertEquals(LoggedSettings.Source.PENDING, restored.source());
        assertEquals(2, restored.heldCount());
        assertTrue(restored.adopt(LOG));
        assertFalse(restored.adopt(OWN), "the first settings entry wins");
        assertEquals(LOG, restored.current());
        final List<String> applied = new ArrayList<>();
        restored.release((sessionId, timestamp, principal, role, buffer, offset, length) ->
        {
            final StringBuilder bytes = new StringBuilder();
            for (int i = 0; i < length; i++)
            {
                bytes.append(buffer.getByte(offset + i));
            }
            applied.add(sessionId + "/" + timestamp + "/" + principal + "/" + role + "/" + bytes);
        });
        assertEquals(List.of("7/1000/101/BIDDER/123", "8/2000/1/ADMIN/45"), applied);
        assertEquals(0, restored.heldCount());
        assertEquals(2, restored.released());

        final LoggedSettings afterRestart = new LoggedSettings(OWN);
        afterRestart.read(section(restored), 0, restored.encodedLength());
        assertEquals(LoggedSettings.Source.LOG, afterRestart.source());
        assertEquals(LOG, afterRestart.current(), "a snapshot keeps the log's values, not the file's");

        final LoggedSettings older = new LoggedSettings(OWN);
        older.read(section(restored), 0, 0);
        assertEquals(LoggedSettings.Source.LOCAL, older.source(), "a snapshot without the section is of an older log");
    }

    @Test
    void thisVersionsLogsAreTheOnlyOnesWithSettingsAndAeronAcceptsBoth()
    {
        assertFalse(new LoggedSettings(OWN).logBegins(SemanticVersion.compose(0, 0, 9)));
        assertTrue(new LoggedSettings(OWN).logBegins(SemanticVersion.compose(0, 2, 0)), "a later minor version");
        // Aeron accepts a log or snapshot of the same major version only: both must replay on this version.
        assertTrue(AppVersionValidator.SEMANTIC_VERSIONING_VALIDATOR.isVersionCompatible(LoggedSettings.APP_VERSION,
            LoggedSettings.VERSION_BEFORE_LOGGED_SETTINGS));
    }

    private static DirectBuffer frame(final int... bytes)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[bytes.length]);
        for (int i = 0; i < bytes.length; i++)
        {
            buffer.putByte(i, (byte)bytes[i]);
        }
        return buffer;
    }

    private static DirectBuffer section(final LoggedSettings settings)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(settings.encodedLength());
        assertEquals(settings.encodedLength(), settings.write(buffer, 0));
        return buffer;
    }
}
