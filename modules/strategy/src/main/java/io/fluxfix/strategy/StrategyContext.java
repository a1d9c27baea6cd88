package io.fluxfix.strategy;

import io.fluxfix.book.BookView;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.Instrument;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.orders.OrderView;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything a {@link Strategy} sees. Every stream delivers on {@link #scheduler()} (one thread).
 *
 * @param id          the configured instance name (logs, metrics, admin "pause")
 * @param symbols     the instruments it trades
 * @param instruments reference data by symbol (precisions, tick size, minimum quantity) — those the venue
 *                    listed; a strategy must cope with a symbol missing here (use the book's scales)
 * @param params      its parameters; errors name the full key and the file
 * @param books       immutable book snapshots ({@link io.fluxfix.book.BookSnapshot}) of its symbols, the newest
 *                    per instrument when the strategy is slower than the market (conflated, counted)
 * @param trades      public trades of its symbols
 * @param orders      its own orders' states, one immutable view per change
 * @param decisions   the sink's answer to each command it emitted
 * @param positions   net position per symbol from this process's fills (zero when none)
 * @param clock       the only clock it may read (the venue's events' time in replay)
 * @param scheduler   its single thread; timers ({@code Flux.interval}) go here
 * @param clOrdIds    fresh ClOrdIDs, valid for its trading session's market
 */
public record StrategyContext(String id, List<String> symbols, Map<String, Instrument> instruments,
                              ConfigSource params, Flux<BookView> books, Flux<Trade> trades,
                              Flux<OrderView> orders, Flux<CommandDecision> decisions,
                              Function<String, Decimal> positions, InstantSource clock, Scheduler scheduler,
                              Supplier<String> clOrdIds) {

    public StrategyContext {
        Objects.requireNonNull(id, "id");
        symbols = List.copyOf(symbols);
        instruments = Map.copyOf(instruments);
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(books, "books");
        Objects.requireNonNull(trades, "trades");
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(decisions, "decisions");
        Objects.requireNonNull(positions, "positions");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(clOrdIds, "clOrdIds");
    }

    /** The net position in {@code symbol} (bought minus sold), zero when none. */
    public Decimal position(String symbol) {
        Decimal p = positions.apply(symbol);
        return p == null ? Decimal.ZERO : p;
    }

    /** A fresh ClOrdID. */
    public String nextClOrdId() {
        return clOrdIds.get();
    }

    /** The clock's time in epoch nanoseconds (for TransactTime). */
    public long nowNanos() {
        java.time.Instant i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
