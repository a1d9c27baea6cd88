package io.fluxfix.venue.engine;

/** The orders resting at one price, in time priority: an intrusive doubly linked queue with O(1) removal. */
final class PriceLevel {

    final long price;
    Order head;
    Order tail;
    /** Everything left on the level's orders, icebergs' hidden quantity included: what a taker can get here. */
    long totalLeaves;
    /** What the level shows: icebergs count only their slice on show (market data shows this). */
    long shownLeaves;
    int count;

    PriceLevel(long price) {
        this.price = price;
    }

    void append(Order o) {
        o.level = this;
        o.prev = tail;
        o.next = null;
        if (tail == null) {
            head = o;
        } else {
            tail.next = o;
        }
        tail = o;
        totalLeaves += o.qty - o.filled;
        shownLeaves += o.shown();
        count++;
    }

    void remove(Order o) {
        if (o.prev == null) {
            head = o.next;
        } else {
            o.prev.next = o.next;
        }
        if (o.next == null) {
            tail = o.prev;
        } else {
            o.next.prev = o.prev;
        }
        totalLeaves -= o.qty - o.filled;
        shownLeaves -= o.shown();
        count--;
        o.prev = null;
        o.next = null;
        o.level = null;
    }

    boolean isEmpty() {
        return head == null;
    }
}
