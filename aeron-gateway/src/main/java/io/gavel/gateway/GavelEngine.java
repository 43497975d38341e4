package io.gavel.gateway;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.gavel.core.MatchingCore;
import io.gavel.core.pipeline.EnginePipeline;
import io.gavel.core.pipeline.SnapshotPort;
import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalPretoucher;
import io.gavel.journal.JournalSync;
import io.gavel.journal.JournalSyncer;
import io.gavel.journal.JournalWriteBehind;
import io.gavel.journal.JournalWriter;
import org.agrona.CloseHelper;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.EpochNanoClock;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One engine: Aeron ingress agent, Disruptor ring, Chronicle journal, matching core and Aeron egress, wired as
 * ARCHITECTURE.md §1 draws them. Connects to a running media driver (embedded or standalone).
 */
public final class GavelEngine implements AutoCloseable
{
    private final EngineConfig config;
    private final Aeron aeron;
    private final EngineCounters counters;
    private final JournalWriter journalWriter;
    private final JournalLayout journal;
    private final EngineJournal engineJournal;
    private final JournalPretoucher pretoucher;
    private final JournalWriteBehind writeBehind;
    private final HiccupMonitor hiccups;
    private final JournalSyncer syncer;
    private final EnginePipeline pipeline;
    private final AeronEgress egress;
    private final Subscription ingress;
    private final Publication publicStream;
    private final AgentRunner ingressRunner;
    private final MatchingCore core;
    private final SnapshotStore snapshots;
    private final String recovery;
    private final long recoveredStateHash;
    private volatile Throwable driverLost;

