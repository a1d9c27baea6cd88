package io.fluxfix.model;

/**
 * What an execution report reports. Kraken's unified FIX uses {@link #NEW}, {@link #CANCELED},
 * {@link #REPLACED}, {@link #PENDING_NEW}, {@link #EXPIRED}, {@link #RESTATED}, {@link #TRADE} and
 * {@link #ORDER_STATUS}; the others appear in a conflicting Kraken page and are decoded defensively.
 */
public enum ExecType {
    NEW,
    PARTIAL_FILL,
    FILL,
    DONE_FOR_DAY,
    CANCELED,
    REPLACED,
    PENDING_CANCEL,
    STOPPED,
    REJECTED,
    SUSPENDED,
    PENDING_NEW,
    CALCULATED,
    EXPIRED,
    RESTATED,
    PENDING_REPLACE,
    TRADE,
    TRADE_CORRECT,
    TRADE_CANCEL,
    ORDER_STATUS
}
