package io.fluxfix.book;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.Side;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MdUpdateAction;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.testkit.fixtures.KrakenFixtures;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kraken's documented examples, from their inputs, through the book operators: the operator must build the
 * book, compute Kraken's checksum and accept it (a mismatch would be an alert instead of a view).
 */
class KrakenExamplesTest {

    private static final Stamp T = new Stamp(1_697_104_515_000_000_000L, 19_642, 12);

    /** Tag → values of one '|'-separated FIX message, repeating tags in order (a test-side reader only). */
    private static List<String[]> fields(String message) {
        List<String[]> out = new ArrayList<>();
        for (String f : message.split("\\|")) {
            int eq = f.indexOf('=');
            if (eq > 0) {
                out.add(new String[] {f.substring(0, eq), f.substring(eq + 1)});
            }
        }
        return out;
    }

    /** The entries of a W or X: a new entry starts at 279 (X) or 269 (W). */
    private static List<MdEntry> entries(List<String[]> fields, boolean increment) {
        List<MdEntry> out = new ArrayList<>();
        Map<String, String> cur = null;
        for (String[] f : fields) {
            if (f[0].equals(increment ? "279" : "269") || cur == null && f[0].equals("269")) {
                if (cur != null && cur.containsKey("269")) {
                    out.add(entry(cur, increment));
                }
                cur = new HashMap<>();
            }
            if (cur != null) {
                cur.put(f[0], f[1]);
            }
        }
        if (cur != null && cur.containsKey("269")) {
            out.add(entry(cur, increment));
        }
        return out;
    }

    private static MdEntry entry(Map<String, String> f, boolean increment) {
        MdEntryType type = f.get("269").equals("0") ? MdEntryType.BID : MdEntryType.OFFER;
        Decimal px = Decimal.parse(f.get("270"));
        Decimal qty = Decimal.parse(f.get("271"));
        if (!increment) {
            return MdEntry.level(type, f.get("278"), px, qty, Stamp.NO_TIME);
        }
        MdUpdateAction a = switch (f.get("279")) {
            case "0" -> MdUpdateAction.NEW;
            case "1" -> MdUpdateAction.CHANGE;
            default -> MdUpdateAction.DELETE;
        };
        return MdEntry.update(a, type, f.get("278"), px, qty, Stamp.NO_TIME);
    }

    private static String value(List<String[]> fields, String tag) {
        return fields.stream().filter(f -> f[0].equals(tag)).findFirst().orElseThrow()[1];
    }

    @Test
    void fixChecksumExampleThroughTheL2Operator() {
        List<String> lines = KrakenFixtures.lines(KrakenFixtures.FIX_CHECKSUM_EXAMPLE);
        List<String[]> list = fields(lines.stream().filter(l -> l.contains("|35=y|")).findFirst().orElseThrow());
        List<String[]> w = fields(lines.stream().filter(l -> l.contains("|35=W|")).findFirst().orElseThrow());
        List<String[]> x = fields(lines.stream().filter(l -> l.contains("|35=X|")).findFirst().orElseThrow());
        int pricePrecision = Integer.parseInt(value(list, "2349"));
        int qtyPrecision = Integer.parseInt(value(list, "5010"));
        String symbol = value(w, "55");
        MarketDataSnapshot snapshot = new MarketDataSnapshot(T, value(w, "262"), symbol, entries(w, false));
        long expected = Long.parseLong(value(x, "5041"));
        MarketDataIncrement update = new MarketDataIncrement(T, value(x, "262"), symbol, entries(x, true), expected);
        BookMetrics metrics = new BookMetrics();

        StepVerifier.create(Flux.<Event>just(snapshot, update)
                        .transform(Books.l2().precision(symbol, pricePrecision, qtyPrecision).metrics(metrics).build()))
                .assertNext(v -> assertThat(((BookView) v).depth(Side.SELL)).isEqualTo(10))
                .assertNext(v -> {
                    BookView view = (BookView) v;
                    assertThat(view.bestAsk()).isEqualTo(280130);
                    assertThat(view.bestAskQty()).isEqualTo(96506);
                    assertThat(view.bestBid()).isEqualTo(280030);
                })
                .verifyComplete();
        assertThat(expected).isEqualTo(3341325816L);
        assertThat(metrics.checksumsVerified()).isEqualTo(1);
        assertThat(metrics.checksumMismatches()).isZero();
    }

    @Test
    void fixChecksumExampleWithTheInstrumentListInTheStream() {
        // precisions from the InstrumentList (35=y: 2349=1, 5010=8) in the stream instead of the builder
        List<String> lines = KrakenFixtures.lines(KrakenFixtures.FIX_CHECKSUM_EXAMPLE);
        List<String[]> w = fields(lines.stream().filter(l -> l.contains("|35=W|")).findFirst().orElseThrow());
        List<String[]> x = fields(lines.stream().filter(l -> l.contains("|35=X|")).findFirst().orElseThrow());
        String symbol = value(w, "55");
        MarketDataSnapshot snapshot = new MarketDataSnapshot(T, "0", symbol, entries(w, false));
        MarketDataIncrement update = new MarketDataIncrement(T, "0", symbol, entries(x, true),
                Long.parseLong(value(x, "5041")));
        io.fluxfix.model.Instrument btc = new io.fluxfix.model.Instrument(symbol, Decimal.parse("0.00000001"), 8,
                Decimal.parse("0.0001"), null, null, 1, -1, Decimal.parse("0.1"),
                io.fluxfix.model.InstrumentStatus.values()[0]);
        io.fluxfix.model.event.InstrumentList list = new io.fluxfix.model.event.InstrumentList(T, "SLS1000002", "r",
                io.fluxfix.model.event.InstrumentListResult.values()[0], null, List.of(btc), -1, null);
        BookMetrics fromList = new BookMetrics();
        StepVerifier.create(Flux.<Event>just(list, snapshot, update).transform(Books.l2().metrics(fromList).build()))
                .expectNextCount(2)
                .verifyComplete();
        assertThat(fromList.checksumsVerified()).isEqualTo(1);
        assertThat(fromList.checksumMismatches()).isZero();
    }

