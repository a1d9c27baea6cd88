package io.fluxfix.research;

import io.fluxfix.book.BookView;
import io.fluxfix.book.Books;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MdUpdateAction;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.strategy.Trade;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link SimulatedVenue} fed by hand-made market data through the real book operator, on a hand-moved clock:
 * what the replay loop does, one call at a time. BTC/USD at one price decimal and eight quantity decimals.
 */
final class VenueHarness implements AutoCloseable {

    static final String BTC = "BTC/USD";
    static final long MS = 1_000_000L;

    final SimulatedVenue venue;
    private final Sinks.Many<Event> md = Sinks.many().unicast().onBackpressureBuffer();
    private final Disposable books;
    private final List<ExecutionReport> fills = new ArrayList<>();
    private long now = 1_700_000_000_000_000_000L;
    private int orders;

    VenueHarness(boolean level3, long tapeWindowNanos) {
        venue = new SimulatedVenue(Map.of(BTC, new int[] {1, 8}), Map.of(), Decimal.parse("0.0016"),
                Decimal.parse("0.0026"), tapeWindowNanos);
        books = md.asFlux().transform((level3 ? Books.l3() : Books.l2()).precision(BTC, 1, 8).build())
                .subscribe(e -> {
                    if (e instanceof BookView v) {
                        venue.book(BTC, v, now);
                    }
                });
    }

    long now() {
        return now;
    }

    /** Moves the clock on by {@code nanos}. */
    VenueHarness after(long nanos) {
        now += nanos;
        return this;
    }

    // ---- recorded market data -----------------------------------------------------------------------------------

    /** A snapshot (one millisecond on) of the given entries, in queue order. */
    void snapshot(MdEntry... entries) {
        now += MS;
        md.tryEmitNext(new MarketDataSnapshot(new Stamp(now, 0, 1), "r", BTC, List.of(entries)));
    }

    /** An increment at the current time with the given changes, applied in order. */
    void update(MdEntry... entries) {
        md.tryEmitNext(new MarketDataIncrement(new Stamp(now, 0, 2), "r", BTC, List.of(entries),
                MarketDataIncrement.NO_CHECKSUM));
    }

    /** A recorded trade at the current time. */
    void trade(Side aggressor, String qty, String price) {
        venue.trade(new Trade(BTC, Decimal.parse(price), Decimal.parse(qty), aggressor, now), now);
    }

    static MdEntry level(MdEntryType type, String id, String price, String qty) {
        return MdEntry.level(type, id, Decimal.parse(price), Decimal.parse(qty), Stamp.NO_TIME);
    }

    static MdEntry add(MdEntryType type, String id, String price, String qty) {
        return MdEntry.update(MdUpdateAction.NEW, type, id, Decimal.parse(price), Decimal.parse(qty), Stamp.NO_TIME);
    }

    static MdEntry change(MdEntryType type, String id, String price, String qty) {
        return MdEntry.update(MdUpdateAction.CHANGE, type, id, Decimal.parse(price), Decimal.parse(qty),
                Stamp.NO_TIME);
    }

    static MdEntry delete(MdEntryType type, String id, String price) {
        return MdEntry.update(MdUpdateAction.DELETE, type, id, Decimal.parse(price), Decimal.ZERO, Stamp.NO_TIME);
    }

    // ---- the strategy -------------------------------------------------------------------------------------------

    void buy(String qty, String price) {
        order(Side.BUY, qty, price);
    }

    void sell(String qty, String price) {
        order(Side.SELL, qty, price);
    }

    private void order(Side side, String qty, String price) {
        venue.command(NewOrder.limit(Integer.toString(++orders), BTC, side, Decimal.parse(qty), Decimal.parse(price),
                TimeInForce.GOOD_TILL_CANCEL, ExecInstructions.NONE, now), now);
    }

    /** The strategy's fills since the last call, in order. */
    List<ExecutionReport> fills() {
        for (Event e : venue.drainReports()) {
            if (e instanceof ExecutionReport er && er.isFill()) {
                fills.add(er);
            }
        }
        List<ExecutionReport> r = List.copyOf(fills);
        fills.clear();
        return r;
    }

    /** The quantity the strategy got since the last call. */
    Decimal filled() {
        Decimal sum = Decimal.ZERO;
        for (ExecutionReport er : fills()) {
            sum = sum.add(er.lastQty());
        }
        return sum;
    }

    @Override
    public void close() {
        books.dispose();
    }
}
