package io.fluxfix.orders;

/**
 * What the sink keeps per pair, found once per command (and carried by each {@link Order}) instead of one map
 * lookup per check: the risk limits, the open-order count, the Spot rate scope and counter, and the counter's
 * gauge. Only the sink touches it, under its lock.
 */
final class Instrument {

    final String symbol;
    final RiskLimits risk;
    /** The pair's Spot rate scope ({@code spot:SYMBOL}): every Spot session of the account shares it. */
    final String spotScope;
    /** Orders of the pair not terminal (queued ones included). */
    int live;
    /** The pair's Spot counter model, once it has one ({@link SpotRateCounters#counter}). */
    SpotRateCounters.Counter counter;
    /** Whether the counter's gauge is registered (it reads the model decayed to the moment it is read). */
    boolean gauged;

    Instrument(String symbol, RiskLimits risk) {
        this.symbol = symbol;
        this.risk = risk;
        this.spotScope = "spot:" + symbol;
    }
}
