package io.fluxfix.book;

import io.fluxfix.model.Instrument;
import io.fluxfix.model.event.Event;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The book operators. A market-data stream (snapshots, increments; session events and instrument lists may be
 * merged in) becomes a stream of {@link BookEvent}s:
 *
 * <pre>{@code
 * Flux<BookEvent> books = Flux.merge(session.marketData(request), session.sessionEvents(), session.referenceData())
 *         .transform(Books.l2().resync(myResync).metrics(metrics).build())
 *         .transform(Books.staleAfter(Duration.ofSeconds(30), Schedulers.parallel(), metrics))
 *         .transform(Books.conflate(10, metrics));   // only for a consumer that may fall behind
 * }</pre>
 *
 * <p>Rules: every {@code MarketDataSnapshot} rebuilds its instrument's book; after every increment carrying a
 * checksum the book's CRC32 of the top ten is compared with it; a mismatch, a crossed book or an entry that
 * cannot be applied drops the book, emits a {@link BookAlert}, counts it and calls {@link BookResync}; a dropped
 * book shows nothing until its next snapshot. A {@code Disconnected} or {@code LoggedOut} session event drops
 * every book ({@link BookAlert.Kind#RESET}): the session resubscribes on reconnect and each instrument's first
 * event is a snapshot. Prices are read at the instrument's precisions: from {@link Builder#instrument},
 * from {@code InstrumentList} events in the stream, or else inferred from a snapshot's written decimals.
 */
public final class Books {

    private Books() {
    }

    /** A price-level (L2) book operator. */
    public static Builder l2() {
        return new Builder(false);
    }

    /** An order-by-order (L3) book operator. */
    public static Builder l3() {
        return new Builder(true);
    }

    /**
     * A stale-book watchdog: for an instrument whose book was shown and then had no update for {@code after}
     * (checked every {@code after / 4} on {@code scheduler}, so virtual time tests it), emits one
     * {@link BookAlert.Kind#STALE} alert and counts it; the next view of the instrument re-arms it. A dropped
     * book (an alert for it, or a reset) is not watched until it is shown again.
     */
    public static Function<Flux<BookEvent>, Flux<BookEvent>> staleAfter(Duration after,
            reactor.core.scheduler.Scheduler scheduler, BookMetrics metrics) {
        return new StaleBookWatchdog(after, scheduler, metrics);
    }

    /**
     * Conflation for a consumer that may fall behind: views become immutable {@link BookSnapshot}s of the top
     * {@code levels} levels; while the consumer has no demand, a newer view of an instrument replaces the
     * waiting one (counted in {@link BookMetrics#conflated()}); alerts are never dropped and keep their order
     * relative to views.
     */
    public static Function<Flux<BookEvent>, Flux<BookEvent>> conflate(int levels, BookMetrics metrics) {
        return new BookConflation(levels, metrics);
    }

    /** Settings of a book operator. */
    public static final class Builder {
        private final boolean level3;
        private final Map<String, int[]> precisions = new HashMap<>();
        private BookResync resync = BookResync.NONE;
        private BookMetrics metrics = new BookMetrics();

        private Builder(boolean level3) {
            this.level3 = level3;
        }

        /** Reads this instrument's prices and quantities at its market-data precisions. */
        public Builder instrument(Instrument instrument) {
            return precision(instrument.symbol(), instrument.effectiveMdPricePrecision(), instrument.qtyPrecision());
        }

        /** Reads {@code symbol}'s prices with {@code priceScale} and quantities with {@code qtyScale} decimals. */
        public Builder precision(String symbol, int priceScale, int qtyScale) {
            precisions.put(Objects.requireNonNull(symbol, "symbol"), new int[] {priceScale, qtyScale});
            return this;
        }

        /** Where resubscriptions are requested; default {@link BookResync#NONE}. */
        public Builder resync(BookResync resync) {
            this.resync = Objects.requireNonNull(resync, "resync");
            return this;
        }

        /** Where counts go; default a private {@link BookMetrics}. */
        public Builder metrics(BookMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /** The operator, for {@code Flux.transform}; each subscription builds its own books. */
        public Function<Flux<? extends Event>, Flux<BookEvent>> build() {
            boolean l3 = level3;
            Map<String, int[]> p = Map.copyOf(precisions);
            BookResync r = resync;
            BookMetrics m = metrics;
            return source -> Flux.defer(() -> {
                BookKeeper keeper = new BookKeeper(l3, p, r, m);
                return source.handle((event, sink) -> {
                    BookEvent out = keeper.onEvent(event);
                    if (out != null) {
                        sink.next(out);
                    }
                });
            });
        }

        /**
         * A {@link BookReplay} with these settings: the same books as {@link #build()}, driven by hand (a journal
         * replay); each {@link BookEvent} goes to {@code downstream}.
         */
        public BookReplay replay(Consumer<? super BookEvent> downstream) {
            return new BookReplay(keeper(), metrics, downstream);
        }

        /** A keeper with these settings, driven by hand (the journal audit). */
        BookKeeper keeper() {
            return new BookKeeper(level3, precisions, resync, metrics);
        }
    }
}
