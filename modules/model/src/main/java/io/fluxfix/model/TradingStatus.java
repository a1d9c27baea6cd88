package io.fluxfix.model;

/** The venue-wide trading mode (FIX TradingSessionStatus). */
public enum TradingStatus {
    UNKNOWN,
    /** No new orders, no cancels. */
    MAINTENANCE,
    ONLINE,
    /** Cancels only, no matching. */
    CANCEL_ONLY,
    /** Only post-only limit orders and cancels, no matching. */
    POST_ONLY
}
