package io.fluxfix.model;

public enum TimeInForce {
    GOOD_TILL_CANCEL(false),
    IMMEDIATE_OR_CANCEL(false),
    /** Spot only. */
    FILL_OR_KILL(true),
    /** Spot only; needs an expire time up to one month ahead. */
    GOOD_TILL_DATE(true);

    private final boolean spotOnly;

    TimeInForce(boolean spotOnly) {
        this.spotOnly = spotOnly;
    }

    public boolean spotOnly() {
        return spotOnly;
    }
}
