package io.gavel.perf.load;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.gavel.gateway.EmbeddedDriver;
import io.gavel.gateway.JvmCounters;
import org.agrona.CloseHelper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code perf load --driver process}: a standalone media driver in a child JVM, the same as {@code gavel driver}
 * (one shared thread backing off when idle, its JVM's allocation, collections and CPU published as counters), so
 * the driver's allocation and collections leave the engine's JVM. The child stops when its parent closes its input.
 */
public final class DriverProcess implements AutoCloseable
{
    /** Name the driver JVM's counters are published under (also by {@code gavel driver}). */
    public static final String COUNTERS = "gavel-driver";

    private final Process process;

    private DriverProcess(final Process process)
    {
        this.process = process;
    }

    /** Starts a driver JVM on {@code aeronDir} with this JVM's flags and class path; returns once it runs. */
    static DriverProcess start(final Path aeronDir, final Path log) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (final String argument : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            // Not the parent's logs, agents or recordings: the child would write over them.
            if (!argument.startsWith("-Xlog") && !argument.startsWith("-agent") && !argument.startsWith("-javaagent") &&
                !argument.startsWith("-XX:StartFlightRecording") && !argument.startsWith("-XX:+FlightRecorder"))
            {
                command.add(argument);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(DriverProcess.class.getName());
        command.add(aeronDir.toString());
        final Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
        final DriverProcess driver = new DriverProcess(process);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        final Path running = marker(aeronDir);
        while (!java.nio.file.Files.exists(running))
        {
            if (!process.isAlive() || System.nanoTime() > deadline)
            {
                driver.close();
                throw new IllegalStateException("the driver process did not start (exit " +
                    (process.isAlive() ? "none, timed out" : process.exitValue()) + "); its output is in " + log);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return driver;
    }

    /** The file the child creates beside its Aeron directory once its driver runs. */
    private static Path marker(final Path aeronDir)
    {
        return aeronDir.resolveSibling(aeronDir.getFileName() + ".running");
    }

    public void close()
    {
        process.destroy();
        try
        {
            if (!process.waitFor(10, TimeUnit.SECONDS))
            {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The child: runs a driver in {@code args[0]} until its input closes or it is terminated. */
    public static void main(final String[] args) throws Exception
    {
        final Path dir = Path.of(args[0]);
        final MediaDriver driver = EmbeddedDriver.launch(dir.toString());
        final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        final JvmCounters counters = JvmCounters.start(aeron, COUNTERS);
        final Thread stop = new Thread(() -> CloseHelper.quietCloseAll(counters, aeron, driver));
        Runtime.getRuntime().addShutdownHook(stop);
        java.nio.file.Files.createFile(marker(dir));
        System.out.println("media driver running: aeron dir " + driver.aeronDirectoryName());
        System.out.flush();
        while (System.in.read() >= 0)
        {
            // The parent holds our input open; end of input means it is gone.
        }
        System.exit(0);
    }
}
