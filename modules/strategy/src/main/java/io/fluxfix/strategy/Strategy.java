package io.fluxfix.strategy;

import io.fluxfix.model.command.OrderCommand;
import reactor.core.publisher.Flux;

import java.util.Map;

/**
 * A trading strategy: a function from what it can see to the commands it wants sent.
 *
 * <p>{@link #run} is called once per start with a {@link StrategyContext}; every stream of the context delivers
 * on the context's {@link StrategyContext#scheduler() scheduler}, a single thread, so the strategy never races
 * itself and needs no locks. It must never block. The returned {@code Flux} is subscribed once, on that
 * scheduler; each command it emits goes to the order sink, which answers on {@link StrategyContext#decisions()}.
 * Completing the {@code Flux} ends the strategy (a TWAP that is done); an error stops it and is logged.
 *
 * <p>The same object runs live (the runner), in research replay and in tests ({@code io.fluxfix.strategy.testing}):
 * a strategy reads time only from {@link StrategyContext#clock()} and schedules only on the context's scheduler.
 */
@FunctionalInterface
public interface Strategy {

    Flux<OrderCommand> run(StrategyContext context);

    /**
     * What the strategy wants an operator to see (the runner's {@code /api/strategies} and status page), as
     * plain JSON-friendly values; read from any thread, so implementations publish an immutable map.
     */
    default Map<String, Object> status() {
        return Map.of();
    }
}
