package io.gavel.cluster;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.NanosecondClusterClock;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.gavel.gateway.DriverInUseException;
import io.gavel.gateway.DriverLiveness;
import io.gavel.gateway.EngineConfig;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.NoOpLock;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One member of a Gavel cluster in this process: media driver, archive and consensus module (Aeron's
 * ClusteredMediaDriver) and a service container hosting {@link GavelClusteredService}. Sized for a small machine:
 * one shared thread each for driver and archive, back-off idling everywhere, terms and archive segments as small as
 * {@link ClusterConfig} says. Directories: {@code node-N/} under gavel.cluster.dir holds archive/, consensus/ and
 * journal/ (the Chronicle audit journal).
 */
public final class ClusterNode implements AutoCloseable
{
    private static final long MAX_IDLE_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
    /** The archive's control channel inside the member's own media driver (its consensus module, service, purge). */
    static final String LOCAL_ARCHIVE_CHANNEL = "aeron:ipc?term-length=64k";

    private final int memberId;
    private final GavelClusteredService service;
    private final ClusteredMediaDriver driver;
    private final ClusteredServiceContainer container;
    private final SnapshotSchedule snapshots;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Path nodeDir;

    private ClusterNode(final ClusterConfig cluster, final EngineConfig engine, final int memberId,
        final int appVersion, final int offerSettingsWhenHeld)
    {
        cluster.validate().checkMember(memberId);
        this.memberId = memberId;
        this.nodeDir = cluster.nodeDir(memberId);
        final String aeronDir = cluster.aeronDir(memberId);
        // One driver per Aeron directory, as for gavel driver: a member started twice must not delete the live one's.
        if (DriverLiveness.hasLiveDriver(aeronDir))
        {
            throw new DriverInUseException("a media driver is already running in " + aeronDir +
                "; is member " + memberId + " already running here?");
        }
        final String host = cluster.hosts().get(memberId);
        final int termLength = cluster.termLength();
        service = new GavelClusteredService(memberId, nodeDir.resolve("journal"), ClusterSettings.of(engine),
            cluster.snapshotChunk(), offerSettingsWhenHeld);

        final MediaDriver.Context driverContext = new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(idle())
            .termBufferSparseFile(true)
            .publicationTermBufferLength(termLength)
            .ipcTermBufferLength(termLength)
            .ipcPublicationTermWindowLength(termLength)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true);

        final AeronArchive.Context localArchive = new AeronArchive.Context()
            .lock(NoOpLock.INSTANCE)
            .controlRequestChannel(LOCAL_ARCHIVE_CHANNEL)
            .controlResponseChannel(LOCAL_ARCHIVE_CHANNEL)
            .aeronDirectoryName(aeronDir);

