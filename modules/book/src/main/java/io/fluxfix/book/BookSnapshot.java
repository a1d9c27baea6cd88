package io.fluxfix.book;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.Side;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable copy of a book's top levels (and, for L3, of their orders): what a strategy keeps, or hands to
 * another thread. Made by {@link BookView#snapshot(int)}; never changes.
 */
public final class BookSnapshot implements BookView {

    private final String symbol;
    private final String mdReqId;
    private final int priceScale;
    private final int qtyScale;
    private final boolean level3;
    private final long updateNanos;
    private final long updates;
    private final Levels bids;
    private final Levels asks;

    private BookSnapshot(BookView v, int levels) {
        this.symbol = v.symbol();
        this.mdReqId = v.mdReqId();
        this.priceScale = v.priceScale();
        this.qtyScale = v.qtyScale();
        this.level3 = v.isLevel3();
        this.updateNanos = v.updateNanos();
        this.updates = v.updatesSinceSnapshot();
        this.bids = new Levels(v, Side.BUY, levels);
        this.asks = new Levels(v, Side.SELL, levels);
    }

    static BookSnapshot of(BookView view, int levels) {
        if (levels < 0) {
            throw new IllegalArgumentException("levels " + levels + " < 0");
        }
        return view instanceof BookSnapshot s && s.bids.n <= levels && s.asks.n <= levels
                ? s : new BookSnapshot(view, levels);
    }

    /** One side's copied levels; for L3 also the orders of each level, in queue order. */
    private static final class Levels {
        final int n;
        final long[] px;
        final long[] qty;
        final int[] firstOrder; // L3: index into ids/oqty of each level's first order; n + 1 entries
        final String[] ids;
        final long[] oqty;

        Levels(BookView v, Side side, int levels) {
            n = Math.min(levels, v.depth(side));
            px = new long[n];
            qty = new long[n];
            int orders = 0;
            for (int i = 0; i < n; i++) {
                px[i] = v.price(side, i);
                qty[i] = v.qty(side, i);
                orders += v.isLevel3() ? v.orders(side, i) : 0;
            }
            firstOrder = new int[n + 1];
            ids = new String[orders];
            oqty = new long[orders];
            if (v.isLevel3()) {
                int k = 0;
                for (int i = 0; i < n; i++) {
                    firstOrder[i] = k;
                    for (int j = 0, m = v.orders(side, i); j < m; j++, k++) {
                        ids[k] = v.orderId(side, i, j);
                        oqty[k] = v.orderQty(side, i, j);
                    }
                }
                firstOrder[n] = k;
            }
        }

        int find(String id) {
            for (int k = 0; k < ids.length; k++) {
                if (ids[k].equals(id)) {
                    return k;
                }
            }
            return -1;
        }

        int levelOfOrder(int k) {
            int i = Arrays.binarySearch(firstOrder, 0, n + 1, k);
            if (i >= 0) {
                while (i + 1 <= n && firstOrder[i + 1] == k) { // skip empty levels (none in practice)
                    i++;
                }
                return i;
            }
            return -(i + 1) - 1;
        }
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
    public int priceScale() {
        return priceScale;
    }

    @Override
    public int qtyScale() {
        return qtyScale;
    }

    @Override
    public boolean isLevel3() {
        return level3;
    }

    @Override
    public int depth(Side side) {
        return side(side).n;
    }

    @Override
    public long price(Side side, int level) {
        Levels s = side(side);
        return level < s.n ? s.px[level] : NO_PRICE;
    }

    @Override
    public long qty(Side side, int level) {
        Levels s = side(side);
        return level < s.n ? s.qty[level] : 0;
    }

    @Override
    public long qtyAt(Side side, long price) {
        Levels s = side(side);
        for (int i = 0; i < s.n; i++) {
            if (s.px[i] == price) {
                return s.qty[i];
            }
        }
        return 0;
    }

    @Override
    public int orders(Side side, int level) {
        Levels s = side(side);
        if (level >= s.n) {
            return 0;
        }
        return level3 ? s.firstOrder[level + 1] - s.firstOrder[level] : 1;
    }

    @Override
    public String orderId(Side side, int level, int index) {
        Levels s = side(side);
        return level3 && level < s.n && index < orders(side, level) ? s.ids[s.firstOrder[level] + index] : null;
    }

    @Override
    public long orderQty(Side side, int level, int index) {
        Levels s = side(side);
        if (!level3) {
            return index == 0 ? qty(side, level) : 0;
        }
        return level < s.n && index < orders(side, level) ? s.oqty[s.firstOrder[level] + index] : 0;
    }

    @Override
    public int ordersAhead(String orderId) {
        for (Levels s : new Levels[] {bids, asks}) {
            int k = s.find(orderId);
            if (k >= 0) {
                return k - s.firstOrder[s.levelOfOrder(k)];
            }
        }
        return -1;
    }

    @Override
    public long qtyAhead(String orderId) {
        for (Levels s : new Levels[] {bids, asks}) {
            int k = s.find(orderId);
            if (k >= 0) {
                long sum = 0;
                for (int j = s.firstOrder[s.levelOfOrder(k)]; j < k; j++) {
                    sum += s.oqty[j];
                }
                return sum;
            }
        }
        return -1;
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
    public BookSnapshot snapshot(int levels) {
        return of(this, levels);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BookSnapshot b)) {
            return false;
        }
        return symbol.equals(b.symbol) && Objects.equals(mdReqId, b.mdReqId) && priceScale == b.priceScale
                && qtyScale == b.qtyScale && level3 == b.level3 && same(bids, b.bids) && same(asks, b.asks);
    }

    private static boolean same(Levels a, Levels b) {
        return a.n == b.n && Arrays.equals(a.px, b.px) && Arrays.equals(a.qty, b.qty)
                && Arrays.equals(a.firstOrder, b.firstOrder) && Arrays.equals(a.ids, b.ids)
                && Arrays.equals(a.oqty, b.oqty);
    }

    @Override
    public int hashCode() {
        return Objects.hash(symbol, Arrays.hashCode(bids.px), Arrays.hashCode(asks.px), Arrays.hashCode(bids.qty),
                Arrays.hashCode(asks.qty));
    }

    @Override
    public String toString() {
        return describe(this);
    }

    /** {@code BTC/USD 3x4 bid 28003.0 x 0.001 / ask 28013.0 x 0.00096506} — for logs. */
    static String describe(BookView v) {
        StringBuilder sb = new StringBuilder(v.symbol()).append(' ').append(v.depth(Side.BUY)).append('x')
                .append(v.depth(Side.SELL));
        if (v.depth(Side.BUY) > 0) {
            sb.append(" bid ");
            Decimal.appendTo(sb, v.bestBid(), v.priceScale());
            sb.append(" x ");
            Decimal.appendTo(sb, v.bestBidQty(), v.qtyScale());
        }
        if (v.depth(Side.SELL) > 0) {
            sb.append(" / ask ");
            Decimal.appendTo(sb, v.bestAsk(), v.priceScale());
            sb.append(" x ");
            Decimal.appendTo(sb, v.bestAskQty(), v.qtyScale());
        }
        return sb.toString();
    }
}
