package io.fluxfix.orders;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.Market;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.config.ConfigSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** A sink over fake sessions on a clock the test moves; the pump runs only when the test calls it. */
final class SinkFixture implements AutoCloseable {

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-02T10:00:00Z"));
    final InstantSource clock = () -> now.get();
    final FakeOrderPort spot = new FakeOrderPort("spot", Market.SPOT);
    final FakeOrderPort drv = new FakeOrderPort("drv", Market.DERIVATIVES);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final OrderSink sink;
    final List<OrderView> views = new CopyOnWriteArrayList<>();
    final List<SinkEvent> events = new CopyOnWriteArrayList<>();
    private long ids = 1_000_000;

    SinkFixture(String... config) {
        this(ReferencePrice.NONE, config);
    }

    SinkFixture(ReferencePrice reference, String... config) {
        Map<String, String> m = new HashMap<>();
        m.put("orders.pump-interval", "0ms");
        // fake sessions answer only when a test says so: unanswered commands would hold new orders (GuardTest turns it on)
        m.put("orders.error-rate.count-in-flight", "false");
        for (int i = 0; i < config.length; i += 2) {
            m.put(config[i], config[i + 1]);
        }
        OrderSinkConfig c = OrderSinkConfig.read(ConfigSource.of("test", m));
        sink = new OrderSink(c, List.of(spot, drv), new OrderSink.Options(clock, Schedulers.immediate(), meters,
                reference, new java.util.Random(7)));
        sink.orders().subscribe(views::add);
        sink.events().subscribe(events::add);
        spot.logOn();
        drv.logOn();
        sink.start();
    }

    long nanos() {
        Instant i = now.get();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
        sink.pump();
    }

    String id() {
        return Long.toString(++ids);
    }

    NewOrder buy(String qty, String price) {
        return NewOrder.limit(id(), "BTC/USD", Side.BUY, Decimal.parse(qty), Decimal.parse(price),
                TimeInForce.GOOD_TILL_CANCEL, null, nanos());
    }

    NewOrder sell(String qty, String price) {
        return NewOrder.limit(id(), "BTC/USD", Side.SELL, Decimal.parse(qty), Decimal.parse(price),
                TimeInForce.GOOD_TILL_CANCEL, null, nanos());
    }

    CancelOrder cancel(NewOrder n) {
        return new CancelOrder(id(), n.clOrdId(), null, n.symbol(), n.side(), nanos());
    }

    <T extends SinkEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    double meter(String name, String... tags) {
        var s = meters.find(name).tags(tags);
        if (s.counter() != null) {
            return s.counter().count();
        }
        return s.gauge() == null ? Double.NaN : s.gauge().value();
    }

    @Override
    public void close() {
        sink.close();
    }
}
