package io.fluxfix.venue.engine;

import java.util.Arrays;

/**
 * One side of a book: its price levels in priority order, best first. The prices sit in a sorted array with the
 * best at the end (so the touch, where most levels come and go, moves the fewest entries) and are found by binary
 * search: a few hundred levels are a few kilobytes, searched without a boxed key or a tree node per level.
 */
final class BookSide {

    /** Bids rank the highest price first, asks the lowest. */
    private final boolean bids;
    /** Sort keys, ascending: the price for bids, its negation for asks, so the best level is always last. */
    private long[] keys = new long[64];
    private PriceLevel[] levels = new PriceLevel[64];
    private int size;

    BookSide(boolean bids) {
        this.bids = bids;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The best level, or null when the side is empty. */
    PriceLevel best() {
        return size == 0 ? null : levels[size - 1];
    }

    /** The {@code i}-th level from the best (0 is the best). */
    PriceLevel level(int i) {
        return levels[size - 1 - i];
    }

    /** The level at {@code price}, or null. */
    PriceLevel get(long price) {
        int i = find(key(price));
        return i >= 0 ? levels[i] : null;
    }

    /** The level at {@code price}, opened (empty) if there is none. */
    PriceLevel getOrOpen(long price) {
        long key = key(price);
        int i = find(key);
        if (i >= 0) {
            return levels[i];
        }
        int at = -i - 1;
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            levels = Arrays.copyOf(levels, size * 2);
        }
        System.arraycopy(keys, at, keys, at + 1, size - at);
        System.arraycopy(levels, at, levels, at + 1, size - at);
        PriceLevel level = new PriceLevel(price);
        keys[at] = key;
        levels[at] = level;
        size++;
        return level;
    }

    /** Takes an (empty) level out of the side. */
    void remove(PriceLevel level) {
        int i = find(key(level.price));
        if (i < 0 || levels[i] != level) {
            return;
        }
        System.arraycopy(keys, i + 1, keys, i, size - i - 1);
        System.arraycopy(levels, i + 1, levels, i, size - i - 1);
        levels[--size] = null;
    }

    /**
     * Where {@code key} is: its index, or {@code -(insertion point) - 1} as {@link Arrays#binarySearch} says. The
     * halving steps select rather than branch (a level's place is a coin toss at each step, which a branch
     * predictor cannot learn).
     */
    private int find(long key) {
        int n = size;
        if (n == 0) {
            return -1;
        }
        int base = 0;
        while (n > 1) {
            int half = n >>> 1;
            base = keys[base + half] < key ? base + half : base;
            n -= half;
        }
        int at = keys[base] < key ? base + 1 : base; // the first key not below `key`
        return at < size && keys[at] == key ? at : -at - 1;
    }

    private long key(long price) {
        return bids ? price : -price;
    }
}
