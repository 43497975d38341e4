package io.gavel.cluster;

import io.aeron.AeronCounters;
import io.aeron.CncFileDescriptor;
import io.aeron.CommonContext;
import io.aeron.cluster.service.Cluster;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code gavel cluster status} prints: the configured members and, for each member whose directories are on
 * this machine, whether its media driver is alive and what its consensus module's counters say (role, leadership
 * term, commit position, module and election state). Read from the driver's counters file without connecting, so it
 * works while the member is busy and never disturbs it.
 */
public final class ClusterStatus
{
    /** One member as seen from this machine. */
    public record Member(int id, String endpoints, String state, Cluster.Role role, long leadershipTerm,
        long commitPosition, String moduleState, long elections)
    {
        public boolean isUp()
        {
            return "up".equals(state);
        }
    }

    private ClusterStatus()
    {
    }

    public static List<Member> read(final ClusterConfig config)
    {
        final List<Member> members = new ArrayList<>();
        for (int id = 0; id < config.memberCount(); id++)
        {
            final String endpoints = "ingress " + config.endpoint(id, ClusterConfig.INGRESS_PORT) + ", consensus " +
                config.endpoint(id, ClusterConfig.CONSENSUS_PORT) + ", log " +
                config.endpoint(id, ClusterConfig.LOG_PORT);
            final File aeronDir = new File(config.aeronDir(id));
            final File cnc = new File(aeronDir, CncFileDescriptor.CNC_FILE);
            if (!cnc.exists())
            {
                members.add(new Member(id, endpoints, "not on this machine (or never started)", null, -1, -1, "", 0));
                continue;
            }
            if (!CommonContext.isDriverActive(aeronDir, 2_000, message -> { }))
            {
                members.add(new Member(id, endpoints, "down (its media driver does not answer)", null, -1, -1, "",
                    0));
                continue;
            }
            members.add(readCounters(id, endpoints, cnc));
        }
        return members;
    }

    private static Member readCounters(final int id, final String endpoints, final File cnc)
    {
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(cnc, "cnc");
        try
        {
            final UnsafeBuffer metaData = CncFileDescriptor.createMetaDataBuffer(mapped);
            final CountersReader counters = new CountersReader(
                CncFileDescriptor.createCountersMetaDataBuffer(mapped, metaData),
                CncFileDescriptor.createCountersValuesBuffer(mapped, metaData));
            final long[] values = {-1, -1, -1, -1, 0};
            counters.forEach((counterId, typeId, keyBuffer, label) ->
            {
                final long value = counters.getCounterValue(counterId);
                switch (typeId)
                {
                    case AeronCounters.CLUSTER_NODE_ROLE_TYPE_ID -> values[0] = value;
                    case AeronCounters.CLUSTER_LEADERSHIP_TERM_ID_TYPE_ID -> values[1] = value;
                    case AeronCounters.CLUSTER_COMMIT_POSITION_TYPE_ID -> values[2] = value;
                    case AeronCounters.CLUSTER_CONSENSUS_MODULE_STATE_TYPE_ID -> values[3] = value;
                    case AeronCounters.CLUSTER_ELECTION_COUNT_TYPE_ID -> values[4] = value;
                    default ->
                    {
                    }
                }
            });
            final Cluster.Role role = values[0] < 0 ? null : Cluster.Role.get(values[0]);
            final String moduleState = values[3] < 0 ? "starting" :
                io.aeron.cluster.ConsensusModule.State.get(values[3]).name();
            return new Member(id, endpoints, "up", role, values[1], values[2], moduleState, values[4]);
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }

    /** The member that says it leads, or -1. */
    public static int leader(final List<Member> members)
    {
        for (final Member member : members)
        {
            if (member.role() == Cluster.Role.LEADER)
            {
                return member.id();
            }
        }
        return -1;
    }

    /** The operator's table. */
    public static String describe(final List<Member> members)
    {
        final StringBuilder text = new StringBuilder();
        final int leader = leader(members);
        text.append("members: ").append(members.size()).append(", leader: ")
            .append(leader < 0 ? "none seen from this machine" : "member " + leader).append('\n');
        for (final Member member : members)
        {
            text.append(String.format("member %d: %s", member.id(), member.state()));
            if (member.isUp())
            {
                text.append(String.format(", role %s, term %d, commit position %d, consensus module %s, " +
                    "elections %d", member.role() == null ? "unknown" : member.role(), member.leadershipTerm(),
                    member.commitPosition(), member.moduleState(), member.elections()));
            }
            text.append("\n    ").append(member.endpoints()).append('\n');
        }
        return text.toString();
    }
}
