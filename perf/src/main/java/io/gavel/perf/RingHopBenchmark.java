package io.gavel.perf;

import io.gavel.core.MatchingCore;
import io.gavel.core.pipeline.CommandJournal;
import io.gavel.core.pipeline.CommandSlot;
import io.gavel.core.pipeline.EnginePipeline;
import io.gavel.gateway.IdleStrategies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One ring hop: the ingress side claims a slot of the engine's Disruptor ring and publishes it; the business-logic
 * and egress handlers take it (session slots, so no journal or rules work is measured). Throughput of the hop, with
 * the handlers' wait strategy as a parameter; busy-spin only means something on dedicated cores.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RingHopBenchmark
{
    @Param({"yielding", "sleeping"})
    public String waitStrategy;

    private EnginePipeline pipeline;

    @Setup(Level.Trial)
    public void setUp()
    {
        pipeline = new EnginePipeline(new MatchingCore(16), CommandJournal.NONE, slot -> { }, 4096,
            IdleStrategies.wait(waitStrategy), 0, Thread::new);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        pipeline.close();
    }

    @Benchmark
    public long hop()
    {
        CommandSlot slot;
        while ((slot = pipeline.tryClaim()) == null)
        {
            Thread.onSpinWait();
        }
        slot.kind = CommandSlot.Kind.SESSION;
        pipeline.publish();
        return pipeline.backlog();
    }
}
