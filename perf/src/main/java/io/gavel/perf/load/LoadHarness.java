package io.gavel.perf.load;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.gavel.protocol.CommandEncoder;
import io.gavel.sbe.CommandRejectedDecoder;
import io.gavel.sbe.MessageHeaderDecoder;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.PrintStream;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open-loop load harness: bids at a fixed rate into a real engine (Aeron, Disruptor, Chronicle journal, core),
 * each stamped with its intended send time, and wire-to-wire latency recorded in HdrHistogram from that time to the
 * bidder's own acknowledgement. In the same run, a raw Aeron ping-pong over the same kind of channel and message size
 * gives the baseline the report compares with.
 */
public final class LoadHarness
{
    private LoadHarness()
    {
    }

    /** Runs a load test and its baseline; writes the report. */
    public static LoadReport.Run run(final LoadOptions options, final PrintStream out) throws Exception
    {
        options.validate();
        out.printf("gavel perf load: %s, %d auctions, %d lots, %d bidders, %,d bids/s for %d s after %d s warm-up%n",
            options.transport, options.auctions, options.lots, options.bidders, options.rate,
            options.durationSeconds, options.warmupSeconds);
        try (LoadEnvironment environment = new LoadEnvironment(options))
        {
            // The set-up's garbage is collected now, not in the measured window: the window starts with an empty
            // young generation, so with one large enough (-Xmn, docs/PERFORMANCE.md) it sees no collection at all.
            System.gc();
            out.println("engine ready; loading");
            final Measurement gavel = measure(environment, options.rate, options.durationSeconds,
                options.warmupSeconds, options.progress ? out : null);
            out.println("baseline: raw Aeron ping-pong over the same channel and message size");
            final Measurement baseline = pingPong(environment.aeron, options, Math.min(options.durationSeconds, 10));
            return new LoadReport.Run(options, gavel, baseline);
        }
    }

    /** Drives bids at {@code rate} for warm-up plus duration; measures only after the warm-up. */
    static Measurement measure(final LoadEnvironment env, final int rate, final int durationSeconds,
        final int warmupSeconds, final PrintStream progress) throws InterruptedException
    {
        final long interval = 1_000_000_000L / rate;
        final long total = (long)rate * (warmupSeconds + durationSeconds);
        final long warmupCount = (long)rate * warmupSeconds;
        final long base = System.nanoTime() & 0x7FFF_FFFF_0000_0000L;
        final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        final Measurement measurement = new Measurement();
        measurement.rate = rate;
        measurement.windowStartNanos = start + warmupCount * interval;
        measurement.sizeSeconds(durationSeconds);
        final AtomicLong answered = new AtomicLong();
        final AtomicBoolean sending = new AtomicBoolean(true);
        final long[] lotHighWater = new long[env.options.auctions * env.lotsPerAuction];
        final long droppedBefore = env.engine.counters().subscribersDropped.get();
        // Set before the threads start; they reach it through this holder.
        final WindowStats[] stats = new WindowStats[1];

        final Thread receiver = new Thread(() ->
        {
            receive(env.responses, base, start, interval, warmupCount, measurement, answered, sending, total);
            stats[0].threadEnds(1);
        }, "load-receiver");

        final SplittableRandom random = new SplittableRandom(42);
        final CommandEncoder encoder = new CommandEncoder();
        final boolean park = env.options.sendWait.equals("park");
        final Thread sender = new Thread(() ->
        {
            measurement.notSent = OpenLoop.run(env.ingress, (i, buffer) ->
            {
                final int auction = 1 + random.nextInt(env.options.auctions);
                final int lot = 1 + random.nextInt(env.lotsPerAuction);
                final int index = (auction - 1) * env.lotsPerAuction + lot - 1;
                // Each new maximum clears the lot's increment: 5% of the price is more than any band's increment up to
                // 500,000, whose increment (10,000, the top band) holds for every price above it; so the step is
                // capped there, and a 60 s run's prices stay far below the largest amount (AMOUNT_TOO_LARGE).
                lotHighWater[index] += 10 + random.nextInt(500) + Math.min(lotHighWater[index] / 20, 20_000);
                encoder.maxBid(base + i, auction, lot, 1 + random.nextInt(env.biddersPerAuction), lotHighWater[index]);
                buffer.putBytes(0, encoder.buffer(), 0, encoder.length());
                return encoder.length();
            }, new UnsafeBuffer(new byte[256]), start, interval, total, i ->
            {
                if (i == warmupCount)
                {
                    stats[0].start();
                }
            }, park, measurement.sendLateness, warmupCount);
            stats[0].threadEnds(0);
        }, "load-sender");
        // The engine's own counter, not one found by label: shards on one external driver each have one.
        final io.aeron.Counter faults = env.engine.counters().journalWriterFaults;
        stats[0] = new WindowStats(env.aeron.countersReader(), faults::get, sender.getId(), receiver.getId(),
            Thread.currentThread().getId());
        final HiccupMeter hiccups =
            new HiccupMeter(measurement.hiccups, measurement.windowStartNanos, "load-hiccups");
        receiver.start();
        sender.start();

        final long end = start + total * interval;
        final ProgressLine line = progress == null ? null : new ProgressLine(progress);
        while (sender.isAlive())
        {
            sender.join(1_000);
            if (line != null)
            {
                line.print(Math.min(1.0, (System.nanoTime() - start) / (double)(end - start)), answered.get());
            }
        }
        hiccups.close();
        sending.set(false);
        receiver.join(15_000);
        stats[0].end(measurement);
        if (progress != null)
        {
            progress.println();
        }
        measurement.sent = total - warmupCount;
        measurement.seconds = durationSeconds;
        measurement.answered = measurement.latency.getTotalCount();
        measurement.unanswered = measurement.sent - measurement.answered;
        measurement.subscribersDropped = env.engine.counters().subscribersDropped.get() - droppedBefore;
        return measurement;
    }

