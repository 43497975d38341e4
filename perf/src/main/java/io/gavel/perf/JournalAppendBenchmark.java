package io.gavel.perf;

import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalWriter;
import io.gavel.sbe.RecordKind;
import io.gavel.sbe.Role;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One journal append: the record head, a 48-byte SBE frame, the hash chain, into Chronicle Queue on local disk.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JournalAppendBenchmark
{
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[48]);
    private Path dir;
    private JournalWriter writer;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        dir = Files.createTempDirectory("gavel-journal-bench-");
        writer = JournalWriter.open(JournalLayout.createOrOpen(dir.resolve("journal")));
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        writer.close();
        IoUtil.delete(dir.toFile(), true);
    }

    @Benchmark
    public long append()
    {
        frame.putLong(8, ++sequence);
        writer.append(RecordKind.COMMAND, sequence, sequence, 0, 1, 1, Role.BIDDER, frame, 0, frame.capacity());
        return writer.chainHash();
    }
}
