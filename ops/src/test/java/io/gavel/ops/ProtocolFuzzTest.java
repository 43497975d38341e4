package io.gavel.ops;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.driver.MediaDriver;
import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelListener;
import io.gavel.client.Response;
import io.gavel.protocol.CommandEncoder;
import io.gavel.gateway.EmbeddedDriver;
import io.gavel.gateway.EngineConfig;
import io.gavel.gateway.GavelEngine;
import io.gavel.gateway.SessionToken;
import io.gavel.replay.journal.JournalVerifier;
import io.gavel.sbe.*;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A structure-aware protocol fuzz test (issue 11). For every command template and every field of it (found from the
 * generated decoders), boundary values: 0, -1, 1, min and max of the field's width, all 256 values of every one-byte
 * field (so every out-of-range enum byte), the header's fields, a Connect's data lengths 0x7FFFFFFF, 0x80000000,
 * 0xFFFFFFFF and one past the end, the CreateAuction group's dimensions, every truncation; then seeded random
 * mutations of the valid frame. Each burst is sent over a real Aeron channel by a BIDDER session, an ADMIN session
 * and a publication that never connected. After each burst: every frame was taken in, a probe is answered, the
 * engine is alive, the journal verifies, and a new engine restarts on it to the same state.
 * <p>
 * Bounded for CI (about 20 s here). A long run: {@code -Dfuzz.rounds=200 -Dfuzz.seed=N}, rounds being
 * random mutations per template and sender in hundreds.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class ProtocolFuzzTest
{
    static final String SECRET = "fuzz-secret";
    static final long PROBE_AUCTION = 424_242;
    static final int ROUNDS = Integer.getInteger("fuzz.rounds", 1);
    static final long SEED = Long.getLong("fuzz.seed", 11L);

    @TempDir
    Path dir;

    /** One command template: its name (for messages), decoder class and a valid frame of it. */
    record Template(String name, Class<?> decoder, Consumer<CommandEncoder> encode)
    {
    }

    /** A command added to the schema without a place here would go unfuzzed: this names it. */
    @Test
    void everyCommandTemplateOfTheSchemaIsFuzzed() throws Exception
    {
        final Set<String> fuzzed = new TreeSet<>();
        templates().forEach(template -> fuzzed.add(template.decoder().getSimpleName().replace("Decoder", "")));
        final Set<String> commands = new TreeSet<>();
        try (InputStream in = ProtocolFuzzTest.class.getResourceAsStream("/sbe/gavel-v1.xml"))
        {
            final Matcher matcher = Pattern
                .compile("<sbe:message name=\"(\\w+)\" id=\"(\\d+)\"")
                .matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            while (matcher.find())
            {
                // Commands are the templates below 60; 60 and above are journal, snapshot and event frames.
                if (Integer.parseInt(matcher.group(2)) < 60)
                {
                    commands.add(matcher.group(1));
                }
            }
        }
        assertEquals(commands, fuzzed);
    }

    @Test
    void noFrameStopsStallsOrCorruptsTheEngine() throws Exception
    {
        final String aeronDir = dir.resolve("aeron").toString();
        final EngineConfig config = EngineConfig.defaults()
            .set("gavel.aeron.dir", aeronDir)
            .set("gavel.journal.dir", dir.resolve("journal").toString())
            .set("gavel.token.secret", SECRET)
            .set("gavel.ingress.stream", "5101")
            .set("gavel.public.stream", "5102")
            .set("gavel.session.rate.limit", "0")
            .set("gavel.egress.connect.timeout.ms", "200");
        final SplittableRandom random = new SplittableRandom(SEED);
        long frames = 0;
        try (MediaDriver driver = EmbeddedDriver.launch(aeronDir);
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir)))
        {
            GavelEngine engine = GavelEngine.start(config);
            try
            {
                try (GavelClient admin = client(aeron, config, 1, Role.ADMIN))
                {
                    accept(admin, admin.createAuction(PROBE_AUCTION, AuctionSettings.live()));
                }
                for (final Template template : templates())
                {
                    final List<UnsafeBuffer> burst = new ArrayList<>();
                    final CommandEncoder encoder = new CommandEncoder();
                    template.encode().accept(encoder);
                    mutations(template, encoder, random, burst);
                    frames += burst.size() * 3L;
                    sendBurst(aeron, config, engine, burst, template.name());
                    engine = probeVerifyRestart(aeron, config, engine, template.name());
                }
            }
            finally
            {
                CloseHelper.quietClose(engine);
            }
        }
        System.out.println("ProtocolFuzzTest: " + frames + " frames, seed " + SEED + ", rounds " + ROUNDS);
    }

    private static void sendBurst(final Aeron aeron, final EngineConfig config, final GavelEngine engine,
        final List<UnsafeBuffer> burst, final String name)
    {
        final long framesBefore = engine.counters().framesIn.get();
        try (GavelClient bidder = client(aeron, config, 7, Role.BIDDER);
            GavelClient admin = client(aeron, config, 2, Role.ADMIN);
            ExclusivePublication stranger = aeron.addExclusivePublication(config.ingressChannel(),
                config.ingressStream()))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!stranger.isConnected())
            {
                assertTrue(System.nanoTime() < deadline, "stranger never connected");
                Thread.onSpinWait();
            }
            long sent = 0;
            for (final UnsafeBuffer frame : burst)
            {
                // A Disconnect or a re-Connect may end a session mid-burst: its later frames are then a stranger's.
                assertTrue(bidder.sendRaw(frame, 0, frame.capacity()), name + ": bidder could not send");
                assertTrue(admin.sendRaw(frame, 0, frame.capacity()), name + ": admin could not send");
                offer(stranger, frame);
                sent += 3;
                if ((sent & 63) == 0)
                {
                    bidder.poll();
                    admin.poll();
                }
            }
            final long expected = sent;
            assertTrue(bidder.pollUntil(() -> engine.counters().framesIn.get() - framesBefore >= expected,
                Duration.ofSeconds(30)), name + ": the engine took in " + (engine.counters().framesIn.get() -
                framesBefore) + " of " + expected + " frames");
        }
    }

    private static GavelEngine probeVerifyRestart(final Aeron aeron, final EngineConfig config,
        final GavelEngine engine, final String name)
    {
        final GavelClient connected;
        try
        {
            connected = client(aeron, config, 3, Role.ADMIN);
        }
        catch (final io.gavel.client.GavelClientException ex)
        {
            throw new AssertionError(name + ": the probe could not connect (" + ex.getMessage() + "); failure " +
                engine.failure() + ", frames in " + engine.counters().framesIn.get() + ", connects " +
                engine.counters().connects.get() + ", sessions " + engine.counters().sessions.get(), ex);
        }
        try (GavelClient probe = connected)
        {
            final Response response = probe.await(probe.requestAuctionStatus(PROBE_AUCTION), Duration.ofSeconds(10));
            assertNotNull(response, name + ": the probe got no answer");
            assertTrue(response.accepted(), name + ": " + response);
        }
        assertNull(engine.failure(), name + ": the pipeline failed");
        engine.close();
        final long stopped = engine.stateHashAtStop();
        final JournalVerifier.Report report = JournalVerifier.verify(config.journalDir(), null);
        assertTrue(report.verified(), name + ": " + report.failure);
        final GavelEngine restarted = GavelEngine.start(config);
        assertEquals(stopped, restarted.recoveredStateHash(), name + ": the restarted engine's state differs");
        return restarted;
    }

    private static void offer(final ExclusivePublication publication, final UnsafeBuffer frame)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (publication.offer(frame, 0, frame.capacity()) < 0)
        {
            assertTrue(System.nanoTime() < deadline, "stranger could not send");
            Thread.onSpinWait();
        }
    }

    /** Boundary values of every field and the header, every truncation, then seeded random mutations. */
    static void mutations(final Template template, final CommandEncoder encoder, final SplittableRandom random,
        final List<UnsafeBuffer> out)
    {
        final int length = encoder.length();
        final int block = MessageHeaderDecoder.ENCODED_LENGTH;
        // Header: blockLength, templateId, schemaId, version.
        for (int field = 0; field < 4; field++)
        {
            final int at = 2 * field;
            for (final int value : new int[]{0, 1, 0xFFFF, 0x7FFF, 0x8000, MessageHeaderDecoder.SCHEMA_VERSION + 1})
            {
                out.add(mutate(encoder, length, frame -> frame.putShort(at, (short)value, ByteOrder.LITTLE_ENDIAN)));
            }
        }
        for (final int[] field : fields(template.decoder()))
        {
            boundaries(encoder, length, block + field[0], field[1], out);
        }
        if (template.decoder() == ConnectDecoder.class)
        {
            final int channelAt = block + ConnectDecoder.BLOCK_LENGTH;
            final int tokenAt = channelAt + 4 + encoder.buffer().getInt(channelAt, ByteOrder.LITTLE_ENDIAN);
            for (final int at : new int[]{channelAt, tokenAt})
            {
                for (final int value : new int[]{0, 1, -1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x7FFFFFF0,
                    length - at - 4 + 1, length - at, 1 << 16})
                {
                    out.add(mutate(encoder, length, frame -> frame.putInt(at, value, ByteOrder.LITTLE_ENDIAN)));
                }
            }
        }
        if (template.decoder() == CreateAuctionDecoder.class)
        {
            final int groupAt = block + CreateAuctionDecoder.BLOCK_LENGTH;
            for (final int at : new int[]{groupAt, groupAt + 2})
            {
                for (final int value : new int[]{0, 1, 3, 15, 17, 0xFFFF, 0x8000, 65})
                {
                    out.add(mutate(encoder, length, frame -> frame.putShort(at, (short)value,
                        ByteOrder.LITTLE_ENDIAN)));
                }
            }
            for (int entry = 0; entry < 2; entry++)
            {
                final int entryAt = groupAt + 4 + entry * CreateAuctionDecoder.IncrementsDecoder.sbeBlockLength();
                boundaries(encoder, length, entryAt, 8, out);
                boundaries(encoder, length, entryAt + 8, 8, out);
            }
        }
        for (int cut = 0; cut < length; cut++)
        {
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[Math.max(cut, 1)]);
            frame.putBytes(0, encoder.buffer(), 0, Math.max(cut, 1));
            out.add(frame);
        }
        final UnsafeBuffer longer = new UnsafeBuffer(new byte[length + 5]);
        longer.putBytes(0, encoder.buffer(), 0, length);
        out.add(longer);
        for (int i = 0; i < 100 * ROUNDS; i++)
        {
            final int flips = 1 + random.nextInt(4);
            out.add(mutate(encoder, length, frame ->
            {
                for (int f = 0; f < flips; f++)
                {
                    frame.putByte(random.nextInt(length), (byte)random.nextInt(256));
                }
            }));
        }
    }

    private static void boundaries(final CommandEncoder encoder, final int length, final int at, final int width,
        final List<UnsafeBuffer> out)
    {
        if (width == 1)
        {
            for (int value = 0; value < 256; value++)
            {
                final byte b = (byte)value;
                out.add(mutate(encoder, length, frame -> frame.putByte(at, b)));
            }
            return;
        }
        final long[] values = width == 8 ?
            new long[]{0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE - 10} :
            new long[]{0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE};
        for (final long value : values)
        {
            out.add(mutate(encoder, length, frame ->
            {
                if (width == 8)
                {
                    frame.putLong(at, value, ByteOrder.LITTLE_ENDIAN);
                }
                else if (width == 4)
                {
                    frame.putInt(at, (int)value, ByteOrder.LITTLE_ENDIAN);
                }
                else
                {
                    for (int i = 0; i < width; i++)
                    {
                        frame.putByte(at + i, (byte)value);
                    }
                }
            }));
        }
    }

    private static UnsafeBuffer mutate(final CommandEncoder encoder, final int length,
        final Consumer<UnsafeBuffer> change)
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[length]);
        frame.putBytes(0, encoder.buffer(), 0, length);
        change.accept(frame);
        return frame;
    }

    /** Offset and width of every fixed field of a decoder's block, from its generated static methods. */
    static List<int[]> fields(final Class<?> decoder)
    {
        final List<int[]> fields = new ArrayList<>();
        try
        {
            for (final Method method : decoder.getMethods())
            {
                final String name = method.getName();
                if (name.endsWith("EncodingOffset") && method.getParameterCount() == 0)
                {
                    final String field = name.substring(0, name.length() - "EncodingOffset".length());
                    final Method width = decoder.getMethod(field + "EncodingLength");
                    fields.add(new int[]{(Integer)method.invoke(null), (Integer)width.invoke(null)});
                }
            }
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new AssertionError(ex);
        }
        assertFalse(fields.isEmpty(), decoder.getSimpleName() + " has no fields");
        return fields;
    }

    static List<Template> templates()
    {
        final String token = SessionToken.issue(SECRET, 77, Role.BIDDER, System.currentTimeMillis() + 600_000);
        final long end = System.currentTimeMillis() * 1_000_000L + TimeUnit.HOURS.toNanos(1);
        final List<Template> templates = new ArrayList<>();
        templates.add(new Template("Connect", ConnectDecoder.class, e -> e.connect(1, 5999, "aeron:ipc", token)));
        templates.add(new Template("Heartbeat", HeartbeatDecoder.class, e -> e.heartbeat(2)));
        templates.add(new Template("Disconnect", DisconnectDecoder.class, e -> e.disconnect(3)));
        templates.add(new Template("CreateAuction", CreateAuctionDecoder.class, e -> e.createAuction(4, 5,
            Format.TIMED, "EUR", 2000, TiePolicy.EARLIEST_WINS, RetractionPolicy.BEFORE_WINDOW, true, 1_000, 1_000, 3,
            0, new long[]{0, 100_00}, new long[]{1_00, 10_00}, 2)));
        templates.add(new Template("AddLot", AddLotDecoder.class, e -> e.addLot(5, 5, 1, 10_00, 20_00, 0, end)));
        for (final Class<?> lotCommand : new Class<?>[]{OpenLotDecoder.class, FairWarningDecoder.class,
            HammerDecoder.class, ReopenDecoder.class, WithdrawLotDecoder.class})
        {
            final int templateId = templateId(lotCommand);
            templates.add(new Template(lotCommand.getSimpleName(), lotCommand,
                e -> e.lotCommand(templateId, 6, 5, 1)));
        }
        templates.add(new Template("SetIncrement", SetIncrementDecoder.class, e -> e.setIncrement(7, 5, 1, 5_00)));
        templates.add(new Template("JumpAsk", JumpAskDecoder.class, e -> e.jumpAsk(8, 5, 1, 50_00)));
        templates.add(new Template("CancelAuction", CancelAuctionDecoder.class, e -> e.cancelAuction(9, 5)));
        templates.add(new Template("RequestAuctionStatus", RequestAuctionStatusDecoder.class,
            e -> e.auctionStatus(10, 5)));
        templates.add(new Template("RequestBidderStatus", RequestBidderStatusDecoder.class,
            e -> e.bidderStatus(23, 5, 7)));
        templates.add(new Template("RegisterBidder", RegisterBidderDecoder.class,
            e -> e.registerBidder(11, 5, 7, 107, 0)));
        templates.add(new Template("ApproveBidder", ApproveBidderDecoder.class, e -> e.approveBidder(12, 5, 7)));
        templates.add(new Template("SuspendBidder", SuspendBidderDecoder.class, e -> e.suspendBidder(13, 5, 7)));
        templates.add(new Template("MaxBid", MaxBidDecoder.class, e -> e.maxBid(14, 5, 1, 7, 30_00)));
        templates.add(new Template("LiveBid", LiveBidDecoder.class, e -> e.liveBid(15, 5, 1, 7, 30_00, 1)));
        templates.add(new Template("FloorBid", FloorBidDecoder.class, e -> e.floorBid(16, 5, 1, 107, 30_00, 1)));
        templates.add(new Template("BuyNow", BuyNowDecoder.class, e -> e.buyNow(17, 5, 1, 7)));
        templates.add(new Template("Retract", RetractDecoder.class, e -> e.retract(18, 5, 1, 7, "TYPO")));
        templates.add(new Template("SettlementResult", SettlementResultDecoder.class,
            e -> e.settlementResult(19, 5, 1, PaymentResult.PAID)));
        templates.add(new Template("Tick", TickDecoder.class, e -> e.tick(20)));
        templates.add(new Template("TakeSnapshot", TakeSnapshotDecoder.class, e -> e.takeSnapshot(21)));
        templates.add(new Template("AssignClerk", AssignClerkDecoder.class, e -> e.assignClerk(22, 5, 3, true)));
        return templates;
    }

    private static int templateId(final Class<?> decoder)
    {
        try
        {
            return decoder.getField("TEMPLATE_ID").getInt(null);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static GavelClient client(final Aeron aeron, final EngineConfig config, final long principal,
        final Role role)
    {
        return GavelClient.connect(new GavelClient.Context().aeron(aeron)
            .ingress(config.ingressChannel(), config.ingressStream())
            .publicStream(config.publicChannel(), config.publicStream()).subscribePublic(false)
            .token(SessionToken.issue(SECRET, principal, role, System.currentTimeMillis() + 600_000))
            .listener(new GavelListener() {}).timeout(Duration.ofSeconds(10)));
    }

    private static void accept(final GavelClient client, final long correlationId)
    {
        final Response response = client.await(correlationId, Duration.ofSeconds(10));
        assertNotNull(response);
        assertTrue(response.accepted(), response.toString());
    }
}
