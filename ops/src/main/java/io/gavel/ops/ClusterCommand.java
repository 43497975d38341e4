package io.gavel.ops;

import io.gavel.cluster.ClusterConfig;
import io.gavel.cluster.ClusterNodeMain;
import io.gavel.cluster.ClusterStatus;
import io.gavel.cluster.OperatorSnapshot;
import io.gavel.gateway.DriverInUseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code gavel cluster node|status}: run one member of a Gavel cluster, or show the members and who leads
 * (docs/CLUSTER.md).
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "Aeron Cluster: run a member (node) or show the members, leader, term and commit position (status).",
    subcommands = {ClusterCommand.Node.class, ClusterCommand.Status.class, ClusterCommand.Snapshot.class})
final class ClusterCommand implements Runnable
{
    public void run()
    {
        throw new IllegalArgumentException("say which: gavel cluster node --id N -c FILE, gavel cluster status " +
            "-c FILE, or gavel cluster snapshot -c FILE");
    }

    /** {@code gavel cluster node --id N -c FILE}. */
    @Command(name = "node", mixinStandardHelpOptions = true,
        description = "Runs member N of the cluster gavel.cluster.hosts names: media driver, archive, consensus " +
            "module and the matching core as a clustered service, with its audit journal in " +
            "gavel.cluster.dir/node-N/journal. Runs until SIGTERM or the cluster shuts it down.")
    static final class Node implements Callable<Integer>
    {
        @Mixin
        ConfigOptions configOptions;

        @Option(names = {"-i", "--id"}, required = true, paramLabel = "N", description = "This member's id (0, 1, 2)")
        int memberId;

        public Integer call() throws Exception
        {
            try
            {
                return ClusterNodeMain.run(memberId, configOptions.properties());
            }
            catch (final DriverInUseException ex)
            {
                throw new EnvironmentException(ex.getMessage());
            }
        }
    }

    /** {@code gavel cluster status -c FILE}. */
    @Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows each member's role, leadership term, commit position and last snapshot (for the " +
            "members whose directories are on this machine), which member leads, and the cluster's settings. " +
            "Exit 0 when a leader is seen, 1 otherwise.")
    static final class Status implements Callable<Integer>
    {
        @Mixin
        ConfigOptions configOptions;

        public Integer call()
        {
            final ClusterConfig config = ClusterConfig.load(configOptions.properties());
            if (config.memberCount() == 0)
            {
                throw new IllegalArgumentException("gavel.cluster.hosts is empty: the configuration names no cluster");
            }
            final List<ClusterStatus.Member> members = ClusterStatus.read(config);
            System.out.print(ClusterStatus.describe(members));
            System.out.print(ClusterStatus.describeSettings(config));
            return ClusterStatus.leader(members) >= 0 ? GavelMain.EXIT_OK : 1;
        }
    }

    /** {@code gavel cluster snapshot -c FILE}. */
    @Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Takes a cluster snapshot now: asks the leader's consensus module (on this machine) and " +
            "waits until the snapshot is recorded; every member snapshots at the same log position. Scheduled " +
            "snapshots: gavel.cluster.snapshot.every and gavel.cluster.snapshot.interval.s.")
    static final class Snapshot implements Callable<Integer>
    {
        @Mixin
        ConfigOptions configOptions;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for the snapshot to be recorded (default ${DEFAULT-VALUE})")
        int timeoutSeconds;

        public Integer call()
        {
            final ClusterConfig config = ClusterConfig.load(configOptions.properties());
            if (config.memberCount() == 0)
            {
                throw new IllegalArgumentException("gavel.cluster.hosts is empty: the configuration names no cluster");
            }
            try
            {
                final OperatorSnapshot.Taken taken = OperatorSnapshot.take(config, Duration.ofSeconds(timeoutSeconds));
                System.out.println("snapshot taken by member " + taken.leader() + " (leader) at log position " +
                    taken.snapshot().logPosition() + ", term " + taken.snapshot().leadershipTerm());
                return GavelMain.EXIT_OK;
            }
            catch (final IllegalStateException ex)
            {
                throw new CommandFailedException(ex.getMessage());
            }
        }
    }
}
