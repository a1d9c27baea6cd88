package io.fluxfix.kraken;

import io.fluxfix.kraken.DecodeException.Reason;
import io.fluxfix.kraken.internal.CodeTable;
import io.fluxfix.kraken.internal.Codes;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.Side;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MdUpdateAction;
import io.fluxfix.model.event.Stamp;
import quickfix.DataDictionary;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;

import static io.fluxfix.kraken.KrakenTags.*;

/**
 * A Kraken MarketDataIncrementalRefresh (35=X) straight from the message bytes to the {@link MarketDataIncrement}
 * {@link KrakenFixParser} + {@link KrakenDecoder} make of it, in one pass over the tag=value pairs: no QuickFIX/J
 * {@code Message}, no field objects, numbers and times parsed from the bytes; the only allocations are the model
 * values themselves (the increment, its entries and their decimals; the symbol and MDReqID strings are reused
 * while they repeat, entry ids while they are among the last few hundred seen).
 *
 * <p>It checks what the QuickFIX/J path checks for a 35=X with Kraken's dictionary — the frame (BeginString,
 * BodyLength, CheckSum: {@link Reason#GARBLED}), required header and body tags, tags not defined for 35=X, tags
 * repeated or out of order, the group count, the format and the enumerated values of every field it reads — and
 * answers a failure with the same {@link DecodeException} reason and tag. Not checked: the formats of optional
 * header fields it skips (43, 97, 122, 369, sub- and location ids).
 *
 * <p>For journal replay and import of raw FIX and a future raw market-data path; a live session still gets its
 * messages from QuickFIX/J. Holds reusable scratch state: one instance per thread.
 */
public final class FastIncrementalDecoder {

    private static final byte SOH = 1;
    private static final byte[] BEGIN = "8=FIX.4.4\u00019=".getBytes(StandardCharsets.US_ASCII);
    private static final String T = "X";
    private static final int POSS_RESEND = 97;
    private static final int LAST_MSG_SEQ_NUM_PROCESSED = 369;
    private static final int ID_SLOTS = 512;
    /** Bytes kept per id slot: a length byte and up to 31 bytes of id (Kraken's L2 ids are ~10, L3 ids ~20). */
    private static final int ID_BYTES = 32;
    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    /** Words per block of {@link #byteSum}: 128 × 2 × 255 = 65,280 fits a 16-bit lane. */
    private static final int SUM_BLOCK = 128;

    private final DataDictionary dictionary;
    private final Slice value = new Slice();
    private final ArrayList<MdEntry> entries = new ArrayList<>();
    private byte[] buf;
    /** The first tag found that does not belong in a 35=X, reported unless a parse error comes first. */
    private DecodeException pending;
    /** Tags outside the message's definition seen so far (error path only): a repeat is reported as one. */
    private int[] strayTags = new int[4];
    private int strays;
    /** The last symbol and MDReqID decoded, reused while the bytes repeat (they do, message after message). */
    private String lastSymbol;
    private String lastReqId;
    /** Recently decoded MDEntryIDs, see {@link #entryId}, and each one's bytes (length byte, then the text). */
    private final String[] ids = new String[ID_SLOTS];
    private final byte[] idBytes = new byte[ID_SLOTS * ID_BYTES];

    public FastIncrementalDecoder() {
        this(KrakenDictionary.get());
    }

    /** @param dictionary consulted only to name the fault of a tag that does not belong in a 35=X */
    public FastIncrementalDecoder(DataDictionary dictionary) {
        this.dictionary = dictionary;
    }

    /** Decodes raw FIX text (SOH between fields; chars above 0xFF are not FIX). */
    public MarketDataIncrement decode(String raw, Stamp stamp) throws DecodeException {
        byte[] b = raw.getBytes(StandardCharsets.ISO_8859_1);
        return decode(b, 0, b.length, stamp);
    }

    /** Decodes the message in {@code bytes[offset, offset + length)}: exactly one framed 35=X. */
    public MarketDataIncrement decode(byte[] bytes, int offset, int length, Stamp stamp) throws DecodeException {
        this.buf = bytes;
        try {
            return decodeFramed(offset, offset + length, stamp);
        } finally {
            this.buf = null;
            entries.clear();
        }
    }

