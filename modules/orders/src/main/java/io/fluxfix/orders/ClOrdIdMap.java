package io.fluxfix.orders;

import io.fluxfix.model.kraken.ClOrdIds;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A map keyed by ClOrdID, split as {@link ClOrdIdSet} splits ids: plain numeric ids as {@code long} keys in a
 * {@link NumericIdMap} (no node per entry, no string followed on a lookup, consecutive ids side by side), any
 * other id in a {@link HashMap}. A null key is absent, as in a {@code HashMap}. Not thread-safe: the sink uses it under its lock.
 */
final class ClOrdIdMap<V> extends AbstractMap<String, V> {

    private final NumericIdMap<V> numeric = new NumericIdMap<>();
    private final Map<String, V> other = new HashMap<>();

    @Override
    public V get(Object id) {
        return get(ClOrdIdSet.key(id), id);
    }

    /** {@link #get(Object)} of an id whose {@link ClOrdIdSet#key} the caller has already read. */
    V get(long k, Object id) {
        return k != ClOrdIdSet.TEXT ? numeric.get(k) : id == null ? null : other.get(id);
    }

    @Override
    public boolean containsKey(Object id) {
        long k = ClOrdIdSet.key(id);
        return k != ClOrdIdSet.TEXT ? numeric.containsKey(k) : id != null && other.containsKey(id);
    }

    /** {@link #containsKey(Object)} of an id whose {@link ClOrdIdSet#key} the caller has already read. */
    boolean containsKey(long k, Object id) {
        return k != ClOrdIdSet.TEXT ? numeric.containsKey(k) : id != null && other.containsKey(id);
    }

    /** The highest numeric id among the keys, leading zeros or not; 0 when there is none. */
    long highestNumeric() {
        long max = 0;
        for (NumericIdMap<V>.Cursor c = numeric.cursor(); c.hasNext(); ) {
            c.advance();
            max = Math.max(max, c.key());
        }
        for (String id : other.keySet()) {
            if (ClOrdIds.isNumeric(id)) {
                max = Math.max(max, ClOrdIds.numericValue(id));
            }
        }
        return max;
    }

    /**
     * Removes every entry whose value {@code drop} accepts. The numeric side keeps its survivors aside, empties
     * its table (keeping its capacity) and puts them back: at a rollover nearly every entry goes, and removing
     * them one at a time would shift the table's runs once per removal.
     */
    void removeValuesIf(Predicate<? super V> drop) {
        numeric.removeValuesIf(drop);
        other.values().removeIf(drop);
    }

    @Override
    public V put(String id, V value) {
        return put(ClOrdIdSet.key(id), id, value);
    }

    /** {@link #put(String, Object)} of an id whose {@link ClOrdIdSet#key} the caller has already read. */
    V put(long k, String id, V value) {
        return k != ClOrdIdSet.TEXT ? numeric.put(k, value) : other.put(id, value);
    }

    @Override
    public V putIfAbsent(String id, V value) {
        return putIfAbsent(ClOrdIdSet.key(id), id, value);
    }

    /** {@link #putIfAbsent(String, Object)} of an id whose {@link ClOrdIdSet#key} the caller has already read. */
    V putIfAbsent(long k, String id, V value) {
        return k != ClOrdIdSet.TEXT ? numeric.putIfAbsent(k, value) : other.putIfAbsent(id, value);
    }

    @Override
    public V remove(Object id) {
        return remove(ClOrdIdSet.key(id), id);
    }

    /** {@link #remove(Object)} of an id whose {@link ClOrdIdSet#key} the caller has already read. */
    V remove(long k, Object id) {
        return k != ClOrdIdSet.TEXT ? numeric.remove(k) : id == null ? null : other.remove(id);
    }

    @Override
    public int size() {
        return numeric.size() + other.size();
    }

    @Override
    public boolean isEmpty() {
        return numeric.isEmpty() && other.isEmpty();
    }

    @Override
    public void clear() {
        numeric.clear();
        other.clear();
    }

    /** The values, without making a key for each (the rollover and the status clean-ups walk them). */
    @Override
    public Collection<V> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<V> iterator() {
                return new Chain<>(new Numbers<>(numeric.cursor(), NumericIdMap.Cursor::value), other.values().iterator());
            }

            @Override
            public int size() {
                return ClOrdIdMap.this.size();
            }
        };
    }

    /** Every entry, numeric keys as their text (made as it goes: for the rare walk, not the hot path). */
    @Override
    public Set<Map.Entry<String, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, V>> iterator() {
                Iterator<Map.Entry<String, V>> asText = new Numbers<>(numeric.cursor(),
                        c -> new AbstractMap.SimpleImmutableEntry<>(Long.toString(c.key()), c.value()));
                return new Chain<>(asText, other.entrySet().iterator());
            }

            @Override
            public int size() {
                return ClOrdIdMap.this.size();
            }
        };
    }

    /** The numeric side's entries as an iterator of what {@code as} makes of each. */
    private static final class Numbers<V, T> implements Iterator<T> {
        private final NumericIdMap<V>.Cursor cursor;
        private final Function<NumericIdMap<V>.Cursor, T> as;

        Numbers(NumericIdMap<V>.Cursor cursor, Function<NumericIdMap<V>.Cursor, T> as) {
            this.cursor = cursor;
            this.as = as;
        }

        @Override
        public boolean hasNext() {
            return cursor.hasNext();
        }

        @Override
        public T next() {
            cursor.advance();
            return as.apply(cursor);
        }

        @Override
        public void remove() {
            cursor.remove();
        }
    }

    /** One iterator, then another; {@code remove} goes to the one the last element came from. */
    static final class Chain<T> implements Iterator<T> {
        private final Iterator<? extends T> first;
        private final Iterator<? extends T> second;
        private Iterator<? extends T> last;

        Chain(Iterator<? extends T> first, Iterator<? extends T> second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public boolean hasNext() {
            return first.hasNext() || second.hasNext();
        }

        @Override
        public T next() {
            if (first.hasNext()) {
                last = first;
                return first.next();
            }
            if (second.hasNext()) {
                last = second;
                return second.next();
            }
            throw new NoSuchElementException();
        }

        @Override
        public void remove() {
            if (last == null) {
                throw new IllegalStateException();
            }
            last.remove();
            last = null;
        }
    }
}
