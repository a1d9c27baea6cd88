package io.fluxfix.model.event;

public enum FeeBasis {
    ABSOLUTE,
    PER_UNIT,
    /** Kraken's fees are a percentage of the fill's cost. */
    PERCENTAGE
}
