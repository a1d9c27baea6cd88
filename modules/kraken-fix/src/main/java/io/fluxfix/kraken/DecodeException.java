package io.fluxfix.kraken;

import io.fluxfix.model.event.SessionRejectReason;

/**
 * A FIX message that cannot become a model value, with the tag at fault and the reason — enough to answer
 * it the way the FIX standard says (see {@link Reason#answer()}). Checked, so that no decoding failure can
 * escape as an unchecked exception into a session thread; it carries no stack trace because it is an
 * expected outcome of bad input, not a bug.
 */
public final class DecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    /** How a receiver answers a message it cannot decode. */
    public enum Answer {
        /** Garbled (framing, body length, checksum): FIX says discard it silently, without consuming its sequence number. */
        IGNORE,
        /** A session-level Reject (35=3) with 371/372/373. */
        SESSION_REJECT,
        /** A BusinessMessageReject (35=j): a rule beyond the data dictionary, e.g. a conditionally required field. */
        BUSINESS_REJECT
    }

    public enum Reason {
        GARBLED(null, Answer.IGNORE),
        INVALID_TAG_NUMBER(SessionRejectReason.INVALID_TAG_NUMBER, Answer.SESSION_REJECT),
        REQUIRED_TAG_MISSING(SessionRejectReason.REQUIRED_TAG_MISSING, Answer.SESSION_REJECT),
        TAG_NOT_DEFINED_FOR_MESSAGE(SessionRejectReason.TAG_NOT_DEFINED_FOR_MESSAGE, Answer.SESSION_REJECT),
        UNDEFINED_TAG(SessionRejectReason.UNDEFINED_TAG, Answer.SESSION_REJECT),
        TAG_WITHOUT_VALUE(SessionRejectReason.TAG_WITHOUT_VALUE, Answer.SESSION_REJECT),
        VALUE_INCORRECT(SessionRejectReason.VALUE_INCORRECT, Answer.SESSION_REJECT),
        INCORRECT_DATA_FORMAT(SessionRejectReason.INCORRECT_DATA_FORMAT, Answer.SESSION_REJECT),
        TAG_APPEARS_MORE_THAN_ONCE(SessionRejectReason.TAG_APPEARS_MORE_THAN_ONCE, Answer.SESSION_REJECT),
        TAG_OUT_OF_ORDER(SessionRejectReason.TAG_OUT_OF_ORDER, Answer.SESSION_REJECT),
        GROUP_FIELDS_OUT_OF_ORDER(SessionRejectReason.GROUP_FIELDS_OUT_OF_ORDER, Answer.SESSION_REJECT),
        INCORRECT_NUM_IN_GROUP(SessionRejectReason.INCORRECT_NUM_IN_GROUP, Answer.SESSION_REJECT),
        INVALID_MSG_TYPE(SessionRejectReason.INVALID_MSG_TYPE, Answer.SESSION_REJECT),
        /** A field that the message's other fields make mandatory (44 on a limit order, 99 on a stop ...). */
        CONDITIONALLY_REQUIRED_MISSING(SessionRejectReason.REQUIRED_TAG_MISSING, Answer.BUSINESS_REJECT),
        /** A well-formed message of a type this side does not decode (e.g. an ExecutionReport sent to a venue). */
        UNSUPPORTED_MESSAGE(null, Answer.BUSINESS_REJECT);

        private final SessionRejectReason sessionRejectReason;
        private final Answer answer;

        Reason(SessionRejectReason sessionRejectReason, Answer answer) {
            this.sessionRejectReason = sessionRejectReason;
            this.answer = answer;
        }

        /** The 373 value for a session Reject, or null when the answer is not a session Reject. */
        public SessionRejectReason sessionRejectReason() {
            return sessionRejectReason;
        }

        public Answer answer() {
            return answer;
        }
    }

    private final Reason reason;
    private final int tag;
    private final String msgType;

    public DecodeException(Reason reason, int tag, String msgType, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
        this.tag = tag;
        this.msgType = msgType;
    }

    public Reason reason() {
        return reason;
    }

    /** The tag at fault, or 0 when the fault is not one tag's (garbled framing, unknown message type). */
    public int tag() {
        return tag;
    }

    /** The MsgType of the message at fault, or null if it could not be read. */
    public String msgType() {
        return msgType;
    }

    static DecodeException missing(int tag, String msgType) {
        return new DecodeException(Reason.REQUIRED_TAG_MISSING, tag, msgType,
                "Missing mandatory field: " + KrakenTags.name(tag) + " (" + tag + ")");
    }

    static DecodeException conditionallyMissing(int tag, String msgType, String because) {
        return new DecodeException(Reason.CONDITIONALLY_REQUIRED_MISSING, tag, msgType,
                "Conditionally required field missing: " + KrakenTags.name(tag) + " (" + tag + ") " + because);
    }

    static DecodeException badValue(int tag, String msgType, String value) {
        return new DecodeException(Reason.VALUE_INCORRECT, tag, msgType,
                "Invalid value for tag " + tag + ": " + KrakenTags.name(tag) + " '" + value + "'");
    }

    static DecodeException badFormat(int tag, String msgType, String value, String why) {
        return new DecodeException(Reason.INCORRECT_DATA_FORMAT, tag, msgType,
                "Incorrect data format for tag " + tag + ": " + KrakenTags.name(tag) + " '" + value + "': " + why);
    }
}
