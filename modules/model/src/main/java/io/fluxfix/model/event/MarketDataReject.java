package io.fluxfix.model.event;

import java.util.Objects;

/** The venue refused a market-data subscription. */
public record MarketDataReject(Stamp stamp, String mdReqId, MdRejectReason reason, String text)
        implements MarketDataEvent {

    public MarketDataReject {
        Objects.requireNonNull(stamp, "stamp");
    }
}
