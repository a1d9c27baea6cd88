package io.fluxfix.model;

/** Instrument classes that Kraken's instrument list distinguishes. */
public enum SecurityType {
    SPOT,
    FUTURE,
    OPTION,
    /** Tokenised equities ({@code TSLAx/USD}). */
    XSTOCK
}
