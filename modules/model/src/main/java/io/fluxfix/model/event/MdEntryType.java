package io.fluxfix.model.event;

public enum MdEntryType {
    BID,
    OFFER,
    /** Trades arrive only in incremental updates. */
    TRADE
}
