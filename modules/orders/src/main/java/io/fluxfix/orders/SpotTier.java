package io.fluxfix.orders;

import io.fluxfix.model.Decimal;

/**
 * Kraken's Spot trading-limit tiers (fix-dialect.md §6.1, Kraken's "Trading rate limits" page): the counter's
 * decay per second, its threshold, and the open orders allowed per pair. The same numbers as the local venue's
 * {@code venue.rate-limits.spot.*} defaults.
 */
public enum SpotTier {
    STARTER("1", 60, 60),
    INTERMEDIATE("2.34", 125, 80),
    PRO("3.75", 180, 225);

    private final Decimal decayPerSecond;
    private final int threshold;
    private final int maxOpenOrders;

    SpotTier(String decay, int threshold, int maxOpenOrders) {
        this.decayPerSecond = Decimal.parse(decay);
        this.threshold = threshold;
        this.maxOpenOrders = maxOpenOrders;
    }

    public Decimal decayPerSecond() {
        return decayPerSecond;
    }

    public int threshold() {
        return threshold;
    }

    public int maxOpenOrders() {
        return maxOpenOrders;
    }
}