    private static JsonNode json(String fixture) throws Exception {
        return new ObjectMapper().readTree(KrakenFixtures.text(fixture));
    }

    @Test
    void wsV2BookChecksumExampleThroughTheL2Operator() throws Exception {
        JsonNode doc = json(KrakenFixtures.WS_V2_BOOK_CHECKSUM_EXAMPLE);
        JsonNode data = doc.get("message").get("data").get(0);
        long expected = doc.get("expected_checksum").asLong();
        List<MdEntry> levels = new ArrayList<>();
        for (String side : new String[] {"bids", "asks"}) {
            MdEntryType type = side.equals("bids") ? MdEntryType.BID : MdEntryType.OFFER;
            for (JsonNode l : data.get(side)) {
                Decimal px = Decimal.parse(l.get("price").asText());
                levels.add(MdEntry.update(MdUpdateAction.NEW, type, null, px, Decimal.parse(l.get("qty").asText()),
                        Stamp.NO_TIME));
            }
        }
        // An empty snapshot, then every level of the example as one increment carrying its checksum: the operator
        // itself must arrive at Kraken's value.
        String symbol = data.get("symbol").asText();
        BookMetrics metrics = new BookMetrics();
        StepVerifier.create(Flux.<Event>just(new MarketDataSnapshot(T, "ws", symbol, List.of()),
                                new MarketDataIncrement(T, "ws", symbol, levels, expected))
                        .transform(Books.l2().precision(symbol, 1, 8).metrics(metrics).build()))
                .expectNextCount(1)
                .assertNext(v -> assertThat(((BookView) v).mid()).isEqualTo(Decimal.parse("45284.35")))
                .verifyComplete();
        assertThat(expected).isEqualTo(3310070434L);
        assertThat(metrics.checksumsVerified()).isEqualTo(1);
        assertThat(metrics.checksumMismatches()).isZero();
    }

    @Test
    void wsV2Level3ExampleThroughTheL3Operator() throws Exception {
        JsonNode doc = json(KrakenFixtures.WS_V2_LEVEL3_SNAPSHOT_EXAMPLE);
        JsonNode data = doc.get("message").get("data").get(0);
        long expected = doc.get("expected_checksum").asLong();
        List<MdEntry> orders = new ArrayList<>();
        for (String side : new String[] {"bids", "asks"}) {
            MdEntryType type = side.equals("bids") ? MdEntryType.BID : MdEntryType.OFFER;
            for (JsonNode o : data.get(side)) {
                Instant t = Instant.parse(o.get("timestamp").asText());
                orders.add(new MdEntry(MdUpdateAction.NEW, type, o.get("order_id").asText(),
                        Decimal.parse(o.get("limit_price").asText()), Decimal.parse(o.get("order_qty").asText()),
                        Stamp.NO_TIME, Stamp.NO_TIME, t.getEpochSecond() * 1_000_000_000L + t.getNano(), null, null));
            }
        }
        java.util.Collections.reverse(orders); // arrival order must not matter: queue order comes from 5273
        String symbol = data.get("symbol").asText();
        BookMetrics metrics = new BookMetrics();
        StepVerifier.create(Flux.<Event>just(new MarketDataSnapshot(T, "l3", symbol, List.of()),
                                new MarketDataIncrement(T, "l3", symbol, orders, expected))
                        .transform(Books.l3().precision(symbol, 1, 8).metrics(metrics).build()))
                .expectNextCount(1)
                .assertNext(v -> {
                    BookView view = (BookView) v;
                    assertThat(view.isLevel3()).isTrue();
                    assertThat(view.depth(Side.BUY)).isEqualTo(10);
                    assertThat(view.orders(Side.BUY, 0)).isGreaterThan(1);
                    String first = data.get("bids").get(0).get("order_id").asText();
                    String second = data.get("bids").get(1).get("order_id").asText();
                    assertThat(view.orderId(Side.BUY, 0, 0)).isEqualTo(first);
                    assertThat(view.ordersAhead(first)).isZero();
                    assertThat(view.ordersAhead(second)).isEqualTo(1);
                    assertThat(view.qtyAhead(second)).isEqualTo(view.orderQty(Side.BUY, 0, 0));
                })
                .verifyComplete();
        assertThat(expected).isEqualTo(1063832831L);
        assertThat(metrics.checksumsVerified()).isEqualTo(1);
        assertThat(metrics.checksumMismatches()).isZero();
    }
}
