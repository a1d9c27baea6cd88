package io.fluxfix.model.event;

/** Why a message was refused at the business layer. */
public enum BusinessRejectReason {
    /** Kraken's catch-all, used for engine errors such as insufficient funds and rate limits. */
    OTHER,
    UNKNOWN_ID,
    UNKNOWN_SECURITY,
    UNSUPPORTED_MESSAGE_TYPE,
    APPLICATION_NOT_AVAILABLE,
    CONDITIONALLY_REQUIRED_FIELD_MISSING,
    NOT_AUTHORIZED,
    DELIVER_TO_FIRM_NOT_AVAILABLE,
    INVALID_PRICE_INCREMENT,
    /** Kraken: the order to cancel, amend or query is not known (on this session). */
    UNKNOWN_ORDER,
    /** Kraken's code 104; its meaning is not documented. */
    ORDER_TOO_OLD
}
