package io.fluxfix.model.event;

public enum TradingSessionStatusRejectReason {
    UNKNOWN_SESSION_ID,
    OTHER,
    INVALID_REQUEST_ID,
    INVALID_SUBSCRIPTION_TYPE,
    DUPLICATE_REQUEST_ID,
    ALREADY_SUBSCRIBED
}
