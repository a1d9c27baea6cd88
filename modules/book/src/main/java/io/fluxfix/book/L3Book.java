package io.fluxfix.book;

import io.fluxfix.model.Side;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.model.kraken.BookChecksum;
import org.agrona.collections.Object2ObjectHashMap;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;

/**
 * An order-by-order (L3) book of one instrument: each price level holds its orders in queue order (the time
 * the order joined the level, FIX 5273; arrival order when the venue sends none). Orders and levels are pooled
 * and the order-id map is open-addressing, so a book at its working size allocates nothing per update.
 * Single-threaded, like {@link L2Book}.
 */
public final class L3Book implements BookSource {

    private final String symbol;
    private final String mdReqId;
    private final int priceScale;
    private final int qtyScale;
    private final Levels bids = new Levels(false);
    private final Levels asks = new Levels(true);
    private final Object2ObjectHashMap<String, Order> byId = new Object2ObjectHashMap<>();
    private final ArrayDeque<Order> freeOrders = new ArrayDeque<>();
    private final ArrayDeque<Level> freeLevels = new ArrayDeque<>();
    private final BookView view = new LiveView(this);
    private long updateNanos;
    private long updates;

    public L3Book(String symbol, String mdReqId, int priceScale, int qtyScale) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.mdReqId = mdReqId;
        this.priceScale = priceScale;
        this.qtyScale = qtyScale;
    }

    private static final class Order {
        String id;
        Side side;
        long price;
        long qty;
        long queueTime;
        Level level;
    }

    private static final class Level {
        long price;
        long total;
        int count;
        Order[] orders = new Order[8];

        int indexOf(Order o) {
            for (int i = 0; i < count; i++) {
                if (orders[i] == o) {
                    return i;
                }
            }
            return -1;
        }

        // Queue order: by queue time, arrival order among equal or missing times.
        void insert(Order o) {
            if (count == orders.length) {
                orders = Arrays.copyOf(orders, count * 2);
            }
            int at = count;
            if (o.queueTime != Stamp.NO_TIME) {
                while (at > 0 && orders[at - 1].queueTime != Stamp.NO_TIME && orders[at - 1].queueTime > o.queueTime) {
                    at--;
                }
            }
            System.arraycopy(orders, at, orders, at + 1, count - at);
            orders[at] = o;
            count++;
            total += o.qty;
        }

        void remove(Order o) {
            int i = indexOf(o);
            System.arraycopy(orders, i + 1, orders, i, count - i - 1);
            orders[--count] = null;
            total -= o.qty;
        }
    }

    /** Levels of one side sorted by key (price for bids, −price for asks), best last. */
    private final class Levels {
        final boolean ask;
        long[] keys = new long[16];
        Level[] levels = new Level[16];
        int n;

        Levels(boolean ask) {
            this.ask = ask;
        }

        long key(long price) {
            return ask ? -price : price;
        }

        Level at(int level) {
            return levels[n - 1 - level];
        }

        Level find(long price) {
            int i = Arrays.binarySearch(keys, 0, n, key(price));
            return i >= 0 ? levels[i] : null;
        }

        int levelOf(long price) {
            int i = Arrays.binarySearch(keys, 0, n, key(price));
            return i >= 0 ? n - 1 - i : -1;
        }

        Level getOrCreate(long price) {
            long k = key(price);
            int i = Arrays.binarySearch(keys, 0, n, k);
            if (i >= 0) {
                return levels[i];
            }
            int at = -(i + 1);
            if (n == keys.length) {
                keys = Arrays.copyOf(keys, n * 2);
                levels = Arrays.copyOf(levels, n * 2);
            }
            System.arraycopy(keys, at, keys, at + 1, n - at);
            System.arraycopy(levels, at, levels, at + 1, n - at);
            Level l = freeLevels.isEmpty() ? new Level() : freeLevels.pop();
            l.price = price;
            l.total = 0;
            l.count = 0;
            keys[at] = k;
            levels[at] = l;
            n++;
            return l;
        }

        void drop(Level l) {
            int i = Arrays.binarySearch(keys, 0, n, key(l.price));
            System.arraycopy(keys, i + 1, keys, i, n - i - 1);
            System.arraycopy(levels, i + 1, levels, i, n - i - 1);
            levels[--n] = null;
            freeLevels.push(l);
        }

        void clear() {
            for (int i = 0; i < n; i++) {
                Level l = levels[i];
                for (int j = 0; j < l.count; j++) {
                    recycle(l.orders[j]);
                    l.orders[j] = null;
                }
                l.count = 0;
                freeLevels.push(l);
                levels[i] = null;
            }
            n = 0;
        }
    }

    private void recycle(Order o) {
        o.id = null;
        o.level = null;
        freeOrders.push(o);
    }

    private Levels side(Side side) {
        return side == Side.BUY ? bids : asks;
    }

    @Override
    public String symbol() {
        return symbol;
    }

    @Override
    public String mdReqId() {
        return mdReqId;
    }

    @Override
    public boolean isLevel3() {
        return true;
    }

    @Override
    public long updateNanos() {
        return updateNanos;
    }

    @Override
    public long updatesSinceSnapshot() {
        return updates;
    }

    @Override
    public int priceScale() {
        return priceScale;
    }

    @Override
    public int qtyScale() {
        return qtyScale;
    }

    public void clear() {
        bids.clear();
        asks.clear();
        byId.clear();
        updates = 0;
    }

    /** Number of orders in the book. */
    public int orderCount() {
        return byId.size();
    }

    public boolean contains(String orderId) {
        return byId.containsKey(orderId);
    }

    /**
     * Adds an order (replacing one with the same id) at the back of its level's queue, or at the place its
     * {@code queueTime} (epoch nanoseconds, {@link Stamp#NO_TIME} when unknown) gives it.
     */
    public void add(Side side, String orderId, long price, long qty, long queueTime) {
        if (qty <= 0 || price < 0) {
            throw new IllegalArgumentException("order " + orderId + ": bad price or quantity " + price + " " + qty);
        }
        remove(orderId);
        Order o = freeOrders.isEmpty() ? new Order() : freeOrders.pop();
        o.id = orderId;
        o.side = side;
        o.price = price;
        o.qty = qty;
        o.queueTime = queueTime;
        Level l = side(side).getOrCreate(price);
        o.level = l;
        l.insert(o);
        byId.put(orderId, o);
    }

    /**
     * Changes an order's quantity in place (it keeps its queue position); a new price moves it to the back of
     * the new level. Quantity 0 removes it. Returns false when there is no such order.
     */
    public boolean change(String orderId, long price, long qty, long queueTime) {
        Order o = byId.get(orderId);
        if (o == null) {
            return false;
        }
        if (qty == 0) {
            return remove(orderId);
        }
        if (price != o.price) {
            add(o.side, orderId, price, qty, queueTime);
            return true;
        }
        o.level.total += qty - o.qty;
        o.qty = qty;
        return true;
    }

    /** Removes an order; returns whether it was there. */
    public boolean remove(String orderId) {
        Order o = byId.remove(orderId);
        if (o == null) {
            return false;
        }
        Level l = o.level;
        l.remove(o);
        if (l.count == 0) {
            side(o.side).drop(l);
        }
        recycle(o);
        return true;
    }

    public void applied(long nanos, boolean snapshot) {
        updateNanos = nanos;
        updates = snapshot ? 0 : updates + 1;
    }

    @Override
    public int depth(Side side) {
        return side(side).n;
    }

    @Override
    public long price(Side side, int level) {
        Levels s = side(side);
        return level < s.n ? s.at(level).price : BookView.NO_PRICE;
    }

    @Override
    public long qty(Side side, int level) {
        Levels s = side(side);
        return level < s.n ? s.at(level).total : 0;
    }

    @Override
    public long qtyAt(Side side, long price) {
        Level l = side(side).find(price);
        return l == null ? 0 : l.total;
    }

    @Override
    public int orders(Side side, int level) {
        Levels s = side(side);
        return level < s.n ? s.at(level).count : 0;
    }

    @Override
    public String orderId(Side side, int level, int index) {
        Levels s = side(side);
        return level < s.n && index < s.at(level).count ? s.at(level).orders[index].id : null;
    }

    @Override
    public long orderQty(Side side, int level, int index) {
        Levels s = side(side);
        return level < s.n && index < s.at(level).count ? s.at(level).orders[index].qty : 0;
    }

    @Override
    public int ordersAhead(String orderId) {
        Order o = byId.get(orderId);
        return o == null ? -1 : o.level.indexOf(o);
    }

    @Override
    public long qtyAhead(String orderId) {
        Order o = byId.get(orderId);
        if (o == null) {
            return -1;
        }
        long sum = 0;
        Order[] q = o.level.orders;
        for (int i = 0; q[i] != o; i++) {
            sum += q[i].qty;
        }
        return sum;
    }

    /** Kraken's L3 checksum: every order of the top ten levels in queue order, asks ascending then bids. */
    public long checksum(BookChecksum crc) {
        crc.reset();
        addLevels(crc, asks);
        addLevels(crc, bids);
        return crc.value();
    }

    private static void addLevels(BookChecksum crc, Levels s) {
        int m = Math.min(s.n, BookChecksum.LEVELS);
        for (int i = 0; i < m; i++) {
            Level l = s.at(i);
            for (int j = 0; j < l.count; j++) {
                crc.add(l.price, l.orders[j].qty);
            }
        }
    }

    public BookView view() {
        return view;
    }
}
