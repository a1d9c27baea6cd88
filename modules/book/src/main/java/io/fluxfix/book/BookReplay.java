package io.fluxfix.book;

import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.MarketDataFrame;
import io.fluxfix.model.event.MarketDataVisitor;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * The books of one recorded market-data stream, driven by hand instead of through a {@code Flux}: the fast path
 * of a research replay. Give it to the journal's {@code JournalReader.replayMarketData(filter, replay)}, which
 * decodes snapshots and increments straight from the record bytes into a reused {@link MarketDataFrame}, or
 * call {@link #accept(Event)} with model events. The rules are the book operator's ({@link Books}): the same
 * keeper, so the same books, checksum verdicts, alerts and metrics; each {@link BookEvent} the operator would
 * emit goes to the consumer given to {@link Books.Builder#replay}, on the calling thread. A book dropped by a
 * mismatch waits for the stream's next snapshot (the {@link BookResync} of the builder is still called).
 *
 * <pre>{@code
 * BookReplay replay = Books.l2().precision("BTC/USD", 1, 8).replay(event -> strategy.onBook(event));
 * try (JournalReader reader = JournalReader.open(dir)) {
 *     reader.replayMarketData(ReplayFilter.ALL.sessions("spot-md"), replay);
 * }
 * }</pre>
 *
 * <p>Sessions are not told apart: replay one market-data session at a time (filter by session). The views a
 * consumer receives are live (see {@link BookView}). Single-threaded.
 */
public final class BookReplay implements MarketDataVisitor {

    private final BookKeeper keeper;
    private final BookMetrics metrics;
    private final Consumer<? super BookEvent> downstream;
    private long events;

    BookReplay(BookKeeper keeper, BookMetrics metrics, Consumer<? super BookEvent> downstream) {
        this.keeper = keeper;
        this.metrics = metrics;
        this.downstream = Objects.requireNonNull(downstream, "downstream");
    }

    @Override
    public void onMarketData(String session, MarketDataFrame frame) {
        events++;
        emit(keeper.onFrame(frame));
    }

    @Override
    public void onEvent(String session, Event event) {
        accept(event);
    }

    /** One event from a model stream (snapshots and increments as objects, session events, instrument lists). */
    public void accept(Event event) {
        events++;
        emit(keeper.onEvent(event));
    }

    private void emit(BookEvent out) {
        if (out != null) {
            downstream.accept(out);
        }
    }

    /** Events seen so far (market data and others). */
    public long events() {
        return events;
    }

    /** {@code symbol}'s book if it is valid now (a snapshot applied and not dropped since), else null. */
    public BookView book(String symbol) {
        return keeper.view(symbol);
    }

    public BookMetrics metrics() {
        return metrics;
    }
}
