package io.fluxfix.orders;

/** Where one order stands, as the sink knows it from what it sent and what the venue answered. */
public enum OrderState {
    /** Waiting in the sink's rate-limit queue; nothing sent yet. */
    QUEUED(false),
    /** Sent, not yet acknowledged. */
    PENDING_NEW(false),
    /** On the book. */
    NEW(false),
    /** A stop, take-profit or trailing order whose trigger fired. */
    TRIGGERED(false),
    PARTIALLY_FILLED(false),
    /** An amend was sent and is not yet answered. */
    PENDING_REPLACE(false),
    /** Amended (the order lives on under its new ClOrdID). */
    REPLACED(false),
    /** A cancel was sent (or cancel-on-disconnect applies) and is not yet confirmed. */
    PENDING_CANCEL(false),
    FILLED(true),
    CANCELED(true),
    EXPIRED(true),
    /** Refused: {@link OrderView#rejectLayer()} says by whom, {@link OrderView#reason()} why. */
    REJECTED(true);

    private final boolean terminal;

    OrderState(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal;
    }

    /** Open at the venue or possibly so (anything sent and not terminal). */
    public boolean isLive() {
        return !terminal && this != QUEUED;
    }
}