    private MarketDataIncrement decodeFramed(int start, int end, Stamp stamp) throws DecodeException {
        // --- frame: 8=FIX.4.4|9=n| ... |10=ddd|
        if (end - start < BEGIN.length || !startsWithBegin(start)) {
            throw garbled(start, end, "must begin with 8=FIX.4.4 then 9=BodyLength");
        }
        int p = start + BEGIN.length;
        int lengthEnd = indexOfSoh(p, end);
        if (lengthEnd < 0) {
            throw garbled(start, end, "truncated: no end to BodyLength (9)");
        }
        int declared = 0;
        if (lengthEnd == p || lengthEnd - p > 9) {
            throw garbled(start, end, "BodyLength (9) is not a number");
        }
        for (int i = p; i < lengthEnd; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                throw garbled(start, end, "BodyLength (9) is not a number");
            }
            declared = declared * 10 + d;
        }
        int trailer = end - 8; // SOH 1 0 = d d d SOH
        if (trailer < lengthEnd || buf[end - 1] != SOH || buf[trailer] != SOH || buf[trailer + 1] != '1'
                || buf[trailer + 2] != '0' || buf[trailer + 3] != '=') {
            throw garbled(start, end, "truncated: no complete CheckSum (10) trailer");
        }
        int bodyStart = lengthEnd + 1;
        int bodyEnd = trailer + 1;
        if (bodyEnd - bodyStart != declared) {
            throw garbled(start, end, "BodyLength 9=" + declared + " but the body has " + (bodyEnd - bodyStart)
                    + " bytes");
        }
        int sum = byteSum(buf, start, bodyEnd) & 0xFF;
        int c0 = buf[trailer + 4] - '0';
        int c1 = buf[trailer + 5] - '0';
        int c2 = buf[trailer + 6] - '0';
        if (c0 < 0 || c0 > 9 || c1 < 0 || c1 > 9 || c2 < 0 || c2 > 9 || c0 * 100 + c1 * 10 + c2 != sum) {
            throw garbled(start, end, "CheckSum 10=" + latin1(trailer + 4, trailer + 7) + " but the message sums to "
                    + String.format("%03d", sum));
        }
        pending = null;
        strays = 0;
        try {
            return body(bodyStart, bodyEnd, stamp, start, end);
        } catch (DecodeException e) {
            // QuickFIX/J finds some faults while parsing and the rest while validating: a tag that does not
            // belong to the message is reported before a wrong count, value or format found later
            if (pending != null && e.reason() != Reason.GARBLED && e.reason() != Reason.TAG_OUT_OF_ORDER
                    && e.reason() != Reason.TAG_APPEARS_MORE_THAN_ONCE
                    && e.reason() != Reason.GROUP_FIELDS_OUT_OF_ORDER && e.reason() != Reason.REQUIRED_TAG_MISSING) {
                throw pending;
            }
            throw e;
        } finally {
            pending = null;
        }
    }

    /** The fields between BodyLength and CheckSum; every one ends with SOH (the trailer check made sure). */
    private MarketDataIncrement body(int p, int end, Stamp stamp, int msgStart, int msgEnd) throws DecodeException {
        boolean inBody = false;
        boolean first = true;
        boolean seen35 = false;
        boolean seen49 = false;
        boolean seen56 = false;
        boolean seen34 = false;
        boolean seen52 = false;
        String mdReqId = null;
        String symbol = null;
        long checksum = MarketDataIncrement.NO_CHECKSUM;
        boolean seenChecksum = false;
        int declaredEntries = 0;
        boolean seen268 = false;
        boolean countDue = false;
        // entry state: the group runs from 268 until a tag that is not one of its members
        boolean inGroup = false;
        boolean entryOpen = false;
        MdUpdateAction action = null;
        MdEntryType type = null;
        String id = null;
        Decimal px = null;
        Decimal size = null;
        long time = Stamp.NO_TIME;
        long timestamp = Stamp.NO_TIME;
        long queue = Stamp.NO_TIME;
        OrdType takerType = null;
        Side aggressor = null;

        while (p < end) {
            // tag: two or three digits (all of Kraken's 35=X tags but 5060 and 5273) read without the loop; the
            // bytes looked at are inside the message (its CheckSum field follows the body)
            int tag;
            int q;
            int d0 = buf[p] - '0';
            int d1 = buf[p + 1] - '0';
            int d2;
            if ((d0 | d1) < 0 || d0 > 9 || d1 > 9) {
                tag = 0;
                q = p;
            } else if (buf[p + 2] == '=') {
                tag = d0 * 10 + d1;
                q = p + 2;
            } else if ((d2 = buf[p + 2] - '0') >= 0 && d2 <= 9 && buf[p + 3] == '=') {
                tag = (d0 * 10 + d1) * 10 + d2;
                q = p + 3;
            } else {
                tag = 0;
                q = p;
            }
            while (q < end && buf[q] != '=') {
                int d = buf[q] - '0';
                if (d < 0 || d > 9 || q - p >= 9) {
                    throw garbled(msgStart, msgEnd, "invalid tag number at byte " + (q - msgStart));
                }
                tag = tag * 10 + d;
                q++;
            }
            if (q == p || q == end) {
                throw garbled(msgStart, msgEnd, "invalid tag number at byte " + (p - msgStart));
            }
            int vs = q + 1;
            int ve = indexOfSoh(vs, end);
            p = ve + 1;
            if (first) {
                first = false;
                if (tag != MSG_TYPE) {
                    throw garbled(msgStart, msgEnd, "MsgType (35) must be the third field");
                }
            }
            if (ve == vs && tag != NO_MD_ENTRIES) {
                throw new DecodeException(Reason.TAG_WITHOUT_VALUE, tag, T, "Tag specified without a value: " + tag);
            }

            if (inGroup) {
                if (isGroupMember(tag)) {
                    if (tag == MD_UPDATE_ACTION) {
                        if (entryOpen) {
                            addEntry(action, type, id, px, size, time, timestamp, queue, takerType, aggressor);
                        }
                        entryOpen = true;
                        type = null;
                        id = null;
                        px = null;
                        size = null;
                        time = Stamp.NO_TIME;
                        timestamp = Stamp.NO_TIME;
                        queue = Stamp.NO_TIME;
                        takerType = null;
                        aggressor = null;
                    } else if (!entryOpen) {
                        throw new DecodeException(Reason.GROUP_FIELDS_OUT_OF_ORDER, tag, T,
                                "The group 268 must set the delimiter field 279");
                    }
                    switch (tag) {
                        case MD_UPDATE_ACTION:
                            action = code(Codes.MD_UPDATE_ACTION, tag, vs, ve);
                            break;
                        case MD_ENTRY_TYPE:
                            type = code(Codes.MD_ENTRY_TYPE, tag, vs, ve);
                            break;
                        case MD_ENTRY_ID:
                            id = entryId(vs, ve);
                            break;
                        case MD_ENTRY_PX:
                            px = decimal(tag, vs, ve);
                            break;
                        case MD_ENTRY_SIZE:
                            size = decimal(tag, vs, ve);
                            break;
                        case MD_ENTRY_TIME:
                            time = FixTime.entryTime(buf, vs, ve);
                            if (time == FixTime.INVALID) {
                                time = time(tag, vs, ve, FixTime::parseEntryTime); // throws, saying why
                            }
                            break;
                        case MD_ENTRY_TIMESTAMP:
                            timestamp = time(tag, vs, ve, FixTime::parseIso);
                            break;
                        case MD_ENTRY_TIME_QUEUE:
                            queue = time(tag, vs, ve, FixTime::parseIso);
                            break;
                        case ORD_TYPE:
                            takerType = code(Codes.ORD_TYPE, tag, vs, ve);
                            break;
                        default: // AGGRESSOR_SIDE
                            aggressor = code(Codes.SIDE, tag, vs, ve);
                            break;
                    }
                    continue;
                }
                // the group ends at the first tag that is not a member
                if (entryOpen) {
                    addEntry(action, type, id, px, size, time, timestamp, queue, takerType, aggressor);
                    entryOpen = false;
                }
                inGroup = false;
                if (!isMessageTag(tag) || dictionary.isHeaderField(tag)) {
                    if (!dictionary.isField(tag) || dictionary.isHeaderField(tag)) {
                        // QuickFIX/J refuses an unknown or a header tag inside a group while parsing
                        throw new DecodeException(Reason.TAG_NOT_DEFINED_FOR_MESSAGE, tag, T,
                                "Tag not defined for this message type: " + tag);
                    }
                    remember(new DecodeException(Reason.TAG_NOT_DEFINED_FOR_MESSAGE, tag, T,
                            "Tag not defined for this message type: " + tag));
                    checkCount(declaredEntries);
                    continue;
                }
                countDue = true; // after the field's own checks: a repeated 268 is reported as such
            }

            boolean check = countDue;
            countDue = false;
            switch (tag) {
                case MSG_TYPE:
                    if (seen35) {
                        throw inBody ? outOfOrder(tag) : repeated(tag);
                    }
                    seen35 = true;
                    if (ve - vs != 1 || buf[vs] != 'X') {
                        String type35 = latin1(vs, ve);
                        Reason reason = dictionary.isMsgType(type35) ? Reason.UNSUPPORTED_MESSAGE
                                : Reason.INVALID_MSG_TYPE;
                        throw new DecodeException(reason, MSG_TYPE, type35,
                                "MsgType " + type35 + ": this decoder reads only 35=X");
                    }
                    break;
                case SENDER_COMP_ID:
                    seen49 = header(tag, inBody);
                    break;
                case TARGET_COMP_ID:
                    seen56 = header(tag, inBody);
                    break;
                case MSG_SEQ_NUM:
                    seen34 = header(tag, inBody);
                    checkSeqNum(tag, vs, ve);
                    break;
                case SENDING_TIME:
                    seen52 = header(tag, inBody);
                    checkTimestamp(tag, vs, ve);
                    break;
                case POSS_DUP_FLAG:
                case POSS_RESEND:
                    header(tag, inBody);
                    if (ve - vs != 1 || (buf[vs] != 'Y' && buf[vs] != 'N')) {
                        throw DecodeException.badFormat(tag, T, latin1(vs, ve), "not a BOOLEAN");
                    }
                    break;
                case ORIG_SENDING_TIME:
                    header(tag, inBody);
                    checkTimestamp(tag, vs, ve);
                    break;
                case LAST_MSG_SEQ_NUM_PROCESSED:
                    header(tag, inBody);
                    checkSeqNum(tag, vs, ve);
                    break;
                case MD_REQ_ID:
                    inBody = true;
                    if (mdReqId != null) {
                        throw repeated(tag);
                    }
                    mdReqId = lastReqId = cached(lastReqId, vs, ve);
                    break;
                case SYMBOL:
                    inBody = true;
                    if (symbol != null) {
                        throw repeated(tag);
                    }
                    symbol = lastSymbol = cached(lastSymbol, vs, ve);
                    break;
                case CHECKSUM_ORDER_BOOK:
                    inBody = true;
                    if (seenChecksum) {
                        throw repeated(tag);
                    }
                    seenChecksum = true;
                    checksum = unsigned32(tag, vs, ve);
                    break;
                case NO_MD_ENTRIES:
                    inBody = true;
                    if (seen268) {
                        throw repeated(tag);
                    }
                    seen268 = true;
                    declaredEntries = count(vs, ve, msgStart, msgEnd);
                    if (declaredEntries < 0) {
                        checkCount(declaredEntries);
                    }
                    inGroup = declaredEntries >= 0; // even 268=0 opens the group: what follows is judged as such
                    break;
                default:
                    if (dictionary.isHeaderField(tag)) {
                        if (inBody) {
                            throw outOfOrder(tag);
                        }
                        break; // an optional header field (43, 97, 122, 369 ...): not needed here
                    }
                    inBody = true;
                    stray(tag);
                    remember(notInMessage(tag));
            }
            if (check) {
                checkCount(declaredEntries);
            }
        }
        if (inGroup) {
            if (entryOpen) {
                addEntry(action, type, id, px, size, time, timestamp, queue, takerType, aggressor);
            }
            checkCount(declaredEntries);
        }
        requireTag(seen49, SENDER_COMP_ID);
        requireTag(seen56, TARGET_COMP_ID);
        requireTag(seen34, MSG_SEQ_NUM);
        requireTag(seen52, SENDING_TIME);
        requireTag(seen268, NO_MD_ENTRIES);
        if (pending != null) {
            throw pending;
        }
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) == null) {
                throw DecodeException.missing(MD_ENTRY_TYPE, T);
            }
        }
        return new MarketDataIncrement(stamp, mdReqId, symbol, entryList(), checksum);
    }

    /**
     * The entries as the immutable list the increment keeps: built directly for one or two entries (the usual
     * L2 update), where copying the scratch list would allocate an array only to drop it.
     */
    private List<MdEntry> entryList() {
        switch (entries.size()) {
            case 0:
                return List.of();
            case 1:
                return List.of(entries.get(0));
            case 2:
                return List.of(entries.get(0), entries.get(1));
            default:
                return List.copyOf(entries);
        }
    }

    private void addEntry(MdUpdateAction action, MdEntryType type, String id, Decimal px, Decimal size, long time,
                          long timestamp, long queue, OrdType takerType, Side aggressor) {
        // null stands for "269 missing", reported after the whole message passed the dictionary's checks
        entries.add(type == null ? null
                : new MdEntry(action, type, id, px, size, time, timestamp, queue, takerType, aggressor));
    }

    private void stray(int tag) throws DecodeException {
        for (int i = 0; i < strays; i++) {
            if (strayTags[i] == tag) {
                throw repeated(tag);
            }
        }
        if (strays == strayTags.length) {
            strayTags = java.util.Arrays.copyOf(strayTags, strays * 2);
        }
        strayTags[strays++] = tag;
    }

    private void remember(DecodeException e) {
        if (pending == null) {
            pending = e;
        }
    }

    private void checkCount(int declared) throws DecodeException {
        if (entries.size() != declared) {
            throw new DecodeException(Reason.INCORRECT_NUM_IN_GROUP, NO_MD_ENTRIES, T,
                    "Incorrect NumInGroup count for group, declared " + declared + ", actual " + entries.size());
        }
    }

    /** Whether {@code tag} is a member of the NoMDEntries group (one switch: C2 makes it a jump table). */
    private static boolean isGroupMember(int tag) {
        switch (tag) {
            case MD_UPDATE_ACTION:
            case MD_ENTRY_TYPE:
            case MD_ENTRY_ID:
            case MD_ENTRY_PX:
            case MD_ENTRY_SIZE:
            case MD_ENTRY_TIME:
            case MD_ENTRY_TIMESTAMP:
            case MD_ENTRY_TIME_QUEUE:
            case ORD_TYPE:
            case AGGRESSOR_SIDE:
                return true;
            default:
                return false;
        }
    }

    /** A header field seen (QuickFIX/J keeps the last of a repeated header field: so does this). */
    private static boolean header(int tag, boolean inBody) throws DecodeException {
        if (inBody) {
            throw outOfOrder(tag);
        }
        return true;
    }

    private boolean isMessageTag(int tag) {
        switch (tag) {
            case MD_REQ_ID:
            case SYMBOL:
            case CHECKSUM_ORDER_BOOK:
            case NO_MD_ENTRIES:
                return true;
            default:
                return dictionary.isHeaderField(tag);
        }
    }

    private static void requireTag(boolean present, int tag) throws DecodeException {
        if (!present) {
            throw DecodeException.missing(tag, T);
        }
    }

    private static DecodeException repeated(int tag) {
        return new DecodeException(Reason.TAG_APPEARS_MORE_THAN_ONCE, tag, T, "Tag appears more than once: " + tag);
    }

    private static DecodeException outOfOrder(int tag) {
        return new DecodeException(Reason.TAG_OUT_OF_ORDER, tag, T, "Tag specified out of required order: " + tag);
    }

    private DecodeException notInMessage(int tag) {
        if (!dictionary.isField(tag)) {
            return new DecodeException(Reason.INVALID_TAG_NUMBER, tag, T, "Invalid tag number: " + tag);
        }
        return new DecodeException(Reason.TAG_NOT_DEFINED_FOR_MESSAGE, tag, T, "Tag not defined for this message type: "
                + tag);
    }

    // --- values ---------------------------------------------------------------------------------------

    private <E extends Enum<E>> E code(CodeTable<E> table, int tag, int vs, int ve) throws DecodeException {
        if (ve - vs != 1) {
            throw DecodeException.badFormat(tag, T, latin1(vs, ve), "not a single character");
        }
        E e = table.decode((char) (buf[vs] & 0xFF));
        if (e == null) {
            throw DecodeException.badValue(tag, T, latin1(vs, ve));
        }
        return e;
    }

    private Decimal decimal(int tag, int vs, int ve) throws DecodeException {
        // the usual case, [-]digits[.digits] with at most 18 digits (always fits a long), straight from the bytes
        int i = vs;
        boolean negative = buf[i] == '-';
        if (negative) {
            i++;
        }
        long v = 0;
        int digits = 0;
        int scale = -1;
        for (; i < ve; i++) {
            int c = buf[i];
            if (c >= '0' && c <= '9') {
                v = v * 10 + (c - '0');
                digits++;
                if (scale >= 0) {
                    scale++;
                }
            } else if (c == '.' && scale < 0) {
                scale = 0;
            } else {
                digits = -1;
                break;
            }
        }
        if (digits > 0 && digits <= 18) {
            return Decimal.of(negative ? -v : v, Math.max(scale, 0));
        }
        // anything else (no digits, long, not a number): Decimal.parse decides, with its own message
        try {
            return Decimal.parse(value.of(buf, vs, ve), 0, ve - vs);
        } catch (NumberFormatException e) {
            throw DecodeException.badFormat(tag, T, latin1(vs, ve), e.getMessage());
        }
    }

    private long time(int tag, int vs, int ve, ToLongFunction<CharSequence> format) throws DecodeException {
        try {
            return format.applyAsLong(value.of(buf, vs, ve));
        } catch (IllegalArgumentException e) {
            throw DecodeException.badFormat(tag, T, latin1(vs, ve), e.getMessage());
        }
    }

    /** A UTCTimestamp with 0, 3, 6 or 9 decimals, as QuickFIX/J's dictionary accepts it. */
    private void checkTimestamp(int tag, int vs, int ve) throws DecodeException {
        int n = ve - vs;
        if (n != 17 && n != 21 && n != 24 && n != 27) {
            throw DecodeException.badFormat(tag, T, latin1(vs, ve), "not a UTCTimestamp");
        }
        if (FixTime.timestamp(buf, vs, ve) == FixTime.INVALID) {
            time(tag, vs, ve, FixTime::parseTimestamp); // throws, saying why
        }
    }

    /** MsgSeqNum is checked as an int, sign allowed, as QuickFIX/J's dictionary does. */
    private void checkSeqNum(int tag, int vs, int ve) throws DecodeException {
        boolean negative = buf[vs] == '-' && ve - vs > 1;
        long n = digits(negative ? vs + 1 : vs, ve);
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw DecodeException.badFormat(tag, T, latin1(vs, ve), "not a sequence number");
        }
    }

    /** A group count that is not an int makes the message unparseable for QuickFIX/J: garbled. */
    private int count(int vs, int ve, int msgStart, int msgEnd) throws DecodeException {
        boolean negative = buf[vs] == '-' && ve - vs > 1;
        long n = digits(negative ? vs + 1 : vs, ve);
        if (negative && n >= 0 && n <= Integer.MAX_VALUE + 1L) {
            return (int) -n;
        }
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw garbled(msgStart, msgEnd, "Repeating group count requires an Integer but found '"
                    + latin1(vs, ve) + "'");
        }
        return (int) n;
    }

    private long unsigned32(int tag, int vs, int ve) throws DecodeException {
        boolean negative = buf[vs] == '-';
        long n = digits(negative ? vs + 1 : vs, ve);
        if (n < 0) {
            throw DecodeException.badFormat(tag, T, latin1(vs, ve), "not an unsigned 32-bit integer");
        }
        if (negative || n > 0xFFFF_FFFFL) {
            throw DecodeException.badValue(tag, T, latin1(vs, ve));
        }
        return n;
    }

    /** Unsigned decimal digits (at most 18), or -1 when the text is anything else. */
    private long digits(int vs, int ve) {
        if (ve == vs || ve - vs > 18) {
            return -1;
        }
        long n = 0;
        for (int i = vs; i < ve; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            n = n * 10 + d;
        }
        return n;
    }

    private String cached(String last, int vs, int ve) {
        return last != null && sameText(last, vs, ve) ? last : latin1(vs, ve);
    }

    /**
     * An MDEntryID (278) as a String, shared with earlier messages that carried the same id: an L2 id names a
     * price level ({@code B<price>}, {@code O<price>}) and the levels near the top of the book are updated over
     * and over, so most ids were seen moments ago. A direct-mapped cache of {@value #ID_SLOTS} strings by a hash
     * of the bytes; a collision just replaces the slot. The slot keeps the id's bytes beside its String, so a hit
     * is one vectorised compare of byte ranges (an id of 8 to 31 bytes is hashed from its first and last eight
     * bytes, the rest byte by byte); ids longer than 31 bytes are not kept.
     */
    private String entryId(int vs, int ve) {
        int n = ve - vs;
        long h = n;
        if (n >= 8 && n < ID_BYTES) {
            h ^= ((long) LONG_LE.get(buf, vs) * GOLDEN) ^ (long) LONG_LE.get(buf, ve - 8);
        } else {
            for (int i = vs; i < ve; i++) {
                h = 31 * h + buf[i];
            }
        }
        int slot = (int) ((h * GOLDEN) >>> 55) & (ID_SLOTS - 1); // 55 = 64 - log2(ID_SLOTS)
        int at = slot * ID_BYTES;
        String s = ids[slot];
        if (s != null && idBytes[at] == n && Arrays.equals(buf, vs, ve, idBytes, at + 1, at + 1 + n)) {
            return s;
        }
        s = latin1(vs, ve);
        if (n < ID_BYTES) {
            ids[slot] = s;
            idBytes[at] = (byte) n;
            System.arraycopy(buf, vs, idBytes, at + 1, n);
        }
        return s;
    }

    private boolean sameText(String s, int vs, int ve) {
        if (s.length() != ve - vs) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != (char) (buf[vs + i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    private String latin1(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private boolean startsWithBegin(int start) {
        for (int i = 0; i < BEGIN.length; i++) {
            if (buf[start + i] != BEGIN[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first SOH in {@code buf[from, end)}, or -1: eight bytes at a time (a byte equal to SOH is a zero byte of
     * {@code word ^ 0x0101..01}, found with the usual has-a-zero-byte test; the lowest one is exact), the rest
     * one by one.
     */
    private int indexOfSoh(int from, int end) {
        int i = from;
        for (; i + 8 <= end; i += 8) {
            long x = (long) LONG_LE.get(buf, i) ^ ONES;
            long zeros = (x - ONES) & ~x & HIGH_BITS;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < end; i++) {
            if (buf[i] == SOH) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The sum of the unsigned bytes {@code buf[from, to)}, eight at a time (FIX's CheckSum before its mod 256):
     * each word's bytes added pairwise into four 16-bit lanes, the lanes added across words, and folded into one
     * number once per block of {@value #SUM_BLOCK} words — at most 2 × 255 per lane per word, so no lane overflows
     * within a block.
     */
    static int byteSum(byte[] buf, int from, int to) {
        int sum = 0;
        int i = from;
        while (i + 8 <= to) {
            long lanes = 0;
            int blockEnd = Math.min(to - 8, i + (SUM_BLOCK - 1) * 8);
            for (; i <= blockEnd; i += 8) {
                long w = (long) LONG_LE.get(buf, i);
                lanes += (w & 0x00FF00FF00FF00FFL) + ((w >>> 8) & 0x00FF00FF00FF00FFL);
            }
            sum += (int) ((lanes & 0xFFFF) + (lanes >>> 16 & 0xFFFF) + (lanes >>> 32 & 0xFFFF) + (lanes >>> 48));
        }
        for (; i < to; i++) {
            sum += buf[i] & 0xFF;
        }
        return sum;
    }

    private DecodeException garbled(int start, int end, String why) {
        return new DecodeException(Reason.GARBLED, 0, msgTypeOf(start, end), why);
    }

    /** The MsgType of the raw bytes, or null, as {@link KrakenFixParser} reports it on a garbled message. */
    private String msgTypeOf(int start, int end) {
        for (int i = start; i + 4 < end; i++) {
            if (buf[i] == SOH && buf[i + 1] == '3' && buf[i + 2] == '5' && buf[i + 3] == '=') {
                int e = indexOfSoh(i + 4, end);
                return e < 0 ? null : latin1(i + 4, e);
            }
        }
        return null;
    }

    /** A field's value as a {@link CharSequence} over the message bytes, for the parsers of numbers and times. */
    private static final class Slice implements CharSequence {
        private byte[] b;
        private int off;
        private int len;

        Slice of(byte[] bytes, int from, int to) {
            this.b = bytes;
            this.off = from;
            this.len = to - from;
            return this;
        }

        @Override
        public int length() {
            return len;
        }

        @Override
        public char charAt(int index) {
            if (index < 0 || index >= len) {
                throw new IndexOutOfBoundsException(index);
            }
            return (char) (b[off + index] & 0xFF);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return toString().substring(start, end);
        }

        @Override
        public String toString() {
            return new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
    }
}
