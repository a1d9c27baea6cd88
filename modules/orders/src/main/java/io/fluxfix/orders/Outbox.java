package io.fluxfix.orders;

import java.util.Arrays;

/**
 * What the sink's decisions leave to send and emit, in decision order. Filled under the sink's lock; the thread
 * that drains takes the whole batch under the lock (the sink swaps two of these) and works through it outside.
 * A command takes two slots (its port, then the command), so nothing is wrapped; once grown, adding and draining
 * allocate nothing. Not thread-safe by itself.
 */
final class Outbox {

    private Object[] items = new Object[32];
    private int size;

    void add(Object item) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = item;
    }

    void add(Object first, Object second) {
        if (size + 2 > items.length) {
            items = Arrays.copyOf(items, Math.max(size + 2, size * 2));
        }
        items[size++] = first;
        items[size++] = second;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    Object get(int index) {
        return items[index];
    }

    void clear() {
        Arrays.fill(items, 0, size, null);
        size = 0;
    }
}
