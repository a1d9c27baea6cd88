package io.fluxfix.orders;

import io.fluxfix.model.kraken.ClOrdIds;
import org.agrona.collections.LongHashSet;

import java.util.AbstractSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * The ClOrdIDs the sink has seen. A numeric id in its plain form (Kraken Spot's usual: 1–18 digits, no leading
 * zero) is kept as a {@code long} in Agrona's open-addressing set: no node per id, and a lookup compares longs in
 * one array rather than following strings. Any other id (a COMB UUID, digits with leading zeros) goes to a
 * {@link HashSet}. A null id is absent, as in a {@code HashSet}. Not thread-safe: the sink uses it under its lock.
 */
final class ClOrdIdSet extends AbstractSet<String> {

    /** Not a plain numeric id. */
    static final long TEXT = -1;

    private final LongHashSet numeric = new LongHashSet(64, 0.65f, false);
    private final Set<String> other = new HashSet<>();
    /**
     * No numeric id in the set is above this (an upper bound: removals leave it). Spot's numeric ids must keep
     * increasing, so a new one is above it and is known absent without a probe of the table.
     */
    private long numericBound;

    /** The value of a plain numeric id (digits, no leading zero, at most 18), or {@link #TEXT}. */
    static long key(Object id) {
        if (!(id instanceof String s)) {
            return TEXT;
        }
        int n = s.length();
        if (n == 0 || n > ClOrdIds.MAX_NUMERIC_LENGTH) {
            return TEXT;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9' || (i == 0 && c == '0')) {
                return TEXT;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    @Override
    public boolean contains(Object id) {
        return contains(key(id), id);
    }

    /** {@link #contains(Object)} of an id whose {@link #key} the caller has already read. */
    boolean contains(long k, Object id) {
        return k != TEXT ? k <= numericBound && numeric.contains(k) : id != null && other.contains(id);
    }

    @Override
    public boolean add(String id) {
        return add(key(id), id);
    }

    /** {@link #add(String)} of an id whose {@link #key} the caller has already read. */
    boolean add(long k, String id) {
        if (k == TEXT) {
            return other.add(id);
        }
        numericBound = Math.max(numericBound, k);
        return numeric.add(k);
    }

    @Override
    public boolean remove(Object id) {
        long k = key(id);
        return k != TEXT ? numeric.remove(k) : other.remove(id);
    }

    @Override
    public int size() {
        return numeric.size() + other.size();
    }

    @Override
    public void clear() {
        numeric.clear();
        other.clear();
        numericBound = 0;
    }

    /** Every id, numeric ones as their text (made as it goes: for the rare walk, not the hot path). */
    @Override
    public Iterator<String> iterator() {
        LongHashSet.LongIterator numbers = numeric.iterator();
        Iterator<String> asText = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return numbers.hasNext();
            }

            @Override
            public String next() {
                return Long.toString(numbers.nextValue());
            }

            @Override
            public void remove() {
                numbers.remove();
            }
        };
        return new ClOrdIdMap.Chain<>(asText, other.iterator());
    }
}
