package io.fluxfix.model;

/**
 * Every Kraken order type. Iceberg is not a type of its own: it is a {@link #LIMIT} order with a display
 * quantity; post-only and reduce-only are {@link ExecInstruction}s.
 */
public enum OrdType {
    MARKET(false, false, false),
    LIMIT(true, false, false),
    /** Market order once the trigger price is crossed in the unfavourable direction. */
    STOP_LOSS(false, true, false),
    STOP_LOSS_LIMIT(true, true, false),
    /** Market order once the trigger price is crossed in the favourable direction. */
    TAKE_PROFIT(false, true, false),
    TAKE_PROFIT_LIMIT(true, true, false),
    /** Market order once the price reverts by the trailing distance (quote currency) from its peak. */
    TRAILING_STOP(false, true, false),
    /** Spot only. */
    TRAILING_STOP_LIMIT(true, true, true);

    private final boolean limitPrice;
    private final boolean trigger;
    private final boolean spotOnly;

    OrdType(boolean limitPrice, boolean trigger, boolean spotOnly) {
        this.limitPrice = limitPrice;
        this.trigger = trigger;
        this.spotOnly = spotOnly;
    }

    /** Whether the order carries a limit price (required). */
    public boolean hasLimitPrice() {
        return limitPrice;
    }

    /** Whether the order waits for a trigger and carries a trigger price or trailing distance (required). */
    public boolean hasTrigger() {
        return trigger;
    }

    public boolean isTrailing() {
        return this == TRAILING_STOP || this == TRAILING_STOP_LIMIT;
    }

    public boolean spotOnly() {
        return spotOnly;
    }

    /** What a triggered order becomes: {@link #LIMIT} for the limit variants, {@link #MARKET} otherwise. */
    public OrdType whenTriggered() {
        return !trigger ? this : limitPrice ? LIMIT : MARKET;
    }
}
