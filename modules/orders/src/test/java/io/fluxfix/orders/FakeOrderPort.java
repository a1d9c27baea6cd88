package io.fluxfix.orders;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.Market;
import io.fluxfix.model.OrdStatus;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.command.OrderCommand;
import io.fluxfix.model.event.BusinessReject;
import io.fluxfix.model.event.BusinessRejectReason;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.Fee;
import io.fluxfix.model.event.MessageKind;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.model.event.Stamp;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory session: records what the sink sends, and lets a test play the venue's answers. */
final class FakeOrderPort implements OrderPort {

    final String name;
    final Market market;
    final List<OrderCommand> sent = new CopyOnWriteArrayList<>();
    /** How the session answers the next sends, in turn (none: taken at once). */
    final Queue<Mono<Void>> answers = new ConcurrentLinkedQueue<>();
    private final Sinks.Many<Event> orders = Sinks.many().multicast().directBestEffort();
    private final Sinks.Many<SessionEvent> sessions = Sinks.many().multicast().directBestEffort();
    private volatile boolean up;
    private int seq;

    FakeOrderPort(String name, Market market) {
        this.name = name;
        this.market = market;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Market market() {
        return market;
    }

    @Override
    public boolean isLoggedOn() {
        return up;
    }

    @Override
    public Mono<Void> send(OrderCommand command) {
        Mono<Void> answer = answers.poll();
        return Mono.defer(() -> {
            if (!up) {
                return Mono.error(new IllegalStateException(name + " is not logged on"));
            }
            sent.add(command);
            return answer == null ? Mono.<Void>empty() : answer;
        });
    }

    @Override
    public Flux<Event> orderEvents() {
        return orders.asFlux();
    }

    @Override
    public Flux<SessionEvent> sessionEvents() {
        return sessions.asFlux();
    }

    void logOn() {
        up = true;
        sessions.tryEmitNext(new SessionEvent.LoggedOn(stamp(), name, 30, false));
    }

    void drop() {
        up = false;
        sessions.tryEmitNext(new SessionEvent.Disconnected(stamp(), name, "test drop"));
    }

    void emit(Event e) {
        orders.tryEmitNext(e);
    }

    Stamp stamp() {
        return new Stamp(0, 1, ++seq);
    }

    <T extends OrderCommand> T last(Class<T> type) {
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (type.isInstance(sent.get(i))) {
                return type.cast(sent.get(i));
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " sent");
    }

    /** The venue's report on a new order. */
    ExecutionReport report(NewOrder n, String clOrdId, String origClOrdId, String orderId, ExecType type,
                           OrdStatus status, String cum, String leaves, String lastQty, String lastPx,
                           List<Fee> fees, long transactTime, String text) {
        return new ExecutionReport(stamp(), clOrdId, origClOrdId, orderId, "E" + seq, null, type, status, n.symbol(),
                n.side(), n.ordType(), n.timeInForce(), n.orderQty(), n.price(), null, null, null,
                lastPx == null ? null : Decimal.parse(lastPx), lastQty == null ? null : Decimal.parse(lastQty),
                lastPx == null ? null : Decimal.parse(lastPx), Decimal.parse(cum), Decimal.parse(leaves), null, null,
                fees, null, null, transactTime, Stamp.NO_TIME, text, -1, null);
    }

    ExecutionReport ack(NewOrder n, String orderId, long at) {
        return report(n, n.clOrdId(), null, orderId, ExecType.NEW, OrdStatus.NEW, "0", n.orderQty().toString(),
                null, null, List.of(), at, null);
    }

    BusinessReject businessReject(String refId, String text) {
        return businessReject(refId, MessageKind.NEW_ORDER, text);
    }

    BusinessReject businessReject(String refId, MessageKind refMessage, String text) {
        return new BusinessReject(stamp(), 0, refMessage, refId, BusinessRejectReason.OTHER, text);
    }
}
