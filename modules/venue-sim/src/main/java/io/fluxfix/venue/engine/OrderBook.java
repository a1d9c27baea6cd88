package io.fluxfix.venue.engine;

import io.fluxfix.model.Side;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/** One instrument's resting orders in price-time priority. */
final class OrderBook {

    final String symbol;
    final TreeMap<Long, PriceLevel> bids = new TreeMap<>(Comparator.reverseOrder());
    final TreeMap<Long, PriceLevel> asks = new TreeMap<>();
    private long nextQueueSeq;
    long tradeSeq;

    OrderBook(String symbol) {
        this.symbol = symbol;
    }

    TreeMap<Long, PriceLevel> side(Side side) {
        return side == Side.BUY ? bids : asks;
    }

    TreeMap<Long, PriceLevel> opposite(Side side) {
        return side == Side.BUY ? asks : bids;
    }

    /** Adds at the back of its price's queue (new time priority). */
    void rest(Order o) {
        o.queueSeq = nextQueueSeq++;
        side(o.side).computeIfAbsent(o.price, PriceLevel::new).append(o);
    }

    void remove(Order o) {
        PriceLevel level = o.level;
        if (level == null) {
            return;
        }
        level.remove(o);
        if (level.isEmpty()) {
            side(o.side).remove(level.price);
        }
    }

    /** A fill of {@code qty} on a resting order: the level's total shrinks, the order keeps its place. */
    void reduced(Order o, long qty) {
        if (o.level != null) {
            o.level.totalLeaves -= qty;
        }
    }

    /** A quantity reduction by amend: same place in the queue. */
    void shrunk(Order o, long by) {
        reduced(o, by);
    }

    Map.Entry<Long, PriceLevel> best(Side side) {
        return side(side).firstEntry();
    }

    long nextTradeSeq() {
        return ++tradeSeq;
    }
}
