package io.gavel.journal;

import io.gavel.sbe.JournalRecordEncoder;
import io.gavel.sbe.MessageHeaderEncoder;

/**
 * Where things sit in a journal record: the SBE {@code JournalRecord} head (header and block), then the command's or
 * event's own SBE frame.
 */
final class RecordLayout
{
    static final int HEAD_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + JournalRecordEncoder.BLOCK_LENGTH;
    static final int CHAIN_HASH_OFFSET =
        MessageHeaderEncoder.ENCODED_LENGTH + JournalRecordEncoder.chainHashEncodingOffset();
    static final int MAX_PAYLOAD = 8192;
    static final int MAX_RECORD = HEAD_LENGTH + MAX_PAYLOAD;

    private RecordLayout()
    {
    }
}
