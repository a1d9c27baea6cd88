package io.fluxfix.venue.wire;

import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.testkit.fix.FixConnection;
import io.fluxfix.testkit.fix.FixMessage;
import io.fluxfix.venue.admin.AdminTestClient;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

import static io.fluxfix.venue.wire.VenueFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Level 2 market data over FIX: logon with the CompID only, Kraken's documented MarketDataRequest, the
 * snapshot and incrementals a client rebuilds and checks against 5041 with its own CRC32, trades, rejects,
 * InstrumentList and TradingSessionStatus with the mode announced when the operator changes it.
 */
class MarketDataWireTest extends WireTestBase {

    FixConnection marketData() {
        FixConnection c = f.connect(KrakenEndpoint.SPOT_MARKET_DATA, VenueFixture.ALICE);
        c.logon();
        assertThat(c.awaitMessage("A", WAIT).msgType()).isEqualTo("A");
        return c;
    }

    /** A client's L2 book from W and X alone: entries in order, 279 first in each X entry. */
    static final class Book {
        final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();

        void apply(FixMessage m) {
            String action = null;
            String type = null;
            BigDecimal px = null;
            for (FixMessage.Field field : m.fields()) {
                switch (field.tag()) {
                    case 279 -> action = field.value();
                    case 269 -> type = field.value();
                    case 270 -> px = new BigDecimal(field.value());
                    case 271 -> {
                        if (!"2".equals(type)) {
                            TreeMap<BigDecimal, BigDecimal> side = "0".equals(type) ? bids : asks;
                            if ("2".equals(action)) {
                                side.remove(px);
                            } else {
                                side.put(px, new BigDecimal(field.value()));
                            }
                        }
                    }
                    default -> {
                    }
                }
            }
        }

        long crc(int pricePrecision, int qtyPrecision) {
            StringBuilder sb = new StringBuilder();
            asks.entrySet().stream().limit(10).forEach(e -> sb.append(digits(e.getKey(), pricePrecision))
                    .append(digits(e.getValue(), qtyPrecision)));
            bids.entrySet().stream().limit(10).forEach(e -> sb.append(digits(e.getKey(), pricePrecision))
                    .append(digits(e.getValue(), qtyPrecision)));
            CRC32 crc = new CRC32();
            crc.update(sb.toString().getBytes(StandardCharsets.US_ASCII));
            return crc.getValue();
        }

        private static String digits(BigDecimal d, int precision) {
            return d.setScale(precision).toPlainString().replace(".", "").replaceFirst("^0+", "");
        }
    }

    @Test
    void aSubscriberRebuildsTheBookAndSeesTradesWithEveryChecksumAgreeing() {
        try (FixConnection a = alice(); FixConnection b = bob(); FixConnection md = marketData()) {
            for (int i = 0; i < 12; i++) {
                awaitReport(b, limit(b, "2", "0.01", Integer.toString(84000 + 10 * i)), "0");
                awaitReport(a, limit(a, "1", "0.01", Integer.toString(83990 - 10 * i)), "0");
            }
            // Kraken's documented Spot L2 request (U-MDR), 146 omitted as in the example
            md.send("V", "262=MDSUB1|263=1|264=10|265=1|267=3|269=0|269=1|269=2|55=BTC/USD");
            FixMessage w = md.awaitMessage("W", WAIT);
            assertThat(w.get(262)).isEqualTo("MDSUB1");
            assertThat(w.get(273)).as("UTC time of day, as in Kraken's example")
                    .isEqualTo(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
                            .withZone(java.time.ZoneOffset.UTC).format(f.now.get()));
            assertThat(w.getAll(278)).hasSize(20).contains("O84000", "B83990");
            Book book = new Book();
            book.apply(w);

            String sweep = limit(a, "1", "0.035", "84020"); // takes 84000, 84010 and part of 84020
            awaitReport(a, sweep, "F");
            String ask = limit(b, "2", "0.5", "84005");
            awaitReport(b, ask, "0");
            String cancel = f.clOrdId();
            b.send("F", "11=" + cancel + "|41=" + ask + "|54=2|55=BTC/USD|60=" + f.transactTime());
            awaitReport(b, cancel, "4");

            int checked = 0;
            int trades = 0;
            while (checked < 3) {
                FixMessage x = md.awaitMessage("X", WAIT);
                for (int i = 0; i < x.getAll(269).size(); i++) {
                    if (x.getAll(269).get(i).equals("2")) {
                        trades++;
                    }
                }
                book.apply(x);
                assertThat(Long.parseLong(x.get(5041))).as("the client's CRC32 after %s", x).isEqualTo(book.crc(1, 8));
                checked++;
            }
            // the sweep's three, then Bob's new ask meeting the rest of Alice's sweep, resting at 84020
            assertThat(trades).isEqualTo(4);
            assertThat(book.asks.firstKey()).isEqualByComparingTo("84030");
            assertThat(book.bids.firstKey()).isEqualByComparingTo("83990");
            assertThat(book.asks).hasSize(9);
            assertThat(book.bids).hasSize(10);
        }
    }

