package io.fluxfix.orders;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.Market;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.config.ConfigSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the sink does with a command after deciding it: the session's answer to the send (at once, later, or an
 * error either way), the order of what leaves, and the states it shows to whoever subscribes.
 */
class OutboxTest {

    private final FakeOrderPort port = new FakeOrderPort("spot", Market.SPOT);
    private final OrderSink sink = new OrderSink(OrderSinkConfig.read(ConfigSource.of("test",
            Map.of("orders.pump-interval", "0ms"))), List.of(port), new OrderSink.Options(
            () -> Instant.parse("2026-03-02T10:00:00Z"), Schedulers.immediate(), new SimpleMeterRegistry(), null,
            new java.util.Random(3)));
    private long ids = 2_000_000;

    private NewOrder buy() {
        return NewOrder.limit(Long.toString(++ids), "BTC/USD", Side.BUY, Decimal.parse("0.1"), Decimal.parse("80000"),
                TimeInForce.GOOD_TILL_CANCEL, null, 0);
    }

    private CancelOrder cancel(NewOrder n) {
        return new CancelOrder(Long.toString(++ids), n.clOrdId(), null, n.symbol(), n.side(), 0);
    }

    private void start() {
        port.logOn();
        sink.start();
    }

    private List<OrderView> watch() {
        List<OrderView> views = new CopyOnWriteArrayList<>();
        sink.orders().subscribe(views::add);
        start();
        return views;
    }

    @Test
    void aSendTheSessionRefusesAtOnceRejectsTheOrderLocallyAndTheNextCommandStillLeaves() {
        List<OrderView> views = watch();
        try {
            NewOrder refused = buy();
            port.answers.add(Mono.error(new IllegalStateException("spot is not logged on")));
            assertThat(sink.submit("spot", refused).sent()).isTrue();
            OrderView v = sink.order(refused.clOrdId());
            assertThat(v.state()).isEqualTo(OrderState.REJECTED);
            assertThat(v.rejectLayer()).isEqualTo(RejectLayer.LOCAL);
            assertThat(v.reason()).isEqualTo("not sent: spot is not logged on");
            assertThat(sink.inFlight()).isZero();

            NewOrder next = buy();
            assertThat(sink.submit("spot", next).sent()).isTrue();
            assertThat(sink.order(next.clOrdId()).state()).isEqualTo(OrderState.PENDING_NEW);
            assertThat(sink.inFlight()).isEqualTo(1);
            assertThat(views).extracting(OrderView::clOrdId, OrderView::state).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(refused.clOrdId(), OrderState.PENDING_NEW),
                    org.assertj.core.groups.Tuple.tuple(refused.clOrdId(), OrderState.REJECTED),
                    org.assertj.core.groups.Tuple.tuple(next.clOrdId(), OrderState.PENDING_NEW));
        } finally {
            sink.close();
        }
    }

    @Test
    void aCancelTheSessionRefusesPutsTheOrderBackAsItWas() {
        watch();
        try {
            NewOrder n = buy();
            sink.submit("spot", n);
            port.emit(port.ack(n, "O-1", 0));
            port.answers.add(Mono.error(new IllegalStateException("gone")));
            sink.submit("spot", cancel(n));
            assertThat(sink.order(n.clOrdId()).state()).isEqualTo(OrderState.NEW);
            assertThat(sink.order(n.clOrdId()).reason()).isEqualTo("not sent: gone");
        } finally {
            sink.close();
        }
    }

    @Test
    void aSendAnsweredLaterHoldsNothingBackAndItsLateErrorStillRollsItsOrderBack() {
        List<OrderView> views = watch();
        try {
            Sinks.Empty<Void> slow = Sinks.empty();
            Sinks.Empty<Void> slowButFine = Sinks.empty();
            NewOrder first = buy();
            NewOrder second = buy();
            NewOrder third = buy();
            port.answers.add(slow.asMono());
            port.answers.add(slowButFine.asMono());
            assertThat(sink.submit("spot", first).sent()).isTrue();
            assertThat(sink.submit("spot", second).sent()).isTrue();
            assertThat(sink.submit("spot", third).sent()).isTrue();
            assertThat(port.sent).containsExactly(first, second, third);

            slowButFine.tryEmitEmpty();
            assertThat(sink.order(second.clOrdId()).state()).isEqualTo(OrderState.PENDING_NEW);
            slow.tryEmitError(new IllegalStateException("the socket closed"));
            OrderView v = sink.order(first.clOrdId());
            assertThat(v.state()).isEqualTo(OrderState.REJECTED);
            assertThat(v.reason()).isEqualTo("not sent: the socket closed");
            // the late error's state change reached the stream without another command to carry it
            assertThat(views.get(views.size() - 1)).isEqualTo(v);
            assertThat(sink.order(third.clOrdId()).state()).isEqualTo(OrderState.PENDING_NEW);
        } finally {
            sink.close();
        }
    }

    @Test
    void aSubscriberThatCommandsFromTheStreamIsServedInDecisionOrder() {
        List<String> seen = new CopyOnWriteArrayList<>();
        NewOrder n = buy();
        CancelOrder c = cancel(n);
        Disposable d = sink.orders().subscribe(v -> {
            seen.add(v.clOrdId() + " " + v.state());
            if (v.state() == OrderState.NEW) {
                assertThat(sink.submit("spot", c).sent()).isTrue(); // from inside the drain: queued behind it, not lost
            }
        });
        start();
        try {
            sink.submit("spot", n);
            port.emit(port.ack(n, "O-1", 0));
            assertThat(port.sent).containsExactly(n, c);
            assertThat(seen).containsExactly(n.clOrdId() + " PENDING_NEW", n.clOrdId() + " NEW",
                    n.clOrdId() + " PENDING_CANCEL");
        } finally {
            d.dispose();
            sink.close();
        }
    }

    @Test
    void withoutASubscriberNoStateIsMadeForTheStreamAndALaterOneSeesTheOrderAsItIsThen() {
        start();
        try {
            NewOrder n = buy();
            sink.submit("spot", n);
            port.emit(port.ack(n, "O-1", 0));
            List<OrderView> views = new CopyOnWriteArrayList<>();
            Disposable d = sink.orders().subscribe(views::add);
            sink.submit("spot", cancel(n));
            d.dispose();
            assertThat(views).singleElement().satisfies(v -> {
                assertThat(v.state()).isEqualTo(OrderState.PENDING_CANCEL);
                assertThat(v.orderId()).isEqualTo("O-1");
            });
            assertThat(sink.meters().get("fluxfix.orders.views-missed").counter().count()).isZero();
        } finally {
            sink.close();
        }
    }
}
