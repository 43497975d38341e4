package io.gavel.gateway;

import io.gavel.journal.JournalWriteBehind;

/**
 * The engine's settings, each with its default and meaning: the table {@link EngineConfig} reads and checks values
 * against, and the docs and {@code gavel config} print.
 */
final class EngineSettings
{
    private EngineSettings()
    {
    }

    /** Key, default, meaning. The single source for docs/CONFIGURATION.md and {@code gavel config print}. */
    static final String[][] ALL = {
        {"gavel.aeron.dir", "", "Aeron directory of the media driver to use; empty = Aeron's default"},
        {"gavel.ingress.channel", "aeron:ipc", "Channel the engine subscribes to for commands"},
        {"gavel.ingress.stream", "1001", "Stream id of the ingress channel"},
        {"gavel.public.channel", "aeron:ipc", "Channel of the public market-data stream (every lot event)"},
        {"gavel.public.stream", "1002", "Stream id of the public channel"},
        {"gavel.journal.dir", "gavel-journal", "Directory of the engine's Chronicle journal"},
        {"gavel.journal.sync", "page-cache",
            "When a journaled command may be answered: page-cache (in the OS page cache) or fsync (forced to the " +
            "device, one force per ring batch)"},
        {"gavel.journal.pretouch.mb", "64",
            "Megabytes of the journal file a helper thread touches ahead of the writer (0 = none)"},
        {"gavel.journal.lock", "off",
            "on: keep the journal's pages from the writer to the touch distance in memory (mlock2, on fault)"},
        {"gavel.journal.writebehind.kb", String.valueOf(JournalWriteBehind.DEFAULT_CHUNK >> 10),
            "Kilobytes a helper thread writes back at a time behind the writer (0 = leave it to the kernel)"},
        {"gavel.ring.size", "4096", "Slots in the Disruptor ring (a power of two); full ring = BUSY"},
        {"gavel.wait.strategy", "sleeping", "Ring handlers' wait: busy-spin, yielding, sleeping, blocking"},
        {"gavel.idle.strategy", "backoff", "Ingress agent's idle: busy-spin, yielding, backoff, park, sleeping"},
        {"gavel.layout", "low-core",
            "Thread layout: low-core (the ingress agent's one thread polls Aeron, runs the ring's business-logic and " +
            "egress handlers, the Aeron client conductor and a media driver the engine is given to run) or staged " +
            "(a thread per stage; 'default' is accepted for staged)"},
        {"gavel.token.secret", "", "HMAC-SHA256 secret that session tokens are signed with (required)"},
        {"gavel.tick.interval.ms", "1", "Least gap between ticks the engine injects when a deadline is due"},
        {"gavel.session.timeout.ms", "10000", "A session silent this long (no command, no heartbeat) is closed"},
        {"gavel.correlation.window", "4096",
            "Commands remembered per principal for idempotent retries (docs/RULES.md R6)"},
        {"gavel.core.book.entries", "0",
            "Proxy-book and ladder entries reserved at start (24 bytes each; 0 = grow in 1 MiB pages as needed)"},
        {"gavel.egress.connect.timeout.ms", "2000", "How long the egress waits for a new session's response channel"},
        {"gavel.egress.retry.limit", "100", "Offers retried on back pressure before a subscriber is dropped"},
        {"gavel.session.rate.limit", "2000", "Commands a second one session may send (0 = unlimited); more: RATE_LIMITED"},
        {"gavel.session.rate.burst", "500", "Commands a session may send at once before the rate limit applies"},
        {"gavel.fragment.limit", "64", "Fragments the ingress polls per duty cycle"},
        {"gavel.session.response.hosts", "127.0.0.1,localhost,ipc",
            "Where a Connect may ask for its responses: comma-separated hosts of UDP endpoints, and ipc for aeron:ipc"},
        {"gavel.snapshot.every", "1000000", "Take a snapshot every this many commands (0 = never by count)"},
        {"gavel.snapshot.interval.s", "0", "Take a snapshot every this many seconds of engine time (0 = never)"},
        {"gavel.snapshot.keep", "3", "Snapshots kept; older ones are deleted"},
        {"gavel.hiccups", "on",
            "on: a thread sleeps 1 ms at a time and publishes how late the machine woke it (gavel stats); off: none"},
        {"gavel.snapshot.replica.nice", "0",
            "Nice value (0-19) of the snapshot replica's thread, so the bid path gets a shared core first (0 = as the " +
            "process)"},
        {"gavel.snapshot.thread", "replica",
            "Who takes snapshots: replica (a second core on its own thread) or business (the business thread)"},
        {"gavel.checkpoint.key", "", "Ed25519 private key (PEM) that signs journal checkpoints; empty = none signed"},
        {"gavel.checkpoint.every", "10000", "Sign a checkpoint at least every this many journal records"},
        {"gavel.checkpoint.interval.s", "10", "Sign a checkpoint at least this often (seconds) while records arrive"},
        {"gavel.settlement.provider.url", "http://127.0.0.1:8470",
            "Base URL of the payments API settle charges through"},
        {"gavel.settlement.provider.key", "", "API key sent to the payments provider as a bearer token; empty = none"},
        {"gavel.settlement.checkpoint", "gavel-settlement.state", "settle's durable checkpoint file"},
        {"gavel.settlement.principal", "900", "The SETTLEMENT principal settle signs its token for"},
        {"gavel.settlement.request.timeout.ms", "5000",
            "One payments request longer than this is a transient failure"},
        {"gavel.settlement.retry.deadline.ms", "60000",
            "A charge still failing transiently after this is reported FAILED"},
        {"gavel.settlement.retry.backoff.ms", "200", "First wait before retrying a charge; doubles up to 5 s"},
        {"gavel.reputation.suspend.defaults", "2",
            "reputation --apply suspends a bidder with this many payment defaults"},
        {"gavel.reputation.review.shill", "0.7",
            "reputation --apply holds for review a bidder whose shill score exceeds this"},
        {"gavel.web.host", "127.0.0.1", "Address the web edge (gavel web) listens on"},
        {"gavel.web.port", "8080", "HTTP and WebSocket port of the web edge"},
        {"gavel.web.allowed.origins", "",
            "Origins a browser socket may come from (comma-separated); empty = the edge's own"},
        {"gavel.web.edge.id", "1000000", "Principal of the web edge's own engine session (Role EDGE)"},
        {"gavel.web.max.frame.bytes", "4096", "Largest WebSocket message a browser may send; larger closes the socket"},
        {"gavel.web.socket.rate", "20", "Commands a second one browser socket may send"},
        {"gavel.web.socket.burst", "10", "Commands a socket may send at once before its rate applies"},
        {"gavel.web.socket.max.pending", "512", "Frames queued to one socket before it is dropped as too slow"},
        {"gavel.web.socket.send.buffer", "0", "Kernel send buffer per browser socket in bytes (0 = the OS default)"},
        {"gavel.web.max.sockets", "20000", "Browser sockets the edge accepts at once"},
        {"gavel.web.video.<auctionId>", "",
            "Video of one auction: an embed page (iframe) or a media URL (.mp4, .m3u8)"},
    };
}
