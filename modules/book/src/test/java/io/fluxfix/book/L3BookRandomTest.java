package io.fluxfix.book;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.Side;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MdUpdateAction;
import io.fluxfix.model.event.Stamp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Random order adds, size changes, price moves and deletes through the L3 operator and a naive reference
 * (a list of orders sorted on demand): levels, the orders of each level in queue order, queue positions and
 * the per-order checksum agree after every step. A failure names its seed and step.
 */
class L3BookRandomTest {

    private static final String SYMBOL = "PF_XBTUSD";
    private static final int STEPS = 500;

    private record Ref(String id, boolean bid, long px, long qty, long queueTime, long arrival) {
    }

    private final Map<String, Ref> orders = new LinkedHashMap<>();
    private long arrival;
    private long clock = 1_700_000_000_000_000_000L;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 11, 17, 19, 23, 29, 31, 37, 41, 43})
    void operatorAgreesWithReferenceAfterEveryStep(long seed) {
        Random rnd = new Random(seed);
        BookMetrics metrics = new BookMetrics();
        try (Driver d = new Driver(Books.l3().precision(SYMBOL, 1, 3).metrics(metrics).build())) {
            int step = 0;
            int nextId = 0;
            try {
                d.push(d.snapshot(SYMBOL, List.of()));
                for (step = 0; step < STEPS; step++) {
                    List<MdEntry> entries = new ArrayList<>();
                    for (int k = 0, n = 1 + rnd.nextInt(3); k < n; k++) {
                        int op = rnd.nextInt(10);
                        if (op < 5 || orders.isEmpty()) {
                            boolean bid = rnd.nextBoolean();
                            long px = bid ? 1000 - rnd.nextInt(15) : 1001 + rnd.nextInt(15);
                            String id = "o" + nextId++;
                            // mostly increasing queue times, sometimes an earlier one (it sorts ahead)
                            long qt = rnd.nextInt(8) == 0 ? clock - rnd.nextInt(5_000) : (clock += 1_000);
                            Ref r = new Ref(id, bid, px, 1 + rnd.nextInt(5_000), qt, arrival++);
                            orders.put(id, r);
                            entries.add(entry(MdUpdateAction.NEW, r));
                        } else {
                            Ref r = pick(rnd);
                            if (op < 7) {
                                Ref c = new Ref(r.id, r.bid, r.px, 1 + rnd.nextInt(5_000), r.queueTime, r.arrival);
                                orders.put(r.id, c);
                                entries.add(entry(MdUpdateAction.CHANGE, c));
                            } else if (op < 8) { // price move: back of the new level's queue
                                long px = r.bid ? 1000 - rnd.nextInt(15) : 1001 + rnd.nextInt(15);
                                Ref c = new Ref(r.id, r.bid, px, r.qty, clock += 1_000, arrival++);
                                if (px == r.px) {
                                    c = r;
                                }
                                orders.put(r.id, c);
                                entries.add(entry(MdUpdateAction.CHANGE, c));
                            } else {
                                orders.remove(r.id);
                                entries.add(entry(MdUpdateAction.DELETE, new Ref(r.id, r.bid, r.px, 0, r.queueTime,
                                        r.arrival)));
                            }
                        }
                    }
                    if (rnd.nextInt(5) == 0) { // a trade entry in between changes nothing
                        entries.add(new MdEntry(MdUpdateAction.NEW, MdEntryType.TRADE, null, Decimal.parse("100.0"),
                                Decimal.parse("0.001"), Stamp.NO_TIME, Stamp.NO_TIME, Stamp.NO_TIME, OrdType.LIMIT,
                                Side.BUY));
                    }
                    BookEvent out = d.push(d.increment(SYMBOL, entries, checksum()));
                    assertThat(out).as("step %d emits a view", step).isInstanceOf(BookView.class);
                    check((BookView) out, rnd);
                }
            } catch (AssertionError e) {
                fail("seed " + seed + " failed at step " + step + ": " + e.getMessage(), e);
            }
            assertThat(metrics.checksumMismatches()).isZero();
            assertThat(metrics.checksumsVerified()).isEqualTo(STEPS);
        }
    }

    private Ref pick(Random rnd) {
        int k = rnd.nextInt(orders.size());
        for (Ref r : orders.values()) {
            if (k-- == 0) {
                return r;
            }
        }
        throw new AssertionError();
    }

    private static MdEntry entry(MdUpdateAction action, Ref r) {
        return new MdEntry(action, r.bid ? MdEntryType.BID : MdEntryType.OFFER, r.id, Decimal.of(r.px, 1),
                Decimal.of(r.qty, 3), Stamp.NO_TIME, Stamp.NO_TIME, r.queueTime, null, null);
    }

    /** Price -> orders in queue order, best level first. */
    private TreeMap<Long, List<Ref>> levels(boolean bid) {
        Comparator<Long> byPrice = bid ? Comparator.reverseOrder() : Comparator.naturalOrder();
        TreeMap<Long, List<Ref>> m = new TreeMap<>(byPrice);
        Comparator<Ref> queue = Comparator.comparingLong(Ref::queueTime).thenComparingLong(Ref::arrival);
        orders.values().stream().filter(r -> r.bid == bid).collect(Collectors.groupingBy(Ref::px))
                .forEach((px, list) -> m.put(px, list.stream().sorted(queue).toList()));
        return m;
    }

    private long checksum() {
        ReferenceChecksum crc = new ReferenceChecksum(1, 3);
        for (boolean bid : new boolean[] {false, true}) {
            levels(bid).values().stream().limit(10).forEach(l -> l.forEach(r -> crc.add(r.px, r.qty)));
        }
        return crc.value();
    }

    private void check(BookView v, Random rnd) {
        for (boolean bid : new boolean[] {true, false}) {
            Side side = bid ? Side.BUY : Side.SELL;
            TreeMap<Long, List<Ref>> ref = levels(bid);
            assertThat(v.depth(side)).isEqualTo(ref.size());
            int i = 0;
            for (Map.Entry<Long, List<Ref>> e : ref.entrySet()) {
                assertThat(v.price(side, i)).isEqualTo(e.getKey());
                assertThat(v.qty(side, i)).isEqualTo(e.getValue().stream().mapToLong(Ref::qty).sum());
                assertThat(v.orders(side, i)).isEqualTo(e.getValue().size());
                for (int j = 0; j < e.getValue().size(); j++) {
                    assertThat(v.orderId(side, i, j)).as("level %d order %d", i, j).isEqualTo(e.getValue().get(j).id);
                    assertThat(v.orderQty(side, i, j)).isEqualTo(e.getValue().get(j).qty);
                }
                i++;
            }
        }
        if (!orders.isEmpty()) {
            Ref r = pick(rnd);
            List<Ref> level = levels(r.bid).get(r.px);
            int ahead = level.indexOf(r);
            long qtyAhead = level.subList(0, ahead).stream().mapToLong(Ref::qty).sum();
            assertThat(v.ordersAhead(r.id)).as("orders ahead of %s", r.id).isEqualTo(ahead);
            assertThat(v.qtyAhead(r.id)).isEqualTo(qtyAhead);
            BookSnapshot s = v.snapshot();
            assertThat(s.ordersAhead(r.id)).isEqualTo(ahead);
            assertThat(s.qtyAhead(r.id)).isEqualTo(qtyAhead);
        }
        assertThat(v.ordersAhead("no-such-order")).isEqualTo(-1);
    }
}
