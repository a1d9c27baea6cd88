package io.fluxfix.model.event;

import java.util.List;
import java.util.Objects;

/** A full book (bids and offers, never trades) for one symbol; books rebuild from it. */
public record MarketDataSnapshot(Stamp stamp, String mdReqId, String symbol, List<MdEntry> entries)
        implements MarketDataEvent {

    public MarketDataSnapshot {
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(symbol, "symbol");
        entries = List.copyOf(entries);
    }
}
