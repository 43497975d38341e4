package io.gavel.cluster;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One cluster member in its own JVM ({@link ClusterNodeMain}), with this test JVM's class path and flags. Public for
 * other modules' cluster tests (the web edge's), through this module's test jar.
 */
public final class NodeProcess implements AutoCloseable
{
    private final int memberId;
    private final Path config;
    private final Path log;
    private Process process;
    private int starts;

    public NodeProcess(final int memberId, final Path config, final Path logDir)
    {
        this.memberId = memberId;
        this.config = config;
        this.log = logDir.resolve("node-" + memberId + ".log");
    }

    public void start() throws IOException
    {
        starts++;
        final List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("-Dchronicle.") || argument.startsWith("-Daeron."))
            {
                command.add(argument);
            }
        }
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ClusterNodeMain.class.getName());
        command.addAll(List.of("--id", Integer.toString(memberId), "-c", config.toString()));
        process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Waits until this start's "started" line is in the log. */
    public void awaitStarted(final long timeout, final TimeUnit unit) throws IOException
    {
        final long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (System.nanoTime() < deadline)
        {
            if (Files.exists(log) && count(Files.readString(log), "gavel cluster node " + memberId + " started") >=
                starts)
            {
                return;
            }
            if (!process.isAlive())
            {
                throw new AssertionError("member " + memberId + " exited " + process.exitValue() + ":\n" +
                    Files.readString(log));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        throw new AssertionError("member " + memberId + " did not start in " + timeout + " " + unit + ":\n" +
            Files.readString(log));
    }

    private static int count(final String text, final String line)
    {
        int found = 0;
        for (int at = text.indexOf(line); at >= 0; at = text.indexOf(line, at + 1))
        {
            found++;
        }
        return found;
    }

    /** kill -9: the JVM gets no chance to close anything. */
    public void kill() throws InterruptedException
    {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public String log() throws IOException
    {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    public int memberId()
    {
        return memberId;
    }

    public boolean isAlive()
    {
        return process != null && process.isAlive();
    }

    /** A polite stop (SIGTERM: the shutdown hook closes the member). */
    public void close() throws InterruptedException
    {
        if (process != null && process.isAlive())
        {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
