package io.gavel.cluster;

import io.gavel.gateway.EngineConfig;
import io.gavel.sbe.ClusterSettingsDecoder;
import io.gavel.sbe.ClusterSettingsEncoder;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The settings a member reads that change what the replicated core decides when it applies the log: the per-session
 * rate limit and burst (which commands are refused RATE_LIMITED) and the idempotency window (which repeats are
 * recognised). Every other setting a member reads changes only how fast or how robustly it runs, or is decided by the
 * leader alone and enters the log as its result (docs/CLUSTER.md, "One set of deciding settings"). On the log as a
 * {@code ClusterSettings} frame (template 62).
 */
public record ClusterSettings(long sessionRateLimit, long sessionRateBurst, int correlationWindow)
{
    /** Bytes of one encoded frame: header and block. */
    static final int ENCODED_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + ClusterSettingsEncoder.BLOCK_LENGTH;

    /** This member's own values, from its configuration file (and -D overrides). */
    public static ClusterSettings of(final EngineConfig engine)
    {
        return new ClusterSettings(engine.sessionRateLimit(), engine.sessionRateBurst(), engine.correlationWindow());
    }

    /** Writes the frame at {@code offset}; returns its length. */
    int encode(final MutableDirectBuffer buffer, final int offset)
    {
        new ClusterSettingsEncoder().wrapAndApplyHeader(buffer, offset, new MessageHeaderEncoder())
            .sessionRateLimit(sessionRateLimit).sessionRateBurst(sessionRateBurst).correlationWindow(correlationWindow);
        return ENCODED_LENGTH;
    }

    /** The settings a frame carries, or null when it is not a whole ClusterSettings frame of this schema. */
    static ClusterSettings decode(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return null;
        }
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, offset);
        if (header.schemaId() != ClusterSettingsDecoder.SCHEMA_ID ||
            header.templateId() != ClusterSettingsDecoder.TEMPLATE_ID ||
            header.blockLength() < ClusterSettingsDecoder.BLOCK_LENGTH ||
            length < MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength())
        {
            return null;
        }
        final ClusterSettingsDecoder decoder = new ClusterSettingsDecoder().wrapAndApplyHeader(buffer, offset, header);
        return new ClusterSettings(decoder.sessionRateLimit(), decoder.sessionRateBurst(),
            decoder.correlationWindow());
    }

    /**
     * Each setting whose value here differs from the log's, named with both values ("gavel.session.rate.limit is 500
     * here but 2000 in the cluster's log"), comma-separated; null when they agree.
     */
    String differencesFrom(final ClusterSettings log)
    {
        final StringBuilder text = new StringBuilder();
        difference(text, "gavel.session.rate.limit", sessionRateLimit, log.sessionRateLimit);
        difference(text, "gavel.session.rate.burst", sessionRateBurst, log.sessionRateBurst);
        difference(text, "gavel.correlation.window", correlationWindow, log.correlationWindow);
        return text.length() == 0 ? null : text.toString();
    }

    private static void difference(final StringBuilder text, final String key, final long here, final long log)
    {
        if (here != log)
        {
            text.append(text.length() == 0 ? "" : ", ").append(key).append(" is ").append(here)
                .append(" here but ").append(log).append(" in the cluster's log");
        }
    }

    /** For the operator: the three settings with their values. */
    public String describe()
    {
        return "gavel.session.rate.limit " + sessionRateLimit + ", gavel.session.rate.burst " + sessionRateBurst +
            ", gavel.correlation.window " + correlationWindow;
    }
}
