package io.gavel.gateway;

import io.aeron.ChannelUri;
import io.aeron.CommonContext;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which response channels a Connect may name: the engine opens a publication to whatever a session asks for, so
 * without a limit a token holder could make it send to any UDP address. Allowed are {@code aeron:ipc} (when
 * {@code ipc} is listed) and UDP channels whose endpoint (and control endpoint, if any) is one of the configured
 * hosts ({@code gavel.session.response.hosts}, default this machine only). Channel tags and other media are refused.
 */
final class ResponseChannels
{
    private static final String IPC = "ipc";

    private final Set<String> hosts = new TreeSet<>();

    ResponseChannels(final String configured)
    {
        for (final String host : configured.split(","))
        {
            if (!host.isBlank())
            {
                hosts.add(host.trim().toLowerCase(Locale.ROOT));
            }
        }
    }

    /** Whether the engine may open a publication to this channel. Never throws: unparsable channels are refused. */
    boolean allowed(final String channel)
    {
        final ChannelUri uri;
        try
        {
            uri = ChannelUri.parse(channel);
        }
        catch (final RuntimeException ex)
        {
            return false;
        }
        if (uri.channelTag() != null)
        {
            return false;
        }
        if (CommonContext.IPC_MEDIA.equals(uri.media()))
        {
            return hosts.contains(IPC);
        }
        if (!CommonContext.UDP_MEDIA.equals(uri.media()))
        {
            return false;
        }
        final String endpoint = uri.get(CommonContext.ENDPOINT_PARAM_NAME);
        final String control = uri.get(CommonContext.MDC_CONTROL_PARAM_NAME);
        if (endpoint == null && control == null)
        {
            return false;
        }
        return (endpoint == null || hostAllowed(endpoint)) && (control == null || hostAllowed(control));
    }

    private boolean hostAllowed(final String hostAndPort)
    {
        final String host;
        if (hostAndPort.startsWith("["))
        {
            final int close = hostAndPort.indexOf(']');
            if (close < 0)
            {
                return false;
            }
            host = hostAndPort.substring(1, close);
        }
        else
        {
            final int colon = hostAndPort.lastIndexOf(':');
            host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
        }
        return hosts.contains(host.toLowerCase(Locale.ROOT));
    }
}
