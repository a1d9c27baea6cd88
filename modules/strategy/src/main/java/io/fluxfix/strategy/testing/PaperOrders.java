package io.fluxfix.strategy.testing;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.AmendOrder;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.command.OrderCommand;
import io.fluxfix.orders.Decision;
import io.fluxfix.orders.OrderState;
import io.fluxfix.orders.OrderView;
import io.fluxfix.strategy.CommandGate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A paper order sink for strategy tests: takes every command (or refuses the ones a test says), acknowledges at
 * once, and fills only when the test says so ({@link #fill}) — or, with {@link #fillImmediateOrCancel}, fills
 * every IOC order at its limit. Publishes the same {@link OrderView}s the real sink does, and keeps positions.
 * Thread-safe (a test may look while the strategy's thread works).
 */
public final class PaperOrders implements CommandGate {

    private final Sinks.Many<OrderView> views = Sinks.many().replay().all();
    private final Map<String, OrderView> latest = new LinkedHashMap<>();
    private final Map<String, String> original = new HashMap<>();
    private final Map<String, Decimal> positions = new HashMap<>();
    private final List<OrderCommand> received = new ArrayList<>();
    private final Map<Class<?>, Decision> refuse = new LinkedHashMap<>();
    private boolean fillIoc;
    private int nextOrderId = 1;
    private long now;

    /** Fills every immediate-or-cancel order in full at its limit price. */
    public synchronized PaperOrders fillImmediateOrCancel() {
        this.fillIoc = true;
        return this;
    }

    /** Refuses every command of {@code type} with {@code decision} from now on. */
    public synchronized PaperOrders refuse(Class<? extends OrderCommand> type, Decision decision) {
        refuse.put(type, decision);
        return this;
    }

    /** Stops refusing. */
    public synchronized PaperOrders acceptAll() {
        refuse.clear();
        return this;
    }

    @Override
    public synchronized Decision submit(OrderCommand cmd) {
        received.add(cmd);
        Decision no = refuse.get(cmd.getClass());
        if (no != null) {
            return no;
        }
        if (cmd instanceof NewOrder o) {
            OrderView v = new OrderView(o.clOrdId(), o.clOrdId(), "P" + nextOrderId++, "paper", o.symbol(), o.side(),
                    o.ordType(), o.orderQty(), o.price(), Decimal.ZERO, o.orderQty(), null, OrderState.NEW, null, null,
                    now);
            publish(v, o.clOrdId());
            if (fillIoc && o.timeInForce() == TimeInForce.IMMEDIATE_OR_CANCEL && o.price() != null) {
                fill(o.clOrdId(), o.orderQty(), o.price());
            }
        } else if (cmd instanceof AmendOrder a) {
            OrderView v = byAnyClOrdId(a.origClOrdId());
            if (v != null && v.isOpen()) {
                Decimal leaves = a.orderQty() == null ? v.leavesQty() : a.orderQty().subtract(v.cumQty());
                publish(new OrderView(v.clOrdId(), a.clOrdId(), v.orderId(), v.session(), v.symbol(), v.side(),
                        v.ordType(), a.orderQty() == null ? v.orderQty() : a.orderQty(),
                        a.price() == null ? v.price() : a.price(), v.cumQty(), leaves, v.avgPx(), OrderState.REPLACED,
                        null, null, now), a.clOrdId());
            }
        } else if (cmd instanceof CancelOrder c) {
            OrderView v = byAnyClOrdId(c.origClOrdId());
            if (v != null && v.isOpen()) {
                publish(with(v, v.cumQty(), Decimal.ZERO, v.avgPx(), OrderState.CANCELED), null);
            }
        }
        return new Decision(Decision.Outcome.SENT, null, 0, null);
    }

    /** Fills {@code qty} of the order (any of its ClOrdIDs) at {@code price}. */
    public synchronized PaperOrders fill(String clOrdId, Decimal qty, Decimal price) {
        OrderView v = byAnyClOrdId(clOrdId);
        if (v == null || !v.isOpen()) {
            throw new IllegalStateException("no open paper order " + clOrdId);
        }
        Decimal cum = v.cumQty().add(qty);
        Decimal notional = (v.avgPx() == null ? Decimal.ZERO : v.avgPx().multiply(v.cumQty())).add(price.multiply(qty));
        Decimal avg = Decimal.parse(notional.toBigDecimal()
                .divide(cum.toBigDecimal(), 10, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString());
        Decimal leaves = v.orderQty().subtract(cum);
        positions.merge(v.symbol(), v.side() == Side.BUY ? qty : qty.negate(), Decimal::add);
        publish(with(v, cum, leaves, avg, leaves.signum() <= 0 ? OrderState.FILLED : OrderState.PARTIALLY_FILLED),
                null);
        return this;
    }

    /** Moves the position of {@code symbol} by {@code qty} (fills from elsewhere: another strategy, a manual trade). */
    public synchronized PaperOrders externalFill(String symbol, Decimal qty) {
        positions.merge(symbol, qty, Decimal::add);
        return this;
    }

    /** Sets the time stamped on the views (nanoseconds; tests on virtual time may leave it at 0). */
    public synchronized PaperOrders now(long nanos) {
        this.now = nanos;
        return this;
    }

    private OrderView with(OrderView v, Decimal cum, Decimal leaves, Decimal avg, OrderState s) {
        return new OrderView(v.clOrdId(), v.currentClOrdId(), v.orderId(), v.session(), v.symbol(), v.side(),
                v.ordType(), v.orderQty(), v.price(), cum, leaves, avg, s, null, null, now);
    }

    private void publish(OrderView v, String newClOrdId) {
        latest.put(v.clOrdId(), v);
        original.put(v.clOrdId(), v.clOrdId());
        original.put(v.currentClOrdId(), v.clOrdId());
        if (newClOrdId != null) {
            original.put(newClOrdId, v.clOrdId());
        }
        views.tryEmitNext(v);
    }

    private OrderView byAnyClOrdId(String clOrdId) {
        String first = clOrdId == null ? null : original.get(clOrdId);
        return first == null ? null : latest.get(first);
    }

    /** Every order state published, in order (replayed to late subscribers). */
    public synchronized Flux<OrderView> orders() {
        return views.asFlux();
    }

    /** The latest state of an order by any of its ClOrdIDs, or null. */
    public synchronized OrderView order(String clOrdId) {
        return byAnyClOrdId(clOrdId);
    }

    /** The orders open now. */
    public synchronized List<OrderView> open() {
        return latest.values().stream().filter(OrderView::isOpen).toList();
    }

    /** Net position from paper fills. */
    public synchronized Function<String, Decimal> positions() {
        return s -> positions.getOrDefault(s, Decimal.ZERO);
    }

    /** Every command received, in order. */
    public synchronized List<OrderCommand> received() {
        return List.copyOf(received);
    }

}
