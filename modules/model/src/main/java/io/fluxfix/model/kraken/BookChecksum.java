package io.fluxfix.model.kraken;

import java.util.zip.CRC32;

/**
 * Kraken's order-book checksum: CRC32 (zlib/IEEE, unsigned) of the top ten ask levels in ascending price
 * order followed by the top ten bid levels in descending order, each price and quantity written at the
 * instrument's precision with the decimal point removed and leading zeros stripped. For L3 books every
 * order of those levels is written in queue order instead of one entry per level.
 *
 * <p>Use: {@link #reset()}, then {@link #add(long, long)} for each ask (level or order), then each bid, then
 * {@link #value()}. Mantissas must already be at the checksum precisions (Kraken's PricePrecision and
 * QtyPrecision); {@link io.fluxfix.model.Decimal#rescale} converts. The digits are gathered in a reused buffer
 * and handed to the CRC in one call at {@link #value()} — one native CRC call per number was the larger part of
 * a checksum's cost ({@code BookBenchmark.checksum}); no allocation once the buffer has grown. Not thread-safe.
 */
public final class BookChecksum {

    /** Kraken checksums the top this many levels, whatever depth was subscribed. */
    public static final int LEVELS = 10;

    private final CRC32 crc = new CRC32();
    private final byte[] digits = new byte[20];
    /** Digits not yet handed to the CRC; 40 digits per level at most, 20 levels in an L2 checksum. */
    private byte[] pending = new byte[1024];
    private int pendingLength;

    public BookChecksum reset() {
        crc.reset();
        pendingLength = 0;
        return this;
    }

    /** Adds one level (L2) or one order (L3). */
    public BookChecksum add(long price, long qty) {
        appendDigits(price);
        appendDigits(qty);
        return this;
    }

    public long value() {
        if (pendingLength > 0) {
            crc.update(pending, 0, pendingLength);
            pendingLength = 0;
        }
        return crc.getValue();
    }

    /** One-shot L2 checksum over sorted arrays (asks ascending, bids descending); only the top ten count. */
    public long l2(long[] askPx, long[] askQty, int askCount, long[] bidPx, long[] bidQty, int bidCount) {
        reset();
        for (int i = 0; i < Math.min(askCount, LEVELS); i++) {
            add(askPx[i], askQty[i]);
        }
        for (int i = 0; i < Math.min(bidCount, LEVELS); i++) {
            add(bidPx[i], bidQty[i]);
        }
        return value();
    }

    // Decimal digits without leading zeros; zero contributes nothing ("0.0" stripped of zeros is empty).
    private void appendDigits(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("negative price or quantity in a book: " + v);
        }
        int p = digits.length;
        while (v != 0) {
            digits[--p] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        int n = digits.length - p;
        if (pendingLength + n > pending.length) {
            pending = java.util.Arrays.copyOf(pending, pending.length * 2);
        }
        System.arraycopy(digits, p, pending, pendingLength, n);
        pendingLength += n;
    }
}
