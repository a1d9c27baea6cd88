package io.fluxfix.venue;

/** Kraken's Spot trading-limit tiers (from account verification, not volume). */
public enum RateTier {
    STARTER,
    INTERMEDIATE,
    PRO
}
