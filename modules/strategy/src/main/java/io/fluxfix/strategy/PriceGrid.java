package io.fluxfix.strategy;

import io.fluxfix.book.BookView;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.Instrument;

/**
 * Exact price arithmetic for strategies: prices as {@code long} mantissas at one working scale, rounded to the
 * instrument's tick. No {@code double} anywhere: a quote is either on the grid or not sent.
 *
 * <p>The working scale is one decimal finer than the book's (so a mid is exact) and at least the tick's.
 */
public final class PriceGrid {

    private final int scale;
    private final int bookScale;
    private final long tick;

    private PriceGrid(int scale, int bookScale, long tick) {
        this.scale = scale;
        this.bookScale = bookScale;
        this.tick = tick;
    }

    /** The grid of {@code view}'s instrument: the tick of {@code instrument}, or one book unit when it is null. */
    public static PriceGrid of(BookView view, Instrument instrument) {
        int bookScale = view.priceScale();
        Decimal tickSize = instrument == null || instrument.tickSize() == null || instrument.tickSize().signum() <= 0
                ? Decimal.of(1, bookScale) : instrument.tickSize().stripTrailingZeros();
        int scale = Math.max(bookScale + 1, tickSize.scale());
        return new PriceGrid(scale, bookScale, tickSize.unscaledAt(scale));
    }

    public int scale() {
        return scale;
    }

    /** One tick at the working scale. */
    public long tick() {
        return tick;
    }

    /** A book price (mantissa at the book's scale) at the working scale. */
    public long fromBook(long bookPrice) {
        return Decimal.rescale(bookPrice, bookScale, scale);
    }

    /** {@code view}'s mid at the working scale ({@link BookView#midUnscaled()} is at book scale + 1). */
    public long mid(BookView view) {
        return Decimal.rescale(view.midUnscaled(), bookScale + 1, scale);
    }

    /**
     * {@code price × numerator / denominator}, truncated toward zero, without forming the full product (a
     * price in fine units times a few hundred tenths of a basis point would overflow a long): e.g. bps as tenths
     * and 100,000. Exact for any price when {@code numerator × denominator} fits a long.
     */
    public static long fraction(long price, long numerator, long denominator) {
        long whole = Math.multiplyExact(price / denominator, numerator);
        return Math.addExact(whole, (price % denominator) * numerator / denominator);
    }

    /**
     * Sub-unit precision for computing targets before rounding: a working-scale price times {@code FINE}, so that
     * a fraction of a price (half a spread, a skew) loses nothing before it is rounded to the tick once.
     */
    public static final long FINE = 10_000;

    /** {@code price} (working scale) in fine units. */
    public static long fine(long price) {
        return Math.multiplyExact(price, FINE);
    }

    /** The largest grid price ≤ {@code fine} (fine units), at the working scale. */
    public long floorFine(long fine) {
        return Math.floorDiv(fine, tick * FINE) * tick;
    }

    /** The smallest grid price ≥ {@code fine} (fine units), at the working scale. */
    public long ceilFine(long fine) {
        return -Math.floorDiv(-fine, tick * FINE) * tick;
    }

    /** The largest grid price ≤ {@code price}. */
    public long floor(long price) {
        return Math.floorDiv(price, tick) * tick;
    }

    /** The smallest grid price ≥ {@code price}. */
    public long ceil(long price) {
        return -Math.floorDiv(-price, tick) * tick;
    }

    /** A working-scale price as a {@link Decimal} without trailing zeros (what goes on the wire). */
    public Decimal toDecimal(long price) {
        return Decimal.of(price, scale).stripTrailingZeros();
    }

    /** A {@link Decimal} price at the working scale (exact; a price off the working scale throws). */
    public long fromDecimal(Decimal price) {
        return price.unscaledAt(scale);
    }
}
