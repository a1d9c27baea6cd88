package io.fluxfix.model.event;

/** The kind of message a reject refers to. */
public enum MessageKind {
    NEW_ORDER,
    CANCEL,
    AMEND,
    MASS_CANCEL,
    ORDER_STATUS,
    EXECUTION_REPORT,
    MARKET_DATA_REQUEST,
    INSTRUMENT_LIST_REQUEST,
    TRADING_SESSION_STATUS_REQUEST,
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
