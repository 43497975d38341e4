package io.gavel.cluster;

import io.gavel.cluster.client.ClusterGavelClient;
import io.gavel.sbe.Role;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LogPurge} on real members with 64 KiB log segments: segment files before the kept position leave each
 * running member's archive, and only those; the purge stays behind a stopped follower's position, which then catches
 * up from the leader's purged log; a member stopped after the purge recovers from its latest snapshot and the log
 * after it with the leader's state hash (and, in member processes, a purged leader killed with -9 comes back with
 * journals equal to the others'); with fewer than two snapshots nothing is removed and the member is named; after a
 * third snapshot the first one's recordings are removed.
 */
class LogPurgeTest
{
    private static final int SEGMENT = 65_536;

    @TempDir
    Path dir;

    private ClusterUnderTest cluster;
    private long amount = 20_00;

    @AfterEach
    void stop()
    {
        CloseHelper.quietClose(cluster);
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void purgesBehindTheSlowestMemberAndEveryMemberStillRecovers() throws Exception
    {
        cluster = ClusterUnderTest.inThisJvm(dir, properties(3));
        final ClusterConfig config = cluster.config();
        try (ClusterGavelClient admin = TestClusters.client(cluster.clientDriver(), config, TestClusters.ADMIN,
            Role.ADMIN);
            ClusterGavelClient bidder = TestClusters.client(cluster.clientDriver(), config, 101, Role.BIDDER))
        {
            TestClusters.timedSale(admin, 5, 1, System.currentTimeMillis() * 1_000_000L +
                TimeUnit.HOURS.toNanos(1), 1);
            final int leader = admin.leaderMemberId();
            final int stopped = (leader + 1) % 3;
            final int other = (leader + 2) % 3;

            // The stopped follower's log ends in the second segment; two snapshots are taken after it.
            fill(bidder, leader, SEGMENT + SEGMENT / 2);
            cluster.stop(stopped);
            fill(bidder, leader, 4L * SEGMENT);
            final long first = snapshot(config, other);
            fill(bidder, leader, 5L * SEGMENT);
            final long second = snapshot(config, other);
            assertTrue(first >= 4L * SEGMENT && second > first, first + " then " + second);

            final LogPurge.Result behind = LogPurge.purge(config, OptionalLong.empty(), Duration.ofSeconds(20));
            assertFalse(behind.allDone(), behind.describe());
            assertTrue(behind.member(stopped).line().contains("down"), behind.describe());
            for (final int id : new int[] {leader, other})
            {
                final LogPurge.Outcome outcome = behind.member(id);
                // Held back by the stopped member: only the first segment goes, not everything before the first
                // snapshot (which would strand the stopped member).
                assertTrue(outcome.done(), behind.describe());
                assertEquals(SEGMENT, outcome.newStartPosition(), behind.describe());
                assertTrue(outcome.line().contains("purged 1 segment (0.1 MiB) before log position " + SEGMENT +
                    "; log now starts at " + SEGMENT + " (kept from the slowest member's log"), behind.describe());
                assertLogStartsAt(config, id, SEGMENT);
            }
            assertLogStartsAt(config, stopped, 0);

            final ClusterNode rejoined = cluster.restart(stopped);
            fill(bidder, leader, 5L * SEGMENT + SEGMENT / 4);
            await(() -> rejoined.service().appliedSequence() == cluster.node(leader).service().appliedSequence(),
                "the follower stopped across the purge to catch up from the purged log");
            assertEquals(cluster.node(leader).service().stateHash(), rejoined.service().stateHash());

            // Every member up again: the purge now goes as far as the snapshot before the latest.
            final LogPurge.Result margin = LogPurge.purge(config, OptionalLong.empty(), Duration.ofSeconds(20));
            final long kept = segmentBase(first);
            for (final int id : new int[] {leader, other})
            {
                final LogPurge.Outcome outcome = margin.member(id);
                assertTrue(outcome.done(), margin.describe());
                assertEquals(kept, outcome.newStartPosition(), margin.describe());
                assertTrue(outcome.line().contains("kept from the snapshot before the latest, at log position " +
                    first), margin.describe());
                assertLogStartsAt(config, id, kept);
            }
            assertTrue(ClusterStatus.describe(ClusterStatus.read(config))
                .contains("log on disk: from log position " + kept), margin.describe());

            // A purged member stopped and started again loads its latest snapshot and replays the log after it.
            final long snapshotSequence = cluster.node(other).service().lastSnapshotSequence();
            cluster.stop(other);
            fill(bidder, leader, 5L * SEGMENT + SEGMENT / 2);
            final ClusterNode restarted = cluster.restart(other);
            bidOnce(bidder);
            await(() -> restarted.service().appliedSequence() == cluster.node(leader).service().appliedSequence(),
                "the purged member to recover and catch up");
            assertEquals(snapshotSequence, restarted.service().snapshotSequence(),
                "the purged member did not start from its latest snapshot");
            assertEquals(cluster.node(leader).service().stateHash(), restarted.service().stateHash());
            System.out.println("LOG PURGE\n" + behind.describe() + margin.describe());
        }
        final long applied = cluster.node(0).service().appliedSequence();
        cluster.close();
        assertEquals(applied, cluster.assertJournalsVerifyAndAgree().lastSequence());
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aPurgedLeaderKilledWithMinusNineRecoversTheSameState() throws Exception
    {
        cluster = ClusterUnderTest.inChildProcesses(dir, properties(3), 180);
        final ClusterConfig config = cluster.config();
        final ClusterGavelClient admin = cluster.own(TestClusters.client(cluster.clientDriver(), config,
            TestClusters.ADMIN, Role.ADMIN));
        final ClusterGavelClient bidder = cluster.own(TestClusters.client(cluster.clientDriver(), config, 101,
            Role.BIDDER));
        TestClusters.timedSale(admin, 5, 1, System.currentTimeMillis() * 1_000_000L + TimeUnit.HOURS.toNanos(1), 1);
        final int leader = admin.leaderMemberId();
        fillCommitted(bidder, config, leader, 3L * SEGMENT);
        final long first = snapshotOnAll(config);
        fillCommitted(bidder, config, leader, 4L * SEGMENT);
        snapshotOnAll(config);

        final LogPurge.Result purged = LogPurge.purge(config, OptionalLong.empty(), Duration.ofSeconds(20));
        assertTrue(purged.allDone(), purged.describe());
        for (int id = 0; id < 3; id++)
        {
            assertEquals(segmentBase(first), purged.member(id).newStartPosition(), purged.describe());
            assertLogStartsAt(config, id, segmentBase(first));
        }

        // kill -9 of the purged leader: a new leader (with a purged log too) carries on, and the killed member
        // restarts from its latest snapshot and the purged log after it, then catches up from the new leader.
        cluster.process(leader).kill();
        bidOnce(bidder);
        cluster.process(leader).start();
        cluster.process(leader).awaitStarted(180, TimeUnit.SECONDS);
        final long last = bidOnce(bidder);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (int id = 0; id < 3; id++)
        {
            while (JournalSummary.read(config.nodeDir(id).resolve("journal")).lastSequence() < last)
            {
                assertTrue(System.nanoTime() < deadline, "member " + id + " did not reach sequence " + last + "\n" +
                    cluster.logs());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
        System.out.println("LOG PURGE, KILL -9\n" + purged.describe());
        cluster.close();
        // Equal records byte for byte and equal replayed state hashes on all three.
        assertEquals(last, cluster.assertJournalsVerifyAndAgree().lastSequence());
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void withFewerThanTwoSnapshotsNothingIsRemoved() throws Exception
    {
        cluster = ClusterUnderTest.inThisJvm(dir, properties(1));
        final ClusterConfig config = cluster.config();
        final long purgedTo;
        try (ClusterGavelClient admin = TestClusters.client(cluster.clientDriver(), config, TestClusters.ADMIN,
            Role.ADMIN);
            ClusterGavelClient bidder = TestClusters.client(cluster.clientDriver(), config, 101, Role.BIDDER))
        {
            TestClusters.timedSale(admin, 5, 1, System.currentTimeMillis() * 1_000_000L +
                TimeUnit.HOURS.toNanos(1), 1);
            fill(bidder, 0, 2L * SEGMENT + SEGMENT / 2);
            final List<LogOnDisk.Segment> before = LogOnDisk.read(config.nodeDir(0).toFile()).segments();
            assertTrue(before.size() >= 3, before.toString());

            final LogPurge.Result none = LogPurge.purge(config, OptionalLong.empty(), Duration.ofSeconds(20));
            assertFalse(none.allDone(), none.describe());
            assertTrue(none.member(0).line().startsWith("member 0: no snapshot yet, nothing purged"),
                none.describe());
            assertEquals(before.subList(0, 3), LogOnDisk.read(config.nodeDir(0).toFile()).segments().subList(0, 3));

            final long only = OperatorSnapshot.take(config, Duration.ofSeconds(30)).snapshot().logPosition();
            final LogPurge.Result one = LogPurge.purge(config, OptionalLong.empty(), Duration.ofSeconds(20));
            assertFalse(one.allDone(), one.describe());
            assertTrue(one.member(0).line().startsWith("member 0: one snapshot (log position " + only +
                "), nothing purged"), one.describe());
            assertEquals(before.subList(0, 3), LogOnDisk.read(config.nodeDir(0).toFile()).segments().subList(0, 3));

            bidOnce(bidder);
            OperatorSnapshot.take(config, Duration.ofSeconds(30));
            // A --before lower than what the leader knows wins: here it is inside the first segment, which stays.
            final LogPurge.Result held = LogPurge.purge(config, OptionalLong.of(SEGMENT - 1), Duration.ofSeconds(20));
            assertTrue(held.allDone(), held.describe());
            assertEquals(SEGMENT - 1, held.floor(), held.describe());
            assertTrue(held.member(0).line().startsWith("member 0: nothing to purge: the log starts at log position " +
                "0 and is kept from the --before position, at log position " + (SEGMENT - 1)), held.describe());
            assertLogStartsAt(config, 0, 0);

            final LogPurge.Result two = LogPurge.purge(config, OptionalLong.empty(), Duration.ofSeconds(20));
            assertTrue(two.allDone(), two.describe());
            assertEquals(segmentBase(only), two.member(0).newStartPosition(), two.describe());
            assertLogStartsAt(config, 0, segmentBase(only));
            purgedTo = segmentBase(only);

            // A third snapshot: the first one's recordings (consensus module and service) are no longer needed.
            final List<LogOnDisk.SnapshotRecording> firstSnapshot = LogOnDisk.read(config.nodeDir(0).toFile())
                .snapshotRecordings().stream().filter(recording -> recording.logPosition() == only).toList();
            assertEquals(2, firstSnapshot.size(), firstSnapshot.toString());
            for (final LogOnDisk.SnapshotRecording recording : firstSnapshot)
            {
                assertFalse(LogOnDisk.segmentsOf(config.nodeDir(0).resolve("archive").toFile(),
                    recording.recordingId()).isEmpty(), "no files for " + recording);
            }
            bidOnce(bidder);
            OperatorSnapshot.take(config, Duration.ofSeconds(30));
            final LogPurge.Result three = LogPurge.purge(config, OptionalLong.empty(), Duration.ofSeconds(20));
            assertTrue(three.allDone(), three.describe());
            assertEquals(2, three.member(0).snapshotRecordings(), three.describe());
            assertTrue(three.member(0).line().contains("removed 2 snapshot recordings older than the snapshot " +
                "before the latest"), three.describe());
            for (final LogOnDisk.SnapshotRecording recording : firstSnapshot)
            {
                assertEquals(List.of(), LogOnDisk.segmentsOf(config.nodeDir(0).resolve("archive").toFile(),
                    recording.recordingId()), "snapshot recording " + recording + " still on disk");
            }
        }
        // Restarted after the purges: from the latest snapshot and the log after it, to the same state.
        final GavelClusteredService before = cluster.node(0).service();
        final long applied = before.appliedSequence();
        final long stateHash = before.stateHash();
        final long snapshotSequence = before.lastSnapshotSequence();
        cluster.stop(0);
        final ClusterNode restarted = cluster.restart(0);
        await(() -> restarted.service().appliedSequence() == applied, "the purged member to recover");
        assertEquals(snapshotSequence, restarted.service().snapshotSequence());
        assertEquals(stateHash, restarted.service().stateHash());

        // Stopped: no leader on this machine to say where the members' logs reach, and a stopped archive purges
        // nothing even with a position given.
        cluster.close();
        final IllegalStateException noLeader = assertThrows(IllegalStateException.class,
            () -> LogPurge.purge(config, OptionalLong.empty(), Duration.ofSeconds(5)));
        assertTrue(noLeader.getMessage().startsWith("only the leader knows how far every member's log reaches, and " +
            "no member on this machine leads"), noLeader.getMessage());
        final LogPurge.Result down = LogPurge.purge(config, OptionalLong.of(1L << 20), Duration.ofSeconds(5));
        assertFalse(down.allDone(), down.describe());
        assertTrue(down.member(0).line().startsWith("member 0: down (not running"), down.describe());
        assertLogStartsAt(config, 0, purgedTo);
    }

    /** Members with the smallest segments (one term each), snapshots only when asked, no rate limit on the fill. */
    private Properties properties(final int members)
    {
        final Properties properties = TestClusters.properties(dir, members);
        properties.setProperty("gavel.cluster.term.length", Integer.toString(SEGMENT));
        properties.setProperty("gavel.cluster.archive.segment.length", Integer.toString(SEGMENT));
        properties.setProperty("gavel.cluster.snapshot.every", "0");
        properties.setProperty("gavel.cluster.snapshot.interval.s", "0");
        properties.setProperty("gavel.session.rate.limit", "0");
        return properties;
    }

    private static long segmentBase(final long position)
    {
        return position - position % SEGMENT;
    }

    /** No segment file of the member's log before {@code position}, and the one starting there is on disk. */
    private static void assertLogStartsAt(final ClusterConfig config, final int id, final long position)
    {
        final LogOnDisk log = LogOnDisk.read(config.nodeDir(id).toFile());
        assertNotNull(log, "member " + id + " has no log");
        assertEquals(position, log.startPosition(), "member " + id + "'s log segments: " + log.segments());
        assertTrue(log.segments().get(0).file().exists());
    }

    /** Asks the leader for a snapshot and waits until member {@code also} has recorded it too; its log position. */
    private static long snapshot(final ClusterConfig config, final int also)
    {
        final long position = OperatorSnapshot.take(config, Duration.ofSeconds(30)).snapshot().logPosition();
        await(() ->
        {
            final LogOnDisk log = LogOnDisk.read(config.nodeDir(also).toFile());
            return log != null && log.latestSnapshot() == position;
        }, "member " + also + " to record the snapshot at " + position);
        return position;
    }

    /** Rising maximum bids, 100 at a time, until the leader has applied the log to {@code position}. */
    private void fill(final ClusterGavelClient bidder, final int leader, final long position)
    {
        while (cluster.node(leader).service().appliedLogPosition() < position)
        {
            long last = 0;
            for (int i = 0; i < 100; i++)
            {
                amount += 100;
                last = bidder.maxBid(5, 1, 101, amount);
            }
            assertNotNull(bidder.await(last, Duration.ofSeconds(60)), "no answer to the batch's last bid");
        }
    }

    /** One more rising maximum, accepted; its engine sequence. */
    private long bidOnce(final ClusterGavelClient bidder)
    {
        amount += 100;
        return TestClusters.accepted(bidder, bidder.maxBid(5, 1, 101, amount)).engineSequence();
    }

    /** {@link #fill} for members in child processes: until the leader's commit position reaches {@code position}. */
    private void fillCommitted(final ClusterGavelClient bidder, final ClusterConfig config, final int leader,
        final long position)
    {
        while (ClusterStatus.read(config).get(leader).commitPosition() < position)
        {
            long last = 0;
            for (int i = 0; i < 100; i++)
            {
                amount += 100;
                last = bidder.maxBid(5, 1, 101, amount);
            }
            assertNotNull(bidder.await(last, Duration.ofSeconds(60)), "no answer to the batch's last bid");
        }
    }

    /** A snapshot asked of the leader, once every member has recorded it; its log position. */
    private static long snapshotOnAll(final ClusterConfig config)
    {
        final long position = OperatorSnapshot.take(config, Duration.ofSeconds(30)).snapshot().logPosition();
        await(() -> ClusterStatus.read(config).stream().allMatch(member -> member.log() != null &&
            member.log().latestSnapshot() == position), "every member to record the snapshot at " + position);
        return position;
    }

    private static void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
