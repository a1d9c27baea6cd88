package io.fluxfix.strategy;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.Side;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import reactor.core.publisher.Flux;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One public trade of an instrument, from a market-data increment's trade entries.
 *
 * @param receiveNanos  when FluxFix received it (epoch nanoseconds, the event's stamp)
 * @param aggressorSide the taker's side, or null when the venue does not say
 */
public record Trade(String symbol, Decimal price, Decimal size, Side aggressorSide, long receiveNanos) {

    public Trade {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(size, "size");
    }

    /** The trades carried by a market-data stream (everything else in it is ignored). */
    public static Flux<Trade> from(Flux<? extends Event> marketData) {
        return marketData.flatMapIterable(Trade::of);
    }

    /** The trades of one event: none unless it is an increment with trade entries. */
    public static List<Trade> of(Event event) {
        if (!(event instanceof MarketDataIncrement inc)) {
            return List.of();
        }
        List<Trade> out = null;
        for (MdEntry e : inc.entries()) {
            if (e.type() == MdEntryType.TRADE && e.price() != null && e.size() != null) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(new Trade(inc.symbol(), e.price(), e.size(), e.aggressorSide(), inc.stamp().receivedNanos()));
            }
        }
        return out == null ? List.of() : out;
    }
}