        final Archive.Context archiveContext = new Archive.Context()
            .aeronDirectoryName(aeronDir)
            .archiveId(memberId)
            .archiveDir(nodeDir.resolve("archive").toFile())
            .controlChannel("aeron:udp?endpoint=" + cluster.endpoint(memberId, ClusterConfig.ARCHIVE_CONTROL_PORT))
            .localControlChannel(LOCAL_ARCHIVE_CHANNEL)
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .recordingEventsEnabled(false)
            .threadingMode(ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(ClusterNode::idle)
            .segmentFileLength(cluster.archiveSegmentLength())
            .archiveClientContext(new AeronArchive.Context()
                .controlResponseChannel("aeron:udp?endpoint=" + host + ":0"));

        final ConsensusModule.Context consensusContext = new ConsensusModule.Context()
            .aeronDirectoryName(aeronDir)
            .clusterMemberId(memberId)
            .clusterMembers(cluster.clusterMembers())
            .clusterDir(nodeDir.resolve("consensus").toFile())
            .archiveContext(localArchive.clone())
            .ingressChannel("aeron:udp?term-length=" + termLength)
            .logChannel("aeron:udp?term-length=" + termLength + "|alias=gavel-raft")
            .replicationChannel("aeron:udp?endpoint=" + cluster.endpoint(memberId, ClusterConfig.REPLICATION_PORT))
            .clusterClock(new NanosecondClusterClock())
            // The version in each term's first log entry tells the services whether the log carries its settings.
            .appVersion(appVersion)
            .idleStrategySupplier(ClusterNode::idle)
            .leaderHeartbeatIntervalNs(cluster.heartbeatIntervalNanos())
            .leaderHeartbeatTimeoutNs(cluster.heartbeatTimeoutNanos())
            .electionTimeoutNs(cluster.electionTimeoutNanos())
            .startupCanvassTimeoutNs(cluster.startupCanvassTimeoutNanos())
            .sessionTimeoutNs(cluster.sessionTimeoutNanos())
            .authenticatorSupplier(() -> new TokenAuthenticator(engine.tokenSecret()))
            .errorHandler(ClusterNode::report)
            .terminationHook(terminated::countDown);

        final ClusteredServiceContainer.Context serviceContext = new ClusteredServiceContainer.Context()
            .aeronDirectoryName(aeronDir)
            .archiveContext(localArchive.clone())
            .clusterDir(nodeDir.resolve("consensus").toFile())
            .clusteredService(service)
            .appVersion(appVersion)
            .errorHandler(ClusterNode::report)
            .idleStrategySupplier(ClusterNode::idle)
            .terminationHook(terminated::countDown);

        ClusteredMediaDriver launched = null;
        try
        {
            launched = ClusteredMediaDriver.launch(driverContext, archiveContext, consensusContext);
            container = ClusteredServiceContainer.launch(serviceContext);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(launched);
            throw ex;
        }
        driver = launched;
        snapshots = new SnapshotSchedule(service, driver.consensusModule().context(), cluster.snapshotEvery(),
            cluster.snapshotIntervalNanos(), memberId, terminated);
        snapshots.start();
    }

    /** Errors of the consensus module and the service, on the member's standard error (also in its mark files). */
    private static void report(final Throwable error)
    {
        System.err.println("gavel cluster: " + error);
        if (!(error instanceof io.aeron.cluster.client.ClusterEvent))
        {
            error.printStackTrace();
        }
    }

    private static BackoffIdleStrategy idle()
    {
        return new BackoffIdleStrategy(10, 20, 1_000, MAX_IDLE_NANOS);
    }

    /** Starts member {@code memberId}; the engine configuration supplies the token secret and idempotency window. */
    public static ClusterNode start(final ClusterConfig cluster, final EngineConfig engine, final int memberId)
    {
        return start(cluster, engine, memberId, LoggedSettings.APP_VERSION);
    }

    /**
     * Starts a member that writes {@code appVersion} into the log: with
     * {@link LoggedSettings#VERSION_BEFORE_LOGGED_SETTINGS} it writes a log as a member of the version before settings
     * were logged did (for tests of such logs).
     */
    static ClusterNode start(final ClusterConfig cluster, final EngineConfig engine, final int memberId,
        final int appVersion)
    {
        return start(cluster, engine, memberId, appVersion, 0);
    }

    /**
     * Starts a member whose service offers the log's settings only once {@code offerSettingsWhenHeld} client commands
     * are held before them (0: at the log's first term event, as always): a one-member cluster's test of the holding.
     */
    static ClusterNode start(final ClusterConfig cluster, final EngineConfig engine, final int memberId,
        final int appVersion, final int offerSettingsWhenHeld)
    {
        if (engine.tokenSecret().isEmpty())
        {
            throw new IllegalArgumentException("gavel.token.secret is not set: the cluster cannot verify sessions");
        }
        return new ClusterNode(cluster, engine, memberId, appVersion, offerSettingsWhenHeld);
    }

    public int memberId()
    {
        return memberId;
    }

    public GavelClusteredService service()
    {
        return service;
    }

    public Path nodeDir()
    {
        return nodeDir;
    }

    public File clusterDir()
    {
        return nodeDir.resolve("consensus").toFile();
    }

    public String aeronDirectory()
    {
        return driver.mediaDriver().aeronDirectoryName();
    }

    /** Waits until the cluster tells this member to stop (ClusterTool shutdown or abort). */
    public boolean awaitTermination(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return terminated.await(timeout, unit);
    }

    /** How many snapshots this member's schedule asked for while it led. */
    public long snapshotsRequested()
    {
        return snapshots.requested();
    }

    public void close()
    {
        CloseHelper.quietCloseAll(snapshots, container, driver);
    }
}
