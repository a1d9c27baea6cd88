package io.fluxfix.book;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.Side;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.model.kraken.BookChecksum;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

import java.util.ArrayList;
import java.util.List;

import static io.fluxfix.book.Driver.level;
import static io.fluxfix.book.Driver.update;
import static io.fluxfix.model.event.MdEntryType.BID;
import static io.fluxfix.model.event.MdEntryType.OFFER;
import static io.fluxfix.model.event.MdUpdateAction.CHANGE;
import static io.fluxfix.model.event.MdUpdateAction.DELETE;
import static io.fluxfix.model.event.MdUpdateAction.NEW;
import static org.assertj.core.api.Assertions.assertThat;

class BookOperatorTest {

    private static final String BTC = "BTC/USD";

    private final List<String> resyncs = new ArrayList<>();
    private final BookMetrics metrics = new BookMetrics();

    private Driver driver() {
        return new Driver(Books.l2().precision(BTC, 1, 8).metrics(metrics)
                .resync((req, symbol, reason) -> resyncs.add(req + " " + symbol + ": " + reason)).build());
    }

    private static List<MdEntry> book() {
        return List.of(level(BID, "100.0", "1.0"), level(BID, "99.5", "2.0"), level(OFFER, "100.5", "3.0"));
    }

    /** The checksum of the view's book, as the venue would send it. */
    private static long checksumOf(long... pricesAndQtys) {
        BookChecksum c = new BookChecksum().reset();
        for (int i = 0; i < pricesAndQtys.length; i += 2) {
            c.add(pricesAndQtys[i], pricesAndQtys[i + 1]);
        }
        return c.value();
    }

    @Test
    void aMismatchDropsTheBookRequestsAResyncAndNothingIsShownUntilTheNextSnapshot() {
        try (Driver d = driver()) {
            assertThat(d.push(d.snapshot(BTC, book()))).isInstanceOf(BookView.class);
            // correct checksum: asks 100.5 x 3, then bids 100.0 x 1.5, 99.5 x 2
            long good = checksumOf(1005, 300_000_000, 1000, 150_000_000, 995, 200_000_000);
            BookEvent ok = d.push(d.increment(BTC, List.of(update(CHANGE, BID, "100.0", "1.5")), good));
            assertThat(((BookView) ok).bestBidQty()).isEqualTo(150_000_000);

            BookEvent bad = d.push(d.increment(BTC, List.of(update(CHANGE, BID, "100.0", "1.6")), good));
            assertThat(bad).isInstanceOfSatisfying(BookAlert.class, a -> {
                assertThat(a.kind()).isEqualTo(BookAlert.Kind.CHECKSUM_MISMATCH);
                assertThat(a.expected()).isEqualTo(good);
                assertThat(a.actual()).isEqualTo(checksumOf(1005, 300_000_000, 1000, 160_000_000, 995, 200_000_000));
                assertThat(a.symbol()).isEqualTo(BTC);
            });
            assertThat(resyncs).singleElement().asString().startsWith("md-1 BTC/USD: checksum " + good);

            // the dropped book shows nothing, whatever arrives, until a snapshot
            assertThat(d.push(d.increment(BTC, List.of(update(NEW, BID, "99.0", "1.0")),
                    MarketDataIncrement.NO_CHECKSUM))).isNull();
            BookEvent rebuilt = d.push(d.snapshot(BTC, book()));
            assertThat(((BookView) rebuilt).bestBidQty()).isEqualTo(100_000_000);
            assertThat(((BookView) rebuilt).updatesSinceSnapshot()).isZero();
        }
        assertThat(metrics.checksumsVerified()).isEqualTo(2);
        assertThat(metrics.checksumMismatches()).isEqualTo(1);
        assertThat(metrics.ignored()).isEqualTo(1);
        assertThat(metrics.snapshots()).isEqualTo(2);
        assertThat(metrics.resyncRequests()).isEqualTo(1);
    }

    @Test
    void aCrossedBookIsDroppedAndResynced() {
        try (Driver d = driver()) {
            d.push(d.snapshot(BTC, book()));
            BookEvent out = d.push(d.increment(BTC, List.of(update(NEW, BID, "100.5", "1.0")),
                    MarketDataIncrement.NO_CHECKSUM));
            assertThat(out).isInstanceOfSatisfying(BookAlert.class,
                    a -> assertThat(a.kind()).isEqualTo(BookAlert.Kind.CROSSED));
            assertThat(resyncs).hasSize(1);
            assertThat(metrics.crossed()).isEqualTo(1);
        }
    }

