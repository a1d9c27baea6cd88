package io.fluxfix.book;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.Side;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MdUpdateAction;
import io.fluxfix.model.event.Stamp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Random add/change/delete sequences (and rebuilds) through the L2 operator and through a naive reference
 * (sorted maps, string checksum): after every step the operator must accept the reference's checksum and show
 * the same levels, best prices, mid, spread and depth at price. A failure names its seed and step.
 */
class L2BookRandomTest {

    private static final String SYMBOL = "BTC/USD";
    private static final int PRICE_SCALE = 1;
    private static final int QTY_SCALE = 8;
    private static final int STEPS = 600;

    private final NavigableMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
    private final NavigableMap<Long, Long> asks = new TreeMap<>();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597})
    void operatorAgreesWithReferenceAfterEveryStep(long seed) {
        Random rnd = new Random(seed);
        BookMetrics metrics = new BookMetrics();
        try (Driver d = new Driver(Books.l2().precision(SYMBOL, PRICE_SCALE, QTY_SCALE).metrics(metrics).build())) {
            long mid = 300_000 + rnd.nextInt(10_000); // 30000.0 .. 31000.0
            int step = 0;
            try {
                for (step = 0; step < STEPS; step++) {
                    BookEvent out;
                    if (step == 0 || rnd.nextInt(200) == 0) {
                        out = d.push(d.snapshot(SYMBOL, randomSnapshot(rnd, mid)));
                    } else {
                        List<MdEntry> entries = randomChanges(rnd, mid);
                        out = d.push(d.increment(SYMBOL, entries, referenceChecksum()));
                    }
                    assertThat(out).as("step %d emits a view", step).isInstanceOf(BookView.class);
                    check((BookView) out, step, rnd);
                }
            } catch (AssertionError e) {
                fail("seed " + seed + " failed at step " + step + ": " + e.getMessage(), e);
            }
            assertThat(metrics.checksumMismatches()).isZero();
            assertThat(metrics.checksumsVerified()).isGreaterThan(STEPS * 9 / 10);
        }
    }

    private List<MdEntry> randomSnapshot(Random rnd, long mid) {
        bids.clear();
        asks.clear();
        List<MdEntry> entries = new ArrayList<>();
        int n = rnd.nextInt(30);
        for (int i = 0; i < n; i++) {
            boolean bid = rnd.nextBoolean();
            long px = bid ? mid - 1 - rnd.nextInt(300) : mid + 1 + rnd.nextInt(300);
            long qty = 1 + rnd.nextInt(500_000_000);
            (bid ? bids : asks).put(px, qty);
        }
        bids.forEach((px, q) -> entries.add(MdEntry.level(MdEntryType.BID, "B" + px, dec(px, PRICE_SCALE),
                dec(q, QTY_SCALE), Stamp.NO_TIME)));
        asks.forEach((px, q) -> entries.add(MdEntry.level(MdEntryType.OFFER, "O" + px, dec(px, PRICE_SCALE),
                dec(q, QTY_SCALE), Stamp.NO_TIME)));
        return entries;
    }

    private List<MdEntry> randomChanges(Random rnd, long mid) {
        List<MdEntry> entries = new ArrayList<>();
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            boolean bid = rnd.nextBoolean();
            NavigableMap<Long, Long> side = bid ? bids : asks;
            MdEntryType type = bid ? MdEntryType.BID : MdEntryType.OFFER;
            int op = rnd.nextInt(10);
            if (op < 4 || side.isEmpty()) { // new level
                long px = bid ? mid - 1 - rnd.nextInt(300) : mid + 1 + rnd.nextInt(300);
                long qty = 1 + rnd.nextInt(500_000_000);
                MdUpdateAction action = side.containsKey(px) ? MdUpdateAction.CHANGE : MdUpdateAction.NEW;
                side.put(px, qty);
                entries.add(entry(action, type, px, qty));
            } else {
                long px = pick(rnd, side);
                if (op < 7) { // change
                    long qty = 1 + rnd.nextInt(500_000_000);
                    side.put(px, qty);
                    entries.add(entry(MdUpdateAction.CHANGE, type, px, qty));
                } else if (op < 9) { // delete, size 0 (left the book)
                    side.remove(px);
                    entries.add(entry(MdUpdateAction.DELETE, type, px, 0));
                } else { // delete with its size (left the subscribed depth)
                    long qty = side.remove(px);
                    entries.add(entry(MdUpdateAction.DELETE, type, px, qty));
                }
            }
        }
        return entries;
    }

    private static long pick(Random rnd, NavigableMap<Long, Long> side) {
        int k = rnd.nextInt(side.size());
        for (long px : side.keySet()) {
            if (k-- == 0) {
                return px;
            }
        }
        throw new AssertionError();
    }

    private static MdEntry entry(MdUpdateAction action, MdEntryType type, long px, long qty) {
        return MdEntry.update(action, type, (type == MdEntryType.BID ? "B" : "O") + dec(px, PRICE_SCALE),
                dec(px, PRICE_SCALE), dec(qty, QTY_SCALE), Stamp.NO_TIME);
    }

    private static Decimal dec(long mantissa, int scale) {
        return Decimal.of(mantissa, scale);
    }

    private long referenceChecksum() {
        ReferenceChecksum crc = new ReferenceChecksum(PRICE_SCALE, QTY_SCALE);
        asks.entrySet().stream().limit(10).forEach(e -> crc.add(e.getKey(), e.getValue()));
        bids.entrySet().stream().limit(10).forEach(e -> crc.add(e.getKey(), e.getValue()));
        return crc.value();
    }

    private void check(BookView v, int step, Random rnd) {
        assertThat(v.depth(Side.BUY)).as("bid depth").isEqualTo(bids.size());
        assertThat(v.depth(Side.SELL)).as("ask depth").isEqualTo(asks.size());
        int i = 0;
        for (Map.Entry<Long, Long> e : bids.entrySet()) {
            assertThat(v.price(Side.BUY, i)).as("bid %d price", i).isEqualTo(e.getKey());
            assertThat(v.qty(Side.BUY, i)).as("bid %d qty", i).isEqualTo(e.getValue());
            i++;
        }
        i = 0;
        for (Map.Entry<Long, Long> e : asks.entrySet()) {
            assertThat(v.price(Side.SELL, i)).as("ask %d price", i).isEqualTo(e.getKey());
            assertThat(v.qty(Side.SELL, i)).as("ask %d qty", i).isEqualTo(e.getValue());
            i++;
        }
        assertThat(v.price(Side.BUY, bids.size())).isEqualTo(BookView.NO_PRICE);
        if (!bids.isEmpty() && !asks.isEmpty()) {
            assertThat(v.spread()).isEqualTo(asks.firstKey() - bids.firstKey());
            assertThat(v.mid()).isEqualTo(Decimal.of(bids.firstKey() + asks.firstKey(), PRICE_SCALE)
                    .multiply(Decimal.parse("0.5")));
        } else {
            assertThat(v.spread()).isEqualTo(BookView.NO_PRICE);
        }
        long probe = 299_000 + rnd.nextInt(12_000);
        assertThat(v.qtyAt(Side.BUY, probe)).as("depth at %d", probe).isEqualTo(bids.getOrDefault(probe, 0L));
        assertThat(v.qtyAt(Side.SELL, probe)).isEqualTo(asks.getOrDefault(probe, 0L));
        if (step % 50 == 0) {
            BookSnapshot s = v.snapshot(10);
            assertThat(s.depth(Side.BUY)).isEqualTo(Math.min(10, bids.size()));
            assertThat(s).isEqualTo(v.snapshot(10));
        }
    }
}
