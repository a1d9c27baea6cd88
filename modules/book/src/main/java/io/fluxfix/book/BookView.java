package io.fluxfix.book;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.Side;

/**
 * A read-only look at one instrument's book. Prices and quantities are mantissas at {@link #priceScale()} and
 * {@link #qtyScale()} (the instrument's precisions, the ones Kraken's checksum uses); {@link Side#BUY} is the
 * bid side, {@link Side#SELL} the ask side; level 0 is the best.
 *
 * <p><b>Lifetime.</b> The views an operator emits are live: the same object for every update of an
 * instrument, reading the book as it is now, valid on the thread that received it until the next signal.
 * A consumer that keeps a view, or hands it to another thread, keeps {@link #snapshot()} instead: an
 * immutable {@link BookSnapshot} that never changes under it.
 */
public sealed interface BookView extends BookEvent permits LiveView, BookSnapshot {

    /** Returned for the price of a missing level (an empty side). */
    long NO_PRICE = Long.MIN_VALUE;

    /** The subscription (FIX MDReqID) the book was built from; may be null. */
    String mdReqId();

    int priceScale();

    int qtyScale();

    /** True for an order-by-order (L3) book. */
    boolean isLevel3();

    /** Number of price levels on a side. */
    int depth(Side side);

    /** Price of the {@code level}-th best level on {@code side}, or {@link #NO_PRICE} beyond the depth. */
    long price(Side side, int level);

    /** Total quantity of the {@code level}-th best level on {@code side}, 0 beyond the depth. */
    long qty(Side side, int level);

    /** Total quantity resting at exactly {@code price} on {@code side}, 0 when there is no such level. */
    long qtyAt(Side side, long price);

    /** L3: the number of orders at the {@code level}-th best level; L2: 1 for an existing level. */
    int orders(Side side, int level);

    /** L3: the id of the {@code index}-th order (queue order) of a level; L2: null. */
    String orderId(Side side, int level, int index);

    /** L3: the quantity of the {@code index}-th order (queue order) of a level; L2: the level's quantity at 0. */
    long orderQty(Side side, int level, int index);

    /** L3: how many orders are ahead of {@code orderId} in its level's queue, or -1 when it is not in the book. */
    int ordersAhead(String orderId);

    /** L3: quantity resting ahead of {@code orderId} at its price, or -1 when it is not in the book. */
    long qtyAhead(String orderId);

    /** Receive time (epoch nanoseconds) of the last event applied. */
    long updateNanos();

    /** Book-changing events applied since the book was last rebuilt from a snapshot (0 right after one). */
    long updatesSinceSnapshot();

    /** The first {@code levels} levels per side (all of them when fewer), copied: immutable. */
    BookSnapshot snapshot(int levels);

    /** The whole book, copied: immutable. */
    default BookSnapshot snapshot() {
        return snapshot(Integer.MAX_VALUE);
    }

    default long bestBid() {
        return price(Side.BUY, 0);
    }

    default long bestAsk() {
        return price(Side.SELL, 0);
    }

    default long bestBidQty() {
        return qty(Side.BUY, 0);
    }

    default long bestAskQty() {
        return qty(Side.SELL, 0);
    }

    /** True when both sides have a level. */
    default boolean isTwoSided() {
        return depth(Side.BUY) > 0 && depth(Side.SELL) > 0;
    }

    /** Best ask − best bid at {@link #priceScale()}, or {@link #NO_PRICE} when a side is empty. */
    default long spread() {
        return isTwoSided() ? bestAsk() - bestBid() : NO_PRICE;
    }

    /**
     * The mid price (best bid + best ask) / 2 as a mantissa at {@code priceScale() + 1} decimals — exact, since
     * half a tick needs one more decimal — or {@link #NO_PRICE} when a side is empty.
     */
    default long midUnscaled() {
        return isTwoSided() ? (bestBid() + bestAsk()) * 5 : NO_PRICE;
    }

    /** True when the best bid is at or above the best ask: a book no venue would show. */
    default boolean isCrossed() {
        return isTwoSided() && bestBid() >= bestAsk();
    }

    /** The mid as a {@link Decimal} (allocates; for reports and logs), or null when a side is empty. */
    default Decimal mid() {
        return isTwoSided() ? Decimal.of(midUnscaled(), priceScale() + 1).stripTrailingZeros() : null;
    }

    /** A level's price as a {@link Decimal} (allocates), or null beyond the depth. */
    default Decimal priceDecimal(Side side, int level) {
        return level < depth(side) ? Decimal.of(price(side, level), priceScale()) : null;
    }

    /** A level's quantity as a {@link Decimal} (allocates), or null beyond the depth. */
    default Decimal qtyDecimal(Side side, int level) {
        return level < depth(side) ? Decimal.of(qty(side, level), qtyScale()) : null;
    }
}
