package io.fluxfix.model.kraken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fluxfix.model.Decimal;
import io.fluxfix.testkit.fixtures.KrakenFixtures;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.fluxfix.testkit.fixtures.KrakenFixtures.WS_V1_BOOK10_XBTUSD;
import static io.fluxfix.testkit.fixtures.KrakenFixtures.WS_V2_BOOK10_BTCUSD;
import static io.fluxfix.testkit.fixtures.KrakenFixtures.WS_V2_BOOK_CHECKSUM_EXAMPLE;
import static io.fluxfix.testkit.fixtures.KrakenFixtures.WS_V2_LEVEL3_SNAPSHOT_EXAMPLE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kraken's checksum computed from Kraken's own inputs: the documented examples and every checksum of two
 * real WebSocket recordings, replayed through a plain reference book kept in this test.
 */
class BookChecksumTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final BookChecksum checksum = new BookChecksum();

    @Test
    void documentedWebSocketV2Example() throws Exception {
        JsonNode book = JSON.readTree(KrakenFixtures.text(WS_V2_BOOK_CHECKSUM_EXAMPLE)).at("/message/data/0");
        ReferenceBook ref = new ReferenceBook(1, 8, 10);
        book.get("asks").forEach(l -> ref.set(false, text(l.get("price")), text(l.get("qty"))));
        book.get("bids").forEach(l -> ref.set(true, text(l.get("price")), text(l.get("qty"))));

        assertThat(ref.checksum(checksum)).isEqualTo(3310070434L);
    }

    @Test
    void documentedLevel3ExampleIteratesEveryOrderOfTheTopTenLevels() throws Exception {
        JsonNode book = JSON.readTree(KrakenFixtures.text(WS_V2_LEVEL3_SNAPSHOT_EXAMPLE)).at("/message/data/0");
        // Orders arrive in queue order within each level; levels are taken best first.
        List<JsonNode> asks = sortedOrders(book.get("asks"), Comparator.naturalOrder());
        List<JsonNode> bids = sortedOrders(book.get("bids"), Comparator.reverseOrder());

        checksum.reset();
        addTopTenLevels(asks);
        addTopTenLevels(bids);

        assertThat(checksum.value()).isEqualTo(1063832831L);
    }

    @Test
    void everyChecksumOfARealWebSocketV2Recording() throws Exception {
        List<String> frames = KrakenFixtures.lines(WS_V2_BOOK10_BTCUSD);
        ReferenceBook ref = new ReferenceBook(1, 8, 10);
        int verified = 0;
        for (String frame : frames) {
            JsonNode msg = JSON.readTree(frame);
            if (!"book".equals(msg.path("channel").asText())) {
                continue;
            }
            JsonNode data = msg.at("/data/0");
            if ("snapshot".equals(msg.get("type").asText())) {
                ref.clear();
            }
            data.get("bids").forEach(l -> ref.set(true, text(l.get("price")), text(l.get("qty"))));
            data.get("asks").forEach(l -> ref.set(false, text(l.get("price")), text(l.get("qty"))));
            ref.truncate();
            assertThat(ref.checksum(checksum)).as("checksum after frame %s", frame)
                    .isEqualTo(data.get("checksum").asLong());
            verified++;
        }
        assertThat(verified).isEqualTo(1 + 509);
    }

    @Test
    void everyChecksumOfARealWebSocketV1Recording() throws Exception {
        // v1 sends prices with 5 decimals and quantities with 8, and checksums them as sent.
        ReferenceBook ref = new ReferenceBook(5, 8, 10);
        int verified = 0;
        for (String frame : KrakenFixtures.lines(WS_V1_BOOK10_XBTUSD)) {
            JsonNode msg = JSON.readTree(frame);
            if (!msg.isArray()) {
                continue;
            }
            String expected = null;
            for (int i = 1; i < msg.size() - 2; i++) {
                JsonNode part = msg.get(i);
                for (Map.Entry<String, Boolean> side : Map.of("as", false, "bs", true, "a", false, "b", true).entrySet()) {
                    JsonNode levels = part.get(side.getKey());
                    if (levels != null) {
                        levels.forEach(l -> ref.set(side.getValue(), l.get(0).asText(), l.get(1).asText()));
                    }
                }
                if (part.has("c")) {
                    expected = part.get("c").asText();
                }
            }
            ref.truncate();
            if (expected != null) {
                assertThat(ref.checksum(checksum)).as("checksum after frame %s", frame)
                        .isEqualTo(Long.parseLong(expected));
                verified++;
            }
        }
        assertThat(verified).isEqualTo(979);
    }

    @Test
    void zeroQuantitiesContributeNothingAndOnlyTenLevelsCount() {
        long[] px = new long[12];
        long[] qty = new long[12];
        for (int i = 0; i < 12; i++) {
            px[i] = 1000 + i;
            qty[i] = i == 0 ? 0 : 5;
        }
        long ten = checksum.l2(px, qty, 10, px, qty, 10);
        long twelve = checksum.l2(px, qty, 12, px, qty, 12);
        assertThat(twelve).isEqualTo(ten);

        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        StringBuilder s = new StringBuilder();
        for (int side = 0; side < 2; side++) {
            for (int i = 0; i < 10; i++) {
                s.append(px[i]).append(qty[i] == 0 ? "" : Long.toString(qty[i]));
            }
        }
        crc.update(s.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(ten).isEqualTo(crc.getValue());
    }

    private static String text(JsonNode n) {
        return n.isNumber() ? n.decimalValue().toPlainString() : n.asText();
    }

    private static List<JsonNode> sortedOrders(JsonNode orders, Comparator<Decimal> priceOrder) {
        List<JsonNode> list = new java.util.ArrayList<>();
        orders.forEach(list::add);
        // Stable sort by price keeps the queue order within a level.
        list.sort(Comparator.comparing(o -> Decimal.parse(o.get("limit_price").asText()), priceOrder));
        return list;
    }

    private void addTopTenLevels(List<JsonNode> orders) {
        int levels = 0;
        String last = null;
        for (JsonNode o : orders) {
            String price = o.get("limit_price").asText();
            if (!price.equals(last)) {
                if (++levels > BookChecksum.LEVELS) {
                    break;
                }
                last = price;
            }
            checksum.add(Decimal.parseUnscaled(price, 1), Decimal.parseUnscaled(o.get("order_qty").asText(), 8));
        }
    }

    /** The simplest correct L2 book: sorted maps of mantissas, truncated to the subscribed depth. */
    private static final class ReferenceBook {
        private final int priceScale;
        private final int qtyScale;
        private final int depth;
        private final TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
        private final TreeMap<Long, Long> asks = new TreeMap<>();

        ReferenceBook(int priceScale, int qtyScale, int depth) {
            this.priceScale = priceScale;
            this.qtyScale = qtyScale;
            this.depth = depth;
        }

        void set(boolean bid, String price, String qty) {
            long p = Decimal.parseUnscaled(price, priceScale);
            long q = Decimal.parseUnscaled(qty, qtyScale);
            TreeMap<Long, Long> side = bid ? bids : asks;
            if (q == 0) {
                side.remove(p);
            } else {
                side.put(p, q);
            }
        }

        void truncate() {
            while (bids.size() > depth) {
                bids.pollLastEntry();
            }
            while (asks.size() > depth) {
                asks.pollLastEntry();
            }
        }

        void clear() {
            bids.clear();
            asks.clear();
        }

        long checksum(BookChecksum c) {
            c.reset();
            asks.entrySet().stream().limit(BookChecksum.LEVELS).forEach(e -> c.add(e.getKey(), e.getValue()));
            bids.entrySet().stream().limit(BookChecksum.LEVELS).forEach(e -> c.add(e.getKey(), e.getValue()));
            return c.value();
        }
    }

    @Test
    void aLongL3InputAndReuseGiveTheCrcOfTheWholeString() {
        // 10 levels of 60 orders each: far more digits than the first buffer holds; then the same object again
        StringBuilder text = new StringBuilder();
        for (int round = 0; round < 2; round++) {
            checksum.reset();
            text.setLength(0);
            for (int level = 0; level < 10; level++) {
                for (int order = 0; order < 60; order++) {
                    long px = 4_493_940L + level;
                    long qty = 100_000_000L * (order + 1) + level;
                    checksum.add(px, qty);
                    text.append(px).append(qty);
                }
            }
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(text.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(checksum.value()).isEqualTo(crc.getValue());
            assertThat(checksum.value()).as("value() twice").isEqualTo(crc.getValue());
        }
    }

    @Test
    void everyDigitCountAndZeroWriteTheirPlainDigits() {
        long[] values = {0, 1, 9, 10, 99, 100, 101, 999, 1000, 100_000_000, 2_147_483_647L, 2_147_483_648L,
                9_999_999_999L, 10_000_000_000L, 123_456_789_012_345_678L, Long.MAX_VALUE};
        for (long v : values) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            String text = (v == 0 ? "" : Long.toString(v)) + "7";
            crc.update(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(checksum.reset().add(v, 7).value()).as("%d", v).isEqualTo(crc.getValue());
            byte[] out = new byte[25];
            int end = BookChecksum.writeDigits(v, out, 3);
            assertThat(new String(out, 3, end - 3, java.nio.charset.StandardCharsets.US_ASCII)).as("%d", v)
                    .isEqualTo(v == 0 ? "" : Long.toString(v));
            assertThat(checksum.reset().addDigits(out, 3, end - 3).add(7, 0).value()).as("%d as text", v)
                    .isEqualTo(crc.getValue());
        }
    }

    @Test
    void writeDigitsCountsTheDigitsOfEveryPowerOfTenBoundaryAndRandomValues() {
        java.util.Random rnd = new java.util.Random(11);
        java.util.List<Long> values = new java.util.ArrayList<>();
        long p = 1;
        for (int k = 0; k <= 18; k++) {
            values.add(p - 1);
            values.add(p);
            values.add(p + 1);
            p *= 10;
        }
        for (int bits = 1; bits < 63; bits++) {
            values.add(1L << bits);
            values.add((1L << bits) - 1);
        }
        for (int i = 0; i < 10_000; i++) {
            values.add((rnd.nextLong() >>> 1) >>> rnd.nextInt(63));
        }
        byte[] out = new byte[40];
        for (long v : values) {
            java.util.Arrays.fill(out, (byte) '#');
            int end = BookChecksum.writeDigits(v, out, 5);
            assertThat(new String(out, 5, end - 5, java.nio.charset.StandardCharsets.US_ASCII)).as("%d", v)
                    .isEqualTo(v == 0 ? "" : Long.toString(v));
            assertThat(out[4]).as("before %d", v).isEqualTo((byte) '#');
            assertThat(out[end]).as("after %d", v).isEqualTo((byte) '#');
        }
    }

    @Test
    void repeatedAndCollidingValuesGiveTheSameDigitsAsFreshOnes() {
        // 5,000 values from a small pool, so the digit cache both hits and evicts
        java.util.Random rnd = new java.util.Random(3);
        long[] pool = new long[3_000];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = rnd.nextInt(4) == 0 ? rnd.nextLong() & Long.MAX_VALUE : rnd.nextInt(1_000_000_000);
        }
        for (int round = 0; round < 50; round++) {
            checksum.reset();
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < 50; k++) {
                long px = pool[rnd.nextInt(pool.length)];
                long qty = pool[rnd.nextInt(pool.length)];
                checksum.add(px, qty);
                text.append(px == 0 ? "" : Long.toString(px)).append(qty == 0 ? "" : Long.toString(qty));
            }
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(text.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(checksum.value()).as("round %d", round).isEqualTo(crc.getValue());
        }
    }
}
