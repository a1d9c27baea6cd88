package io.fluxfix.book;

import io.fluxfix.model.Side;
import io.fluxfix.model.kraken.BookChecksum;

import java.util.Objects;

/**
 * A price-level (L2) book of one instrument: prices and quantities as mantissas at fixed scales, each side in
 * sorted primitive arrays. Allocation-free once it has grown to its working depth. Single-threaded: the book
 * operators own their books; {@link #view()} is the read-only face they emit.
 */
public final class L2Book implements BookSource {

    private final String symbol;
    private final String mdReqId;
    private final int priceScale;
    private final int qtyScale;
    private final LevelArray bids;
    private final LevelArray asks;
    private final BookView view = new LiveView(this);
    private final ChecksumDigits digits;
    private long updateNanos;
    private long updates;

    public L2Book(String symbol, String mdReqId, int priceScale, int qtyScale) {
        this(symbol, mdReqId, priceScale, qtyScale, 64);
    }

    /** {@code capacity}: levels per side before the first growth. */
    public L2Book(String symbol, String mdReqId, int priceScale, int qtyScale, int capacity) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.mdReqId = mdReqId;
        this.priceScale = priceScale;
        this.qtyScale = qtyScale;
        this.bids = new LevelArray(false, capacity);
        this.asks = new LevelArray(true, capacity);
        this.digits = new ChecksumDigits(asks, bids);
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
        return false;
    }

    @Override
    public int priceScale() {
        return priceScale;
    }

    @Override
    public int qtyScale() {
        return qtyScale;
    }

    private LevelArray side(Side side) {
        return side == Side.BUY ? bids : asks;
    }

    /** Empties both sides (a snapshot follows). */
    public void clear() {
        bids.clear();
        asks.clear();
        updates = 0;
    }

    /** Sets the level at {@code price} on {@code side} to {@code qty}; 0 removes it. Returns whether it changed. */
    public boolean set(Side side, long price, long qty) {
        return set(side == Side.BUY, price, qty);
    }

    /** {@link #set} for the keeper, which reads the side as a flag: bids when {@code bid}, else asks. */
    boolean set(boolean bid, long price, long qty) {
        if (qty < 0 || price < 0) {
            throw new IllegalArgumentException("negative price or quantity: " + price + " " + qty);
        }
        return (bid ? bids : asks).set(price, qty);
    }

    /** Removes the level at {@code price}; returns whether there was one. */
    public boolean remove(Side side, long price) {
        return side(side).set(price, 0);
    }

    /** Keeps the best {@code depth} levels of {@code side}; returns how many were dropped. */
    public int truncate(Side side, int depth) {
        return side(side).truncate(depth);
    }

    /** Marks the end of one event: its receive time, and whether it was a snapshot. */
    public void applied(long nanos, boolean snapshot) {
        updateNanos = nanos;
        updates = snapshot ? 0 : updates + 1;
    }

    @Override
    public int depth(Side side) {
        return side(side).size();
    }

    @Override
    public long price(Side side, int level) {
        LevelArray s = side(side);
        return level < s.size() ? s.price(level) : BookView.NO_PRICE;
    }

    @Override
    public long qty(Side side, int level) {
        LevelArray s = side(side);
        return level < s.size() ? s.qty(level) : 0;
    }

    /** {@link BookView#isCrossed()} of this book, read from the two best keys (no level walk). */
    boolean isCrossed() {
        return bids.size() > 0 && asks.size() > 0 && bids.best() >= asks.best();
    }

    @Override
    public long qtyAt(Side side, long price) {
        return side(side).qtyAt(price);
    }

    /** 1 for an existing level: an L2 level stands for its orders. */
    @Override
    public int orders(Side side, int level) {
        return level < depth(side) ? 1 : 0;
    }

    /** Always null: an L2 book knows no orders. */
    @Override
    public String orderId(Side side, int level, int index) {
        return null;
    }

    /** The level's quantity at index 0. */
    @Override
    public long orderQty(Side side, int level, int index) {
        return index == 0 ? qty(side, level) : 0;
    }

    /** Always -1: an L2 book knows no orders. */
    @Override
    public int ordersAhead(String orderId) {
        return -1;
    }

    /** Always -1: an L2 book knows no orders. */
    @Override
    public long qtyAhead(String orderId) {
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

    /**
     * Kraken's CRC32 of the top ten levels (asks ascending, then bids descending) at this book's scales. The
     * book keeps the checksum text of its top ten between calls, formats only the levels that changed and
     * hands the text to the CRC in one call.
     */
    public long checksum(BookChecksum crc) {
        return digits.checksum(crc);
    }

    /** The read-only live view of this book (always the same object). */
    public BookView view() {
        return view;
    }
}
