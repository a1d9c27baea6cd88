package io.fluxfix.book.kraken;

import io.fluxfix.book.BookAlert;
import io.fluxfix.book.BookEvent;
import io.fluxfix.book.BookMetrics;
import io.fluxfix.book.BookView;
import io.fluxfix.book.Books;
import io.fluxfix.model.Side;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.MdUpdateAction;
import reactor.core.publisher.Flux;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.testkit.fixtures.KrakenFixtures;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KrakenWsImportTest {

    private final List<Event> events = new ArrayList<>();

    private KrakenWsImport run(String fixture, AssetPairs pairs) throws IOException {
        KrakenWsImport imp = new KrakenWsImport(pairs, Set.of(), events::add);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(KrakenFixtures.open(fixture),
                StandardCharsets.UTF_8))) {
            imp.importLines(fixture, in);
        }
        return imp;
    }

    private static AssetPairs assetPairs() throws IOException {
        try (var in = KrakenFixtures.open(KrakenFixtures.REST_ASSET_PAIRS)) {
            return AssetPairs.parse(new com.fasterxml.jackson.databind.ObjectMapper().readTree(in), "fixture");
        }
    }

    @Test
    void v1Book10RecordingVerifiesAll979Checksums() throws IOException {
        ImportSummary s = run(KrakenFixtures.WS_V1_BOOK10_XBTUSD, null).summary();
        assertThat(s.snapshots()).isEqualTo(1);
        assertThat(s.checksumsVerified()).isEqualTo(979);
        assertThat(s.checksumMismatches()).isZero();
        assertThat(s.clean()).isTrue();
    }

    @Test
    void v2Book10RecordingVerifiesSnapshotAnd509Updates() throws IOException {
        ImportSummary s = run(KrakenFixtures.WS_V2_BOOK10_BTCUSD, assetPairs()).summary();
        assertThat(s.snapshots()).isEqualTo(1);
        assertThat(s.updates()).isEqualTo(509);
        assertThat(s.checksumsVerified()).isEqualTo(510);
        assertThat(s.checksumMismatches()).isZero();
    }

    @Test
    void theImportedEventsRebuildTheSameBooksThroughTheL2OperatorAtTheSubscribedDepth() throws IOException {
        run(KrakenFixtures.WS_V1_BOOK10_XBTUSD, null);
        BookMetrics metrics = new BookMetrics();
        List<BookEvent> out = Flux.fromIterable(events).transform(Books.l2().metrics(metrics).build())
                .collectList().block();
        assertThat(out).filteredOn(e -> e instanceof BookAlert a && a.kind() != BookAlert.Kind.RESET).isEmpty();
        assertThat(metrics.checksumsVerified()).isEqualTo(979);
        assertThat(metrics.checksumMismatches()).isZero();
        // Kraken has the client cut a book-10 back to ten levels: the cuts are journaled as deletes with a size
        long cuts = events.stream().filter(e -> e instanceof MarketDataIncrement)
                .flatMap(e -> ((MarketDataIncrement) e).entries().stream())
                .filter(en -> en.action() == MdUpdateAction.DELETE && en.size().signum() > 0).count();
        assertThat(cuts).isPositive();
        // every book shown stays within the subscribed depth
        long maxDepth = Flux.fromIterable(events).transform(Books.l2().build())
                .ofType(BookView.class).map(v -> (long) Math.max(v.depth(Side.BUY), v.depth(Side.SELL)))
                .reduce(Math::max).block();
        assertThat(maxDepth).isEqualTo(10);
        // original times and the import's session marker at the end
        assertThat(events.get(0)).isInstanceOf(MarketDataSnapshot.class);
        assertThat(events.get(0).stamp().receivedNanos()).isEqualTo(1_693_415_329_675_425_000L);
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(SessionEvent.Disconnected.class,
                d -> assertThat(d.reason()).isEqualTo("end of recording " + KrakenFixtures.WS_V1_BOOK10_XBTUSD));
    }

    @Test
    void v2WithoutAssetPairsInfersThePrecisionAndSaysSo() throws IOException {
        KrakenWsImport imp = run(KrakenFixtures.WS_V2_BOOK10_BTCUSD, null);
        assertThat(imp.summary().checksumMismatches()).isZero();
        assertThat(imp.summary().checksumsVerified()).isEqualTo(510);
        assertThat(imp.notes()).singleElement().asString()
                .contains("precision of BTC/USD inferred from its snapshot: price 1, quantity 8 decimals");
        // JSON numbers such as 4.0 are journaled at the pair's precision
        MarketDataSnapshot snap = (MarketDataSnapshot) events.get(0);
        assertThat(snap.entries()).allSatisfy(e -> assertThat(e.size().scale()).isEqualTo(8));
        assertThat(snap.mdReqId()).isEqualTo("kraken-ws:book-10");
    }

    @Test
    void onlyThePairsAskedForAreImported() throws IOException {
        KrakenWsImport imp = new KrakenWsImport(null, Set.of("BTC/USD"), events::add);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                KrakenFixtures.open(KrakenFixtures.WS_V1_BOOK10_XBTUSD), StandardCharsets.UTF_8))) {
            imp.importLines("v1", in); // XBT/USD is BTC/USD
        }
        assertThat(imp.summary().updates()).isEqualTo(979);

        KrakenWsImport eth = new KrakenWsImport(null, Set.of("ETH/USD"), events::add);
        assertThatThrownBy(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    KrakenFixtures.open(KrakenFixtures.WS_V1_BOOK10_XBTUSD), StandardCharsets.UTF_8))) {
                eth.importLines("v1", in);
            }
        }).isInstanceOf(ImportException.class).hasMessage("v1: no Kraken WebSocket book or trade frame of ETH/USD in 1150 lines");
    }

    @Test
    void aBrokenBookFrameIsSkippedWithANoteAndTheRestGoesOn() throws IOException {
        KrakenWsImport imp = new KrakenWsImport(null, Set.of(), events::add);
        imp.importLines("x", new BufferedReader(new StringReader(String.join("\n",
                "[1,{\"as\":[[\"100.0\",\"1.0\",\"1.0\"]],\"bs\":[[\"99.0\",\"2.0\",\"1.0\"]]},\"book-10\",\"XBT/USD\"]",
                "[1,{\"b\":[[\"abc\",\"2.0\",\"2.0\"]]},\"book-10\",\"XBT/USD\"]",
                "[1,{\"b\":[[\"99.0\",\"2.5\",\"3.0\"]]},\"book-10\",\"XBT/USD\"]"))));
        assertThat(imp.summary().framesSkipped()).isEqualTo(1);
        assertThat(imp.summary().updates()).isEqualTo(1);
        assertThat(imp.notes()).singleElement().asString().isEqualTo("x line 2: skipped, price 'abc' is not a decimal number");
    }

    @Test
    void anAssetPairsFileThatIsNotOneIsRefused() {
        assertThatThrownBy(() -> AssetPairs.parse(new com.fasterxml.jackson.databind.ObjectMapper().readTree("[1,2]"), "f.json"))
                .isInstanceOf(ImportException.class).hasMessageContaining("f.json is not a Kraken AssetPairs answer");
    }
}
