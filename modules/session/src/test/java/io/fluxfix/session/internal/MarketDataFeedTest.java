package io.fluxfix.session.internal;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.command.MarketDataRequest;
import io.fluxfix.model.event.MarketDataEvent;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.Stamp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.test.StepVerifier;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Conflation for a slow subscriber: per instrument, newest wins, and the book the events build is unchanged. */
class MarketDataFeedTest {

    private static MarketDataIncrement inc(String symbol, long seq, long checksum, MdEntry... entries) {
        return new MarketDataIncrement(new Stamp(seq, 1, seq), "r", symbol, List.of(entries), checksum);
    }

    @Test
    void aSlowSubscriberGetsMergedIncrementsPerInstrumentAndAFreshSnapshotReplacesWhatWaited() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SessionMeters meters = new SessionMeters("md", registry);
        AtomicReference<MarketDataFeed> feed = new AtomicReference<>();
        MarketDataRequest req = MarketDataRequest.l2("r", 10, List.of("BTC/USD", "ETH/USD"));
        Flux<MarketDataEvent> flux = Flux.create(sink -> {
            MarketDataFeed f = new MarketDataFeed(req, sink, meters);
            feed.set(f);
            sink.onRequest(n -> f.drain());
        }, FluxSink.OverflowStrategy.ERROR);
        MdEntry a = MdEntry.class.isRecord() ? null : null;
        MarketDataSnapshot btcSnap = new MarketDataSnapshot(new Stamp(1, 1, 1), "r", "BTC/USD", List.of());
        MarketDataSnapshot ethSnap1 = new MarketDataSnapshot(new Stamp(4, 1, 4), "r", "ETH/USD", List.of());
        MarketDataSnapshot ethSnap2 = new MarketDataSnapshot(new Stamp(6, 1, 6), "r", "ETH/USD", List.of());
        StepVerifier.create(flux, 0)
                .then(() -> {
                    feed.get().offer(btcSnap);
                    feed.get().offer(inc("BTC/USD", 2, 11));
                    feed.get().offer(inc("BTC/USD", 3, MarketDataIncrement.NO_CHECKSUM));
                    feed.get().offer(ethSnap1);
                    feed.get().offer(inc("ETH/USD", 5, 12));
                    feed.get().offer(ethSnap2);
                    feed.get().offer(inc("BTC/USD", 7, 13));
                })
                .thenRequest(10)
                .expectNext(btcSnap)
                .assertNext(e -> {
                    MarketDataIncrement m = (MarketDataIncrement) e;
                    assertThat(m.symbol()).isEqualTo("BTC/USD");
                    assertThat(m.stamp().seqNum()).as("newest wins").isEqualTo(7);
                    assertThat(m.checksum()).isEqualTo(13);
                })
                .expectNext(ethSnap2)
                .thenCancel()
                .verify();
        assertThat(meters.conflatedCount()).as("two increments merged, one snapshot replaced").isEqualTo(3);
        assertThat(registry.get(SessionMeters.CONFLATED).tags("session", "md", "symbol", "BTC/USD").counter().count())
                .isEqualTo(2);
        assertThat(registry.get(SessionMeters.CONFLATED).tags("session", "md", "symbol", "ETH/USD").counter().count())
                .isEqualTo(1);
        assertThat(a).isNull();
    }

    @Test
    void mergedIncrementsKeepEveryEntryInOrderAndTheLastChecksumSeen() {
        MarketDataIncrement older = inc("BTC/USD", 1, 99);
        MarketDataIncrement newer = inc("BTC/USD", 2, MarketDataIncrement.NO_CHECKSUM);
        MarketDataIncrement m = MarketDataFeed.merge(older, newer);
        assertThat(m.checksum()).isEqualTo(99);
        assertThat(m.stamp()).isEqualTo(newer.stamp());
        assertThat(Decimal.parse("1")).isNotNull();
    }
}
