package io.fluxfix.strategy.testing;

import io.fluxfix.book.BookEvent;
import io.fluxfix.book.BookView;
import io.fluxfix.book.Books;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.Side;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MdUpdateAction;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.strategy.Trade;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A market written as a script, for strategy tests on virtual time: at given offsets, whole books (as the venue's
 * snapshots) and trades (as increments), turned into the same {@link BookView}s a strategy sees live — through
 * the real book operator, not a stand-in.
 *
 * <pre>{@code
 * ScriptedMarket m = new ScriptedMarket()
 *         .at(Duration.ZERO, "BTC/USD", "100.0@1 99.5@2", "101.0@1")     // bids, asks: price@qty ...
 *         .trade(Duration.ofSeconds(1), "BTC/USD", Side.BUY, "101.0", "0.5");
 * }</pre>
 */
public final class ScriptedMarket {

    private record Step(Duration at, Event event) {
    }

    private final List<Step> steps = new ArrayList<>();
    private long seq;

    /** At {@code at} (from the start), {@code symbol}'s book becomes {@code bids} / {@code asks}. */
    public ScriptedMarket at(Duration at, String symbol, String bids, String asks) {
        List<MdEntry> entries = new ArrayList<>();
        levels(entries, MdEntryType.BID, bids);
        levels(entries, MdEntryType.OFFER, asks);
        steps.add(new Step(at, new MarketDataSnapshot(new Stamp(at.toNanos(), 0, ++seq), "script", symbol, entries)));
        return this;
    }

    /** At {@code at}, a trade of {@code qty} at {@code price}, {@code aggressor} taking. */
    public ScriptedMarket trade(Duration at, String symbol, Side aggressor, String price, String qty) {
        MdEntry e = new MdEntry(MdUpdateAction.NEW, MdEntryType.TRADE, null, Decimal.parse(price), Decimal.parse(qty),
                Stamp.NO_TIME, Stamp.NO_TIME, Stamp.NO_TIME, null, aggressor);
        steps.add(new Step(at, new MarketDataIncrement(new Stamp(at.toNanos(), 0, ++seq), "script", symbol,
                List.of(e), MarketDataIncrement.NO_CHECKSUM)));
        return this;
    }

    private static void levels(List<MdEntry> out, MdEntryType type, String text) {
        for (String level : text.trim().split("\\s+")) {
            if (level.isEmpty()) {
                continue;
            }
            int at = level.indexOf('@');
            if (at < 0) {
                throw new IllegalArgumentException("a level is price@qty, got '" + level + "'");
            }
            String px = level.substring(0, at);
            out.add(MdEntry.level(type, (type == MdEntryType.BID ? "B" : "O") + px, Decimal.parse(px),
                    Decimal.parse(level.substring(at + 1)), Stamp.NO_TIME));
        }
    }

    /** The script's events at their offsets, on the parallel scheduler (the virtual one under virtual time). */
    public Flux<Event> events() {
        List<Step> sorted = new ArrayList<>(steps);
        sorted.sort((a, b) -> a.at().compareTo(b.at()));
        return Flux.defer(() -> {
            Duration[] last = {Duration.ZERO};
            return Flux.fromIterable(sorted).concatMap(s -> {
                Duration wait = s.at().minus(last[0]);
                last[0] = s.at();
                return wait.isZero() ? Mono.just(s.event())
                        : Mono.delay(wait, Schedulers.parallel()).thenReturn(s.event());
            });
        });
    }

    /** The script through the real L2 book operator: views and alerts as a live book stream. */
    public Flux<BookEvent> bookEvents() {
        return events().transform(Books.l2().build());
    }

    /** The script's trades. */
    public Flux<Trade> trades() {
        return Trade.from(events());
    }
}
