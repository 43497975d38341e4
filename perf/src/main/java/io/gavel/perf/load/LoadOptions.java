package io.gavel.perf.load;

import java.nio.file.Path;

/**
 * What a load run does. Lots and bidders are totals, spread evenly over the auctions.
 */
public final class LoadOptions
{
    public String transport = "ipc";
    public int auctions = 10;
    public int lots = 10_000;
    public int bidders = 10_000;
    public int rate = 100_000;
    public int durationSeconds = 20;
    public int warmupSeconds = 5;
    public Path json;
    public Path resultsDir;
    public boolean progress = true;
    /** Wait strategy of the engine's ring handlers for this run. */
    public String waitStrategy = "sleeping";
    /** Where the engine's journal goes (default: inside the run's temporary directory). */
    public Path journalParent;
    /** The media driver: embedded (in this JVM), process (a child JVM the run starts) or external (--aeron-dir). */
    public String driver = "embedded";
    /** The Aeron directory of a running {@code gavel driver}, for {@code driver = external}. */
    public Path aeronDir;
    /** The engine's thread layout ({@code gavel.layout}): low-core or staged ({@code default} = staged). */
    public String layout = "low-core";
    /** How the sender waits for a bid's due time: park (sleep until due) or yield (spin on Thread.yield). */
    public String sendWait = "yield";

    void validate()
    {
        if (!transport.equals("ipc") && !transport.equals("udp"))
        {
            throw new IllegalArgumentException("--transport must be ipc or udp, not " + transport);
        }
        if (!driver.equals("embedded") && !driver.equals("process") && !driver.equals("external"))
        {
            throw new IllegalArgumentException("--driver must be embedded, process or external, not " + driver);
        }
        if (driver.equals("external") != (aeronDir != null))
        {
            throw new IllegalArgumentException("--driver external needs --aeron-dir (the directory of a running " +
                "'gavel driver'), and --aeron-dir needs --driver external");
        }
        if (!layout.equals("default") && !layout.equals("staged") && !layout.equals("low-core"))
        {
            throw new IllegalArgumentException("--layout must be low-core or staged (default is an alias of staged), " +
                "not " + layout);
        }
        if (!sendWait.equals("park") && !sendWait.equals("yield"))
        {
            throw new IllegalArgumentException("--send-wait must be park or yield, not " + sendWait);
        }
        if (auctions < 1 || lots < auctions || bidders < 2 || rate < 1 || durationSeconds < 1 || warmupSeconds < 0)
        {
            throw new IllegalArgumentException("need --auctions >= 1, --lots >= --auctions, --bidders >= 2, " +
                "--rate >= 1, --duration >= 1 and --warmup >= 0");
        }
        if ((long)rate * (durationSeconds + warmupSeconds) > 2_000_000_000L)
        {
            throw new IllegalArgumentException("--rate times the run's seconds is over two billion bids");
        }
    }
}