    @Test
    void tradesCarryTheTakersOrdTypeAndAggressorSide() {
        try (FixConnection a = alice(); FixConnection b = bob(); FixConnection md = marketData()) {
            awaitReport(b, limit(b, "2", "0.01", "84000"), "0");
            md.send("V", "262=t|263=1|264=1|265=1|267=3|269=0|269=1|269=2|146=1|55=BTC/USD");
            md.awaitMessage("W", WAIT);
            String id = f.clOrdId();
            a.send("D", "11=" + id + "|55=BTC/USD|54=1|40=1|38=0.01|59=3|60=" + f.transactTime());
            awaitReport(a, id, "F");
            FixMessage x = md.awaitMessage("X", WAIT);
            List<FixMessage.Field> fields = x.fields();
            int trade = x.getAll(269).indexOf("2");
            assertThat(trade).isZero();
            assertThat(x.get(40)).isEqualTo("1");
            assertThat(x.get(2446)).isEqualTo("1");
            assertThat(fields).anyMatch(fl -> fl.tag() == 270 && fl.value().equals("84000"));
        }
    }

    @Test
    void badRequestsGet35YAndSubscriptionsDieWithTheConnection() {
        try (FixConnection md = marketData()) {
            md.send("V", "262=x1|263=1|264=10|265=1|267=2|269=0|269=1|55=FOO/BAR");
            FixMessage y = md.awaitMessage("Y", WAIT);
            assertThat(y.get(281)).isEqualTo("0");
            assertThat(y.get(58)).isEqualTo("Unknown symbol: FOO/BAR");
            md.send("V", "262=x2|263=1|264=7|265=1|267=2|269=0|269=1|55=BTC/USD");
            assertThat(md.awaitMessage("Y", WAIT).get(58)).isEqualTo("Unsupported market depth: 7");
            md.send("V", "262=x3|263=1|264=10|265=1|267=2|269=0|269=1|55=BTC/USD");
            md.awaitMessage("W", WAIT);
            md.send("V", "262=x3|263=1|264=10|265=1|267=2|269=0|269=1|55=BTC/USD");
            assertThat(md.awaitMessage("Y", WAIT).get(281)).isEqualTo("1");
        }
        try (FixConnection again = marketData(); FixConnection b = bob()) {
            awaitReport(b, limit(b, "2", "0.01", "84000"), "0");
            again.send("V", "262=x3|263=1|264=10|265=1|267=2|269=0|269=1|55=BTC/USD");
            assertThat(again.awaitMessage("W", WAIT).get(262)).as("the old subscription died: x3 is free again")
                    .isEqualTo("x3");
        }
    }

