package io.gavel.gateway;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A media driver inside this JVM, sized and idled for a small machine: one shared thread that backs off when idle,
 * 1 MiB terms instead of Aeron's 16 MiB, and its directory deleted on start (unless a live driver owns it) and on
 * close.
 */
public final class EmbeddedDriver
{
    private EmbeddedDriver()
    {
    }

    /**
     * A new, empty directory for an Aeron directory that the tools create for themselves (the load harness, the web
     * load), in memory where the machine has it: under {@code /dev/shm}, where Aeron's own default lives on Linux.
     * Aeron's term buffers are mapped files that every publisher writes continuously; on a disk-backed file system
     * the kernel writes them back every few seconds, and each page written back faults again on the next write (in
     * ext4, with the file's time updated and a journal handle taken): 2,300 faults a minute on the engine's thread in
     * a load run with its Aeron directory under {@code /tmp} on ext4, none with it in memory. Elsewhere (no
     * {@code /dev/shm}), the default temporary directory. The caller deletes it.
     */
    public static Path newMemoryBackedDirectory(final String prefix) throws IOException
    {
        final Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm))
        {
            return Files.createTempDirectory(shm, prefix);
        }
        return Files.createTempDirectory(prefix);
    }

    public static MediaDriver launch(final String aeronDirectory)
    {
        return launch(aeronDirectory, ThreadingMode.SHARED);
    }

    /**
     * Launches a driver for an engine of the given layout: one shared thread by default; with
     * {@link EngineLayout#LOW_CORE} no thread at all, its duty cycle run by whoever calls {@link #invoker}'s result
     * (the engine's ingress agent).
     */
    public static MediaDriver launch(final String aeronDirectory, final EngineLayout layout)
    {
        return launch(aeronDirectory, layout == EngineLayout.LOW_CORE ? ThreadingMode.INVOKER : ThreadingMode.SHARED);
    }

    /**
     * An invoker of an invoker-mode driver's duty cycle that any number of threads may call: the engine's ingress
     * agent runs it every cycle, and Aeron clients call it while they wait for the driver's answer. Calls are
     * serialised on the driver (the driver's agents are single-threaded). Null for a driver with threads of its own.
     */
    public static AgentInvoker invoker(final MediaDriver driver)
    {
        final AgentInvoker shared = driver.sharedAgentInvoker();
        if (shared == null)
        {
            return null;
        }
        final AgentInvoker locked = new AgentInvoker(Throwable::printStackTrace, null, new Agent()
        {
            public int doWork()
            {
                synchronized (driver)
                {
                    return shared.invoke();
                }
            }

            public String roleName()
            {
                return "media-driver-invoker";
            }
        });
        locked.start();
        return locked;
    }

    /**
     * Launches a driver in {@code aeronDirectory}; a stale directory of a dead driver is reused.
     *
     * @throws DriverInUseException when a live driver already runs there: one driver per Aeron directory.
     */
    public static MediaDriver launch(final String aeronDirectory, final ThreadingMode threadingMode)
    {
        if (DriverLiveness.hasLiveDriver(aeronDirectory))
        {
            throw new DriverInUseException("a media driver is already running in " + aeronDirectory +
                "; stop it first, or give this one another gavel.aeron.dir");
        }
        final MediaDriver.Context context = new MediaDriver.Context()
            .aeronDirectoryName(aeronDirectory)
            .threadingMode(threadingMode)
            .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 100_000))
            .conductorIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 1_000_000))
            .senderIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 100_000))
            .receiverIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 100_000))
            .ipcTermBufferLength(1 << 20)
            .publicationTermBufferLength(1 << 20)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .spiesSimulateConnection(false);
        return MediaDriver.launch(context);
    }
}
