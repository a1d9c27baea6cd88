package io.fluxfix.orders;

import io.fluxfix.model.Market;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.command.OrderStatusRequest;
import io.fluxfix.model.config.ConfigSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The periodic pump outlives a failure of one of its rounds: overdue answers are still asked about afterwards. */
class PumpTest {

    @Test
    void aPumpRoundThatThrowsDoesNotStopThePump() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        AtomicBoolean broken = new AtomicBoolean();
        Instant t0 = Instant.parse("2026-03-02T10:00:00Z");
        InstantSource clock = () -> {
            if (broken.getAndSet(false)) {
                throw new IllegalStateException("the clock failed once");
            }
            return t0.plusNanos(vts.now(java.util.concurrent.TimeUnit.NANOSECONDS));
        };
        FakeOrderPort spot = new FakeOrderPort("spot", Market.SPOT);
        OrderSinkConfig c = OrderSinkConfig.read(ConfigSource.of("test", Map.of("orders.pump-interval", "100ms",
                "orders.ack-timeout", "2s", "orders.error-rate.count-in-flight", "false")));
        OrderSink sink = new OrderSink(c, List.of(spot), new OrderSink.Options(clock, vts, new SimpleMeterRegistry(),
                ReferencePrice.NONE, new java.util.Random(7)));
        spot.logOn();
        sink.start();
        try {
            NewOrder n = NewOrder.limit("1000001", "BTC/USD", io.fluxfix.model.Side.BUY,
                    io.fluxfix.model.Decimal.parse("1"), io.fluxfix.model.Decimal.parse("80000"),
                    io.fluxfix.model.TimeInForce.GOOD_TILL_CANCEL, null, 0);
            assertThat(sink.submit("spot", n).sent()).isTrue();
            vts.advanceTimeBy(Duration.ofMillis(500));
            broken.set(true);
            vts.advanceTimeBy(Duration.ofMillis(100)); // this round throws
            assertThat(broken).as("the failing round ran").isFalse();
            vts.advanceTimeBy(Duration.ofSeconds(2)); // later rounds ask about the unanswered order
            assertThat(spot.sent.stream().filter(OrderStatusRequest.class::isInstance)).isNotEmpty();
        } finally {
            sink.close();
            vts.dispose();
        }
    }
}
