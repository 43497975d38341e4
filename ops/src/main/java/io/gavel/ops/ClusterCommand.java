package io.gavel.ops;

import io.gavel.cluster.ClusterConfig;
import io.gavel.cluster.ClusterNodeMain;
import io.gavel.cluster.ClusterStatus;
import io.gavel.cluster.LogPurge;
import io.gavel.cluster.OperatorSnapshot;
import io.gavel.gateway.DriverInUseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

/**
 * {@code gavel cluster node|status|snapshot|purge-log}: run one member of a Gavel cluster, show the members and who
 * leads, take a snapshot now, or purge the Raft log the snapshots made unnecessary (docs/CLUSTER.md).
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "Aeron Cluster: run a member (node), show the members, leader, term and commit position (status), " +
        "take a snapshot now (snapshot) or purge the Raft log the snapshots made unnecessary (purge-log).",
    subcommands = {ClusterCommand.Node.class, ClusterCommand.Status.class, ClusterCommand.Snapshot.class,
        ClusterCommand.PurgeLog.class})
final class ClusterCommand implements Runnable
{
    public void run()
    {
        throw new IllegalArgumentException("say which: gavel cluster node --id N -c FILE, gavel cluster status " +
            "-c FILE, gavel cluster snapshot -c FILE, or gavel cluster purge-log -c FILE");
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

    /** {@code gavel cluster purge-log -c FILE [--before P]}. */
    @Command(name = "purge-log", mixinStandardHelpOptions = true,
        description = "Removes the Raft log segments no member can need from each running member on this machine: " +
            "wholly before the member's snapshot before the latest, and before the lowest log position the leader " +
            "last heard from any member. Run it on the leader's machine first; it prints the position to pass as " +
            "--before on the other members' machines. Exit 0 when every member here was purged or had nothing to " +
            "purge, 1 otherwise (no snapshot yet, a member down, a member the leader has not heard).")
    static final class PurgeLog implements Callable<Integer>
    {
        @Mixin
        ConfigOptions configOptions;

        @Option(names = "--before", paramLabel = "POSITION",
            description = "A log position every member's log reaches, as the leader's machine printed it (needed " +
                "where no member leads)")
        Long before;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to wait for the leader's answer and each archive's deletion (default " +
                "${DEFAULT-VALUE})")
        int timeoutSeconds;

        public Integer call()
        {
            final ClusterConfig config = ClusterConfig.load(configOptions.properties());
            if (config.memberCount() == 0)
            {
                throw new IllegalArgumentException("gavel.cluster.hosts is empty: the configuration names no cluster");
            }
            if (before != null && before < 0)
            {
                throw new IllegalArgumentException("--before must be a log position (0 or more), not " + before);
            }
            try
            {
                final OptionalLong known = before == null ? OptionalLong.empty() : OptionalLong.of(before);
                final LogPurge.Result result = LogPurge.purge(config, known, Duration.ofSeconds(timeoutSeconds));
                System.out.println(result.describeFloor());
                for (final LogPurge.Outcome outcome : result.members())
                {
                    // Refusals on standard error, as every command's failures are.
                    (outcome.done() ? System.out : System.err).println((outcome.done() ? "" : "gavel: ") +
                        outcome.line());
                }
                return result.allDone() ? GavelMain.EXIT_OK : GavelMain.EXIT_FAILED;
            }
            catch (final IllegalStateException ex)
            {
                throw new CommandFailedException(ex.getMessage());
            }
        }
    }
}
