package io.fluxfix.book;

import io.fluxfix.model.Side;

/**
 * The live, read-only face of an {@link L2Book} or {@link L3Book}: one per book, reading it as it is now, so a
 * consumer cannot reach the book's mutators. See {@link BookView} for its lifetime.
 */
final class LiveView implements BookView {

    private final BookSource book;

    LiveView(BookSource book) {
        this.book = book;
    }

    @Override
    public String symbol() {
        return book.symbol();
    }

    @Override
    public String mdReqId() {
        return book.mdReqId();
    }

    @Override
    public int priceScale() {
        return book.priceScale();
    }

    @Override
    public int qtyScale() {
        return book.qtyScale();
    }

    @Override
    public boolean isLevel3() {
        return book.isLevel3();
    }

    @Override
    public int depth(Side side) {
        return book.depth(side);
    }

    @Override
    public long price(Side side, int level) {
        return book.price(side, level);
    }

    @Override
    public long qty(Side side, int level) {
        return book.qty(side, level);
    }

    @Override
    public long qtyAt(Side side, long price) {
        return book.qtyAt(side, price);
    }

    @Override
    public int orders(Side side, int level) {
        return book.orders(side, level);
    }

    @Override
    public String orderId(Side side, int level, int index) {
        return book.orderId(side, level, index);
    }

    @Override
    public long orderQty(Side side, int level, int index) {
        return book.orderQty(side, level, index);
    }

    @Override
    public int ordersAhead(String orderId) {
        return book.ordersAhead(orderId);
    }

    @Override
    public long qtyAhead(String orderId) {
        return book.qtyAhead(orderId);
    }

    @Override
    public long updateNanos() {
        return book.updateNanos();
    }

    @Override
    public long updatesSinceSnapshot() {
        return book.updatesSinceSnapshot();
    }

    @Override
    public BookSnapshot snapshot(int levels) {
        return BookSnapshot.of(this, levels);
    }

    @Override
    public String toString() {
        return BookSnapshot.describe(this);
    }
}
