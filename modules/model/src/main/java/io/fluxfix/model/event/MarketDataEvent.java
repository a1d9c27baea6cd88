package io.fluxfix.model.event;

/** Book snapshots, incremental updates (including trades) and subscription rejects. */
public sealed interface MarketDataEvent extends Event
        permits MarketDataSnapshot, MarketDataIncrement, MarketDataReject {

    /** The subscription this event belongs to. */
    String mdReqId();
}