    private static void receive(final Subscription responses, final long base, final long start, final long interval,
        final long warmupCount, final Measurement measurement, final AtomicLong answered, final AtomicBoolean sending,
        final long total)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final CommandRejectedDecoder rejected = new CommandRejectedDecoder();
        final IdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 50_000);
        final long[] lastAnswer = {System.nanoTime()};
        final long perSecond = Math.max(1, 1_000_000_000L / interval);
        // One handler for the whole run: a lambda created per poll would allocate on the measured path.
        final io.aeron.logbuffer.FragmentHandler handler = (buffer, offset, length, h) ->
            {
                final long now = System.nanoTime();
                header.wrap(buffer, offset);
                // Every response starts its block with the command's correlation id.
                final long correlationId = buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH,
                    ByteOrder.LITTLE_ENDIAN);
                final long index = correlationId - base;
                if (index < 0 || index >= total)
                {
                    return;
                }
                answered.incrementAndGet();
                lastAnswer[0] = now;
                if (index >= warmupCount)
                {
                    measurement.lastAnswerNanos = now;
                    final long latency = Math.max(0, now - (start + index * interval));
                    measurement.latency.recordValue(latency);
                    measurement.noteSecond((index - warmupCount) / perSecond, latency);
                    if (header.templateId() == CommandRejectedDecoder.TEMPLATE_ID)
                    {
                        measurement.count(rejected.wrapAndApplyHeader(buffer, offset, header).reason());
                    }
                }
            };
        while (answered.get() < total && (sending.get() || System.nanoTime() - lastAnswer[0] < 5_000_000_000L))
        {
            idle.idle(responses.poll(handler, 256));
        }
    }

    /** A raw Aeron round trip of a 48-byte message at the same rate and over the same kind of channel. */
    static Measurement pingPong(final Aeron aeron, final LoadOptions options, final int seconds) throws Exception
    {
        return pingPong(aeron, options, options.rate, seconds);
    }

    /** The raw Aeron round trip at {@code rate}, as {@link #pingPong(Aeron, LoadOptions, int)}. */
    static Measurement pingPong(final Aeron aeron, final LoadOptions options, final int rate, final int seconds)
        throws Exception
    {
        final String pingChannel;
        final String pongChannel;
        if (options.transport.equals("udp"))
        {
            pingChannel = "aeron:udp?endpoint=127.0.0.1:" + io.gavel.gateway.LoopbackPorts.freeUdpPort();
            pongChannel = "aeron:udp?endpoint=127.0.0.1:" + io.gavel.gateway.LoopbackPorts.freeUdpPort();
        }
        else
        {
            pingChannel = "aeron:ipc";
            pongChannel = "aeron:ipc";
        }
        try (ExclusivePublication ping = aeron.addExclusivePublication(pingChannel, 9_100);
            Subscription pingIn = aeron.addSubscription(pingChannel, 9_100);
            ExclusivePublication pong = aeron.addExclusivePublication(pongChannel, 9_101);
            Subscription pongIn = aeron.addSubscription(pongChannel, 9_101))
        {
            while (!ping.isConnected() || !pong.isConnected())
            {
                Thread.yield();
            }
            final AtomicBoolean running = new AtomicBoolean(true);
            final Thread echo = new Thread(() ->
            {
                final IdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 50_000);
                final io.aeron.logbuffer.FragmentHandler echoHandler = (buffer, offset, length, h) ->
                {
                    while (pong.offer(buffer, offset, length) < 0)
                    {
                        Thread.onSpinWait();
                    }
                };
                while (running.get())
                {
                    idle.idle(pingIn.poll(echoHandler, 256));
                }
            }, "baseline-echo");
            echo.start();
            final Measurement measurement = new Measurement();
            measurement.rate = rate;
            final long interval = 1_000_000_000L / rate;
            final long total = (long)rate * seconds;
            final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
            measurement.windowStartNanos = start;
            final AtomicLong answered = new AtomicLong();
            final AtomicBoolean sending = new AtomicBoolean(true);
            final Thread receiver = new Thread(() -> receive(pongIn, 0, start, interval, 0, measurement, answered,
                sending, total), "baseline-receiver");
            receiver.start();
            final HiccupMeter hiccups = new HiccupMeter(measurement.hiccups, start, "baseline-hiccups");
            OpenLoop.run(ping, (i, buffer) ->
            {
                // 48 bytes, like an encoded bid: the correlation id where a response carries it.
                buffer.putLong(MessageHeaderDecoder.ENCODED_LENGTH, i, ByteOrder.LITTLE_ENDIAN);
                return 48;
            }, new UnsafeBuffer(new byte[64]), start, interval, total, i -> { },
                options.sendWait.equals("park"), measurement.sendLateness, 0);
            hiccups.close();
            sending.set(false);
            receiver.join(15_000);
            running.set(false);
            echo.join(5_000);
            measurement.sent = total;
            measurement.seconds = seconds;
            measurement.answered = measurement.latency.getTotalCount();
            measurement.unanswered = total - measurement.answered;
            return measurement;
        }
    }
}
