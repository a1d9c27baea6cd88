package io.fluxfix.strategy.testing;

import io.fluxfix.book.BookView;
import io.fluxfix.model.Instrument;
import io.fluxfix.model.command.OrderCommand;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.strategy.CommandDecision;
import io.fluxfix.strategy.Strategy;
import io.fluxfix.strategy.StrategyContext;
import io.fluxfix.strategy.StrategyFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a strategy against a {@link ScriptedMarket} and {@link PaperOrders}, on virtual time, without a venue:
 *
 * <pre>{@code
 * PaperOrders paper = new PaperOrders();
 * StepVerifier.withVirtualTime(() -> StrategyTestKit.of(Quoter.FACTORY, "BTC/USD")
 *                 .param("spread-bps", "20").market(market).paper(paper).run())
 *         .assertNext(cmd -> ...)
 *         .thenCancel().verify();
 * }</pre>
 *
 * The context's clock is the virtual clock (epoch 0 at the start), its scheduler the virtual scheduler, its books
 * the script through the real book operator, its orders and positions the paper sink's; ClOrdIDs are
 * {@code T1, T2, ...}. Call {@link #run()} inside {@code withVirtualTime}'s supplier.
 */
public final class StrategyTestKit {

    private final Strategy strategy;
    private final StrategyFactory factory;
    private final List<String> symbols;
    private final Map<String, String> params = new LinkedHashMap<>();
    private final Map<String, Instrument> instruments = new HashMap<>();
    private ScriptedMarket market = new ScriptedMarket();
    private PaperOrders paper = new PaperOrders();

    private StrategyTestKit(Strategy strategy, StrategyFactory factory, List<String> symbols) {
        this.strategy = strategy;
        this.factory = factory;
        this.symbols = List.copyOf(symbols);
    }

    /** A kit for a strategy built by {@code factory} (from the parameters set with {@link #param}). */
    public static StrategyTestKit of(StrategyFactory factory, String... symbols) {
        return new StrategyTestKit(null, factory, List.of(symbols));
    }

    /** A kit for a ready strategy object. */
    public static StrategyTestKit of(Strategy strategy, String... symbols) {
        return new StrategyTestKit(strategy, null, List.of(symbols));
    }

    public StrategyTestKit param(String key, String value) {
        params.put(key, value);
        return this;
    }

    public StrategyTestKit instrument(Instrument instrument) {
        instruments.put(instrument.symbol(), instrument);
        return this;
    }

    public StrategyTestKit market(ScriptedMarket market) {
        this.market = market;
        return this;
    }

    public StrategyTestKit paper(PaperOrders paper) {
        this.paper = paper;
        return this;
    }

    /** The strategy built (for {@link Strategy#status()}); after {@link #run()} when built from a factory. */
    private Strategy built;

    public Strategy strategy() {
        return built != null ? built : strategy;
    }

    /** The strategy's commands; each is handed to the paper sink as it is emitted. */
    public Flux<OrderCommand> run() {
        ConfigSource p = ConfigSource.of("test", prefixed());
        built = strategy != null ? strategy : factory.create(symbols, p.under("params"));
        Scheduler scheduler = Schedulers.parallel();
        InstantSource clock = () -> Instant.EPOCH.plusNanos(scheduler.now(TimeUnit.NANOSECONDS));
        AtomicLong ids = new AtomicLong();
        Sinks.Many<CommandDecision> decisions = Sinks.many().multicast().onBackpressureBuffer();
        Flux<BookView> books = market.bookEvents().filter(e -> symbols.contains(e.symbol()))
                .ofType(BookView.class).map(BookView::snapshot);
        StrategyContext ctx = new StrategyContext("test", symbols, instruments, p.under("params"), books,
                market.trades().filter(t -> symbols.contains(t.symbol())), paper.orders(), decisions.asFlux(),
                paper.positions(), clock, scheduler, () -> "T" + ids.incrementAndGet());
        return built.run(ctx).doOnNext(cmd -> {
            paper.now(scheduler.now(TimeUnit.NANOSECONDS));
            decisions.tryEmitNext(new CommandDecision(cmd, paper.submit(cmd)));
        });
    }

    private Map<String, String> prefixed() {
        Map<String, String> m = new LinkedHashMap<>();
        params.forEach((k, v) -> m.put("params." + k, v));
        return m;
    }
}
