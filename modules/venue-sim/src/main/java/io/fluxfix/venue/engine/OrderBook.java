package io.fluxfix.venue.engine;

import io.fluxfix.model.Side;
import io.fluxfix.venue.VenueInstrument;

import java.util.LinkedHashSet;

/**
 * One instrument's resting orders in price-time priority, its trigger orders waiting to fire, and the prices
 * those watch: the last trade, the trades of the operation under way, and the index price.
 */
final class OrderBook {

    final String symbol;
    /** Its number in its engine (0, 1, …). */
    final int index;
    /** The instrument's precisions: prices and quantities in this book are mantissas at these scales. */
    final int pricePrecision;
    final int qtyPrecision;
    /** Spot: the assets traded and their decimals (the ledger keeps amounts at those). */
    final String base;
    final String quote;
    final int baseDecimals;
    final int quoteDecimals;
    final BookSide bids = new BookSide(true);
    final BookSide asks = new BookSide(false);
    /** The instrument as it is now (its trading status changes; its precisions and assets do not). */
    VenueInstrument instrument;
    /** Stop, take-profit and trailing orders not yet triggered, in entry order (the order they fire in). */
    final LinkedHashSet<Order> waiting = new LinkedHashSet<>();
    /** Account → how many open orders it has on this book (Kraken caps them per pair). */
    private final java.util.HashMap<String, int[]> openByAccount = new java.util.HashMap<>();
    private long nextQueueSeq;
    long tradeSeq;
    /** Last trade price (mantissa), 0 before the first trade. */
    long lastTrade;
    /** Index price set by the operator (388=1 orders watch it); 0 = the index follows the last trade. */
    long indexPrice;
    /** Trade prices of the operation under way, in order: the path trigger orders are checked against. */
    private long[] path = new long[16];
    private int pathLength;

    OrderBook(int index, VenueInstrument instrument, int baseDecimals, int quoteDecimals) {
        this.index = index;
        this.instrument = instrument;
        this.symbol = instrument.symbol();
        this.pricePrecision = instrument.pricePrecision();
        this.qtyPrecision = instrument.qtyPrecision();
        this.base = instrument.base();
        this.quote = instrument.quote();
        this.baseDecimals = baseDecimals;
        this.quoteDecimals = quoteDecimals;
    }

    BookSide side(Side side) {
        return side == Side.BUY ? bids : asks;
    }

    BookSide opposite(Side side) {
        return side == Side.BUY ? asks : bids;
    }

    /** The count of {@code account}'s open orders here (a one-element array the caller may change). */
    int[] openOrdersOf(String account) {
        int[] n = openByAccount.get(account);
        if (n == null) {
            n = new int[1];
            openByAccount.put(account, n);
        }
        return n;
    }

    /** Adds at the back of its price's queue (new time priority). */
    void rest(Order o) {
        o.queueSeq = nextQueueSeq++;
        if (o.level != null || waiting.contains(o)) {
            throw new IllegalStateException("order already in the book: " + o);
        }
        side(o.side).getOrOpen(o.price).append(o);
    }

    /** Takes an order out of the book, or out of the trigger orders waiting to fire. */
    void remove(Order o) {
        PriceLevel level = o.level;
        if (level == null) {
            waiting.remove(o);
            return;
        }
        level.remove(o);
        if (level.isEmpty()) {
            side(o.side).remove(level);
        }
    }

    /** A fill of {@code qty} on a resting order: the level's totals and an iceberg's slice shrink, the place stays. */
    void reduced(Order o, long qty) {
        if (o.isIceberg()) {
            o.visible -= qty;
        }
        if (o.level != null) {
            o.level.totalLeaves -= qty;
            o.level.shownLeaves -= qty;
        }
    }

    /** A quantity reduction by amend: same place in the queue; an iceberg's slice never shows more than is left. */
    void shrunk(Order o, long by) {
        if (o.level != null) {
            o.level.totalLeaves -= by;
        }
        if (o.isIceberg()) {
            long capped = Math.min(o.visible, o.qty - by - o.filled);
            if (o.level != null) {
                o.level.shownLeaves -= o.visible - capped;
            }
            o.visible = capped;
        } else if (o.level != null) {
            o.level.shownLeaves -= by;
        }
    }

    /** An iceberg whose slice is used up shows its next slice at the back of the queue (G-INTRO, U-NOS). */
    void reload(Order o) {
        remove(o);
        o.visible = Math.min(o.displayQty, o.qty - o.filled);
        rest(o);
    }

    /** The best level of {@code side}, or null. */
    PriceLevel best(Side side) {
        return side(side).best();
    }

    long nextTradeSeq() {
        return ++tradeSeq;
    }

    void traded(long price) {
        lastTrade = price;
        if (pathLength == path.length) {
            path = java.util.Arrays.copyOf(path, pathLength * 2);
        }
        path[pathLength++] = price;
    }

    boolean hasPath() {
        return pathLength > 0;
    }

    /** The trade prices since the last call, in order; the path starts again empty. */
    long[] drainPath() {
        long[] out = java.util.Arrays.copyOf(path, pathLength);
        pathLength = 0;
        return out;
    }

    /** Forgets the trade prices of the operation (no trigger order is waiting to see them). */
    void clearPath() {
        pathLength = 0;
    }

    /** The price a trigger order with reference {@code index} watches now; 0 when none is known yet. */
    long reference(boolean index) {
        return index && indexPrice != 0 ? indexPrice : lastTrade;
    }
}