    @Test
    void aDisconnectDropsEveryBookUntilItsSnapshotAfterTheReconnect() {
        try (Driver d = driver()) {
            Stamp t = new Stamp(1, 1, 0);
            // nothing to drop yet: nothing to say
            assertThat(d.push(new SessionEvent.Disconnected(t, "spot-md", "socket closed"))).isNull();
            d.push(d.snapshot(BTC, book()));
            BookEvent reset = d.push(new SessionEvent.Disconnected(t, "spot-md", "socket closed"));
            assertThat(reset).isInstanceOfSatisfying(BookAlert.class, a -> {
                assertThat(a.kind()).isEqualTo(BookAlert.Kind.RESET);
                assertThat(a.detail()).contains("spot-md", "1 book");
            });
            assertThat(d.push(new SessionEvent.LoggedOn(t, "spot-md", 30, true))).isNull();
            assertThat(d.push(d.increment(BTC, List.of(update(CHANGE, BID, "100.0", "1.5")),
                    MarketDataIncrement.NO_CHECKSUM))).isNull();
            assertThat(d.push(d.snapshot(BTC, book()))).isInstanceOf(BookView.class);
            assertThat(resyncs).isEmpty(); // the session resubscribes by itself after a reconnect
        }
        assertThat(metrics.resets()).isEqualTo(1);
    }

    @Test
    void aHeldSnapshotDoesNotChangeWhenTheLiveViewDoes() {
        try (Driver d = driver()) {
            BookView live = (BookView) d.push(d.snapshot(BTC, book()));
            BookSnapshot held = live.snapshot();
            BookSnapshot top1 = live.snapshot(1);
            d.push(d.increment(BTC, List.of(update(DELETE, BID, "100.0", "0"), update(NEW, OFFER, "100.2", "0.5")),
                    MarketDataIncrement.NO_CHECKSUM));
            assertThat(live.bestBid()).isEqualTo(995);
            assertThat(live.bestAsk()).isEqualTo(1002);
            assertThat(held.bestBid()).isEqualTo(1000);
            assertThat(held.bestAsk()).isEqualTo(1005);
            assertThat(held.depth(Side.BUY)).isEqualTo(2);
            assertThat(top1.depth(Side.BUY)).isEqualTo(1);
            assertThat(held.qtyAt(Side.BUY, 995)).isEqualTo(200_000_000);
            assertThat(held.priceDecimal(Side.SELL, 0)).isEqualTo(Decimal.parse("100.5"));
            assertThat(held.toString()).isEqualTo("BTC/USD 2x1 bid 100.0 x 1.00000000 / ask 100.5 x 3.00000000");
        }
    }

    @Test
    void tradesAloneShowNothingAndAPriceFinerThanThePrecisionIsABadEntry() {
        try (Driver d = driver()) {
            d.push(d.snapshot(BTC, book()));
            MdEntry trade = new MdEntry(NEW, MdEntryType.TRADE, null, Decimal.parse("100.5"), Decimal.parse("0.1"),
                    Stamp.NO_TIME, Stamp.NO_TIME, Stamp.NO_TIME, OrdType.MARKET, Side.BUY);
            assertThat(d.push(d.increment(BTC, List.of(trade), MarketDataIncrement.NO_CHECKSUM))).isNull();
            BookEvent bad = d.push(d.increment(BTC, List.of(update(NEW, BID, "99.95", "1")),
                    MarketDataIncrement.NO_CHECKSUM));
            assertThat(bad).isInstanceOfSatisfying(BookAlert.class, a -> {
                assertThat(a.kind()).isEqualTo(BookAlert.Kind.BAD_ENTRY);
                assertThat(a.detail()).contains("99.95", "precision 1");
            });
            assertThat(metrics.badEntries()).isEqualTo(1);
        }
    }

    @Test
    void inferredPrecisionWidensAfterAnEntryThatDidNotFit() {
        Driver d = new Driver(Books.l2().metrics(metrics).build());
        try (d) {
            BookView v = (BookView) d.push(d.snapshot(BTC, List.of(level(BID, "100.0", "0.001"))));
            assertThat(v.qtyScale()).isEqualTo(3);
            assertThat(d.push(d.increment(BTC, List.of(update(NEW, BID, "99.0", "0.00096375")),
                    MarketDataIncrement.NO_CHECKSUM))).isInstanceOf(BookAlert.class);
            BookView rebuilt = (BookView) d.push(d.snapshot(BTC, List.of(level(BID, "100.0", "0.001"))));
            assertThat(rebuilt.qtyScale()).isEqualTo(8);
            assertThat(rebuilt.bestBidQty()).isEqualTo(100_000);
        }
    }

    @Test
    void errorsAndCancellationPassThrough() {
        TestPublisher<Event> up = TestPublisher.create();
        StepVerifier.create(up.flux().transform(Books.l2().build()))
                .then(() -> up.error(new IllegalStateException("feed broke")))
                .verifyErrorMessage("feed broke");

        TestPublisher<Event> up2 = TestPublisher.create();
        StepVerifier.create(up2.flux().transform(Books.l2().build()))
                .thenCancel()
                .verify();
        up2.assertCancelled();
    }

