package io.fluxfix.model.event;

/** Kind of a fee on a fill; Kraken reports {@link #EXCHANGE}. */
public enum FeeType {
    REGULATORY,
    TAX,
    LOCAL_COMMISSION,
    EXCHANGE,
    STAMP,
    LEVY,
    OTHER,
    MARKUP,
    CONSUMPTION_TAX,
    PER_TRANSACTION,
    CONVERSION,
    AGENT
}
