package io.fluxfix.orders;

import java.util.AbstractCollection;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The sink's orders that are not terminal (queued ones included), in the order they entered: a doubly linked
 * list through the orders themselves ({@link Order#liveNext}), so entering and leaving it make no node and hash
 * nothing. An order is in it at most once (by identity). Iteration sees the orders in entry order; it must not
 * remove (nothing in the sink does while it walks the list). Not thread-safe: the sink uses it under its lock.
 */
final class LiveOrders extends AbstractCollection<Order> {

    private Order head;
    private Order tail;
    private int size;

    /** Appends {@code o} unless it is in already; true when it was added. */
    @Override
    public boolean add(Order o) {
        if (o.live) {
            return false;
        }
        o.live = true;
        o.livePrev = tail;
        o.liveNext = null;
        if (tail == null) {
            head = o;
        } else {
            tail.liveNext = o;
        }
        tail = o;
        size++;
        return true;
    }

    /** Takes {@code o} out; true when it was in. */
    boolean remove(Order o) {
        if (!o.live) {
            return false;
        }
        o.live = false;
        if (o.livePrev == null) {
            head = o.liveNext;
        } else {
            o.livePrev.liveNext = o.liveNext;
        }
        if (o.liveNext == null) {
            tail = o.livePrev;
        } else {
            o.liveNext.livePrev = o.livePrev;
        }
        o.livePrev = null;
        o.liveNext = null;
        size--;
        return true;
    }

    @Override
    public boolean remove(Object o) {
        return o instanceof Order order && remove(order);
    }

    @Override
    public boolean contains(Object o) {
        return o instanceof Order order && order.live;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public Iterator<Order> iterator() {
        return new Iterator<>() {
            private Order next = head;

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Order next() {
                Order o = next;
                if (o == null) {
                    throw new NoSuchElementException();
                }
                next = o.liveNext;
                return o;
            }
        };
    }
}