    @Test
    void interleavedSymbolsEachReachTheirOwnBookWhateverStringInstanceNamesThem() {
        // The keeper answers a symbol it saw last by identity before the map: interleaved instruments, equal
        // names in new String instances and unknown symbols must still reach their own book (or none).
        String[] symbols = {"BTC/USD", "ETH/USD", "SOL/USD"};
        Driver d = new Driver(Books.l2().precision("BTC/USD", 1, 8).precision("ETH/USD", 1, 8)
                .precision("SOL/USD", 1, 8).metrics(metrics).build());
        List<java.util.TreeMap<Long, Long>> ref = new ArrayList<>();
        for (int s = 0; s < symbols.length; s++) {
            String bid = (100 * (s + 1)) + ".0";
            d.push(d.snapshot(symbols[s], List.of(level(BID, bid, "1.0"), level(OFFER, (100 * (s + 1) + 50) + ".0",
                    "1.0"))));
            java.util.TreeMap<Long, Long> levels = new java.util.TreeMap<>();
            levels.put(1000L * (s + 1), 100_000_000L);
            ref.add(levels);
        }
        java.util.Random rnd = new java.util.Random(11);
        long ignoredBefore = metrics.ignored();
        int unknown = 0;
        for (int step = 0; step < 600; step++) {
            int s = rnd.nextInt(symbols.length);
            // The same instance, or an equal name in a new String (a different decoder, an event object).
            String symbol = rnd.nextBoolean() ? symbols[s] : new String(symbols[s]);
            if (rnd.nextInt(10) == 0) {
                unknown++;
                assertThat(d.push(d.increment(new String("XRP/USD"), List.of(update(NEW, BID, "1.0", "5.0")),
                        MarketDataIncrement.NO_CHECKSUM))).as("step %d: a symbol without a book", step).isNull();
            }
            long px = 1000L * (s + 1) - rnd.nextInt(20);
            long qty = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(1_000);
            String price = Decimal.of(px, 1).toString();
            MdEntry e = qty == 0 ? update(DELETE, BID, price, "0") : update(CHANGE, BID, price,
                    Decimal.of(qty, 8).toString());
            if (qty == 0) {
                ref.get(s).remove(px);
            } else {
                ref.get(s).put(px, qty);
            }
            BookEvent out = d.push(d.increment(symbol, List.of(e), MarketDataIncrement.NO_CHECKSUM));
            assertThat(out).as("step %d", step).isInstanceOf(BookView.class);
            BookView v = (BookView) out;
            assertThat(v.symbol()).as("step %d", step).isEqualTo(symbols[s]);
            assertThat(v.qtyAt(Side.BUY, px)).as("step %d %s at %d", step, symbols[s], px).isEqualTo(qty);
            assertThat(v.depth(Side.BUY)).as("step %d %s depth", step, symbols[s]).isEqualTo(ref.get(s).size());
        }
        for (int s = 0; s < symbols.length; s++) {
            BookView v = null;
            for (BookEvent e : d.emitted()) {
                if (e instanceof BookView b && b.symbol().equals(symbols[s])) {
                    v = b;
                }
            }
            assertThat(v).isNotNull();
            int l = 0;
            for (var level : ref.get(s).descendingMap().entrySet()) {
                assertThat(v.price(Side.BUY, l)).as("%s level %d", symbols[s], l).isEqualTo(level.getKey());
                assertThat(v.qty(Side.BUY, l)).as("%s level %d", symbols[s], l).isEqualTo(level.getValue());
                l++;
            }
        }
        assertThat(unknown).isPositive();
        assertThat(metrics.ignored() - ignoredBefore).isEqualTo(unknown);
        d.close();
    }

    @Test
    void eachSubscriptionBuildsItsOwnBooks() {
        Driver probe = new Driver(Books.l2().build());
        probe.close();
        List<Event> events = List.of(probe.snapshot(BTC, book()),
                probe.increment(BTC, List.of(update(DELETE, BID, "100.0", "0")), MarketDataIncrement.NO_CHECKSUM));
        Flux<Long> bestBids = Flux.fromIterable(events).transform(Books.l2().build())
                .map(e -> ((BookView) e).bestBid());
        StepVerifier.create(bestBids).expectNext(1000L, 995L).verifyComplete();
        StepVerifier.create(bestBids).expectNext(1000L, 995L).verifyComplete();
    }

    @Test
    void metricsAreMicrometerCountersWhenBound() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        try (Driver d = driver()) {
            d.push(d.snapshot(BTC, book()));
            d.push(d.increment(BTC, List.of(update(CHANGE, BID, "100.0", "1.5")), 1234));
        }
        assertThat(registry.get("fluxfix.book.checksum.mismatches").functionCounter().count()).isEqualTo(1.0);
        assertThat(registry.get("fluxfix.book.snapshots").functionCounter().count()).isEqualTo(1.0);
        registry.close();
    }
}
