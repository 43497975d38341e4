package io.gavel.core;

import io.gavel.core.rules.RulesSnapshot;
import io.gavel.sbe.*;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The whole core at one engine sequence as a run of SBE frames, each preceded by its int32 length: SnapshotBegin,
 * the rules' frames, the idempotency window, SnapshotEnd (state hash and a CRC32C of every byte before it). A snapshot
 * that is cut short, altered, or does not reproduce its state hash is refused, never half-used.
 */
public final class CoreSnapshot
{
    private static final int WINDOW_CHUNK = 4_096;

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final SnapshotBeginEncoder beginEncoder = new SnapshotBeginEncoder();
    private final SnapshotEndEncoder endEncoder = new SnapshotEndEncoder();
    private final CorrelationSnapshotEncoder windowEncoder = new CorrelationSnapshotEncoder();
    private final SnapshotBeginDecoder beginDecoder = new SnapshotBeginDecoder();
    private final SnapshotEndDecoder endDecoder = new SnapshotEndDecoder();
    private final CorrelationSnapshotDecoder windowDecoder = new CorrelationSnapshotDecoder();
    private final RulesSnapshot rules = new RulesSnapshot();

    /** A core rebuilt from a snapshot, and where in the sequence and journal it stands. */
    public record Restored(MatchingCore core, long engineSequence, long engineTime, long journalIndex)
    {
    }

    /** Writes {@code core} into {@code out} (reset first). */
    public void write(final MatchingCore core, final long engineSequence, final long engineTime,
        final long journalIndex, final EventBuffer out)
    {
        out.reset();
        int offset = out.claim(MessageHeaderEncoder.ENCODED_LENGTH + SnapshotBeginEncoder.BLOCK_LENGTH);
        beginEncoder.wrapAndApplyHeader(out.buffer(), offset, headerEncoder).engineSequence(engineSequence)
            .engineTime(engineTime).journalIndex(journalIndex).auctions(core.rules().auctions().size());
        out.commit(MessageHeaderEncoder.ENCODED_LENGTH + beginEncoder.encodedLength());

        rules.write(core.rules(), out);
        writeWindow(core.window(), out);

        final CRC32C crc = new CRC32C();
        crc.update(out.buffer().byteArray(), 0, out.limit()); // in place: a large snapshot is tens of megabytes
        offset = out.claim(MessageHeaderEncoder.ENCODED_LENGTH + SnapshotEndEncoder.BLOCK_LENGTH);
        endEncoder.wrapAndApplyHeader(out.buffer(), offset, headerEncoder).stateHash(core.stateHash())
            .checksum(crc.getValue());
        out.commit(MessageHeaderEncoder.ENCODED_LENGTH + endEncoder.encodedLength());
    }

    private void writeWindow(final CorrelationWindow window, final EventBuffer out)
    {
        final long[][] entries = new long[window.size()][];
        final int[] count = {0};
        window.forEachOldestFirst((principal, correlationId, checksum, sequence, outcome) ->
            entries[count[0]++] = new long[]{principal, correlationId, checksum, sequence, outcome});
        int written = 0;
        do
        {
            final int chunk = Math.min(WINDOW_CHUNK, count[0] - written);
            final int offset = out.claim(64 + chunk * 40);
            windowEncoder.wrapAndApplyHeader(out.buffer(), offset, headerEncoder).capacity(window.capacity());
            final CorrelationSnapshotEncoder.EntriesEncoder group = windowEncoder.entriesCount(chunk);
            for (int i = 0; i < chunk; i++)
            {
                final long[] e = entries[written + i];
                group.next().principal(e[0]).correlationId(e[1]).checksum(e[2]).sequence(e[3]).outcome((short)e[4]);
            }
            out.commit(MessageHeaderEncoder.ENCODED_LENGTH + windowEncoder.encodedLength());
            written += chunk;
        }
        while (written < count[0]);
    }

    /** Rebuilds a core from {@code length} bytes of snapshot; throws {@link SnapshotException} on any damage. */
    public Restored read(final DirectBuffer buffer, final int length)
    {
        try
        {
            return readChecked(buffer, length);
        }
        catch (final IndexOutOfBoundsException | IllegalArgumentException ex)
        {
            throw new SnapshotException("the snapshot is damaged: " + ex.getMessage());
        }
    }

    private Restored readChecked(final DirectBuffer buffer, final int length)
    {
        int offset = 0;
        long sequence = -1;
        long time = 0;
        long journalIndex = 0;
        MatchingCore core = null;
        io.gavel.core.rules.AuctionRules restoredRules = null;
        while (offset + Integer.BYTES <= length)
        {
            final int frameLength = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
            final int frame = offset + Integer.BYTES;
            if (frameLength < MessageHeaderDecoder.ENCODED_LENGTH || frame + frameLength > length)
            {
                throw new SnapshotException("the snapshot is cut short at byte " + offset);
            }
            headerDecoder.wrap(buffer, frame);
            if (headerDecoder.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
            {
                throw new SnapshotException("the snapshot holds a frame of another schema at byte " + offset);
            }
            switch (headerDecoder.templateId())
            {
                case SnapshotBeginDecoder.TEMPLATE_ID:
                    beginDecoder.wrapAndApplyHeader(buffer, frame, headerDecoder);
                    sequence = beginDecoder.engineSequence();
                    time = beginDecoder.engineTime();
                    journalIndex = beginDecoder.journalIndex();
                    break;
                case CorrelationSnapshotDecoder.TEMPLATE_ID:
                    windowDecoder.wrapAndApplyHeader(buffer, frame, headerDecoder);
                    if (core == null)
                    {
                        core = new MatchingCore(windowDecoder.capacity(), restoredRules);
                    }
                    for (final CorrelationSnapshotDecoder.EntriesDecoder e : windowDecoder.entries())
                    {
                        core.window().record(e.principal(), e.correlationId(), e.checksum(), e.outcome(),
                            e.sequence());
                    }
                    break;
                case SnapshotEndDecoder.TEMPLATE_ID:
                    endDecoder.wrapAndApplyHeader(buffer, frame, headerDecoder);
                    final CRC32C crc = new CRC32C();
                    final byte[] bytes = new byte[offset];
                    buffer.getBytes(0, bytes);
                    crc.update(bytes);
                    if (crc.getValue() != endDecoder.checksum())
                    {
                        throw new SnapshotException("the snapshot's checksum does not match its contents");
                    }
                    if (sequence < 0 || core == null)
                    {
                        throw new SnapshotException("the snapshot has no beginning or no window");
                    }
                    if (core.stateHash() != endDecoder.stateHash())
                    {
                        throw new SnapshotException("the restored state's hash differs from the snapshot's");
                    }
                    return new Restored(core, sequence, time, journalIndex);
                default:
                    if (restoredRules == null)
                    {
                        restoredRules = new io.gavel.core.rules.AuctionRules(null);
                    }
                    if (!rules.read(restoredRules, buffer, frame))
                    {
                        throw new SnapshotException("unknown frame (template " + headerDecoder.templateId() +
                            ") in the snapshot");
                    }
                    break;
            }
            offset = frame + frameLength;
        }
        throw new SnapshotException("the snapshot has no end: it was not completely written");
    }
}
