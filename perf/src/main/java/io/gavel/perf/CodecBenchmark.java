package io.gavel.perf;

import io.gavel.sbe.MaxBidDecoder;
import io.gavel.sbe.MaxBidEncoder;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * SBE encode and decode of a bid (MaxBid, 48 bytes with its header), with reused flyweights.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final MaxBidEncoder encoder = new MaxBidEncoder();
    private final MaxBidDecoder decoder = new MaxBidDecoder();
    private long correlation;

    @Benchmark
    public long encodeDecode()
    {
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder).correlationId(++correlation).auctionId(7).lotId(42)
            .bidderId(1001).maxAmount(50_00);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        return decoder.correlationId() + decoder.auctionId() + decoder.lotId() + decoder.bidderId() +
            decoder.maxAmount();
    }

    @Benchmark
    public int encode()
    {
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder).correlationId(++correlation).auctionId(7).lotId(42)
            .bidderId(1001).maxAmount(50_00);
        return encoder.encodedLength();
    }
}
