package io.fluxfix.runner.run;

import io.fluxfix.book.BookAlert;
import io.fluxfix.book.BookEvent;
import io.fluxfix.book.BookMetrics;
import io.fluxfix.book.BookSnapshot;
import io.fluxfix.book.BookView;
import io.fluxfix.book.Books;
import io.fluxfix.journal.JournalReader;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.Instrument;
import io.fluxfix.model.Side;
import io.fluxfix.model.command.MarketDataRequest;
import io.fluxfix.model.command.MassCancel;
import io.fluxfix.model.command.MassCancelScope;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.event.InstrumentList;
import io.fluxfix.model.event.MarketDataEvent;
import io.fluxfix.model.event.ReferenceDataEvent;
import io.fluxfix.model.event.TradingSessionStatus;
import io.fluxfix.orders.Decision;
import io.fluxfix.orders.KillSwitch;
import io.fluxfix.orders.OrderSink;
import io.fluxfix.orders.OrderView;
import io.fluxfix.runner.hooks.AdminActions;
import io.fluxfix.runner.hooks.Providers;
import io.fluxfix.runner.hooks.Views;
import io.fluxfix.session.KrakenClient;
import io.fluxfix.session.KrakenSession;
import io.fluxfix.strategy.CommandGate;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.ConnectableFlux;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runner's trading pipeline over its sessions: one {@link OrderSink} over every trading session, and per
 * market-data session one subscription for the configured symbols whose events feed the book operator
 * ({@link Books#l2()} or {@link Books#l3()} by endpoint, with a resync that resubscribes, and the stale-book
 * watchdog), shared by the runner's book views and every strategy on that session. Built before the sessions
 * start (their streams are hot); it also answers the HTTP providers (books, open orders, positions, rate
 * limits), the readiness check "books fresh" and the order side of the admin actions.
 */
public final class Trading implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Trading.class);

    /** Levels per side kept for the status page's depth chart. */
    static final int VIEW_LEVELS = 10;
    /** Least time between two resubscriptions of one market-data session (a resync storm would cost the venue). */
    static final Duration RESYNC_MIN_INTERVAL = Duration.ofSeconds(5);
    /** How long a strategy waits for its market-data session's instrument list before starting without it. */
    static final Duration INSTRUMENTS_WAIT = Duration.ofSeconds(20);

    private final RunnerConfig config;
    private final InstantSource clock;
    private final MeterRegistry registry;
    private final LiveState live;
    private final BookMetrics bookMetrics = new BookMetrics();
    private final Map<String, Feed> feeds = new LinkedHashMap<>();
    private final Map<String, KrakenSession> trading = new LinkedHashMap<>();
    /** Latest book per symbol (of any market-data session), immutable, top {@link #VIEW_LEVELS} levels. */
    private final Map<String, BookSnapshot> latest = new ConcurrentHashMap<>();
    /** Why a symbol's book is not usable now (dropped, reset, stale); absent when it is. */
    private final Map<String, String> dropped = new ConcurrentHashMap<>();
    /**
     * Configured symbols the venue's instrument list does not have, with the one-line explanation (config key,
     * file, session). Kraken rejects a MarketDataRequest naming an unknown symbol as a whole, so such a symbol
     * keeps every book of its session from building: said once in the log and on {@code /health}.
     */
    private final Map<String, String> unknownSymbols = new ConcurrentHashMap<>();
    /** Which strategy placed an order, by its first ClOrdID. */
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    private final Positions positions;
    private final OrderSink sink;
    private final Disposable.Composite subscriptions = Disposables.composite();

    /** One market-data session's subscription, books and instruments. */
    private final class Feed {
        final KrakenSession session;
        final List<String> symbols;
        final Resubscriber<MarketDataEvent> subscription;
        final Map<String, Instrument> instruments = new ConcurrentHashMap<>();
        final Sinks.One<Map<String, Instrument>> instrumentsReady = Sinks.one();
        final ConnectableFlux<MarketDataEvent> marketData;
        final ConnectableFlux<BookEvent> books;

        Feed(KrakenSession session, List<String> symbols) {
            this.session = session;
            this.symbols = List.copyOf(symbols);
            String name = session.name();
            // each (re)subscription has its own MDReqID; the old one is unsubscribed first
            this.subscription = new Resubscriber<>(generation -> session.marketData(request(generation)),
                    RESYNC_MIN_INTERVAL, Trading.this::nanos, Schedulers.parallel());
            this.marketData = subscription.flux()
                    .doOnNext(ev -> live.onEvent(name, ev))
                    .publish();
            Books.Builder builder = (session.endpoint().isLevel3() ? Books.l3() : Books.l2())
                    .metrics(bookMetrics).resync(this::resync);
            this.books = Flux.merge(marketData, session.sessionEvents(), session.referenceData())
                    .transform(builder.build())
                    .transform(Books.staleAfter(config.booksStaleAfter(), Schedulers.parallel(), bookMetrics))
                    .publish();
        }

        private MarketDataRequest request(int generation) {
            String id = "runner-" + session.name() + "-" + generation;
            int depth = config.marketDataDepth();
            return session.endpoint().isLevel3() ? MarketDataRequest.l3(id, depth, symbols)
                    : MarketDataRequest.l2(id, depth, symbols);
        }

        /**
         * Kraken's FIX has no per-symbol refresh: a dropped book is rebuilt by unsubscribing and subscribing the
         * session's symbols again (a new MDReqID; the venue answers with snapshots), at most once per
         * {@link #RESYNC_MIN_INTERVAL}. Until then the book shows nothing (the book module's rule).
         */
        void resync(String mdReqId, String symbol, String reason) {
            if (subscription.request(symbol + ": " + reason)) {
                LOG.warn("book {} on {} dropped ({}): resubscribing {}", symbol, session.name(), reason, symbols);
                live.log(session.name(), "BookResync", symbol + ": " + reason);
            } else {
                LOG.warn("book {} on {} dropped ({}); a resubscription was requested less than {} ago", symbol,
                        session.name(), reason, RESYNC_MIN_INTERVAL);
            }
        }

        void instruments(InstrumentList list) {
            for (Instrument i : list.instruments()) {
                instruments.put(i.symbol(), i);
            }
            if (!Boolean.FALSE.equals(list.lastFragment())) {
                instrumentsReady.tryEmitValue(Map.copyOf(instruments));
                checkSymbolsListed();
            }
        }

        /** Names every configured symbol the venue does not list (once per symbol), see {@link #unknownSymbols}. */
        private void checkSymbolsListed() {
            for (String symbol : symbols) {
                if (instruments.containsKey(symbol)) {
                    unknownSymbols.remove(symbol);
                    continue;
                }
                String why = symbolKey(symbol, session.name()) + ": " + symbol + " is not an instrument of the "
                        + "venue (the instrument list of session " + session.name() + " has " + instruments.size()
                        + "); the venue answers a market-data request naming it with 35=Y (unknown symbol), and the "
                        + "session asks for " + symbols + " in one request, so none of them gets a book";
                if (unknownSymbols.put(symbol, why) == null) {
                    LOG.error(why);
                    live.log(session.name(), "UnknownSymbol", why);
                }
            }
        }
    }

    /** {@code file: strategies.ID.symbols} of the strategy that names {@code symbol} on that market-data session. */
    private String symbolKey(String symbol, String marketDataSession) {
        return config.strategies().stream()
                .filter(s -> s.marketDataSession().equals(marketDataSession) && s.symbols().contains(symbol))
                .findFirst()
                .map(s -> config.origin() + ": strategies." + s.id() + ".symbols")
                .orElse(config.origin() + ": market data of " + marketDataSession);
    }

    Trading(RunnerConfig config, KrakenClient client, InstantSource clock, MeterRegistry registry, LiveState live) {
        this.config = config;
        this.clock = clock;
        this.registry = registry;
        this.live = live;
        bookMetrics.bindTo(registry);
        for (KrakenSession s : client.sessions()) {
            if (s.endpoint().isTrading()) {
                trading.put(s.name(), s);
            }
        }
        for (Map.Entry<String, Set<String>> e : config.marketDataSymbols().entrySet()) {
            feeds.put(e.getKey(), new Feed(client.session(e.getKey()), List.copyOf(e.getValue())));
        }
        List<SessionOrderPort> ports = trading.values().stream().map(SessionOrderPort::new).toList();
        sink = new OrderSink(config.orders(), ports, new OrderSink.Options(clock, Schedulers.parallel(), registry,
                this::referencePrice, null));
        positions = new Positions(registry, this::mid);
        feeds.values().forEach(f -> f.symbols.forEach(positions::track));
        subscriptions.add(sink.orders().subscribe(positions::onOrder));
        for (KrakenSession s : client.sessions()) {
            Feed feed = feeds.get(s.name());
            subscriptions.add(s.referenceData().subscribe(ev -> onReferenceData(feed, ev),
                    err -> LOG.error("reference data of {} failed", s.name(), err)));
        }
    }

    /**
     * Rebuilds the order sink from the journal (orders, ClOrdIDs used, positions, rate counters), connects it
     * and the books to the sessions' streams. Call before the sessions start.
     */
    void start(Path journalDir) {
        if (!trading.isEmpty() && Files.isDirectory(journalDir)) {
            try (JournalReader reader = JournalReader.open(journalDir)) {
                sink.rebuild(reader);
            }
        }
        sink.start();
        for (Map.Entry<String, Feed> e : feeds.entrySet()) {
            Feed f = e.getValue();
            String name = e.getKey();
            subscriptions.add(f.books.subscribe(ev -> onBook(f, ev), err -> {
                LOG.error("books of {} failed", name, err);
                live.log(name, "StreamFailed", "books: " + err);
            }));
            subscriptions.add(f.books.connect());
            subscriptions.add(f.marketData.connect());
            LOG.info("market data: {} on {} (depth {}), books {} with resync by resubscription, stale after {}",
                    f.symbols, name, config.marketDataDepth(), f.session.endpoint().isLevel3() ? "L3" : "L2",
                    config.booksStaleAfter());
        }
    }

    private void onReferenceData(Feed feed, ReferenceDataEvent ev) {
        if (ev instanceof InstrumentList list) {
            list.instruments().forEach(i -> sink.instrumentStatus(i.symbol(), i.status()));
            if (feed != null) {
                feed.instruments(list);
            }
        } else if (ev instanceof TradingSessionStatus st && st.status() != null) {
            sink.venueStatus(st.status());
        }
    }

    private void onBook(Feed feed, BookEvent ev) {
        if (ev instanceof BookView v) {
            latest.put(v.symbol(), v.snapshot(VIEW_LEVELS));
            dropped.remove(v.symbol());
        } else if (ev instanceof BookAlert a) {
            String why = a.kind().name().toLowerCase(java.util.Locale.ROOT);
            if (a.symbol() == null) {
                feed.symbols.forEach(s -> dropped.put(s, why));
            } else {
                dropped.put(a.symbol(), why);
            }
        }
    }

    // ---- for the strategies ----------------------------------------------------------------------------------

    public OrderSink sink() {
        return sink;
    }

    public BookMetrics bookMetrics() {
        return bookMetrics;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public InstantSource clock() {
        return clock;
    }

    /** The book events of a market-data session's subscription (hot: views, alerts). */
    public Flux<BookEvent> books(String marketDataSession) {
        return feed(marketDataSession).books;
    }

    /** The market-data events of a market-data session's subscription (hot). */
    public Flux<MarketDataEvent> marketData(String marketDataSession) {
        return feed(marketDataSession).marketData;
    }

    /**
     * The instruments the market-data session listed at its logon; after {@link #INSTRUMENTS_WAIT} without a
     * list, what it has (possibly none: strategies then use the book's scales).
     */
    public Mono<Map<String, Instrument>> instruments(String marketDataSession) {
        Feed f = feed(marketDataSession);
        return f.instrumentsReady.asMono().timeout(INSTRUMENTS_WAIT, Mono.fromSupplier(() -> {
            LOG.warn("no instrument list from {} within {}; starting its strategies without one",
                    marketDataSession, INSTRUMENTS_WAIT);
            return Map.copyOf(f.instruments);
        }));
    }

    /** Where a strategy's commands go: the sink, on its trading session; its new orders are marked as its own. */
    public CommandGate gate(String strategyId, String tradingSession) {
        return cmd -> {
            if (cmd instanceof NewOrder) {
                owners.put(cmd.clOrdId(), strategyId);
            }
            return sink.submit(tradingSession, cmd);
        };
    }

    /** Fresh ClOrdIDs for a trading session's market. */
    public java.util.function.Supplier<String> clOrdIds(String tradingSession) {
        KrakenSession s = trading.get(tradingSession);
        Objects.requireNonNull(s, () -> "no trading session " + tradingSession);
        return () -> sink.nextClOrdId(s.endpoint().market());
    }

    private Feed feed(String name) {
        Feed f = feeds.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no market-data subscription on session " + name);
        }
        return f;
    }

    // ---- reference price --------------------------------------------------------------------------------------

    /** The mid of the instrument's latest usable book, or null (the sink then skips its price band). */
    Decimal referencePrice(String symbol) {
        return dropped.containsKey(symbol) ? null : mid(symbol);
    }

    private Decimal mid(String symbol) {
        BookSnapshot b = latest.get(symbol);
        return b == null ? null : b.mid();
    }

    // ---- providers --------------------------------------------------------------------------------------------

    List<Views.Book> bookViews() {
        List<Views.Book> out = new ArrayList<>();
        for (Feed f : feeds.values()) {
            for (String symbol : f.symbols) {
                BookSnapshot b = latest.get(symbol);
                if (b == null) {
                    continue;
                }
                List<Views.Level> bids = levels(b, Side.BUY);
                List<Views.Level> asks = levels(b, Side.SELL);
                out.add(new Views.Book(symbol, bids.isEmpty() ? null : bids.get(0), asks.isEmpty() ? null : asks.get(0),
                        bids, asks, instant(b.updateNanos()).toString(), freshness(symbol).isEmpty()));
            }
        }
        return out;
    }

    private static List<Views.Level> levels(BookSnapshot b, Side side) {
        List<Views.Level> out = new ArrayList<>();
        for (int i = 0; i < b.depth(side); i++) {
            out.add(new Views.Level(Decimal.toString(b.price(side, i), b.priceScale()),
                    Decimal.toString(b.qty(side, i), b.qtyScale())));
        }
        return out;
    }

    /** Why a symbol's book is not fresh, or empty: shown, not dropped, updated within books.stale-after. */
    Optional<String> freshness(String symbol) {
        String unknown = unknownSymbols.get(symbol);
        if (unknown != null) {
            return Optional.of(unknown);
        }
        BookSnapshot b = latest.get(symbol);
        if (b == null) {
            return Optional.of("book " + symbol + " not received yet");
        }
        String why = dropped.get(symbol);
        if (why != null) {
            return Optional.of("book " + symbol + " " + why);
        }
        long age = nanos() - b.updateNanos();
        if (age > config.booksStaleAfter().toNanos()) {
            return Optional.of("book " + symbol + " stale for " + Duration.ofNanos(age).toSeconds() + " s");
        }
        return Optional.empty();
    }

    /** "orders reconciled": after a restart, not ready until the sink has reconciled the journal's open orders. */
    Providers.ReadinessCheck ordersReconciled() {
        return ordersReconciled(sink::reconciling);
    }

    static Providers.ReadinessCheck ordersReconciled(java.util.function.BooleanSupplier reconciling) {
        return new Providers.ReadinessCheck() {
            @Override
            public String name() {
                return "orders reconciled";
            }

            @Override
            public Optional<String> notReady() {
                return reconciling.getAsBoolean()
                        ? Optional.of("restart reconciliation with the venue under way: new orders are refused")
                        : Optional.empty();
            }
        };
    }

    Providers.ReadinessCheck booksFresh() {
        return new Providers.ReadinessCheck() {
            @Override
            public String name() {
                return "books fresh";
            }

            @Override
            public Optional<String> notReady() {
                List<String> reasons = new ArrayList<>();
                for (Feed f : feeds.values()) {
                    f.symbols.forEach(s -> freshness(s).ifPresent(reasons::add));
                }
                return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", reasons));
            }
        };
    }

    List<Views.OpenOrder> openOrders() {
        List<Views.OpenOrder> out = new ArrayList<>();
        for (OrderView o : sink.openOrders()) {
            out.add(new Views.OpenOrder(o.currentClOrdId(), o.orderId(), owners.getOrDefault(o.clOrdId(), ""),
                    o.symbol(), o.side() == null ? "" : o.side().name().toLowerCase(java.util.Locale.ROOT),
                    text(o.price()), text(o.orderQty()), text(o.cumQty()), o.state().name().toLowerCase(
                    java.util.Locale.ROOT).replace('_', '-')));
        }
        return out;
    }

    List<Views.Position> positionViews() {
        return positions.views();
    }

    List<Views.RateLimit> rateLimits() {
        List<Views.RateLimit> out = new ArrayList<>();
        int threshold = config.orders().tier().threshold();
        for (Map.Entry<String, Decimal> e : new java.util.TreeMap<>(sink.spotCounters()).entrySet()) {
            out.add(new Views.RateLimit("spot counter " + e.getKey(), e.getValue().toBigDecimal().doubleValue(),
                    threshold));
        }
        int capacity = config.orders().bucketCapacity();
        for (KrakenSession s : trading.values()) {
            if (s.endpoint().market() == io.fluxfix.model.Market.DERIVATIVES) {
                out.add(new Views.RateLimit("derivatives bucket " + s.name(), capacity - sink.bucketTokens(s.name()),
                        capacity));
            }
        }
        return out;
    }

    AdminActions.OrderControl orderControl() {
        return new AdminActions.OrderControl() {
            @Override
            public AdminActions.KillSwitchState killSwitch() {
                return switch (sink.killSwitch()) {
                    case ACTIVE -> AdminActions.KillSwitchState.OFF;
                    case REDUCING -> AdminActions.KillSwitchState.NO_NEW_ORDERS;
                    case HALTED -> AdminActions.KillSwitchState.HALT;
                };
            }

            @Override
            public Mono<String> setKillSwitch(AdminActions.KillSwitchState state) {
                KillSwitch to = switch (state) {
                    case OFF -> KillSwitch.ACTIVE;
                    case NO_NEW_ORDERS -> KillSwitch.REDUCING;
                    case HALT -> KillSwitch.HALTED;
                };
                return Mono.fromCallable(() -> {
                    sink.killSwitch(to, "admin action");
                    return "kill switch " + to.name().toLowerCase(java.util.Locale.ROOT)
                            + (to == KillSwitch.HALTED ? ": every open order is being cancelled" : "");
                });
            }

            @Override
            public Mono<String> cancelAll() {
                return Mono.fromCallable(Trading.this::cancelAll);
            }
        };
    }

    /** A mass cancel of every order of the account (35=q 530=7) on each trading session, through the sink. */
    String cancelAll() {
        List<String> out = new ArrayList<>();
        int open = sink.openOrders().size();
        for (KrakenSession s : trading.values()) {
            Decision d = sink.submit(s.name(), new MassCancel(sink.nextClOrdId(s.endpoint().market()),
                    MassCancelScope.SENDER_COMP_ID, null, nanos()));
            out.add(s.name() + ": " + d.outcome().name().toLowerCase(java.util.Locale.ROOT)
                    + (d.reason() == null ? "" : " (" + d.reason() + (d.detail() == null ? "" : ": " + d.detail()) + ")"));
        }
        return "cancel all (" + open + " open orders): " + String.join(", ", out);
    }

    private static String text(Decimal d) {
        return d == null ? "" : d.toString();
    }

    private long nanos() {
        Instant i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(0, epochNanos);
    }

    @Override
    public void close() {
        subscriptions.dispose();
        sink.close();
    }
}