    private GavelEngine(final EngineConfig config, final AgentInvoker driverInvoker)
    {
        this.config = config;
        if (config.tokenSecret().isEmpty())
        {
            throw new IllegalArgumentException("gavel.token.secret is not set: the engine cannot verify sessions");
        }
        // Settings read before anything is opened, so a bad value leaves no lock or thread behind.
        final JournalSync sync = config.journalSync();
        final EngineLayout layout = config.layout();
        final long pretouchBytes = config.journalPretouchBytes();
        final long writeBehindBytes = config.journalWriteBehindBytes();
        final boolean lockJournal = config.journalLock();
        final boolean measureHiccups = config.hiccups();
        // The journal first (its lock, settings and recovery), so a second engine stops before touching Aeron.
        engineJournal = EngineJournal.open(config);
        journal = engineJournal.layout;
        journalWriter = engineJournal.writer;
        snapshots = engineJournal.snapshots;
        core = engineJournal.core;
        pretoucher = pretouchBytes == 0 ? null : JournalPretoucher.start(journalWriter, pretouchBytes,
            lockJournal);
        writeBehind = writeBehindBytes == 0 ? null : JournalWriteBehind.start(journalWriter, writeBehindBytes);
        syncer = sync == JournalSync.FSYNC ? JournalSyncer.start(journalWriter) : null;
        recoveredStateHash = core.stateHash();
        // Where each client stream stands in the journal, so a restart never sequences a command twice.
        final Long2LongHashMap journaledPositions = journalWriter.lastSequence() == 0 ?
            new Long2LongHashMap(-1) : JournaledPositions.read(journal);
        recovery = journalWriter.lastSequence() == 0 ? engineJournal.recovery : engineJournal.recovery + "; " +
            journaledPositions.size() + " client streams resume past their journaled commands";
        final Aeron.Context aeronContext = new Aeron.Context();
        if (!config.aeronDir().isEmpty())
        {
            aeronContext.aeronDirectoryName(config.aeronDir());
        }
        final IngressAgentHolder holder = new IngressAgentHolder();
        aeronContext.unavailableImageHandler(image -> holder.onUnavailable(image));
        aeronContext.errorHandler(this::onAeronError);
        // low-core: the client conductor is run by the ingress agent below, not by a thread of its own.
        aeronContext.useConductorAgentInvoker(layout == EngineLayout.LOW_CORE);
        if (driverInvoker != null)
        {
            aeronContext.driverAgentInvoker(driverInvoker);
        }
        try
        {
            aeron = Aeron.connect(aeronContext);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(pretoucher, writeBehind, syncer);
            engineJournal.close();
            throw ex;
        }
        counters = new EngineCounters(aeron, "gavel");
        hiccups = measureHiccups ? HiccupMonitor.start(counters) : null;
        publicStream = aeron.addPublication(config.publicChannel(), config.publicStream());
        final IngressReplies replies = new IngressReplies();
        final SessionBindings bindings = new SessionBindings();
        final boolean oneThread = layout == EngineLayout.LOW_CORE;
        egress = new AeronEgress(aeron, publicStream, counters, egressIdle(oneThread, driverInvoker), config,
            replies, bindings);
        // fsync: the syncer forces off the business thread and the egress waits for it (docs/DESIGN.md, Journal).
        final io.gavel.core.pipeline.EgressPort egressPort = syncer == null ? egress :
            new DurableEgress(syncer, egress, egressIdle(oneThread, driverInvoker));
        final SnapshotPort snapshotPort = engineJournal.replica != null ? SnapshotPort.NONE : snapshots;
        final ChronicleCommandJournal commandJournal = new ChronicleCommandJournal(journalWriter);
        if (oneThread)
        {
            // low-core: no ring thread; the ingress agent drains the ring itself (docs/DESIGN.md, Threads).
            pipeline = EnginePipeline.onCallerThread(core, commandJournal, egressPort, snapshotPort,
                config.ringSize(), journalWriter.lastSequence());
        }
        else
        {
            final AtomicInteger threads = new AtomicInteger();
            pipeline = new EnginePipeline(core, commandJournal, egressPort, snapshotPort, config.ringSize(),
                IdleStrategies.wait(config.waitStrategy()), journalWriter.lastSequence(),
                runnable -> new Thread(runnable, "gavel-ring-" + threads.incrementAndGet()));
        }
        ingress = aeron.addSubscription(config.ingressChannel(), config.ingressStream());
        final EpochNanoClock clock = EngineClocks.epoch();
        final IngressAgent agent = new IngressAgent(ingress, pipeline, new MonotonicClock(clock), counters, config,
            replies, bindings, journaledPositions);
        holder.agent = agent;
        final List<Agent> agents = new ArrayList<>(List.of(agent));
        if (layout == EngineLayout.LOW_CORE)
        {
            agents.add(new InvokedAgent(aeron.conductorAgentInvoker()));
            agents.add(new InvokedAgent(driverInvoker));
        }
        if (hiccups != null)
        {
            // The hiccup counters are written on this thread, which stops with the Aeron client (HiccupMonitor).
            agents.add(hiccups.publisher());
        }
        agents.add(new JournalCounters(journalWriter, pretoucher, writeBehind, counters));
        final Agent duty = new CompositeAgent(agents);
        ingressRunner = new AgentRunner(IdleStrategies.idle(config.idleStrategy()),
            Throwable::printStackTrace, null, duty);
        AgentRunner.startOnThread(ingressRunner);
    }

    /**
     * The egress's waits (back-pressure retries, the fsync): on the one thread of low-core they must keep the client
     * conductor and the driver that thread runs turning, or an IPC publication's limit would never move.
     */
    private org.agrona.concurrent.IdleStrategy egressIdle(final boolean oneThread, final AgentInvoker driverInvoker)
    {
        final org.agrona.concurrent.IdleStrategy backoff = IdleStrategies.idle(IdleStrategies.BACKOFF);
        return oneThread ? new InvokingIdleStrategy(backoff, aeron.conductorAgentInvoker(), driverInvoker) : backoff;
    }

    public static GavelEngine start(final EngineConfig config)
    {
        return new GavelEngine(config, null);
    }

