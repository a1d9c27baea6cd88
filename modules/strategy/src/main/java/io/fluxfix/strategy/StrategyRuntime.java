package io.fluxfix.strategy;

import io.fluxfix.book.BookEvent;
import io.fluxfix.book.BookMetrics;
import io.fluxfix.book.BookView;
import io.fluxfix.book.Books;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.Instrument;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.MassCancel;
import io.fluxfix.model.command.OrderCommand;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.orders.Decision;
import io.fluxfix.orders.OrderView;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one {@link Strategy} live (or in replay): gives it a {@link StrategyContext} whose streams are moved onto
 * a single thread of its own, sends what it emits through a {@link CommandGate}, and tells it the answers.
 *
 * <ul>
 *   <li>Books are conflated for it (newest snapshot per instrument wins while it is busy, counted in
 *   {@code fluxfix_book_conflated_total} of the metrics given) and handed over as immutable snapshots.</li>
 *   <li>It sees only its own orders: those whose first ClOrdID it emitted.</li>
 *   <li>{@link #pause()} stops its new orders and amends (cancels still leave), cancels its open orders and stops
 *   its book feed; {@link #resume()} undoes that. Counted in {@code fluxfix.strategy.commands} by outcome
 *   ({@code sent}, {@code queued}, {@code refused}, {@code done_locally}, {@code dropped_paused}).</li>
 * </ul>
 */
public final class StrategyRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StrategyRuntime.class);

    /**
     * What the strategy is fed from.
     *
     * @param books       the book operator's output (views and alerts of any instruments; filtered here)
     * @param trades      public trades (filtered here)
     * @param orders      every order state the sink publishes (filtered here to the strategy's own)
     * @param positions   net position by symbol
     * @param instruments reference data by symbol
     * @param clOrdIds    fresh ClOrdIDs for the strategy's trading session
     */
    public record Inputs(Flux<BookEvent> books, Flux<Trade> trades, Flux<OrderView> orders,
                         Function<String, Decimal> positions, Map<String, Instrument> instruments,
                         Supplier<String> clOrdIds) {
        public Inputs {
            Objects.requireNonNull(books, "books");
            Objects.requireNonNull(trades, "trades");
            Objects.requireNonNull(orders, "orders");
            Objects.requireNonNull(positions, "positions");
            instruments = Map.copyOf(instruments);
            Objects.requireNonNull(clOrdIds, "clOrdIds");
        }
    }

    /** Levels per side in the snapshots a strategy gets. */
    public static final int BOOK_LEVELS = 25;

    private final String id;
    private final String name;
    private final Strategy strategy;
    private final List<String> symbols;
    private final ConfigSource params;
    private final Inputs inputs;
    private final CommandGate gate;
    private final InstantSource clock;
    private final MeterRegistry meters;
    private final BookMetrics bookMetrics;
    private final Set<String> mine = ConcurrentHashMap.newKeySet();
    private final Map<String, OrderView> open = new ConcurrentHashMap<>();
    private volatile boolean paused;
    private volatile String state = "NEW";
    private Scheduler scheduler;
    private Disposable running;

    public StrategyRuntime(String id, String name, Strategy strategy, List<String> symbols, ConfigSource params,
                           Inputs inputs, CommandGate gate, InstantSource clock, MeterRegistry meters,
                           BookMetrics bookMetrics) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.symbols = List.copyOf(symbols);
        this.params = Objects.requireNonNull(params, "params");
        this.inputs = Objects.requireNonNull(inputs, "inputs");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.meters = meters == null ? new SimpleMeterRegistry() : meters;
        this.bookMetrics = bookMetrics == null ? new BookMetrics() : bookMetrics;
    }

    /** Starts the strategy on a new single thread {@code strategy-<id>}. */
    public synchronized StrategyRuntime start() {
        if (running != null) {
            throw new IllegalStateException("strategy " + id + " already started");
        }
        return start(Schedulers.newSingle("strategy-" + id));
    }

    /** Starts the strategy on {@code single} (a one-thread scheduler; tests pass a virtual-time one). */
    public synchronized StrategyRuntime start(Scheduler single) {
        scheduler = single;
        Sinks.Many<CommandDecision> decisions = Sinks.many().multicast().onBackpressureBuffer();
        Flux<BookView> books = inputs.books()
                .filter(e -> e.symbol() == null || symbols.contains(e.symbol()))
                .transform(Books.conflate(BOOK_LEVELS, bookMetrics))
                .ofType(BookView.class)
                .filter(v -> !paused)
                .publishOn(scheduler, 1);
        Flux<Trade> trades = inputs.trades().filter(t -> symbols.contains(t.symbol())).publishOn(scheduler);
        Flux<OrderView> orders = inputs.orders().filter(v -> mine.contains(v.clOrdId()))
                .doOnNext(this::track)
                .publishOn(scheduler);
        StrategyContext ctx = new StrategyContext(id, symbols, inputs.instruments(), params, books, trades, orders,
                decisions.asFlux(), inputs.positions(), clock, scheduler, inputs.clOrdIds());
        state = "RUNNING";
        running = Flux.defer(() -> strategy.run(ctx))
                .subscribeOn(scheduler)
                .subscribe(cmd -> submit(cmd, decisions),
                        err -> {
                            state = "FAILED: " + err;
                            LOG.error("strategy {} ({}) failed; it sends nothing more", id, name, err);
                        },
                        () -> {
                            state = "COMPLETED";
                            LOG.info("strategy {} ({}) completed: {}", id, name, strategy.status());
                        });
        LOG.info("strategy {} ({}) started on {}", id, name, symbols);
        return this;
    }

    private void track(OrderView v) {
        if (v.isOpen()) {
            open.put(v.clOrdId(), v);
        } else {
            open.remove(v.clOrdId());
        }
    }

    private void submit(OrderCommand cmd, Sinks.Many<CommandDecision> decisions) {
        if (paused && !(cmd instanceof CancelOrder) && !(cmd instanceof MassCancel)) {
            count("dropped_paused");
            return;
        }
        mine.add(cmd.clOrdId());
        Decision d;
        try {
            d = gate.submit(cmd);
        } catch (RuntimeException e) {
            LOG.error("strategy {}: the order sink threw on {}", id, cmd, e);
            d = new Decision(Decision.Outcome.REFUSED, null, 0, String.valueOf(e));
        }
        count(d.outcome().name().toLowerCase(java.util.Locale.ROOT));
        decisions.tryEmitNext(new CommandDecision(cmd, d));
    }

    private void count(String outcome) {
        meters.counter("fluxfix.strategy.commands", "strategy", id, "outcome", outcome).increment();
    }

    /** Stops new orders and amends, cancels the strategy's open orders, stops its book feed. */
    public void pause() {
        paused = true;
        Scheduler s = scheduler;
        if (s == null) {
            return;
        }
        s.schedule(() -> {
            List<OrderView> live = new ArrayList<>(open.values());
            for (OrderView v : live) {
                if (v.state().isLive()) {
                    long now = clock.instant().getEpochSecond() * 1_000_000_000L + clock.instant().getNano();
                    Decision d = gate.submit(new CancelOrder(inputs.clOrdIds().get(), v.currentClOrdId(),
                            v.orderId(), v.symbol(), v.side(), now));
                    count(d.outcome().name().toLowerCase(java.util.Locale.ROOT));
                }
            }
            LOG.info("strategy {} paused; cancelled {} open orders", id, live.size());
        });
        state = "PAUSED";
    }

    public void resume() {
        paused = false;
        if ("PAUSED".equals(state)) {
            state = "RUNNING";
        }
        LOG.info("strategy {} resumed", id);
    }

    public boolean paused() {
        return paused;
    }

    public String id() {
        return id;
    }

    /** For the runner's API and status page: id, strategy, symbols, state, and the strategy's own status. */
    public Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("strategy", name);
        m.put("symbols", symbols);
        m.put("state", state);
        m.put("openOrders", open.size());
        m.put("detail", strategy.status());
        return m;
    }

    @Override
    public synchronized void close() {
        if (running != null) {
            running.dispose();
        }
        if (scheduler != null) {
            scheduler.dispose();
        }
        if (!state.startsWith("FAILED") && !"COMPLETED".equals(state)) {
            state = "STOPPED";
        }
    }
}
