package io.fluxfix.kraken;

import io.fluxfix.kraken.DecodeException.Reason;
import quickfix.DataDictionary;
import quickfix.FieldException;
import quickfix.FieldNotFound;
import quickfix.IncorrectDataFormat;
import quickfix.IncorrectTagValue;
import quickfix.InvalidMessage;
import quickfix.Message;

/**
 * Raw FIX text to a validated QuickFIX/J {@link Message}, or a {@link DecodeException} naming what is wrong.
 * First the frame (BeginString, BodyLength, CheckSum, a complete trailer: failures are
 * {@link Reason#GARBLED}, which FIX says to discard), then Kraken's data dictionary (required tags, defined
 * tags, values, formats, group counts: failures are answered with a session Reject).
 *
 * <p>Live sessions get their messages from QuickFIX/J, which frames and validates them the same way with the
 * same dictionary; this parser serves replay of raw logs, tools and tests.
 */
public final class KrakenFixParser {

    static final char SOH = '\u0001';
    private static final String BEGIN = "8=FIX.4.4" + SOH + "9=";

    private final DataDictionary dictionary;

    public KrakenFixParser() {
        this(KrakenDictionary.get());
    }

    public KrakenFixParser(DataDictionary dictionary) {
        this.dictionary = dictionary;
    }

    /** Parses and validates one message; {@code raw} uses SOH (0x01) between fields. */
    public Message parse(String raw) throws DecodeException {
        checkFrame(raw);
        Message message = new Message();
        try {
            message.fromString(raw, dictionary, true);
            dictionary.validate(message);
        } catch (InvalidMessage e) {
            throw new DecodeException(Reason.GARBLED, 0, msgTypeOf(raw), e.getMessage());
        } catch (FieldException e) {
            throw fromFieldException(e.getSessionRejectReason(), e.getField(), msgTypeOf(raw), e.getMessage());
        } catch (IncorrectTagValue e) {
            throw DecodeException.badValue(e.getField(), msgTypeOf(raw), valueOf(raw, e.getField()));
        } catch (IncorrectDataFormat e) {
            throw DecodeException.badFormat(e.getField(), msgTypeOf(raw), valueOf(raw, e.getField()),
                    "not a valid " + dictionary.getFieldType(e.getField()));
        } catch (FieldNotFound e) {
            throw DecodeException.missing(e.field, msgTypeOf(raw));
        }
        return message;
    }

    /** Convenience for text written with {@code |} instead of SOH, as in Kraken's documentation. */
    public Message parsePiped(String piped) throws DecodeException {
        return parse(piped.replace('|', SOH));
    }

    private static void checkFrame(String raw) throws DecodeException {
        if (!raw.startsWith(BEGIN)) {
            throw garbled(raw, "must begin with 8=FIX.4.4 then 9=BodyLength");
        }
        int lengthEnd = raw.indexOf(SOH, BEGIN.length());
        if (lengthEnd < 0) {
            throw garbled(raw, "truncated: no end to BodyLength (9)");
        }
        int declared;
        try {
            declared = Integer.parseInt(raw, BEGIN.length(), lengthEnd, 10);
        } catch (NumberFormatException e) {
            throw garbled(raw, "BodyLength (9) is not a number");
        }
        int trailer = raw.lastIndexOf(SOH + "10=");
        if (trailer < 0 || raw.charAt(raw.length() - 1) != SOH || raw.length() - trailer != 8) {
            throw garbled(raw, "truncated: no complete CheckSum (10) trailer");
        }
        int bodyStart = lengthEnd + 1;
        int bodyEnd = trailer + 1;
        if (bodyEnd - bodyStart != declared) {
            throw garbled(raw, "BodyLength 9=" + declared + " but the body has " + (bodyEnd - bodyStart) + " bytes");
        }
        int sum = 0;
        for (int i = 0; i < bodyEnd; i++) {
            sum += raw.charAt(i);
        }
        String expected = String.format("%03d", sum & 0xFF);
        String received = raw.substring(trailer + 4, trailer + 7);
        if (!expected.equals(received)) {
            throw garbled(raw, "CheckSum 10=" + received + " but the message sums to " + expected);
        }
    }

    private static DecodeException garbled(String raw, String why) {
        return new DecodeException(Reason.GARBLED, 0, msgTypeOf(raw), why);
    }

    static DecodeException fromFieldException(int sessionRejectReason, int tag, String msgType, String detail) {
        Reason reason;
        switch (sessionRejectReason) {
            case 0:
                reason = Reason.INVALID_TAG_NUMBER;
                break;
            case 1:
                reason = Reason.REQUIRED_TAG_MISSING;
                break;
            case 2:
                reason = Reason.TAG_NOT_DEFINED_FOR_MESSAGE;
                break;
            case 3:
                reason = Reason.UNDEFINED_TAG;
                break;
            case 4:
                reason = Reason.TAG_WITHOUT_VALUE;
                break;
            case 6:
                reason = Reason.INCORRECT_DATA_FORMAT;
                break;
            case 11:
                reason = Reason.INVALID_MSG_TYPE;
                break;
            case 13:
                reason = Reason.TAG_APPEARS_MORE_THAN_ONCE;
                break;
            case 14:
                reason = Reason.TAG_OUT_OF_ORDER;
                break;
            case 15:
                reason = Reason.GROUP_FIELDS_OUT_OF_ORDER;
                break;
            case 16:
                reason = Reason.INCORRECT_NUM_IN_GROUP;
                break;
            default:
                reason = Reason.VALUE_INCORRECT;
        }
        if (reason == Reason.REQUIRED_TAG_MISSING) {
            return DecodeException.missing(tag, msgType);
        }
        return new DecodeException(reason, tag, msgType, detail);
    }

    /** The MsgType of raw text, or null when it has none. */
    static String msgTypeOf(String raw) {
        int i = raw.indexOf(SOH + "35=");
        if (i < 0) {
            return null;
        }
        int end = raw.indexOf(SOH, i + 4);
        return end < 0 ? null : raw.substring(i + 4, end);
    }

    private static String valueOf(String raw, int tag) {
        String key = SOH + Integer.toString(tag) + "=";
        int i = raw.indexOf(key);
        if (i < 0) {
            return "";
        }
        int end = raw.indexOf(SOH, i + key.length());
        return end < 0 ? raw.substring(i + key.length()) : raw.substring(i + key.length(), end);
    }
}
