package io.fluxfix.model;

/** An order's status as the venue reports it. */
public enum OrdStatus {
    NEW(false),
    PARTIALLY_FILLED(false),
    FILLED(true),
    DONE_FOR_DAY(false),
    CANCELED(true),
    REPLACED(false),
    PENDING_CANCEL(false),
    STOPPED(false),
    REJECTED(true),
    SUSPENDED(false),
    PENDING_NEW(false),
    CALCULATED(false),
    EXPIRED(true),
    ACCEPTED_FOR_BIDDING(false),
    PENDING_REPLACE(false);

    private final boolean terminal;

    OrdStatus(boolean terminal) {
        this.terminal = terminal;
    }

    /** Whether the order is gone from the book for good. */
    public boolean isTerminal() {
        return terminal;
    }
}
