package io.fluxfix.orders;

import org.agrona.collections.ObjectHashSet;

/**
 * The set of ClOrdIDs the sink has seen: Agrona's open-addressing set (no node per id), answering a null id as
 * {@link java.util.HashSet} does (absent). Not thread-safe: the sink uses it under its lock.
 */
final class IdSet extends ObjectHashSet<String> {

    IdSet() {
        super(64, 0.65f, false);
    }

    @Override
    public boolean contains(Object id) {
        return id != null && super.contains(id);
    }

    @Override
    public boolean remove(Object id) {
        return id != null && super.remove(id);
    }
}