    @Test
    void instrumentListAndTradingStatusWithTheModeAnnounced() {
        try (FixConnection md = marketData(); AdminTestClient admin = new AdminTestClient(f.venue.adminPort())) {
            md.send("x", "320=SLREQ1|559=0|55=BTC/USD");
            FixMessage y = md.awaitMessage("y", WAIT);
            assertThat(y.get(560)).isEqualTo("0");
            assertThat(y.get(55)).isEqualTo("BTC/USD");
            assertThat(y.get(2349)).isEqualTo("1");
            assertThat(y.get(5010)).isEqualTo("8");
            assertThat(y.get(5022)).isEqualTo("0.1");
            assertThat(y.get(5032)).isEqualTo("1");
            md.send("x", "320=SLREQ2|559=4");
            assertThat(md.awaitMessage("y", WAIT).getAll(55)).contains("BTC/USD");

            md.send("x", "320=SLREQ3|559=4|263=1");
            md.awaitMessage(m -> m.msgType().equals("y") && "SLREQ3".equals(m.get(320)), WAIT);
            assertThat(admin.post("/instruments/BTC%2FUSD/status", "{\"status\":\"cancel_only\"}").status()).isEqualTo(200);
            FixMessage changed = md.awaitMessage(m -> m.msgType().equals("y") && "SLREQ3".equals(m.get(320)), WAIT);
            assertThat(changed.getAll(55)).containsExactly("BTC/USD");
            assertThat(changed.get(5032)).as("cancel_only").isEqualTo("3");

            md.send("g", "335=TSSREQ1|336=SESSION|263=1");
            FixMessage h = md.awaitMessage("h", WAIT);
            assertThat(h.get(340)).isEqualTo("2");
            assertThat(admin.post("/trading-mode", "{\"mode\":\"post_only\"}").status()).isEqualTo(200);
            FixMessage announced = md.awaitMessage("h", WAIT);
            assertThat(announced.get(335)).isEqualTo("TSSREQ1");
            assertThat(announced.get(340)).isEqualTo("102");
        }
    }

    @Test
    void tradingSessionStatusIsSpotOnlyByDefault() {
        try (FixConnection md = f.connect(KrakenEndpoint.DERIVATIVES_MARKET_DATA, VenueFixture.ALICE_DRV)) {
            md.logon();
            md.awaitMessage("A", WAIT);
            md.send("g", "335=TSS1|336=SESSION|263=0");
            FixMessage j = md.awaitMessage("j", WAIT);
            assertThat(j.get(380)).isEqualTo("3");
            assertThat(j.get(372)).isEqualTo("g");
        }
    }

    @Test
    void levelTwoAndLevelThreeOfOneCompIdRunSideBySide() {
        try (FixConnection b = bob(); FixConnection l2 = marketData();
             FixConnection l3 = f.connect(KrakenEndpoint.SPOT_MARKET_DATA_L3, VenueFixture.ALICE)) {
            l3.logon();
            assertThat(l3.awaitMessage("A", WAIT).msgType()).isEqualTo("A");
            String first = limit(b, "2", "0.01", "84000");
            String orderId = awaitReport(b, first, "0").get(37);
            awaitReport(b, limit(b, "2", "0.02", "84000"), "0");
            l2.send("V", "262=two|263=1|264=10|265=1|267=2|269=0|269=1|55=BTC/USD");
            l3.send("V", "262=three|263=1|264=10|265=1|266=N|267=2|269=0|269=1|146=1|55=BTC/USD");
            FixMessage w2 = l2.awaitMessage("W", WAIT);
            FixMessage w3 = l3.awaitMessage("W", WAIT);
            assertThat(w2.getAll(278)).containsExactly("O84000");
            assertThat(w2.getAll(271)).containsExactly("0.03");
            assertThat(w3.getAll(278)).as("one entry per order, OrderIDs").hasSize(2).startsWith(orderId);
            assertThat(w3.getAll(5273)).hasSize(2);
            b.send("F", "11=" + f.clOrdId() + "|41=" + first + "|54=2|55=BTC/USD|60=" + f.transactTime());
            FixMessage x3 = l3.awaitMessage("X", WAIT);
            assertThat(x3.get(279)).isEqualTo("2");
            assertThat(x3.get(278)).isEqualTo(orderId);
            assertThat(x3.get(271)).isEqualTo("0");
            assertThat(l2.awaitMessage("X", WAIT).get(271)).isEqualTo("0.02");
        }
    }

    @Override
    Map<String, String> overrides() {
        return Map.of();
    }
}
