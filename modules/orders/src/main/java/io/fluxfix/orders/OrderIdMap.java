package io.fluxfix.orders;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The sink's orders by the venue's order id (text, e.g. Kraken's {@code OXXXXX-XXXXX-XXXXXX}): open addressing
 * with linear probing, no node per entry, and each slot's hash kept beside it, so a probe compares ints and
 * reads a stored key only when the hashes match (an id table of a trading day is far larger than the caches:
 * following every stored key on the way would cost a cache miss per slot passed). Null keys are refused. At
 * most half full. Not thread-safe: the sink uses it under its lock.
 */
final class OrderIdMap<V> {

    private static final int MIN_CAPACITY = 64;

    /** A slot's spread hash, never 0; 0 marks an empty slot. */
    private int[] hashes = new int[MIN_CAPACITY];
    /** Key and value of slot {@code i} side by side, at {@code 2i} and {@code 2i + 1} (one cache line for both). */
    private Object[] entries = new Object[2 * MIN_CAPACITY];
    private int size;

    private static int spread(String key) {
        int h = key.hashCode() * 0x9E3779B9;
        h ^= h >>> 16;
        return h == 0 ? 1 : h;
    }

    @SuppressWarnings("unchecked")
    V get(String key) {
        int h = spread(Objects.requireNonNull(key, "key"));
        int mask = hashes.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int s = hashes[i];
            if (s == 0) {
                return null;
            }
            if (s == h && key.equals(entries[2 * i])) {
                return (V) entries[2 * i + 1];
            }
        }
    }

    /** Maps {@code key} to {@code value}; returns the value it had, or null. */
    @SuppressWarnings("unchecked")
    V put(String key, V value) {
        int h = spread(Objects.requireNonNull(key, "key"));
        int mask = hashes.length - 1;
        int i = h & mask;
        for (int s; (s = hashes[i]) != 0; i = (i + 1) & mask) {
            if (s == h && key.equals(entries[2 * i])) {
                V old = (V) entries[2 * i + 1];
                entries[2 * i + 1] = value;
                return old;
            }
        }
        hashes[i] = h;
        entries[2 * i] = key;
        entries[2 * i + 1] = value;
        if (++size > hashes.length / 2) {
            rehash(hashes.length * 2);
        }
        return null;
    }

    int size() {
        return size;
    }

    /**
     * Removes every entry whose value {@code drop} accepts: the survivors are put back into the emptied table
     * (at a rollover nearly every entry goes; a removal one at a time would move probe chains each time).
     */
    @SuppressWarnings("unchecked")
    void removeValuesIf(Predicate<? super V> drop) {
        List<String> keptKeys = new ArrayList<>();
        List<V> kept = new ArrayList<>();
        for (int i = 0; i < hashes.length; i++) {
            if (hashes[i] != 0 && !drop.test((V) entries[2 * i + 1])) {
                keptKeys.add((String) entries[2 * i]);
                kept.add((V) entries[2 * i + 1]);
            }
        }
        if (kept.size() == size) {
            return;
        }
        Arrays.fill(hashes, 0);
        Arrays.fill(entries, null);
        size = 0;
        for (int i = 0; i < kept.size(); i++) {
            put(keptKeys.get(i), kept.get(i));
        }
    }

    private void rehash(int capacity) {
        int[] oldHashes = hashes;
        Object[] oldEntries = entries;
        hashes = new int[capacity];
        entries = new Object[2 * capacity];
        int mask = capacity - 1;
        for (int j = 0; j < oldHashes.length; j++) {
            int h = oldHashes[j];
            if (h != 0) {
                int i = h & mask;
                while (hashes[i] != 0) {
                    i = (i + 1) & mask;
                }
                hashes[i] = h;
                entries[2 * i] = oldEntries[2 * j];
                entries[2 * i + 1] = oldEntries[2 * j + 1];
            }
        }
    }
}
