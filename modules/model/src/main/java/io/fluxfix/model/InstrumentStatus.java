package io.fluxfix.model;

/** Per-pair trading status, as in Kraken's instrument list. */
public enum InstrumentStatus {
    HIDDEN,
    ONLINE,
    MAINTENANCE,
    CANCEL_ONLY,
    POST_ONLY,
    LIMIT_ONLY,
    DELISTED,
    REDUCE_ONLY
}
