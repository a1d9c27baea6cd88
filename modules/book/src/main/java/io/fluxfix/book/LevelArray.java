package io.fluxfix.book;

import java.util.Arrays;

/**
 * One side of an L2 book: price levels in sorted primitive arrays, best level last so that the busy top of
 * the book moves the fewest elements on insert and delete. Keys are the price for bids and the negated price
 * for asks, so both sides sort ascending and the best (highest key) is at {@code n - 1}. Grows by doubling;
 * a book that has reached its working size allocates nothing more.
 */
final class LevelArray {

    private long[] keys;
    private long[] qtys;
    private int n;
    private final boolean ask;
    /** Counts changes, so that a cache of the top (the checksum's digits) knows when it is stale. */
    private long version;

    LevelArray(boolean ask, int capacity) {
        this.ask = ask;
        this.keys = new long[Math.max(capacity, 4)];
        this.qtys = new long[keys.length];
    }

    int size() {
        return n;
    }

    boolean isAsk() {
        return ask;
    }

    long version() {
        return version;
    }

    void clear() {
        n = 0;
        version++;
    }

    private long key(long price) {
        return ask ? -price : price;
    }

    /** The price of the {@code level}-th best level (0 = best). */
    long price(int level) {
        long k = keys[n - 1 - level];
        return ask ? -k : k;
    }

    long qty(int level) {
        return qtys[n - 1 - level];
    }

    /**
     * {@link Arrays#binarySearch} semantics over {@code [0, n)}, galloping from the best end first: most
     * updates land near the top of the book, where this takes a few steps whatever the depth.
     */
    private int search(long k) {
        int hi = n - 1;
        if (hi < 0 || keys[hi] < k) {
            return -(n + 1);
        }
        int step = 1;
        int probe = hi - step;
        while (probe >= 0 && keys[probe] > k) {
            hi = probe;
            step <<= 1;
            probe = hi - step;
        }
        return Arrays.binarySearch(keys, Math.max(probe, 0), hi + 1, k);
    }

    /** Quantity at {@code price}, 0 when there is no such level. */
    long qtyAt(long price) {
        int i = search(key(price));
        return i >= 0 ? qtys[i] : 0;
    }

    /** 0-based level of {@code price} from the best, or -1. */
    int levelOf(long price) {
        int i = search(key(price));
        return i >= 0 ? n - 1 - i : -1;
    }

    /** Sets the level at {@code price} to {@code qty}; 0 removes it. Returns whether anything changed. */
    boolean set(long price, long qty) {
        long k = key(price);
        int i = search(k);
        if (qty == 0) {
            if (i < 0) {
                return false;
            }
            System.arraycopy(keys, i + 1, keys, i, n - i - 1);
            System.arraycopy(qtys, i + 1, qtys, i, n - i - 1);
            n--;
            version++;
            return true;
        }
        if (i >= 0) {
            if (qtys[i] == qty) {
                return false;
            }
            qtys[i] = qty;
            version++;
            return true;
        }
        int at = -(i + 1);
        if (n == keys.length) {
            keys = Arrays.copyOf(keys, n * 2);
            qtys = Arrays.copyOf(qtys, n * 2);
        }
        System.arraycopy(keys, at, keys, at + 1, n - at);
        System.arraycopy(qtys, at, qtys, at + 1, n - at);
        keys[at] = k;
        qtys[at] = qty;
        n++;
        version++;
        return true;
    }

    /** Keeps only the best {@code depth} levels; returns how many were dropped. */
    int truncate(int depth) {
        if (n <= depth) {
            return 0;
        }
        int drop = n - depth;
        System.arraycopy(keys, drop, keys, 0, depth);
        System.arraycopy(qtys, drop, qtys, 0, depth);
        n = depth;
        version++;
        return drop;
    }
}
