package io.fluxfix.model;

/** What the venue does when an order would trade against another order of the same account. */
public enum SelfTradePrevention {
    CANCEL_BOTH,
    /** Cancel the arriving order (Kraken's default). */
    CANCEL_NEWEST,
    /** Cancel the resting order. */
    CANCEL_OLDEST
}
