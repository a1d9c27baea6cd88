package io.fluxfix.runner.run;

import io.fluxfix.journal.ChronicleJournal;
import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.runner.hooks.AdminActions;
import io.fluxfix.runner.hooks.Providers;
import io.fluxfix.runner.hooks.RunnerHooks;
import io.fluxfix.runner.hooks.Views;
import reactor.core.publisher.Mono;
import io.fluxfix.runner.http.RunnerHttpServer;
import io.fluxfix.session.KrakenClient;
import io.fluxfix.session.KrakenSession;
import io.fluxfix.session.SessionConfig;
import io.fluxfix.venue.LocalVenue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.scheduler.Schedulers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The headless runner, wired from a {@link RunnerConfig}: the embedded venue (when configured), the journal,
 * the FIX sessions with their streams observed, the {@link Trading} pipeline (market-data subscriptions for the
 * strategies' symbols into the books, the order sink over the trading sessions, rebuilt from the journal), the
 * strategies that have an implementation, and the HTTP endpoint. {@link #close()} stops it in order:
 * strategies, optional cancel-all, logout of every session, journal, embedded venue, HTTP, meters.
 */
public final class Runner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

    /** Gauge: 1 while {@code /health} answers 200. */
    static final String READY = "fluxfix.runner.ready";

    /**
     * What the runner needs besides its config.
     *
     * @param environment where credentials and the admin token are looked up (normally {@code System.getenv()})
     */
    public record Options(Map<String, String> environment, InstantSource clock, RunnerHooks hooks,
                          StrategyRegistry strategies) {
        public Options {
            environment = Map.copyOf(environment);
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(hooks, "hooks");
            Objects.requireNonNull(strategies, "strategies");
        }

        public static Options defaults() {
            return new Options(System.getenv(), InstantSource.system(), new RunnerHooks(), StrategyRegistry.standard());
        }
    }

    private final RunnerConfig config;
    private final Options options;
    private final RunnerMeters meters;
    private final LiveState live;
    private final Map<String, StrategyRegistry.Running> strategies = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> strategiesNotRunning = new ArrayList<>();
    private final Disposable.Composite subscriptions = Disposables.composite();
    private final AtomicBoolean closed = new AtomicBoolean();
    private LocalVenue venue;
    private MeteredJournal journal;
    private KrakenClient client;
    private Trading trading;
    private RunnerHttpServer http;
    private volatile boolean stopping;

    private Runner(RunnerConfig config, Options options) {
        this.config = config;
        this.options = options;
        this.meters = new RunnerMeters();
        this.live = new LiveState(options.clock(), meters.registry());
    }

    /**
     * Starts everything; returns once every part listens or connects (sessions log on in the background:
     * {@link #notReady()} says when they have). A part that cannot start closes what was started and throws.
     */
    public static Runner start(RunnerConfig config, Options options) {
        Runner r = new Runner(config, options);
        try {
            r.startParts();
            return r;
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    private void startParts() {
        if (config.venue() != null) {
            venue = LocalVenue.start(config.venue());
            LOG.info("embedded local venue on {}:{}-{}", config.venue().bind(), config.venue().portBase(),
                    config.venue().portBase() + 5);
        }
        try {
            Files.createDirectories(config.journal().dir());
            Files.createDirectories(config.fixStoreDir());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create " + e.getMessage(), e);
        }
        ChronicleJournal chronicle = config.journal().builder().open();
        journal = new MeteredJournal(chronicle, config.journal().dir(), meters.registry());
        KrakenClient.Options clientOptions = new KrakenClient.Options(options.clock(), Schedulers.parallel(),
                config.fixStoreDir(), null, config.credentialEnvironment(options.environment()), config.origin(),
                meters.registry());
        client = KrakenClient.create(config.sessions(), config.dialect(), journal, clientOptions);
        observeSessions();
        trading = new Trading(config, client, options.clock(), meters.registry(), live);
        trading.start(config.journal().dir());
        wireHooks();
        Gauge.builder(READY, this, r -> r.notReady().isEmpty() ? 1 : 0)
                .description("1 while /health answers 200 (sessions logged on, journal writable, hooks ready)")
                .register(meters.registry());
        client.start();
        startStrategies();
        if (config.http().enabled()) {
            http = RunnerHttpServer.start(config.http(), this);
        }
    }

    /**
     * Plugs the books, the order sink and the strategies into the hooks the HTTP endpoint reads; a hook already
     * set (by whoever built the options) is kept.
     */
    private void wireHooks() {
        RunnerHooks h = options.hooks();
        if (h.books().isEmpty()) {
            h.books(trading::bookViews);
        }
        if (h.openOrders().isEmpty()) {
            h.openOrders(trading::openOrders);
        }
        if (h.positions().isEmpty()) {
            h.positions(trading::positionViews);
        }
        if (h.rateLimits().isEmpty()) {
            h.rateLimits(trading::rateLimits);
        }
        if (h.orderControl().isEmpty()) {
            h.orderControl(trading.orderControl());
        }
        if (h.strategies().isEmpty()) {
            h.strategies(this::strategyViews);
        }
        if (h.strategyControl().isEmpty()) {
            h.strategyControl(new AdminActions.StrategyControl() {
                @Override
                public Mono<String> pause(String id) {
                    return Mono.fromCallable(() -> running(id).pause());
                }

                @Override
                public Mono<String> resume(String id) {
                    return Mono.fromCallable(() -> running(id).resume());
                }
            });
        }
        h.readiness(trading.ordersReconciled());
        if (!config.marketDataSymbols().isEmpty()) {
            h.readiness(trading.booksFresh());
        }
    }

    private StrategyRegistry.Running running(String id) {
        StrategyRegistry.Running r = strategies.get(id);
        if (r == null) {
            throw new IllegalStateException("strategy " + id + " is not running (no implementation registered)");
        }
        return r;
    }

    private List<Views.Strategy> strategyViews() {
        List<Views.Strategy> out = new ArrayList<>();
        for (StrategySpec spec : config.strategies()) {
            StrategyRegistry.Running r = strategies.get(spec.id());
            if (r == null) {
                out.add(new Views.Strategy(spec.id(), spec.strategy(), "no implementation registered",
                        spec.symbols(), Map.of()));
                continue;
            }
            Map<String, Object> status = r.status();
            Map<String, String> details = new java.util.TreeMap<>();
            status.forEach((k, v) -> {
                if (!List.of("id", "strategy", "symbols", "state").contains(k)) {
                    details.put(k, String.valueOf(v));
                }
            });
            out.add(new Views.Strategy(spec.id(), spec.strategy(),
                    String.valueOf(status.getOrDefault("state", "running")).toLowerCase(java.util.Locale.ROOT),
                    spec.symbols(), details));
        }
        return out;
    }

    private void observeSessions() {
        for (KrakenSession s : client.sessions()) {
            String name = s.name();
            live.sessionConfigured(name, endpointText(s.endpoint()));
            subscriptions.add(s.sessionEvents().subscribe(e -> live.onEvent(name, e), e -> streamFailed(name, e)));
            subscriptions.add(s.orderEvents().subscribe(e -> live.onEvent(name, e), e -> streamFailed(name, e)));
            subscriptions.add(s.referenceData().subscribe(e -> live.onEvent(name, e), e -> streamFailed(name, e)));
        }
    }

    private void streamFailed(String session, Throwable e) {
        LOG.error("stream of session {} failed: {}", session, e.toString());
        live.log(session, "StreamFailed", e.toString());
    }

    private void startStrategies() {
        for (StrategySpec spec : config.strategies()) {
            Optional<StrategyRegistry.Implementation> impl = options.strategies().implementation(spec.strategy());
            if (impl.isEmpty()) {
                strategiesNotRunning.add(spec.id());
                LOG.warn("strategy '{}' ({} on {}): no strategy implementation is registered for '{}' yet; the rest "
                        + "of the pipeline runs without it", spec.id(), spec.strategy(), spec.symbols(), spec.strategy());
                continue;
            }
            strategies.put(spec.id(), impl.get().start(spec, trading));
            LOG.info("strategy '{}' ({}) started on {}", spec.id(), spec.strategy(), spec.symbols());
        }
    }

    static String endpointText(KrakenEndpoint e) {
        return e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * Why the runner is not ready, one reason per line; empty when it is: every session logged on, the journal
     * writable, and every readiness check of the hooks satisfied.
     */
    public List<String> notReady() {
        List<String> reasons = new ArrayList<>();
        if (stopping) {
            reasons.add("shutting down");
        }
        if (client == null) {
            reasons.add("starting");
            return reasons;
        }
        for (KrakenSession s : client.sessions()) {
            if (!s.isLoggedOn()) {
                reasons.add("session " + s.name() + " not logged on");
            }
        }
        journal.notWritable().ifPresent(reasons::add);
        for (Providers.ReadinessCheck c : options.hooks().readinessChecks()) {
            try {
                c.notReady().ifPresent(r -> reasons.add(c.name() + ": " + r));
            } catch (RuntimeException e) {
                reasons.add(c.name() + ": check failed: " + e);
            }
        }
        return reasons;
    }

    public RunnerConfig config() {
        return config;
    }

    public LiveState live() {
        return live;
    }

    public RunnerHooks hooks() {
        return options.hooks();
    }

    public PrometheusMeterRegistry registry() {
        return meters.registry();
    }

    /** The admin token from the environment, or empty when unset (admin actions are then refused). */
    public Optional<String> adminToken() {
        String t = options.environment().get(config.adminTokenEnv());
        return t == null || t.isBlank() ? Optional.empty() : Optional.of(t);
    }

    /** The configured strategies that run no implementation (none registered for their name yet). */
    public List<String> strategiesNotRunning() {
        return List.copyOf(strategiesNotRunning);
    }

    public List<KrakenSession> sessions() {
        return client == null ? List.of() : client.sessions();
    }

    /** The HTTP port bound, or -1 without HTTP. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /** The embedded venue, or null. */
    public LocalVenue venue() {
        return venue;
    }

    public Path journalDir() {
        return config.journal().dir();
    }

    /**
     * Stops in order: strategies, cancel-all (when configured and an order sink is wired), logout of every
     * session, journal, embedded venue, HTTP, meters. Idempotent; each step runs even when one before failed.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopping = true;
        for (StrategyRegistry.Running s : strategies.values()) {
            quietly("strategy", s);
        }
        if (config.cancelAllOnShutdown()) {
            Optional<AdminActions.OrderControl> orders = options.hooks().orderControl();
            if (orders.isPresent()) {
                try {
                    LOG.info("shutdown: cancel all: {}", orders.get().cancelAll().block(Duration.ofSeconds(10)));
                } catch (RuntimeException e) {
                    LOG.warn("shutdown: cancel all failed: {}", e.toString());
                }
            } else {
                LOG.warn("shutdown.cancel-all is on but no order sink is wired; cancel-on-disconnect applies");
            }
        }
        if (client != null) {
            quietly("sessions", client);
        }
        if (trading != null) {
            quietly("order sink and books", trading);
        }
        subscriptions.dispose();
        if (journal != null) {
            quietly("journal", journal);
        }
        if (venue != null) {
            quietly("embedded venue", venue);
        }
        if (http != null) {
            quietly("http", http);
        }
        meters.close();
    }

    private static void quietly(String what, AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed: {}", what, e.toString());
        }
    }
}
