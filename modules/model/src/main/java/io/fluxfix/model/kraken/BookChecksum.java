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
 * and handed to the CRC in one call at {@link #value()}; the digits of recently seen numbers are cached, since
 * between two updates most of a top ten is unchanged ({@code BookBenchmark.checksum} in the bench module times
 * it). No allocation once the buffer has grown. Not thread-safe.
 */
public final class BookChecksum {

    /** Kraken checksums the top this many levels, whatever depth was subscribed. */
    public static final int LEVELS = 10;

    private static final int CACHE_BITS = 10;
    private static final int CACHE_SLOTS = 1 << CACHE_BITS;

    private final CRC32 crc = new CRC32();
    private final byte[] digits = new byte[20];
    /**
     * The digits of recently seen numbers, direct-mapped by value: between two updates most of the top ten's
     * prices and quantities are unchanged, and copying their digits is cheaper than dividing them out again.
     */
    private final long[] cachedValue = new long[CACHE_SLOTS];
    private final byte[] cachedLength = new byte[CACHE_SLOTS];
    private final byte[] cachedDigits = new byte[CACHE_SLOTS * 20];
    /** Digits not yet handed to the CRC; 40 digits per level at most, 20 levels in an L2 checksum. */
    private byte[] pending = new byte[1024];
    private int pendingLength;

    public BookChecksum() {
        java.util.Arrays.fill(cachedValue, -1);
    }

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

    /**
     * Adds digits already in the checksum's form ({@link #writeDigits}): a book that keeps the text of its
     * unchanged levels hands it over without formatting the numbers again. The bytes go to the CRC at once
     * (one call over the whole run, no copy), after any digits gathered before them.
     */
    public BookChecksum addDigits(byte[] text, int from, int length) {
        flush();
        crc.update(text, from, length);
        return this;
    }

    /**
     * Writes {@code v}'s digits as the checksum writes them (decimal, no leading zeros, nothing for 0) at
     * {@code out[at..]}; returns the index after them. At most 19 bytes.
     */
    public static int writeDigits(long v, byte[] out, int at) {
        if (v < 0) {
            throw new IllegalArgumentException("negative price or quantity in a book: " + v);
        }
        // floor(log10(v)) is t or t - 1, with t from the bit length (1233 / 4096 ~ log10(2)).
        int t = (64 - Long.numberOfLeadingZeros(v)) * 1233 >>> 12;
        int len = v >= POW10[t] ? t + 1 : t;
        int p = at + len;
        while (v > Integer.MAX_VALUE) {
            long q = v / 100;
            int r = (int) (v - q * 100);
            out[--p] = ONES[r];
            out[--p] = TENS[r];
            v = q;
        }
        int i = (int) v;
        while (i >= 100) {
            int q = i / 100;
            int r = i - q * 100;
            out[--p] = ONES[r];
            out[--p] = TENS[r];
            i = q;
        }
        if (i >= 10) {
            out[--p] = ONES[i];
            out[--p] = TENS[i];
        } else if (i > 0) {
            out[--p] = (byte) ('0' + i);
        }
        return at + len;
    }

    public long value() {
        flush();
        return crc.getValue();
    }

    /** Hands the gathered digits to the CRC. */
    private void flush() {
        if (pendingLength > 0) {
            crc.update(pending, 0, pendingLength);
            pendingLength = 0;
        }
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
        int slot = (int) ((v * 0x9E37_79B9_7F4A_7C15L) >>> (64 - CACHE_BITS));
        int n;
        if (cachedValue[slot] == v) {
            n = cachedLength[slot];
            ensurePending(n);
            System.arraycopy(cachedDigits, slot * 20, pending, pendingLength, n);
        } else {
            int p = format(v);
            n = digits.length - p;
            cachedValue[slot] = v;
            cachedLength[slot] = (byte) n;
            System.arraycopy(digits, p, cachedDigits, slot * 20, n);
            ensurePending(n);
            System.arraycopy(digits, p, pending, pendingLength, n);
        }
        pendingLength += n;
    }

    private void ensurePending(int n) {
        if (pendingLength + n > pending.length) {
            pending = java.util.Arrays.copyOf(pending, pending.length * 2);
        }
    }

    // Writes v's digits at the end of `digits`, returns where they start.
    private int format(long v) {
        int len = writeDigits(v, digits, 0);
        System.arraycopy(digits, 0, digits, digits.length - len, len);
        return digits.length - len;
    }

    /** 10^0 .. 10^18: a long has at most 19 digits. */
    private static final long[] POW10 = new long[19];
    private static final byte[] ONES = new byte[100];
    private static final byte[] TENS = new byte[100];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
        for (int i = 0; i < 100; i++) {
            ONES[i] = (byte) ('0' + i % 10);
            TENS[i] = (byte) ('0' + i / 10);
        }
    }
}