    /**
     * Starts an engine on an invoker-mode media driver in this JVM ({@link EmbeddedDriver#invoker}); with layout
     * low-core its ingress agent runs the driver's duty cycle, so the driver needs no thread of its own.
     */
    public static GavelEngine start(final EngineConfig config, final AgentInvoker driverInvoker)
    {
        if (driverInvoker != null && config.layout() != EngineLayout.LOW_CORE)
        {
            throw new IllegalArgumentException("an invoker-mode media driver needs gavel.layout=low-core");
        }
        return new GavelEngine(config, driverInvoker);
    }

    public EngineConfig config()
    {
        return config;
    }

    public Path journalDir()
    {
        return journal.root().toAbsolutePath();
    }

    public String aeronDirectory()
    {
        return aeron.context().aeronDirectoryName();
    }

    public EngineCounters counters()
    {
        return counters;
    }

    /** Whether and how the engine signs journal checkpoints. */
    public String checkpoints()
    {
        return engineJournal.checkpoints(config);
    }

    /** How the engine started: a new journal, or what recovery replayed. */
    public String recovery()
    {
        return recovery;
    }

    /** Where the engine keeps its snapshots (for tests: which thread wrote the last one). */
    SnapshotStore snapshots()
    {
        return snapshots;
    }

    /** The core's book arena in bytes; read once the engine has started (it is sized before the first command). */
    long bookArenaBytes()
    {
        return core.rules().bookArenaBytes();
    }

    /** The core's state hash right after recovery (before any new command). */
    public long recoveredStateHash()
    {
        return recoveredStateHash;
    }

    /** The core's state hash when the engine stopped; valid after {@link #close()}. */
    public long stateHashAtStop()
    {
        return pipeline.stateHashAtStop();
    }

    /** Why the engine stopped applying commands (its pipeline failed, or its driver is gone), or null. */
    public Throwable failure()
    {
        final Throwable pipelineFailure = pipeline.failure();
        return pipelineFailure != null ? pipelineFailure : driverLost;
    }

    private void onAeronError(final Throwable error)
    {
        if (error instanceof io.aeron.exceptions.DriverTimeoutException ||
            error instanceof io.aeron.exceptions.ConductorServiceTimeoutException)
        {
            // The Aeron client closes itself after this: nothing arrives or leaves any more.
            driverLost = new DriverLostException("the media driver of " + aeron.context().aeronDirectoryName() +
                " stopped answering (" + error.getMessage() + "); the engine can neither receive nor send", error);
            return;
        }
        error.printStackTrace();
    }

    /** The last engine sequence applied. */
    public long lastSequence()
    {
        return pipeline.lastSequence();
    }

    /**
     * Stops taking commands, drains the ring (so everything accepted is journaled and published), then closes the
     * journal and Aeron resources.
     */
    public void close()
    {
        // What is in the ring is still answered, but a subscriber that never reads again may hold it up 10 s at most.
        egress.stopWaitingAfter(java.util.concurrent.TimeUnit.SECONDS.toNanos(10));
        CloseHelper.quietClose(ingressRunner);
        pipeline.close();
        CloseHelper.quietCloseAll(hiccups, egress, ingress, publicStream, counters, aeron, pretoucher, writeBehind,
            syncer, engineJournal);
    }

    /** Runs an invoker (the Aeron client's conductor, an invoker-mode driver) as part of another agent's cycle. */
    private static final class InvokedAgent implements Agent
    {
        private final AgentInvoker invoker;

        InvokedAgent(final AgentInvoker invoker)
        {
            this.invoker = invoker;
        }

        public int doWork()
        {
            return invoker == null ? 0 : invoker.invoke();
        }

        public String roleName()
        {
            return "invoked";
        }
    }

    /** Lets the Aeron conductor's image callback reach the agent created after the client connects. */
    private static final class IngressAgentHolder
    {
        volatile IngressAgent agent;

        void onUnavailable(final io.aeron.Image image)
        {
            final IngressAgent current = agent;
            if (current != null)
            {
                current.onUnavailableImage(image);
            }
        }
    }
}
