package io.fluxfix.book;

import io.fluxfix.model.Side;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.model.event.Stamp;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.time.Duration;
import java.util.List;

import static io.fluxfix.book.Driver.level;
import static io.fluxfix.book.Driver.update;
import static io.fluxfix.model.event.MdEntryType.BID;
import static io.fluxfix.model.event.MdEntryType.OFFER;
import static io.fluxfix.model.event.MdUpdateAction.CHANGE;
import static org.assertj.core.api.Assertions.assertThat;

class WatchdogAndConflationTest {

    private static final String BTC = "BTC/USD";
    private static final String ETH = "ETH/USD";

    private final BookMetrics metrics = new BookMetrics();
    private final Driver events = new Driver(Books.l2().build()); // only for its event factories
    private final Sinks.Many<Event> feed = Sinks.many().unicast().onBackpressureBuffer();

    private Event snapshot(String symbol) {
        return events.snapshot(symbol, List.of(level(BID, "100.0", "1"), level(OFFER, "101.0", "1")));
    }

    private Event bidQty(String symbol, String qty) {
        return events.increment(symbol, List.of(update(CHANGE, BID, "100.0", qty)), MarketDataIncrement.NO_CHECKSUM);
    }

    private void push(Event e) {
        feed.emitNext(e, Sinks.EmitFailureHandler.FAIL_FAST);
    }

    private static boolean stale(BookEvent e, String symbol) {
        return e instanceof BookAlert a && a.kind() == BookAlert.Kind.STALE && symbol.equals(a.symbol());
    }

    @Test
    void aBookWithoutUpdatesForTheConfiguredTimeRaisesOneStaleAlertUntilItUpdatesAgain() {
        events.close();
        StepVerifier.withVirtualTime(() -> feed.asFlux()
                        .transform(Books.l2().build())
                        .transform(Books.staleAfter(Duration.ofSeconds(30), VirtualTimeScheduler.get(), metrics)))
                .then(() -> push(snapshot(BTC)))
                .expectNextMatches(e -> e instanceof BookView)
                .thenAwait(Duration.ofSeconds(20))
                .then(() -> push(bidQty(BTC, "2")))
                .expectNextMatches(e -> e instanceof BookView v && v.bestBidQty() == 2)
                .expectNoEvent(Duration.ofSeconds(29))
                .thenAwait(Duration.ofSeconds(8)) // checked every 30/4 s: raised between 30 and 37.5 s
                .expectNextMatches(e -> stale(e, BTC))
                .expectNoEvent(Duration.ofMinutes(5)) // once per episode
                .then(() -> push(bidQty(BTC, "3")))
                .expectNextMatches(e -> e instanceof BookView)
                .thenAwait(Duration.ofSeconds(38))
                .expectNextMatches(e -> stale(e, BTC))
                .then(feed::tryEmitComplete)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        assertThat(metrics.stale()).isEqualTo(2);
    }

    @Test
    void booksDroppedByADisconnectAreNotWatched() {
        events.close();
        StepVerifier.withVirtualTime(() -> feed.asFlux()
                        .transform(Books.l2().build())
                        .transform(Books.staleAfter(Duration.ofSeconds(30), VirtualTimeScheduler.get(), metrics)))
                .then(() -> push(snapshot(BTC)))
                .expectNextMatches(e -> e instanceof BookView)
                .then(() -> push(new SessionEvent.Disconnected(new Stamp(1, 1, 0), "md", "gone")))
                .expectNextMatches(e -> e instanceof BookAlert a && a.kind() == BookAlert.Kind.RESET)
                .expectNoEvent(Duration.ofMinutes(10))
                .then(feed::tryEmitComplete)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        assertThat(metrics.stale()).isZero();
    }

    @Test
    void aSlowConsumerGetsTheNewestSnapshotPerInstrumentAndEveryAlertInOrder() {
        events.close();
        StepVerifier.create(feed.asFlux().transform(Books.l2().build()).transform(Books.conflate(5, metrics)), 0)
                .then(() -> {
                    push(snapshot(BTC));
                    push(snapshot(ETH));
                    push(bidQty(BTC, "2"));
                    push(bidQty(BTC, "3"));
                    push(new SessionEvent.Disconnected(new Stamp(1, 1, 0), "md", "gone"));
                    push(snapshot(BTC));
                    push(bidQty(BTC, "4"));
                })
                .thenRequest(1)
                .assertNext(e -> {
                    assertThat(e).isInstanceOf(BookSnapshot.class); // an immutable copy, not the live view
                    assertThat(((BookView) e).bestBidQty()).isEqualTo(3); // BTC: the newest before the alert
                })
                .thenRequest(10)
                .assertNext(e -> assertThat(e.symbol()).isEqualTo(ETH))
                .assertNext(e -> assertThat(((BookAlert) e).kind()).isEqualTo(BookAlert.Kind.RESET))
                .assertNext(e -> {
                    assertThat(e.symbol()).isEqualTo(BTC);
                    assertThat(((BookView) e).qty(Side.BUY, 0)).isEqualTo(4);
                })
                .then(feed::tryEmitComplete)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        assertThat(metrics.conflated()).isEqualTo(3); // BTC 1->2->3 (two) and after the reset 100->4 (one)
    }

    @Test
    void aFastConsumerLosesNothing() {
        events.close();
        StepVerifier.create(feed.asFlux().transform(Books.l2().build()).transform(Books.conflate(5, metrics)))
                .then(() -> push(snapshot(BTC)))
                .expectNextCount(1)
                .then(() -> push(bidQty(BTC, "2")))
                .assertNext(e -> assertThat(((BookView) e).bestBidQty()).isEqualTo(2))
                .then(() -> push(bidQty(BTC, "3")))
                .assertNext(e -> assertThat(((BookView) e).bestBidQty()).isEqualTo(3))
                .then(feed::tryEmitComplete)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        assertThat(metrics.conflated()).isZero();
    }
}
