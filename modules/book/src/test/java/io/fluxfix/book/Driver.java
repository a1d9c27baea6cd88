package io.fluxfix.book;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MdUpdateAction;
import io.fluxfix.model.event.Stamp;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Pushes events one at a time through a book operator and keeps what came out, so a test can check the
 * book after every step (the views are live: read them before the next push).
 */
final class Driver implements AutoCloseable {

    static final String REQ = "md-1";

    private final Sinks.Many<Event> in = Sinks.many().unicast().onBackpressureBuffer();
    private final List<BookEvent> out = new ArrayList<>();
    private final Disposable subscription;
    private long seq;

    Driver(Function<Flux<? extends Event>, Flux<BookEvent>> operator) {
        subscription = in.asFlux().transform(operator::apply).subscribe(out::add);
    }

    /** Pushes one event; returns what the operator emitted for it, or null. */
    BookEvent push(Event e) {
        int before = out.size();
        in.emitNext(e, Sinks.EmitFailureHandler.FAIL_FAST);
        return out.size() > before ? out.get(out.size() - 1) : null;
    }

    List<BookEvent> emitted() {
        return out;
    }

    Stamp stamp() {
        seq++;
        return new Stamp(1_700_000_000_000_000_000L + seq * 1_000_000L, 19_675, seq);
    }

    MarketDataSnapshot snapshot(String symbol, List<MdEntry> entries) {
        return new MarketDataSnapshot(stamp(), REQ, symbol, entries);
    }

    MarketDataIncrement increment(String symbol, List<MdEntry> entries, long checksum) {
        return new MarketDataIncrement(stamp(), REQ, symbol, entries, checksum);
    }

    static MdEntry level(MdEntryType type, String price, String qty) {
        return MdEntry.level(type, (type == MdEntryType.BID ? "B" : "O") + price, Decimal.parse(price),
                Decimal.parse(qty), Stamp.NO_TIME);
    }

    static MdEntry update(MdUpdateAction action, MdEntryType type, String price, String qty) {
        return MdEntry.update(action, type, (type == MdEntryType.BID ? "B" : "O") + price, Decimal.parse(price),
                Decimal.parse(qty), Stamp.NO_TIME);
    }

    @Override
    public void close() {
        subscription.dispose();
    }
}
