package io.fluxfix.runner.run;

import io.fluxfix.model.Decimal;
import io.fluxfix.strategy.Strategy;
import io.fluxfix.strategy.StrategyFactory;
import io.fluxfix.strategy.StrategyRuntime;
import io.fluxfix.strategy.Trade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a strategy module's {@link StrategyFactory} in the runner: {@link #validate} builds one from the
 * parameters (so {@code run --check} reports a bad parameter), {@link #start} waits for the market-data
 * session's instrument list (the strategies size their orders from it) and then runs the strategy in a
 * {@link StrategyRuntime} on its own thread, fed from that session's books and trades, the order sink's views
 * and positions, its commands going to the sink on its trading session.
 */
final class FactoryStrategy implements StrategyRegistry.Implementation {

    private static final Logger LOG = LoggerFactory.getLogger(FactoryStrategy.class);

    private final StrategyFactory factory;

    FactoryStrategy(StrategyFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public void validate(StrategySpec spec) {
        factory.create(spec.symbols(), spec.paramsSource());
    }

    @Override
    public StrategyRegistry.Running start(StrategySpec spec, Trading trading) {
        return new Running(spec, trading);
    }

    private final class Running implements StrategyRegistry.Running {
        private final StrategySpec spec;
        private final Disposable waiting;
        private volatile StrategyRuntime runtime;
        private volatile boolean closed;
        private volatile boolean pauseRequested;

        Running(StrategySpec spec, Trading trading) {
            this.spec = spec;
            Strategy strategy = factory.create(spec.symbols(), spec.paramsSource());
            this.waiting = trading.instruments(spec.marketDataSession()).subscribe(instruments -> {
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    StrategyRuntime.Inputs inputs = new StrategyRuntime.Inputs(
                            trading.books(spec.marketDataSession()),
                            Trade.from(trading.marketData(spec.marketDataSession())),
                            trading.sink().orders(),
                            symbol -> trading.sink().positions().getOrDefault(symbol, Decimal.ZERO),
                            instruments,
                            trading.clOrdIds(spec.tradingSession()));
                    StrategyRuntime r = new StrategyRuntime(spec.id(), factory.name(), strategy, spec.symbols(),
                            spec.paramsSource(), inputs, trading.gate(spec.id(), spec.tradingSession()),
                            trading.clock(), trading.registry(), trading.bookMetrics());
                    r.start();
                    if (pauseRequested) {
                        r.pause();
                    }
                    runtime = r;
                }
            }, err -> LOG.error("strategy {} could not start", spec.id(), err));
        }

        @Override
        public Map<String, Object> status() {
            StrategyRuntime r = runtime;
            if (r != null) {
                return r.status();
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("state", closed ? "STOPPED" : "WAITING_FOR_INSTRUMENTS");
            return m;
        }

        @Override
        public synchronized String pause() {
            pauseRequested = true;
            StrategyRuntime r = runtime;
            if (r == null) {
                return "strategy " + spec.id() + " paused before it started";
            }
            r.pause();
            return "strategy " + spec.id() + " paused: no new orders, its open orders are being cancelled";
        }

        @Override
        public synchronized String resume() {
            pauseRequested = false;
            StrategyRuntime r = runtime;
            if (r != null) {
                r.resume();
            }
            return "strategy " + spec.id() + " resumed";
        }

        @Override
        public synchronized void close() {
            closed = true;
            waiting.dispose();
            StrategyRuntime r = runtime;
            if (r != null) {
                r.close();
            }
        }
    }
}
