package io.fluxfix.orders;

import org.agrona.collections.Object2ObjectHashMap;

/**
 * The sink's maps keyed by ClOrdID or venue order id: Agrona's open-addressing map (no node allocated per entry,
 * none thrown away per removal: a day of ids costs the sink no garbage), answering a null key as {@link
 * java.util.HashMap} does (absent) instead of failing. Iterators are not cached, so two iterations may nest. Not
 * thread-safe: the sink uses it under its lock.
 */
final class IdMap<V> extends Object2ObjectHashMap<String, V> {

    IdMap() {
        super(64, 0.65f, false);
    }

    @Override
    public V get(Object key) {
        return key == null ? null : super.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return key != null && super.containsKey(key);
    }

    @Override
    public V remove(Object key) {
        return key == null ? null : super.remove(key);
    }
}
