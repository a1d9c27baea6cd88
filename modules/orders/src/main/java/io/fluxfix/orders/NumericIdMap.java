package io.fluxfix.orders;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Values by plain numeric ClOrdID ({@link ClOrdIdSet#key}: a positive {@code long}), open addressing with linear
 * probing, whose slot function keeps consecutive ids next to each other: the ids are taken in blocks of
 * {@value #BLOCK}, a block's place in the table is a hash of its number, and within the block an id's place
 * follows the id (rotated by the block's hash, so ids of one stride, say every 16th, still spread). Kraken Spot's
 * numeric ids increase, so an order's id, its cancel's id and the next orders' ids land in the cache lines the last
 * ones touched: a day-sized table (far larger than the caches) costs a miss per block of ids instead of one or two
 * per id, as a map that scrambles every key does (Agrona's, used before). Keys must be positive (0 marks an
 * empty slot), values not null. At most half full; {@link #clear} and {@link #removeValuesIf} keep the capacity,
 * so a table grown to a day of ids does not grow again the next day. Not thread-safe: the sink uses it under its
 * lock.
 */
final class NumericIdMap<V> {

    /** Consecutive ids that share a place in the table: 16 keys are two cache lines of {@code keys}. */
    static final int BLOCK = 16;
    private static final int MIN_CAPACITY = 64;

    /** A slot's id; 0 when the slot is empty. */
    private long[] keys;
    private Object[] values;
    private int size;

    NumericIdMap() {
        this(MIN_CAPACITY / 2);
    }

    /** A table that holds {@code expected} ids before it first grows. */
    NumericIdMap(int expected) {
        int capacity = MIN_CAPACITY;
        while (capacity / 2 < expected) {
            capacity *= 2;
        }
        keys = new long[capacity];
        values = new Object[capacity];
    }

    /** The home slot of {@code key}: its block's hashed place, then its place in the block, rotated. */
    static int home(long key, int mask) {
        long h = (key >>> 4) * 0x9E3779B97F4A7C15L; // the block's number: key / BLOCK
        int spread = (int) (h ^ (h >>> 32));
        int within = (int) ((key + (spread >>> 28)) & (BLOCK - 1));
        return ((spread & ~(BLOCK - 1)) | within) & mask;
    }

    private static long check(long key) {
        if (key <= 0) {
            throw new IllegalArgumentException("numeric ids are positive: " + key);
        }
        return key;
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        for (int i = home(key, mask); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return i;
            }
            if (k == 0) {
                return -1;
            }
        }
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        if (key <= 0) {
            return null;
        }
        int i = slot(key);
        return i < 0 ? null : (V) values[i];
    }

    boolean containsKey(long key) {
        return key > 0 && slot(key) >= 0;
    }

    /** Maps {@code key} to {@code value}; returns the value it had, or null. */
    V put(long key, V value) {
        return put(key, value, true);
    }

    /** Maps {@code key} to {@code value} unless it is mapped; returns the value it had, or null. */
    V putIfAbsent(long key, V value) {
        return put(key, value, false);
    }

    @SuppressWarnings("unchecked")
    private V put(long key, V value, boolean replace) {
        check(key);
        Objects.requireNonNull(value, "value");
        int mask = keys.length - 1;
        int i = home(key, mask);
        for (long k; (k = keys[i]) != 0; i = (i + 1) & mask) {
            if (k == key) {
                V old = (V) values[i];
                if (replace) {
                    values[i] = value;
                }
                return old;
            }
        }
        keys[i] = key;
        values[i] = value;
        if (++size > keys.length / 2) {
            rehash(keys.length * 2);
        }
        return null;
    }

    /** Removes {@code key}; returns its value, or null. The entries after it in its run move back (no tombstone). */
    @SuppressWarnings("unchecked")
    V remove(long key) {
        if (key <= 0) {
            return null;
        }
        int i = slot(key);
        if (i < 0) {
            return null;
        }
        V old = (V) values[i];
        removeAt(i);
        return old;
    }

    private void removeAt(int hole) {
        int mask = keys.length - 1;
        for (int j = (hole + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            int h = home(keys[j], mask);
            // the entry at j may fill the hole if its home is not in the cyclic range (hole, j]
            if (((j - h) & mask) >= ((j - hole) & mask)) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = 0;
        values[hole] = null;
        size--;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Empties the table, keeping its capacity. */
    void clear() {
        Arrays.fill(keys, 0);
        Arrays.fill(values, null);
        size = 0;
    }

    /**
     * Removes every entry whose value {@code drop} accepts, keeping the capacity: the survivors are put back into
     * the emptied table (at a rollover nearly every entry goes; a removal one at a time would move runs each time).
     * Returns whether any entry went.
     */
    @SuppressWarnings("unchecked")
    boolean removeValuesIf(Predicate<? super V> drop) {
        int kept = 0;
        long[] keptKeys = new long[16];
        Object[] keptValues = new Object[16];
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0 && !drop.test((V) values[i])) {
                if (kept == keptKeys.length) {
                    keptKeys = Arrays.copyOf(keptKeys, kept * 2);
                    keptValues = Arrays.copyOf(keptValues, kept * 2);
                }
                keptKeys[kept] = keys[i];
                keptValues[kept++] = values[i];
            }
        }
        if (kept == size) {
            return false;
        }
        clear();
        for (int i = 0; i < kept; i++) {
            put(keptKeys[i], (V) keptValues[i]);
        }
        return true;
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[capacity];
        values = new Object[capacity];
        int mask = capacity - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            long k = oldKeys[j];
            if (k != 0) {
                int i = home(k, mask);
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
                values[i] = oldValues[j];
            }
        }
    }

    /** A walk over the entries as they are when it starts; {@link #remove} removes the last one from the map. */
    Cursor cursor() {
        return new Cursor();
    }

    final class Cursor {
        private final long[] walkedKeys = new long[size];
        private final Object[] walkedValues = new Object[size];
        private int next;
        private int current = -1;
        private boolean removed;

        Cursor() {
            int n = 0;
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != 0) {
                    walkedKeys[n] = keys[i];
                    walkedValues[n++] = values[i];
                }
            }
        }

        boolean hasNext() {
            return next < walkedKeys.length;
        }

        /** Moves to the next entry. */
        void advance() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            current = next++;
            removed = false;
        }

        long key() {
            return walkedKeys[current];
        }

        @SuppressWarnings("unchecked")
        V value() {
            return (V) walkedValues[current];
        }

        void remove() {
            if (current < 0 || removed) {
                throw new IllegalStateException();
            }
            NumericIdMap.this.remove(walkedKeys[current]);
            removed = true;
        }
    }
}
