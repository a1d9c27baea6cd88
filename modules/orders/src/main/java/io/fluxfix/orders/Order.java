package io.fluxfix.orders;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.Side;
import io.fluxfix.model.event.Fee;
import io.fluxfix.model.event.Stamp;

import java.util.ArrayDeque;
import java.util.List;

/** The sink's mutable record of one order; only the sink touches it, under its lock. */
final class Order {

    final String clOrdId;
    final OrderSink.Port port;
    final String symbol;
    /** The pair's record in the sink ({@link Instrument}), set when the sink makes the order. */
    Instrument instrument;
    final Side side;
    final OrdType ordType;
    String currentClOrdId;
    String orderId;
    Decimal orderQty;
    Decimal price;
    Decimal cumQty = Decimal.ZERO;
    Decimal leavesQty;
    Decimal avgPx;
    List<Fee> fees = List.of();
    OrderState state = OrderState.QUEUED;
    /** The state to go back to when a cancel or amend is refused. */
    OrderState beforeRequest = OrderState.QUEUED;
    RejectLayer rejectLayer;
    String reason;
    long transitionAt;
    /** When the order was placed or last amended (sink clock, or the venue's time once it reported one). */
    long placedAt = Stamp.NO_TIME;
    /** The connection (logon count of its session) the order was placed or last amended on. */
    int epoch;
    /** When the sink started waiting for an answer about this order, or NO_TIME. */
    long awaitingSince = Stamp.NO_TIME;
    /** Rebuilt from the journal and not yet confirmed by the venue. */
    boolean needsReconcile;
    /**
     * Commands of this order waiting in the queue, oldest first (they leave in this order); {@link #NOT_QUEUED}
     * until one waits ({@link #queue()}), as most orders' commands never do.
     */
    ArrayDeque<OrderSink.Pending> queued = NOT_QUEUED;
    /** In {@link LiveOrders} (not terminal), and its neighbours there. */
    boolean live;
    Order livePrev;
    Order liveNext;

    /** Shared by the orders nothing of which ever waited: always empty (adding to it fails). */
    static final ArrayDeque<OrderSink.Pending> NOT_QUEUED = new ArrayDeque<>(0) {
        @Override
        public void addLast(OrderSink.Pending pe) {
            throw new UnsupportedOperationException("add through Order.queue()");
        }

        @Override
        public void addFirst(OrderSink.Pending pe) {
            throw new UnsupportedOperationException("add through Order.queue()");
        }
    };

    Order(String clOrdId, OrderSink.Port port, String symbol, Side side, OrdType ordType, Decimal orderQty,
          Decimal price) {
        this.clOrdId = clOrdId;
        this.currentClOrdId = clOrdId;
        this.port = port;
        this.symbol = symbol;
        this.side = side;
        this.ordType = ordType;
        this.orderQty = orderQty;
        this.leavesQty = orderQty;
        this.price = price;
    }

    /** The order's own queue, to add a waiting command to. */
    ArrayDeque<OrderSink.Pending> queue() {
        if (queued == NOT_QUEUED) {
            queued = new ArrayDeque<>(2);
        }
        return queued;
    }

    OrderView view() {
        return new OrderView(clOrdId, currentClOrdId, orderId, port.name, symbol, side, ordType, orderQty, price,
                cumQty, leavesQty, avgPx, state, rejectLayer, reason, transitionAt);
    }

    /** Signed working quantity: what this order would add to the position if it filled. */
    Decimal signedLeaves() {
        return side == Side.BUY ? leavesQty : leavesQty.negate();
    }
}
