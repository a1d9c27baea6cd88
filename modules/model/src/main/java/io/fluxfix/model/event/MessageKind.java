package io.fluxfix.model.event;

/** The kind of message a reject refers to. */
public enum MessageKind {
    NEW_ORDER,
    CANCEL,
    AMEND,
    MASS_CANCEL,
    ORDER_STATUS,
    EXECUTION_REPORT,
    ORDER_CANCEL_REJECT,
    MARKET_DATA_REQUEST,
    INSTRUMENT_LIST_REQUEST,
    TRADING_SESSION_STATUS_REQUEST,
    MARKET_DATA_SNAPSHOT,
    MARKET_DATA_INCREMENT,
    MARKET_DATA_REJECT,
    INSTRUMENT_LIST,
    TRADING_SESSION_STATUS,
    LOGON,
    LOGOUT,
    HEARTBEAT,
    TEST_REQUEST,
    RESEND_REQUEST,
    SEQUENCE_RESET,
    REJECT,
    BUSINESS_REJECT,
    /** A message type FluxFix has no name for. */
    OTHER
}
