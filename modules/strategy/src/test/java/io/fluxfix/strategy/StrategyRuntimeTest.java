package io.fluxfix.strategy;

import io.fluxfix.book.BookEvent;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.command.OrderCommand;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.orders.OrderState;
import io.fluxfix.orders.OrderView;
import io.fluxfix.strategy.testing.PaperOrders;
import io.fluxfix.strategy.testing.ScriptedMarket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StrategyRuntimeTest {

    /** Places one buy per book it sees, and records the threads it ran on and the orders it was told about. */
    static final class Recorder implements Strategy {
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final List<OrderView> seen = new CopyOnWriteArrayList<>();
        final AtomicInteger books = new AtomicInteger();

        @Override
        public Flux<OrderCommand> run(StrategyContext ctx) {
            return Flux.merge(
                    ctx.books().map(b -> {
                        threads.add(Thread.currentThread().getName());
                        books.incrementAndGet();
                        return (OrderCommand) NewOrder.limit(ctx.nextClOrdId(), b.symbol(), Side.BUY,
                                Decimal.parse("0.1"), Decimal.parse("99"), TimeInForce.GOOD_TILL_CANCEL,
                                ExecInstructions.NONE, ctx.nowNanos());
                    }),
                    ctx.orders().doOnNext(v -> {
                        threads.add(Thread.currentThread().getName());
                        seen.add(v);
                    }).then(reactor.core.publisher.Mono.empty()));
        }
    }

    @Test
    void runsOnItsOwnThreadSeesOnlyItsOwnOrdersAndPauseCancelsAndStopsNewOrders() {
        PaperOrders paper = new PaperOrders();
        Sinks.Many<OrderView> foreign = Sinks.many().multicast().directBestEffort();
        Sinks.Many<BookEvent> books = Sinks.many().multicast().directBestEffort();
        AtomicInteger ids = new AtomicInteger();
        Recorder strategy = new Recorder();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        StrategyRuntime.Inputs inputs = new StrategyRuntime.Inputs(books.asFlux(), Flux.never(),
                Flux.merge(paper.orders(), foreign.asFlux()), paper.positions(), Map.of(),
                () -> "S" + ids.incrementAndGet());
        Flux<BookEvent> script = new ScriptedMarket().at(Duration.ZERO, "BTC/USD", "98@1", "100@1")
                .at(Duration.ZERO, "ETH/USD", "9@1", "10@1").bookEvents();
        StrategyRuntime runtime = new StrategyRuntime("q1", "recorder", strategy, List.of("BTC/USD"),
                ConfigSource.empty("test"), inputs, cmd -> paper.submit(cmd), InstantSource.system(), meters, null);
        try {
            runtime.start();
            // the strategy subscribes on its own thread: publish once it listens
            await().atMost(Duration.ofSeconds(10)).until(() -> books.currentSubscriberCount() > 0
                    && foreign.currentSubscriberCount() > 0);
            script.subscribe(books::tryEmitNext);
            await().atMost(Duration.ofSeconds(10)).until(() -> paper.open().size() == 1);
            // another strategy's order on the same sink is not shown to this one
            foreign.tryEmitNext(new OrderView("X1", "X1", "P9", "paper", "BTC/USD", Side.SELL, null,
                    Decimal.parse("1"), null, Decimal.ZERO, Decimal.parse("1"), null, OrderState.NEW, null, null, 0));
            await().atMost(Duration.ofSeconds(10)).until(() -> !strategy.seen.isEmpty());
            assertThat(strategy.seen).extracting(OrderView::clOrdId).containsOnly("S1");
            assertThat(strategy.threads).containsExactly("strategy-q1-1");
            assertThat(strategy.books.get()).isEqualTo(1); // ETH/USD is not its symbol

            runtime.pause();
            await().atMost(Duration.ofSeconds(10)).until(() -> paper.open().isEmpty());
            assertThat(paper.received()).last().isInstanceOf(CancelOrder.class);
            books.tryEmitNext(new ScriptedMarket().at(Duration.ZERO, "BTC/USD", "98@2", "100@2").bookEvents()
                    .blockFirst());
            assertThat(paper.open()).isEmpty();
            assertThat(runtime.status()).containsEntry("state", "PAUSED");
            assertThat(meters.counter("fluxfix.strategy.commands", "strategy", "q1", "outcome", "sent").count())
                    .isEqualTo(2.0); // the order and its cancel
        } finally {
            runtime.close();
        }
    }
}
