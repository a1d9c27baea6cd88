package io.fluxfix.model;

/** The price a stop, take-profit or trailing order watches. */
public enum TriggerReference {
    /** The external index price (Kraken falls back to the last trade when the index is unavailable). */
    INDEX,
    /** The last trade price on the book (Kraken's default). */
    LAST_TRADE
}
