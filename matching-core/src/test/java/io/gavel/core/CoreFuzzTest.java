package io.gavel.core;

import io.gavel.protocol.CommandValidator;
import io.gavel.protocol.CommandTemplates;
import io.gavel.protocol.CommandEncoder;
import io.gavel.sbe.*;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The core never throws on any frame and its answer never depends on an exception: seeded random mutations of a valid
 * frame of every command template (bytes flipped, 32-bit lengths and group counts set to hostile values, truncated,
 * extended) go straight into {@link MatchingCore#apply}, as a journal written by anyone might hold them. Every
 * command gets exactly one response, last, and two cores fed the same frames write the same bytes.
 * {@code -Dfuzz.rounds=N} multiplies the 40,000 frames.
 */
class CoreFuzzTest
{
    static final int FRAMES = 40_000 * Integer.getInteger("fuzz.rounds", 1);

    @Test
    void noFrameMakesTheCoreThrowAndEveryCommandIsAnsweredOnce()
    {
        final List<Consumer<CommandEncoder>> templates = templates();
        final SplittableRandom random = new SplittableRandom(Long.getLong("fuzz.seed", 11L));
        final MatchingCore core = new MatchingCore(256);
        final MatchingCore twin = new MatchingCore(256);
        final EventBuffer events = new EventBuffer();
        final EventBuffer twinEvents = new EventBuffer();
        final CommandEncoder encoder = new CommandEncoder();
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[4096]);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final Role[] roles = {Role.BIDDER, Role.ADMIN, Role.CLERK, Role.SETTLEMENT, Role.ENGINE};
        for (long sequence = 1; sequence <= FRAMES; sequence++)
        {
            templates.get(random.nextInt(templates.size())).accept(encoder);
            int length = encoder.length();
            frame.putBytes(0, encoder.buffer(), 0, length);
            length = mutate(frame, length, random);
            final Role role = roles[random.nextInt(roles.length)];
            final long principal = 1 + random.nextInt(8);
            final long time = sequence * 1_000_000L;
            final int count = core.apply(sequence, time, principal, role, frame, 0, length, events);
            twin.apply(sequence, time, principal, role, frame, 0, length, twinEvents);
            assertEquals(bytes(events), bytes(twinEvents), "frame " + sequence);
            final boolean session = length >= 8 &&
                CommandTemplates.isSession(frame.getShort(2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF) &&
                CommandValidator.validate(frame, 0, length) == null;
            if (session)
            {
                assertEquals(0, count, "the core ignores session frames");
                continue;
            }
            final int[] last = {-1};
            final int[] responses = {0};
            events.forEach((buffer, offset, frameLength) ->
            {
                final int templateId = header.wrap(buffer, offset).templateId();
                last[0] = templateId;
                if (templateId == CommandAcceptedDecoder.TEMPLATE_ID || templateId == CommandRejectedDecoder.TEMPLATE_ID)
                {
                    responses[0]++;
                }
            });
            assertEquals(1, responses[0], "frame " + sequence + ": responses");
            assertTrue(last[0] == CommandAcceptedDecoder.TEMPLATE_ID || last[0] == CommandRejectedDecoder.TEMPLATE_ID,
                "frame " + sequence + ": the response comes last");
        }
        assertEquals(core.stateHash(), twin.stateHash());
    }

    /** Flips bytes, or sets a 16/32-bit word to a hostile value, or cuts or extends the frame. */
    private static int mutate(final UnsafeBuffer frame, final int length, final SplittableRandom random)
    {
        switch (random.nextInt(6))
        {
            case 0:
                return length; // valid frames keep the state moving
            case 1:
                for (int i = 1 + random.nextInt(3); i > 0; i--)
                {
                    frame.putByte(random.nextInt(length), (byte)random.nextInt(256));
                }
                return length;
            case 2:
                if (length >= 4)
                {
                    final int[] hostile = {-1, 0x7FFFFFFF, 0x80000000, 0x7FFFFFF0, length, length + 1, 0};
                    frame.putInt(random.nextInt(length - 3), hostile[random.nextInt(hostile.length)],
                        ByteOrder.LITTLE_ENDIAN);
                }
                return length;
            case 3:
                if (length >= 2)
                {
                    final int[] hostile = {0xFFFF, 0x8000, 0, 1, 65, 17};
                    frame.putShort(random.nextInt(length - 1), (short)hostile[random.nextInt(hostile.length)],
                        ByteOrder.LITTLE_ENDIAN);
                }
                return length;
            case 4:
                return random.nextInt(length);
            default:
                final int extra = 1 + random.nextInt(16);
                for (int i = 0; i < extra; i++)
                {
                    frame.putByte(length + i, (byte)random.nextInt(256));
                }
                return length + extra;
        }
    }

    private static String bytes(final EventBuffer events)
    {
        final StringBuilder out = new StringBuilder();
        events.forEach((buffer, offset, length) ->
        {
            for (int i = 0; i < length; i++)
            {
                out.append((char)(buffer.getByte(offset + i) & 0xFF));
            }
            out.append('|');
        });
        return out.toString();
    }

    private static List<Consumer<CommandEncoder>> templates()
    {
        final List<Consumer<CommandEncoder>> templates = new ArrayList<>();
        templates.add(e -> e.connect(1, 5999, "aeron:ipc", "1.BIDDER.9999999999999.abcdef"));
        templates.add(e -> e.heartbeat(2));
        templates.add(e -> e.disconnect(3));
        templates.add(e -> e.createAuction(4, 5, Format.TIMED, "EUR", 2000, TiePolicy.EARLIEST_WINS,
            RetractionPolicy.BEFORE_WINDOW, true, 1_000, 1_000, 3, 0, new long[]{0, 100_00},
            new long[]{1_00, 10_00}, 2));
        templates.add(e -> e.createAuction(4, 6, Format.LIVE, "USD", 0, TiePolicy.REJECT_EQUAL,
            RetractionPolicy.NULL_VAL, false, 0, 0, 0, 0, new long[0], new long[0], 0));
        templates.add(e -> e.addLot(5, 5, 1, 10_00, 20_00, 0, 1_000_000_000_000L));
        templates.add(e -> e.addLot(5, 6, 1, 10_00, 0, 0, 0));
        for (final int templateId : new int[]{OpenLotDecoder.TEMPLATE_ID, FairWarningDecoder.TEMPLATE_ID,
            HammerDecoder.TEMPLATE_ID, ReopenDecoder.TEMPLATE_ID, WithdrawLotDecoder.TEMPLATE_ID})
        {
            templates.add(e -> e.lotCommand(templateId, 6, 6, 1));
        }
        templates.add(e -> e.setIncrement(7, 6, 1, 5_00));
        templates.add(e -> e.jumpAsk(8, 6, 1, 50_00));
        templates.add(e -> e.cancelAuction(9, 5));
        templates.add(e -> e.auctionStatus(10, 5));
        templates.add(e -> e.bidderStatus(23, 5, 7));
        templates.add(e -> e.registerBidder(11, 5, 7, 107, 0));
        templates.add(e -> e.approveBidder(12, 5, 7));
        templates.add(e -> e.suspendBidder(13, 5, 7));
        templates.add(e -> e.maxBid(14, 5, 1, 7, 30_00));
        templates.add(e -> e.liveBid(15, 6, 1, 7, 30_00, 1));
        templates.add(e -> e.floorBid(16, 6, 1, 107, 30_00, 1));
        templates.add(e -> e.buyNow(17, 5, 1, 7));
        templates.add(e -> e.retract(18, 5, 1, 7, "TYPO"));
        templates.add(e -> e.settlementResult(19, 6, 1, PaymentResult.PAID));
        templates.add(e -> e.tick(20));
        templates.add(e -> e.takeSnapshot(21));
        templates.add(e -> e.assignClerk(22, 6, 3, true));
        return templates;
    }
}
