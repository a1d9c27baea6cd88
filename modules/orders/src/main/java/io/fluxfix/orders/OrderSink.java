package io.fluxfix.orders;

import io.fluxfix.journal.JournalReader;
import io.fluxfix.journal.JournalRecord;
import io.fluxfix.journal.ReplayFilter;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstruction;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.InstrumentStatus;
import io.fluxfix.model.Market;
import io.fluxfix.model.OrdStatus;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.Side;
import io.fluxfix.model.TradingStatus;
import io.fluxfix.model.command.AmendOrder;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.Command;
import io.fluxfix.model.command.MassCancel;
import io.fluxfix.model.command.MassCancelScope;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.command.OrderCommand;
import io.fluxfix.model.command.OrderStatusRequest;
import io.fluxfix.model.event.BusinessReject;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.OrderCancelReject;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.model.event.SessionReject;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.model.kraken.ClOrdIdGenerator;
import io.fluxfix.model.kraken.ClOrdIdRules;
import io.fluxfix.model.kraken.ClOrdIdVerdict;
import io.fluxfix.model.kraken.ClOrdIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.time.InstantSource;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * The order sink: strategies' commands in, FIX-free; Kraken's limits kept before anything leaves.
 *
 * <p>Every command goes through {@link #submit}: ClOrdID checks (format per market, never one the sink has seen —
 * sent, queued or in the journal it rebuilt from), the kill switch, the instrument's trading status, pre-trade
 * risk, the open-order cap, then the rate limits — the account-wide Spot counter per pair
 * ({@link SpotRateCounters}) or the session's Derivatives bucket ({@link DerivativesRateBuckets}) — and the
 * error-rate guard. What passes is sent at once; what a limit holds waits in a queue (cancels and risk-reducing
 * commands ahead of new orders, and never ahead of an earlier command of the same order) or is refused, by
 * {@link OrderSinkConfig#policy()}; the caller learns which from the {@link Decision}, with the time until the
 * limit would allow it.
 *
 * <p>One state machine per order is driven by what was sent and what the venue answered ({@link #orders()},
 * {@link #openOrders()}); a command left unanswered past {@code orders.ack-timeout} stays pending and the order's
 * status is asked (35=H on Spot) — the sink never invents a reject and never re-sends. Disconnects with
 * cancel-on-disconnect make open orders cancel-pending until the venue confirms; orders left from an earlier
 * connection are cancelled with 35=q 530=7 (Kraken's 35=F cannot reach them). {@link #rebuild} reads the journal
 * back on restart and the sink then reconciles with the venue before it accepts new orders.
 *
 * <p>Thread-safety: all state is guarded by one monitor, held briefly and never while sending or emitting; what a
 * decision sends and emits goes through one ordered outbox drained by one thread at a time, so commands leave in
 * the order they were decided and those of one order in the order the strategy emitted them.
 */
public final class OrderSink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OrderSink.class);

    /**
     * How the sink runs.
     *
     * @param clock     the sink's clock (the rate models and timeouts run on it); a {@link SinkClock} is read
     *                  as nanoseconds, any other source through its {@code Instant}s
     * @param scheduler where the periodic pump runs
     * @param meters    where the metrics go; null = a private registry
     * @param reference the price the fat-finger band is drawn around
     */
    public record Options(InstantSource clock, Scheduler scheduler, MeterRegistry meters, ReferencePrice reference,
                          RandomGenerator random) {
        public Options {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(scheduler, "scheduler");
            reference = reference == null ? ReferencePrice.NONE : reference;
            random = random == null ? new java.security.SecureRandom() : random;
        }

        public static Options defaults() {
            return new Options(InstantSource.system(), Schedulers.parallel(), null, null, null);
        }

        public Options withClock(InstantSource c) {
            return new Options(c, scheduler, meters, reference, random);
        }

        public Options withMeters(MeterRegistry m) {
            return new Options(clock, scheduler, m, reference, random);
        }

        public Options withReference(ReferencePrice r) {
            return new Options(clock, scheduler, meters, r, random);
        }
    }

    /** One session the sink sends through. */
    static final class Port {
        final OrderPort port;
        final String name;
        final Market market;
        final ErrorRateGuard guard;
        int epoch;
        boolean up;
        boolean paused;
        /**
         * The ids in {@link #usedIds} this session used (its trading day's): its rollover forgets these, not another
         * session's, which stay taken at the venue until that session's own rollover.
         */
        final List<String> usedToday = new ArrayList<>();
        /** The rate scope of each pair on this port, made once (Spot), or the session's (Derivatives). */
        private final Map<String, String> scopes = new HashMap<>();
        private final String sessionScope;

        Port(OrderPort port, ErrorRateGuard guard) {
            this.port = port;
            this.name = port.name();
            this.market = port.market();
            this.guard = guard;
            this.sessionScope = "drv:" + name;
        }

        /** {@link #scope(String)} of a pair whose record the caller holds (no lookup). */
        String scope(Instrument instrument) {
            return market == Market.SPOT ? instrument.spotScope : sessionScope;
        }

        String scope(String symbol) {
            if (market != Market.SPOT) {
                return sessionScope;
            }
            if (symbol == null) {
                return "spot:*";
            }
            String s = scopes.get(symbol);
            if (s == null) {
                s = "spot:" + symbol;
                scopes.put(symbol, s);
            }
            return s;
        }
    }

    enum Kind { NEW, CANCEL, AMEND, MASS_CANCEL, STATUS }

    /** A command waiting in the queue (or being decided: see {@link #deciding}). */
    static final class Pending {
        OrderCommand cmd;
        /** The command's ClOrdID as {@link ClOrdIdSet#key} reads it (read once per command). */
        long key;
        Kind kind;
        Port port;
        Order order;
        boolean high;
        String scope;

        Pending(OrderCommand cmd, Kind kind, Port port, Order order, boolean high, String scope) {
            set(cmd, cmd == null ? ClOrdIdSet.TEXT : ClOrdIdSet.key(cmd.clOrdId()), kind, port, order, high, scope);
        }

        Pending set(OrderCommand cmd, long key, Kind kind, Port port, Order order, boolean high, String scope) {
            this.cmd = cmd;
            this.key = key;
            this.kind = kind;
            this.port = port;
            this.order = order;
            this.high = high;
            this.scope = scope;
            return this;
        }
    }

    /**
     * The strategy's command while {@link #route} decides it (under the lock, one at a time): a command that
     * leaves at once, as most do, leaves no {@code Pending} behind; {@link #enqueue} keeps a copy of one that waits.
     */
    private final Pending deciding = new Pending(null, null, null, null, false, null);

    /**
     * A command sent and not yet answered. Once answered (out of the requests table, {@link #forget}) it goes back
     * to a small free list the next command takes it from: in steady state no command allocates one.
     */
    static final class Request {
        Kind kind;
        Order order;
        Port port;
        long sentAt;
        AmendOrder amend;
        List<Order> massCancelled;
        /** In the requests table: {@link #forget} clears it when the request leaves the table. */
        boolean held;
        /** The next free request, while this one is free. */
        Request nextFree;

        Request set(Kind kind, Order order, Port port, long sentAt, AmendOrder amend, List<Order> massCancelled) {
            this.kind = kind;
            this.order = order;
            this.port = port;
            this.sentAt = sentAt;
            this.amend = amend;
            this.massCancelled = massCancelled;
            return this;
        }
    }

    private record Blocker(Decision.Reason reason, long waitNanos) {
    }

    private final OrderSinkConfig config;
    private final Options options;
    private final SinkClock clock;
    private final Object lock = new Object();
    private final Map<String, Port> ports = new LinkedHashMap<>();
    private final SpotRateCounters spot;
    private final DerivativesRateBuckets buckets;
    private final Portfolio portfolio = new Portfolio();
    private final ClOrdIdMap<Order> byClOrdId = new ClOrdIdMap<>();
    private final OrderIdMap<Order> byOrderId = new OrderIdMap<>();
    /**
     * The ClOrdIDs used without an entry in {@link #byClOrdId} (the sink's own requests, commands refused after
     * their id was taken): an id the sink has seen is in one of the two ({@link #seen}), so an order's ids cost
     * one table, not two. Each is also in its session's {@link Port#usedToday}.
     */
    private final ClOrdIdSet usedIds = new ClOrdIdSet();
    /** No numeric ClOrdID used this trading day is above it. */
    private long highestNumeric;
    private final ClOrdIdMap<Request> requests = new ClOrdIdMap<>();
    /** Answered requests, to be reused ({@link #forget}); at most {@link #MAX_FREE_REQUESTS}. */
    private Request freeRequests;
    private int freeCount;
    private static final int MAX_FREE_REQUESTS = 64;
    /** Orders not terminal (queued ones included), in entry order. */
    private final LiveOrders live = new LiveOrders();
    /** Per pair: limits, open-order count, rate scope and counter ({@link #instrument}). */
    private final Map<String, Instrument> instruments = new HashMap<>();
    private final ArrayDeque<Pending> high = new ArrayDeque<>();
    private final ArrayDeque<Pending> normal = new ArrayDeque<>();
    private final Map<String, int[]> queuedByScope = new HashMap<>();
    private final Map<String, InstrumentStatus> instrumentStatus = new ConcurrentHashMap<>();
    private volatile TradingStatus venueStatus = TradingStatus.ONLINE;
    private KillSwitch killSwitch;
    private boolean reconciling;
    private boolean replaying;
    private final ClOrdIdGenerator numericIds;
    private final ClOrdIdGenerator combIds;

    /** Filled under the lock; the drainer swaps it with {@link #draining} under the lock and works outside it. */
    private Outbox outbox = new Outbox();
    private Outbox draining = new Outbox();
    private final AtomicInteger wip = new AtomicInteger();
    /** The drainer's subscriber to a send, reused while sends complete before {@code subscribe} returns. */
    private Transmission transmission = new Transmission();
    private final Sinks.Many<OrderView> orderViews = Sinks.many().multicast().directBestEffort();
    private final Sinks.Many<SinkEvent> events = Sinks.many().multicast().directBestEffort();
    private final Disposable.Composite subscriptions = Disposables.composite();

    // metrics
    private final MeterRegistry meters;
    private final EnumMap<OrderState, AtomicLong> byState = new EnumMap<>(OrderState.class);
    private final Map<String, AtomicLong> bucketLevels = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> guardStates = new ConcurrentHashMap<>();
    private final AtomicInteger killSwitchGauge = new AtomicInteger();
    private final Counter illegalTransitions;
    private final Counter unknownReports;
    private final Counter droppedViews;
    private final Counter subscriberErrors;
    /** The venue's reject texts as metric tags: a bounded set (see {@link RejectReasons}). */
    private final RejectReasons rejectReasons = new RejectReasons();
    private final EnumMap<Decision.Reason, Counter> refusals = new EnumMap<>(Decision.Reason.class);
    private final EnumMap<Decision.Reason, Counter> waits = new EnumMap<>(Decision.Reason.class);

    public OrderSink(OrderSinkConfig config, List<? extends OrderPort> ports, Options options) {
        this.config = Objects.requireNonNull(config, "config");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = SinkClock.of(options.clock());
        this.spot = SpotRateCounters.of(config);
        this.buckets = new DerivativesRateBuckets(config);
        this.killSwitch = config.killSwitch();
        this.numericIds = ClOrdIdGenerator.numeric(options.clock());
        this.combIds = ClOrdIdGenerator.combUuid(options.clock(), options.random());
        for (OrderPort p : ports) {
            if (this.ports.putIfAbsent(p.name(), new Port(p, new ErrorRateGuard(config.guardPauseAt(),
                    config.venueErrorsPerSecond(), config.guardCountsInFlight()))) != null) {
                throw new IllegalArgumentException("two ports named " + p.name());
            }
        }
        this.meters = options.meters() != null ? options.meters() : new SimpleMeterRegistry();
        for (OrderState s : OrderState.values()) {
            AtomicLong n = new AtomicLong();
            byState.put(s, n);
            Gauge.builder("fluxfix.orders.by-state", n, AtomicLong::get).tag("state", tagText(s))
                    .description("Orders in each state").register(meters);
        }
        killSwitchGauge.set(killSwitch.ordinal());
        Gauge.builder("fluxfix.orders.kill-switch", killSwitchGauge, AtomicInteger::get)
                .description("Kill switch: 0 active, 1 reducing, 2 halted").register(meters);
        illegalTransitions = Counter.builder("fluxfix.orders.illegal-transitions")
                .description("Reports that did not fit the order's state").register(meters);
        unknownReports = Counter.builder("fluxfix.orders.unknown-reports")
                .description("Execution reports for orders the sink does not know").register(meters);
        for (Decision.Reason r : Decision.Reason.values()) {
            // every reason shows from the start (at 0), so dashboards and alerts see the family
            refusals.put(r, meters.counter("fluxfix.orders.local.refusals", "reason", tagText(r)));
        }
        droppedViews = Counter.builder("fluxfix.orders.views-missed")
                .description("Order states or sink events a slow or absent subscriber did not take").register(meters);
        subscriberErrors = Counter.builder("fluxfix.orders.subscriber-errors")
                .description("Exceptions a subscriber threw from onNext (caught, logged; the sink goes on)")
                .register(meters);
        for (Port p : this.ports.values()) {
            AtomicInteger g = new AtomicInteger();
            guardStates.put(p.name, g);
            Gauge.builder("fluxfix.orders.error-guard.paused", g, AtomicInteger::get).tag("session", p.name)
                    .description("1 while the error-rate guard holds new orders on the session").register(meters);
        }
    }

    // ---- streams and views --------------------------------------------------------------------------------

    /** Every change of every order's state, as a snapshot. Hot; a subscriber that does not keep up misses some (counted). */
    public Flux<OrderView> orders() {
        return orderViews.asFlux();
    }

    /** Guard, kill-switch, recovery and refusal events. */
    public Flux<SinkEvent> events() {
        return events.asFlux();
    }

    /** The orders open or possibly open at the venue, and those waiting in the queue, in entry order. */
    public List<OrderView> openOrders() {
        synchronized (lock) {
            List<OrderView> out = new ArrayList<>(live.size());
            live.forEach(o -> out.add(o.view()));
            return out;
        }
    }

    /** Any order the sink knows by any of its ClOrdIDs, or null. */
    public OrderView order(String clOrdId) {
        synchronized (lock) {
            Order o = byClOrdId.get(clOrdId);
            return o == null ? null : o.view();
        }
    }

    /** Net position per instrument from fills (buys positive). */
    public Map<String, Decimal> positions() {
        synchronized (lock) {
            return portfolio.positions();
        }
    }

    /** What fills and fees moved per asset since the sink (or the journal it rebuilt from) began. */
    public Map<String, Decimal> balances() {
        synchronized (lock) {
            return portfolio.balances();
        }
    }

    /** Fees paid per currency. */
    public Map<String, Decimal> fees() {
        synchronized (lock) {
            return portfolio.fees();
        }
    }

    /** The Spot counter model per pair, now. */
    public Map<String, Decimal> spotCounters() {
        synchronized (lock) {
            return spot.values(now());
        }
    }

    /** Tokens left in a Derivatives session's bucket, now. */
    public long bucketTokens(String session) {
        synchronized (lock) {
            return buckets.available(session, now());
        }
    }

    public KillSwitch killSwitch() {
        synchronized (lock) {
            return killSwitch;
        }
    }

    /** Whether restart reconciliation is still under way (new orders are refused until it ends). */
    public boolean reconciling() {
        synchronized (lock) {
            return reconciling;
        }
    }

    /** Commands sent and not yet answered by the venue (acknowledged, refused, or settled by a status report). */
    public int inFlight() {
        synchronized (lock) {
            return requests.size();
        }
    }

    public MeterRegistry meters() {
        return meters;
    }

    // ---- inputs -------------------------------------------------------------------------------------------

    /** A fresh ClOrdID for {@code market}, in its format, never one the sink has seen. */
    public String nextClOrdId(Market market) {
        synchronized (lock) {
            return freshId(market);
        }
    }

    /** The instrument's trading status from the venue (instrument list, 5032). */
    public void instrumentStatus(String symbol, InstrumentStatus status) {
        instrumentStatus.put(symbol, status);
    }

    /** The venue's trading mode (TradingSessionStatus). */
    public void venueStatus(TradingStatus status) {
        venueStatus = Objects.requireNonNull(status, "status");
    }

    /** Switches the kill switch; halting cancels every open order (35=q 530=7 per session) and drops queued new orders. */
    public void killSwitch(KillSwitch to, String why) {
        synchronized (lock) {
            long now = now();
            KillSwitch from = killSwitch;
            if (from == to) {
                return;
            }
            killSwitch = to;
            killSwitchGauge.set(to.ordinal());
            LOG.warn("kill switch {} -> {}: {}", from, to, why);
            emit(new SinkEvent.KillSwitchChanged(now, from, to, why));
            if (to == KillSwitch.HALTED) {
                halt(now);
            }
        }
        drain();
    }

    /** Sends {@code cmd} on {@code session} if every check and limit allows it now; see {@link Decision}. */
    public Decision submit(String session, OrderCommand cmd) {
        Objects.requireNonNull(cmd, "cmd");
        Decision d;
        Outbox batch;
        synchronized (lock) {
            long now = now();
            d = admit(session, cmd, now);
            if (d.outcome() == Decision.Outcome.REFUSED) {
                refusal(d.reason()).increment();
                emit(new SinkEvent.Refused(now, cmd.clOrdId(), d));
            } else if (d.outcome() == Decision.Outcome.QUEUED) {
                waits.computeIfAbsent(d.reason(),
                        r -> meters.counter("fluxfix.orders.local.waits", "reason", tagText(r))).increment();
                emit(new SinkEvent.Queued(now, cmd.clOrdId(), d));
            }
            batch = claimDrain();
        }
        drainFrom(batch);
        return d;
    }

    /** Connects the sink to its sessions' streams and starts the periodic pump. */
    public OrderSink start() {
        for (Port p : ports.values()) {
            subscriptions.add(p.port.sessionEvents().subscribe(e -> onEvent(p, e),
                    err -> LOG.error("session events of {} failed", p.name, err)));
            subscriptions.add(p.port.orderEvents().subscribe(e -> onEvent(p, e),
                    err -> LOG.error("order events of {} failed", p.name, err)));
            synchronized (lock) {
                if (p.port.isLoggedOn() && !p.up) {
                    loggedOn(p, now());
                }
            }
        }
        Duration every = config.pumpInterval();
        if (!every.isZero()) {
            subscriptions.add(Flux.interval(every, every, options.scheduler()).subscribe(t -> pumpRound(),
                    err -> LOG.error("order sink pump failed", err)));
        }
        drain();
        return this;
    }

    /**
     * One round of the periodic pump. A round that fails is logged and the next one comes as usual: left to
     * propagate, the failure would cancel the interval, and nothing would again release a waiting command or ask
     * about an overdue answer.
     */
    private void pumpRound() {
        try {
            pump();
        } catch (RuntimeException e) {
            LOG.error("a round of the order sink's pump failed; the next comes as usual", e);
        }
    }

    /**
     * Looks at waiting commands, overdue answers and the error-rate guard now. The periodic pump calls it; a test
     * that moves a manual clock may call it too.
     */
    public void pump() {
        synchronized (lock) {
            pumpLocked(now(), true);
        }
        drain();
    }

    /**
     * Restart: reads the journal back — every command this sink's sessions sent and every event they received,
     * in journal order — into order states, the set of ClOrdIDs already used, positions, and the rate models
     * (each transaction charged at its journal time, then decayed to now). Orders still live are then reconciled
     * with the venue (a status request each, on Spot, at the next logon) before new orders are accepted. Call
     * before {@link #start()}.
     */
    public int rebuild(JournalReader reader) {
        int records = 0;
        synchronized (lock) {
            replaying = true;
            try (JournalReader.Cursor c = reader.cursor(ReplayFilter.ALL.sessions(ports.keySet().toArray(String[]::new)))) {
                for (JournalRecord r = c.next(); r != null; r = c.next()) {
                    Port p = ports.get(r.session());
                    if (p == null) {
                        continue;
                    }
                    records++;
                    if (r.payload() instanceof OrderCommand cmd) {
                        replaySent(p, cmd, r.timeNanos());
                    } else if (r.payload() instanceof Event e) {
                        handle(p, e, r.timeNanos());
                    }
                }
            } finally {
                replaying = false;
            }
            for (Port p : ports.values()) {
                p.up = false;
                p.guard.reset();
            }
            int open = 0;
            for (Order o : live) {
                if (o.state.isLive()) {
                    o.needsReconcile = true;
                    open++;
                }
            }
            reconciling = open > 0;
            outbox.clear();
            emit(new SinkEvent.Reconciling(now(), open));
            if (!reconciling) {
                emit(new SinkEvent.Reconciled(now()));
            }
        }
        LOG.info("order sink rebuilt from {} journal records", records);
        return records;
    }

    @Override
    public void close() {
        subscriptions.dispose();
        orderViews.tryEmitComplete();
        events.tryEmitComplete();
    }

    // ---- admission ----------------------------------------------------------------------------------------

    private Decision admit(String session, OrderCommand cmd, long now) {
        Port p = ports.get(session);
        if (p == null) {
            return Decision.refused(Decision.Reason.SESSION_DOWN, 0, "no session named " + session);
        }
        String id = cmd.clOrdId();
        long key = ClOrdIdSet.key(id); // the id read once: every table below takes it
        if (seen(key, id)) {
            return Decision.refused(Decision.Reason.DUPLICATE_CLORDID, 0, "ClOrdID " + id + " was already used");
        }
        ClOrdIdVerdict v = verdict(id, key, p.market, now);
        if (!v.isValid()) {
            return Decision.refused(Decision.Reason.BAD_CLORDID, 0, v.text());
        }
        if (p.market == Market.SPOT && (key != ClOrdIdSet.TEXT ? key <= highestNumeric
                : ClOrdIds.isNumeric(id) && ClOrdIds.numericValue(id) <= highestNumeric)) {
            // Kraken wants a session's numeric ClOrdIDs ever increasing: the venue would refuse it (an error)
            return Decision.refused(Decision.Reason.BAD_CLORDID, 0, "numeric ClOrdID " + id
                    + " not above the highest used so far (" + highestNumeric + ")");
        }
        if (cmd instanceof NewOrder n) {
            return admitNew(p, n, key, now);
        }
        if (cmd instanceof CancelOrder c) {
            return admitCancel(c, key, now);
        }
        if (cmd instanceof AmendOrder a) {
            return admitAmend(a, key, now);
        }
        if (cmd instanceof MassCancel m) {
            used(key, id, p);
            return route(new Pending(m, Kind.MASS_CANCEL, p, null, true, scope(p, null)), now);
        }
        OrderStatusRequest s = (OrderStatusRequest) cmd;
        Order o = s.orderId() != null ? byOrderId.get(s.orderId()) : null;
        used(key, id, p);
        return route(new Pending(s, Kind.STATUS, p, o, true, scope(p, s.symbol())), now);
    }

    /**
     * {@link ClOrdIdRules#KRAKEN}'s verdict on {@code id}. A plain numeric id ({@code key} not
     * {@link ClOrdIdSet#TEXT}: 1–18 digits, no leading zero) is no UUID, so the rules' answer is known without
     * reading it again: valid on Spot (they set no window for numeric ids), a UUID required on Derivatives.
     */
    private static ClOrdIdVerdict verdict(String id, long key, Market market, long now) {
        if (key != ClOrdIdSet.TEXT && !ClOrdIdRules.KRAKEN.windowForNumeric()) {
            return market == Market.DERIVATIVES ? ClOrdIdVerdict.UUID_REQUIRED : ClOrdIdVerdict.VALID;
        }
        return ClOrdIdRules.KRAKEN.check(id, market, Math.floorDiv(now, 1000));
    }

    private Decision admitNew(Port p, NewOrder n, long key, long now) {
        if (reconciling) {
            return Decision.refused(Decision.Reason.RECONCILING, 0, "restart reconciliation under way");
        }
        Instrument in = instrument(n.symbol()); // the pair's record, looked up once for every check below
        boolean reduces = reduces(n.symbol(), n.side(), n.orderQty());
        if (killSwitch == KillSwitch.HALTED || (killSwitch == KillSwitch.REDUCING && !reduces)) {
            return Decision.refused(Decision.Reason.KILL_SWITCH, 0, "kill switch " + killSwitch);
        }
        String status = tradingStatusRefusal(n, reduces);
        if (status != null) {
            return Decision.refused(Decision.Reason.TRADING_STATUS, 0, status);
        }
        String risk = riskRefusal(in, n.side(), n.ordType(), n.orderQty(), n.price(), null);
        if (risk != null) {
            return Decision.refused(Decision.Reason.RISK, 0, risk);
        }
        if (p.market == Market.SPOT && in.live >= config.openOrderCap()) {
            return Decision.refused(Decision.Reason.OPEN_ORDER_CAP, 0,
                    "open-order cap " + config.openOrderCap() + " on " + n.symbol());
        }
        Order o = new Order(n.clOrdId(), p, n.symbol(), n.side(), n.ordType(), n.orderQty(), n.price());
        o.instrument = in;
        o.transitionAt = now;
        Decision d = route(deciding.set(n, key, Kind.NEW, p, o, reduces && !o.orderQty.isZero(), p.scope(in)), now);
        if (d.outcome() != Decision.Outcome.REFUSED) {
            record(key, n.clOrdId(), o);
            if (d.outcome() == Decision.Outcome.QUEUED) {
                enterLive(o);
                state(o, OrderState.QUEUED, now);
            }
        }
        return d;
    }

    private Decision admitCancel(CancelOrder c, long key, long now) {
        Order o = find(c.origClOrdId(), c.orderId());
        if (o == null || o.state.isTerminal()) {
            return Decision.refused(Decision.Reason.UNKNOWN_ORDER, 0,
                    o == null ? "no such order" : "order already " + o.state);
        }
        if (o.state == OrderState.QUEUED && o.queued.size() == 1 && o.queued.peekFirst().kind == Kind.NEW) {
            // never sent: cancelling it costs nothing and needs no venue
            used(key, c.clOrdId(), o.port);
            unqueue(o.queued.peekFirst());
            o.reason = "cancelled before it was sent";
            o.rejectLayer = null;
            state(o, OrderState.CANCELED, now);
            return new Decision(Decision.Outcome.DONE_LOCALLY, null, 0, o.reason);
        }
        if (previousSession(o)) {
            used(key, c.clOrdId(), o.port);
            return Decision.refused(Decision.Reason.PREVIOUS_SESSION, 0,
                    "placed on an earlier connection of " + o.port.name + ": 35=F cannot reach it (use MassCancel 530=7)");
        }
        record(key, c.clOrdId(), o);
        return route(deciding.set(c, key, Kind.CANCEL, o.port, o, true, o.port.scope(o.instrument)), now);
    }

    private Decision admitAmend(AmendOrder a, long key, long now) {
        Order o = find(a.origClOrdId(), a.orderId());
        if (o == null || o.state.isTerminal()) {
            return Decision.refused(Decision.Reason.UNKNOWN_ORDER, 0,
                    o == null ? "no such order" : "order already " + o.state);
        }
        Decimal newQty = a.orderQty() != null ? a.orderQty() : o.orderQty;
        boolean lowers = newQty.compareTo(o.orderQty) <= 0;
        if (killSwitch == KillSwitch.HALTED || (killSwitch == KillSwitch.REDUCING && !lowers)) {
            return Decision.refused(Decision.Reason.KILL_SWITCH, 0, "kill switch " + killSwitch);
        }
        if (reconciling) {
            return Decision.refused(Decision.Reason.RECONCILING, 0, "restart reconciliation under way");
        }
        if (previousSession(o)) {
            return Decision.refused(Decision.Reason.PREVIOUS_SESSION, 0,
                    "placed on an earlier connection of " + o.port.name + ": 35=G cannot reach it");
        }
        String risk = riskRefusal(o.instrument, o.side, o.ordType, newQty, a.price() != null ? a.price() : o.price, o);
        if (risk != null) {
            return Decision.refused(Decision.Reason.RISK, 0, risk);
        }
        Decision d = route(deciding.set(a, key, Kind.AMEND, o.port, o, lowers, o.port.scope(o.instrument)), now);
        if (d.outcome() != Decision.Outcome.REFUSED) {
            record(key, a.clOrdId(), o);
        } else {
            used(key, a.clOrdId(), o.port);
        }
        return d;
    }

    /** Sends now, queues, or refuses (policy) a command every check allowed. */
    private Decision route(Pending pe, long now) {
        boolean mayRefuse = pe.kind == Kind.NEW || pe.kind == Kind.AMEND;
        if (pe.order != null && !pe.order.queued.isEmpty()) {
            return enqueue(pe, Decision.Reason.ORDER_SEQUENCE, 0, now);
        }
        Blocker b = blocker(pe, now);
        if (b == null && !queuedAhead(pe)) {
            send(pe, now);
            return Decision.SENT;
        }
        Decision.Reason reason = b == null ? Decision.Reason.RATE_LIMIT : b.reason;
        long wait = b == null ? 0 : b.waitNanos;
        if (mayRefuse && config.policy() == OrderSinkConfig.Policy.REFUSE) {
            return Decision.refused(reason, wait, null);
        }
        if (mayRefuse && high.size() + normal.size() >= config.queueMax()) {
            return Decision.refused(Decision.Reason.QUEUE_FULL, wait, null);
        }
        return enqueue(pe, reason, wait, now);
    }

    private Decision enqueue(Pending pe, Decision.Reason reason, long wait, long now) {
        if (pe == deciding) {
            pe = new Pending(null, null, null, null, false, null).set(pe.cmd, pe.key, pe.kind, pe.port, pe.order,
                    pe.high, pe.scope);
        }
        (pe.high ? high : normal).addLast(pe);
        queuedByScope.computeIfAbsent(pe.scope, k -> new int[2])[pe.high ? 0 : 1]++;
        if (pe.order != null) {
            pe.order.queue().addLast(pe);
        }
        return Decision.queued(reason, wait);
    }

    private void unqueue(Pending pe) {
        (pe.high ? high : normal).remove(pe);
        int[] n = queuedByScope.get(pe.scope);
        if (n != null) {
            n[pe.high ? 0 : 1]--;
            if (n[0] == 0 && n[1] == 0) {
                queuedByScope.remove(pe.scope);
            }
        }
        if (pe.order != null) {
            pe.order.queued.remove(pe);
        }
    }

    /** Whether something of the same rate scope waits that should go first (same or higher priority). */
    private boolean queuedAhead(Pending pe) {
        if (queuedByScope.isEmpty()) {
            return false; // the usual case: nothing waits anywhere, no lookup
        }
        int[] n = queuedByScope.get(pe.scope);
        return n != null && (n[0] > 0 || (!pe.high && n[1] > 0));
    }

    /** What holds {@code pe} now, or null. */
    private Blocker blocker(Pending pe, long now) {
        Port p = pe.port;
        if (!p.up || replaying) {
            return new Blocker(Decision.Reason.SESSION_DOWN, 0);
        }
        if ((pe.kind == Kind.NEW || pe.kind == Kind.AMEND) && !p.guard.allowsNew(now)) {
            return new Blocker(Decision.Reason.ERROR_RATE_GUARD, p.guard.waitNanos(now));
        }
        long wait;
        if (p.market == Market.SPOT) {
            if (pe.kind == Kind.MASS_CANCEL || pe.kind == Kind.STATUS) {
                return null; // the venue never refuses these for rate; a mass cancel is charged after it ran
            }
            wait = spot.waitNanos(counter(pe.order.instrument, now), spotCost(pe, now), now);
        } else {
            wait = buckets.waitNanos(p.name, bucketCost(pe.kind), now);
        }
        return wait == 0 ? null : new Blocker(Decision.Reason.RATE_LIMIT, wait);
    }

    private int spotCost(Pending pe, long now) {
        return switch (pe.kind) {
            case NEW -> config.addCost();
            // Kraken charges nothing for cancelling an order that is gone (filled, or cancelled already)
            case CANCEL -> pe.order.state.isTerminal() ? 0 : config.cancelAgeCosts().cost(age(pe.order, now));
            case AMEND -> config.amendCost() + config.amendAgeCosts().cost(age(pe.order, now));
            default -> 0;
        };
    }

    private static long age(Order o, long now) {
        return o.placedAt == Stamp.NO_TIME ? 0 : Math.max(0, now - o.placedAt);
    }

    private int bucketCost(Kind kind) {
        return switch (kind) {
            case NEW -> config.costNewOrder();
            case CANCEL -> config.costCancel();
            case AMEND -> config.costAmend();
            case MASS_CANCEL -> config.costMassCancel();
            case STATUS -> config.costOrderStatus();
        };
    }

    // ---- sending ------------------------------------------------------------------------------------------

    /** Charges the limits, moves the order's state, and puts the command in the outbox. */
    private void send(Pending pe, long now) {
        Port p = pe.port;
        List<Order> massCancelled = charge(pe, now);
        if (sent(pe, massCancelled, now)) {
            p.guard.sent(); // one answer expected per request the sink tracks
        }
        if (!replaying) {
            outbox.add(p, pe.cmd);
        }
    }

    /** Charges what {@code pe} costs on its limit; for a mass cancel, returns the orders it reaches. */
    private List<Order> charge(Pending pe, long now) {
        Port p = pe.port;
        OrderCommand cmd = pe.cmd;
        List<Order> massCancelled = null;
        if (p.market == Market.SPOT) {
            if (pe.kind == Kind.MASS_CANCEL) {
                massCancelled = chargeMassCancel(p, (MassCancel) cmd, now);
            } else if (pe.kind != Kind.STATUS) {
                Instrument in = pe.order.instrument;
                spot.charge(counter(in, now), spotCost(pe, now), now);
                gaugeCounter(in);
            }
        } else {
            buckets.take(p.name, bucketCost(pe.kind), now);
            AtomicLong tokens = bucketLevels.get(p.name);
            if (tokens == null) {
                tokens = bucketLevels.computeIfAbsent(p.name, this::bucketGauge);
            }
            tokens.lazySet(buckets.available(p.name, now));
        }
        if (massCancelled == null && pe.kind == Kind.MASS_CANCEL) {
            massCancelled = massCancelScope(p, (MassCancel) cmd);
        }
        return massCancelled;
    }

    /** The state changes of a command that left (now, or at its journal time during a rebuild). */
    private boolean sent(Pending pe, List<Order> massCancelled, long now) {
        Order o = pe.order;
        AmendOrder amend = null;
        switch (pe.kind) {
            case NEW -> {
                o.placedAt = now;
                o.epoch = pe.port.epoch;
                o.awaitingSince = now;
                enterLive(o);
                state(o, OrderState.PENDING_NEW, now);
            }
            case CANCEL -> {
                o.beforeRequest = pendingBase(o);
                o.awaitingSince = now;
                state(o, OrderState.PENDING_CANCEL, now);
            }
            case AMEND -> {
                amend = (AmendOrder) pe.cmd;
                o.beforeRequest = pendingBase(o);
                o.awaitingSince = now;
                state(o, OrderState.PENDING_REPLACE, now);
            }
            case MASS_CANCEL -> {
                for (Order m : massCancelled) {
                    if (m.state != OrderState.PENDING_CANCEL) {
                        m.beforeRequest = pendingBase(m);
                        state(m, OrderState.PENDING_CANCEL, now);
                    }
                    m.awaitingSince = now;
                }
            }
            case STATUS -> {
                if (o != null) {
                    o.awaitingSince = now;
                }
            }
        }
        Request r = freeRequests;
        if (r == null) {
            r = new Request();
        }
        if (requests.putIfAbsent(pe.key, pe.cmd.clOrdId(), r.set(pe.kind, o, pe.port, now, amend, massCancelled))
                != null) {
            return false;
        }
        if (r == freeRequests) {
            freeRequests = r.nextFree;
            freeCount--;
            r.nextFree = null;
        }
        r.held = true;
        return true;
    }

    private static OrderState pendingBase(Order o) {
        return switch (o.state) {
            case PENDING_CANCEL, PENDING_REPLACE -> o.beforeRequest;
            default -> o.state;
        };
    }

    /** Orders a mass cancel reaches, as the venue scopes it (530=1/6: this connection's; 530=7: all of the CompID's). */
    private List<Order> massCancelScope(Port p, MassCancel m) {
        List<Order> out = new ArrayList<>();
        for (Order o : live) {
            if (o.port != p || !o.state.isLive()) {
                continue;
            }
            boolean thisConnection = o.epoch == p.epoch;
            boolean hit = switch (m.scope()) {
                case SYMBOL -> thisConnection && o.symbol.equals(m.symbol());
                case SESSION -> thisConnection;
                case SENDER_COMP_ID -> true;
            };
            if (hit) {
                out.add(o);
            }
        }
        return out;
    }

    private List<Order> chargeMassCancel(Port p, MassCancel m, long now) {
        List<Order> hit = massCancelScope(p, m);
        Map<String, Integer> bySymbol = new HashMap<>();
        for (Order o : hit) {
            if (config.massCancelCost() == OrderSinkConfig.MassCancelCost.PER_PAIR) {
                bySymbol.put(o.symbol, 1);
            } else {
                bySymbol.merge(o.symbol, config.cancelAgeCosts().cost(age(o, now)), Integer::sum);
            }
        }
        bySymbol.forEach((symbol, cost) -> {
            Instrument in = instrument(symbol);
            spot.charge(counter(in, now), cost, now);
            gaugeCounter(in);
        });
        return hit;
    }

    /** A journaled command, read back on restart: it left at {@code at}. */
    private void replaySent(Port p, OrderCommand cmd, long at) {
        String id = cmd.clOrdId();
        long key = ClOrdIdSet.key(id);
        Pending pe;
        if (cmd instanceof NewOrder n) {
            Order o = new Order(n.clOrdId(), p, n.symbol(), n.side(), n.ordType(), n.orderQty(), n.price());
            o.instrument = instrument(n.symbol());
            record(key, id, o);
            pe = new Pending(n, Kind.NEW, p, o, false, p.scope(o.instrument));
        } else if (cmd instanceof CancelOrder c) {
            Order o = find(c.origClOrdId(), c.orderId());
            if (o == null) {
                used(key, id, p);
                return;
            }
            record(key, id, o);
            pe = new Pending(c, Kind.CANCEL, p, o, true, p.scope(o.instrument));
        } else if (cmd instanceof AmendOrder a) {
            Order o = find(a.origClOrdId(), a.orderId());
            if (o == null) {
                used(key, id, p);
                return;
            }
            record(key, id, o);
            pe = new Pending(a, Kind.AMEND, p, o, false, p.scope(o.instrument));
        } else if (cmd instanceof MassCancel m) {
            used(key, id, p);
            pe = new Pending(m, Kind.MASS_CANCEL, p, null, true, scope(p, null));
        } else {
            used(key, id, p);
            OrderStatusRequest s = (OrderStatusRequest) cmd;
            Order o = s.orderId() != null ? byOrderId.get(s.orderId()) : byClOrdId.get(s.clOrdId());
            pe = new Pending(s, Kind.STATUS, p, o, true, scope(p, s.symbol()));
        }
        if (pe.kind == Kind.CANCEL || pe.kind == Kind.AMEND) {
            if (pe.order.state.isTerminal()) {
                // charged all the same (the venue charged it on receipt), but the order does not move
                charge(pe, at);
                return;
            }
        }
        send(pe, at);
    }

    // ---- the pump -----------------------------------------------------------------------------------------

    /**
     * @param timeouts also look for overdue answers (the periodic pump does; a report need not — it walks every
     *                 open order and every request, and the pump comes by within its interval anyway)
     */
    private void pumpLocked(long now, boolean timeouts) {
        for (Port p : ports.values()) {
            guard(p, now);
        }
        if (timeouts && !requests.isEmpty()) {
            // a mass cancel that found nothing, or a status request lost on the way, is never answered: once the
            // timeout has passed it is forgotten (its orders' own timeouts ask again), so it holds nothing forever
            long timeout = config.ackTimeout().toNanos();
            requests.values().removeIf(r -> {
                if ((r.kind == Kind.MASS_CANCEL || r.kind == Kind.STATUS) && now - r.sentAt >= timeout) {
                    r.port.guard.answered();
                    forget(r);
                    return true;
                }
                return false;
            });
        }
        // overdue answers: ask the venue (Spot), never re-send, never invent
        if (timeouts && !live.isEmpty()) {
            long timeout = config.ackTimeout().toNanos();
            List<Order> overdue = null;
            for (Order o : live) {
                if (o.awaitingSince != Stamp.NO_TIME && now - o.awaitingSince >= timeout && o.port.up
                        && asksStatus(o.port)) {
                    (overdue == null ? overdue = new ArrayList<>() : overdue).add(o);
                }
            }
            if (overdue != null) {
                overdue.forEach(o -> askStatus(o, now));
            }
        }
        if (!high.isEmpty() || !normal.isEmpty()) {
            drainQueue(now);
        }
    }

    private void drainQueue(long now) {
        Set<String> blocked = new HashSet<>();
        for (ArrayDeque<Pending> q : List.of(high, normal)) {
            for (Iterator<Pending> it = q.iterator(); it.hasNext(); ) {
                Pending pe = it.next();
                if (blocked.contains(pe.scope) || (pe.order != null && pe.order.queued.peekFirst() != pe)) {
                    continue;
                }
                if (pe.kind == Kind.NEW && killSwitch != KillSwitch.ACTIVE && !pe.high) {
                    continue; // halt() drops them; reducing keeps only risk-reducing ones moving
                }
                if (blocker(pe, now) != null) {
                    blocked.add(pe.scope);
                    continue;
                }
                it.remove();
                int[] n = queuedByScope.get(pe.scope);
                if (n != null && --n[pe.high ? 0 : 1] == 0 && n[pe.high ? 1 : 0] == 0) {
                    queuedByScope.remove(pe.scope);
                }
                if (pe.order != null) {
                    pe.order.queued.pollFirst();
                }
                send(pe, now);
            }
        }
    }

    /**
     * Whether the sink asks the venue about an order on this session with 35=H: always on Spot; on Derivatives only
     * with {@code orders.derivatives.status-requests} (Kraken's pages disagree on whether 35=H works there).
     */
    private boolean asksStatus(Port p) {
        return p.market == Market.SPOT || config.derivativesStatusRequests();
    }

    private void askStatus(Order o, long now) {
        o.awaitingSince = now;
        boolean known = o.orderId != null;
        String id = known ? internalId() : o.currentClOrdId;
        if (known) {
            used(id, o.port);
        }
        OrderStatusRequest s = new OrderStatusRequest(id, o.orderId, o.symbol, o.side);
        emit(new SinkEvent.StatusRequested(now, o.port.name, o.clOrdId, id));
        Pending pe = new Pending(s, Kind.STATUS, o.port, o, true, o.port.scope(o.instrument));
        if (o.queued.isEmpty()) {
            send(pe, now);
        }
    }

    private void guard(Port p, long now) {
        if (p.guard.update(now)) {
            p.paused = p.guard.paused();
            guardStates.get(p.name).set(p.paused ? 1 : 0);
            if (p.paused) {
                LOG.warn("error-rate guard: new orders paused on {} ({} rejects in the last second)", p.name,
                        p.guard.rejectsLastSecond(now));
                emit(new SinkEvent.GuardPaused(now, p.name, p.guard.rejectsLastSecond(now), p.guard.inFlight()));
            } else {
                emit(new SinkEvent.GuardResumed(now, p.name));
            }
        }
    }

    private void halt(long now) {
        for (ArrayDeque<Pending> q : List.of(high, normal)) {
            for (Pending pe : new ArrayList<>(q)) {
                if (pe.kind == Kind.NEW) {
                    unqueue(pe);
                    pe.order.reason = "kill switch halted before it was sent";
                    state(pe.order, OrderState.CANCELED, now);
                } else if (pe.kind == Kind.AMEND) {
                    unqueue(pe);
                }
            }
        }
        for (Port p : ports.values()) {
            boolean any = live.stream().anyMatch(o -> o.port == p && o.state.isLive());
            if (any && p.up) {
                MassCancel m = new MassCancel(internalId(), MassCancelScope.SENDER_COMP_ID, null, now);
                used(m.clOrdId(), p);
                route(new Pending(m, Kind.MASS_CANCEL, p, null, true, scope(p, null)), now);
            }
        }
    }

    // ---- events -------------------------------------------------------------------------------------------

    private void onEvent(Port p, Event e) {
        try {
            Outbox batch;
            synchronized (lock) {
                long now = now();
                handle(p, e, now);
                pumpLocked(now, false);
                batch = claimDrain();
            }
            drainFrom(batch);
        } catch (RuntimeException ex) {
            // never into the session's stream: log, count, carry on
            LOG.error("order sink could not apply {} on {}", e, p.name, ex);
            illegalTransitions.increment();
        }
    }

    private void handle(Port p, Event e, long now) {
        if (e instanceof ExecutionReport er) {
            report(p, er, now);
        } else if (e instanceof BusinessReject br) {
            p.guard.reject(now);
            venueReject("business", br.text());
            Request req = br.refId() == null ? null : requests.get(br.refId());
            if (req != null && br.refMessage() == io.fluxfix.model.event.MessageKind.ORDER_STATUS
                    && req.kind != Kind.STATUS) {
                // a status request asked by the order's own ClOrdID was refused: about the status, not the order
                statusRefused(req.order, br, now);
            } else if (req != null) {
                forget(requests.remove(br.refId()));
                p.guard.answered();
                if (req.kind == Kind.STATUS) {
                    statusRefused(req.order, br, now);
                } else {
                    refused(req, RejectLayer.BUSINESS, br.text(), now);
                }
            } else if (br.refId() != null && br.refMessage() == io.fluxfix.model.event.MessageKind.ORDER_STATUS) {
                statusRefused(byClOrdId.get(br.refId()), br, now);
            }
            guard(p, now);
        } else if (e instanceof SessionReject sr) {
            // Kraken's RefSeqNum is unreliable and 35=3 names no ClOrdID: the order stays pending and its status is asked
            p.guard.reject(now);
            venueReject("session", sr.text());
            guard(p, now);
        } else if (e instanceof OrderCancelReject cr) {
            Request req = forget(requests.remove(cr.clOrdId()));
            if (req != null) {
                p.guard.answered();
                refused(req, RejectLayer.BUSINESS, cr.text(), now);
            }
        } else if (e instanceof SessionEvent.LoggedOn) {
            loggedOn(p, now);
        } else if (e instanceof SessionEvent.Rollover) {
            newTradingDay(p);
        } else if (e instanceof SessionEvent.Disconnected d) {
            disconnected(p, d.reason(), now);
        }
    }

    private void loggedOn(Port p, long now) {
        p.up = true;
        p.epoch++;
        p.guard.reset();
        if (replaying) {
            return;
        }
        List<Order> previous = new ArrayList<>();
        for (Order o : live) {
            if (o.port != p || !o.state.isLive()) {
                continue;
            }
            if (o.needsReconcile && asksStatus(p) && o.orderId != null) {
                askStatus(o, now);
            } else if (o.needsReconcile) {
                // never acknowledged: the venue's replay of missed reports comes first, and so does the session's
                // own resend of a command its store kept but the dead process never wrote to the socket (asked
                // before that resend arrived, the venue would say "Unknown order" of an order it is about to get);
                // after ack-timeout the order is asked by its own ClOrdID (Spot)
                o.awaitingSince = now;
            } else if (o.state == OrderState.PENDING_CANCEL && o.awaitingSince != Stamp.NO_TIME) {
                o.awaitingSince = now; // the venue's replayed cancel reports, else a status request after the timeout
            }
            if (o.epoch < p.epoch && o.state != OrderState.PENDING_CANCEL && o.state != OrderState.PENDING_NEW) {
                previous.add(o);
            }
        }
        if (!previous.isEmpty() && config.previousOrders() == OrderSinkConfig.PreviousOrders.MASS_CANCEL) {
            MassCancel m = new MassCancel(internalId(), MassCancelScope.SENDER_COMP_ID, null, now);
            used(m.clOrdId(), p);
            List<String> ids = previous.stream().map(o -> o.clOrdId).toList();
            LOG.info("{}: {} orders open from an earlier connection; 35=F cannot reach them, sending 35=q 530=7",
                    p.name, ids.size());
            emit(new SinkEvent.PreviousSessionMassCancel(now, p.name, m.clOrdId(), ids));
            route(new Pending(m, Kind.MASS_CANCEL, p, null, true, scope(p, null)), now);
        }
    }

    /**
     * Kraken's ClOrdID uniqueness and its increasing high-water mark last a trading day: at a session's rollover the
     * sink forgets that session's finished orders and the ids it used that no live order carries, so its memory is
     * one day's — except the ids of commands still awaiting the venue's answer (a cancel that raced a fill, a status
     * request): their answer is still to come, and a new order reusing one of them would take it for its own.
     * Another session's ids stay taken until its own rollover (sessions roll over seconds apart).
     */
    private void newTradingDay(Port p) {
        byClOrdId.removeValuesIf(o -> o.port == p && o.state.isTerminal());
        byOrderId.removeValuesIf(o -> o.port == p && o.state.isTerminal());
        // the session's used-only ids (no order carries them); another session's stay until its own rollover
        for (String id : p.usedToday) {
            usedIds.remove(id);
        }
        p.usedToday.clear();
        for (Map.Entry<String, Request> inFlight : requests.entrySet()) {
            String id = inFlight.getKey();
            if (!byClOrdId.containsKey(id) && usedIds.add(id)) {
                inFlight.getValue().port.usedToday.add(id);
            }
        }
        long highest = byClOrdId.highestNumeric();
        for (String id : usedIds) {
            if (ClOrdIds.isNumeric(id)) {
                highest = Math.max(highest, ClOrdIds.numericValue(id));
            }
        }
        highestNumeric = highest;
    }

    private void disconnected(Port p, String reason, long now) {
        if (!p.up) {
            return;
        }
        p.up = false;
        if (!config.cancelOnDisconnect()) {
            return;
        }
        List<String> ids = new ArrayList<>();
        for (Order o : live) {
            if (o.port == p && o.state.isLive() && o.state != OrderState.PENDING_CANCEL) {
                o.beforeRequest = pendingBase(o);
                o.reason = "cancel-on-disconnect: " + reason;
                o.awaitingSince = now;
                state(o, OrderState.PENDING_CANCEL, now);
                ids.add(o.clOrdId);
            }
        }
        if (!ids.isEmpty()) {
            emit(new SinkEvent.CancelOnDisconnectPending(now, p.name, ids));
        }
    }

    private void report(Port p, ExecutionReport er, long now) {
        String id = er.clOrdId();
        long key = ClOrdIdSet.key(id); // read once for the tables below
        Request req = id == null ? null : requests.get(key, id);
        Order o = req != null && req.order != null ? req.order : null;
        if (o == null && req != null && req.kind == Kind.MASS_CANCEL && er.origClOrdId() != null) {
            o = byClOrdId.get(er.origClOrdId());
        }
        if (o == null && id != null && (req == null || req.kind != Kind.MASS_CANCEL)) {
            o = byClOrdId.get(key, id);
        }
        if (o == null && er.origClOrdId() != null) {
            o = byClOrdId.get(er.origClOrdId());
        }
        if (o == null) {
            o = byOrderId.get(er.orderId());
        }
        if (req != null && !interim(er.execType()) && forget(requests.remove(key, id)) != null) {
            p.guard.answered(); // an interim report (150=A/6/E) leaves the request waiting for the final answer
        }
        if (o == null) {
            unknownReports.increment();
            return;
        }
        if (er.execType() == ExecType.ORDER_STATUS && er.ordStatus() == OrdStatus.REJECTED && o.orderId == null) {
            neverReceived(o, er.text(), now); // the standard form of "unknown order" (150=I 39=8): no order id
            return;
        }
        boolean firstId = o.orderId == null;
        if (firstId) {
            o.orderId = er.orderId();
            byOrderId.put(er.orderId(), o);
        }
        apply(o, er, req, now);
        if (firstId && o.needsReconcile && o.state.isLive() && asksStatus(p) && p.up && !replaying) {
            askStatus(o, now); // the replay named it: now it can be asked by its order id, without a duplicate ClOrdID
        }
    }

    /** A report that says the venue is still working on a command (pending new, cancel or replace): not its answer. */
    private static boolean interim(ExecType t) {
        return t == ExecType.PENDING_NEW || t == ExecType.PENDING_CANCEL || t == ExecType.PENDING_REPLACE;
    }

    /** The state machine: one report moves one order. */
    private void apply(Order o, ExecutionReport er, Request req, long now) {
        OrderState from = o.state;
        if (er.isFill()) {
            fill(o, er);
        }
        switch (er.execType()) {
            case PENDING_NEW -> {
                if (from != OrderState.PENDING_NEW && from != OrderState.QUEUED) {
                    illegal(o, er, now);
                }
            }
            case NEW -> {
                acked(o, er);
                if (from == OrderState.PENDING_NEW || from == OrderState.QUEUED) {
                    state(o, OrderState.NEW, now);
                } else if (from == OrderState.PENDING_CANCEL || from == OrderState.PENDING_REPLACE) {
                    o.beforeRequest = OrderState.NEW;
                } else {
                    illegal(o, er, now);
                }
            }
            case TRADE, FILL, PARTIAL_FILL -> {
                acked(o, er);
                if (from.isTerminal()) {
                    illegal(o, er, now);
                } else if (er.ordStatus() == OrdStatus.FILLED) {
                    state(o, OrderState.FILLED, now);
                } else if (from == OrderState.PENDING_CANCEL || from == OrderState.PENDING_REPLACE) {
                    o.beforeRequest = OrderState.PARTIALLY_FILLED;
                    view(o);
                } else {
                    state(o, OrderState.PARTIALLY_FILLED, now);
                }
            }
            case CANCELED -> {
                if (from.isTerminal()) {
                    illegal(o, er, now);
                } else {
                    quantities(o, er);
                    boolean asked = (req != null && (req.kind == Kind.CANCEL || req.kind == Kind.MASS_CANCEL))
                            || from == OrderState.PENDING_CANCEL;
                    if (!asked) {
                        o.reason = er.text(); // unsolicited: the venue says why
                    }
                    state(o, OrderState.CANCELED, now);
                }
            }
            case REPLACED -> {
                if (from.isTerminal()) {
                    illegal(o, er, now);
                } else {
                    if (er.clOrdId() != null) {
                        o.currentClOrdId = er.clOrdId();
                    }
                    if (er.orderQty() != null) {
                        o.orderQty = er.orderQty();
                    }
                    if (er.price() != null) {
                        o.price = er.price();
                    }
                    quantities(o, er);
                    o.placedAt = er.transactTime() != Stamp.NO_TIME ? Math.max(er.transactTime(), o.placedAt) : now;
                    o.epoch = o.port.epoch;
                    o.awaitingSince = Stamp.NO_TIME;
                    state(o, from == OrderState.PENDING_CANCEL ? OrderState.PENDING_CANCEL : OrderState.REPLACED, now);
                }
            }
            case EXPIRED -> {
                quantities(o, er);
                terminal(o, er, from, OrderState.EXPIRED, now);
            }
            case REJECTED -> {
                o.rejectLayer = RejectLayer.ENGINE;
                o.reason = er.text();
                venueReject("engine", er.text());
                terminal(o, er, from, OrderState.REJECTED, now);
            }
            case RESTATED -> {
                quantities(o, er);
                if (er.triggerPrice() != null && !from.isTerminal()) {
                    state(o, from == OrderState.PENDING_CANCEL || from == OrderState.PENDING_REPLACE ? from
                            : OrderState.TRIGGERED, now);
                } else {
                    view(o);
                }
            }
            case ORDER_STATUS -> status(o, er, now);
            case PENDING_CANCEL, PENDING_REPLACE -> {
                if (!from.isTerminal()) { // else late: a fill (or the venue) finished the order before it came
                    state(o, er.execType() == ExecType.PENDING_CANCEL ? OrderState.PENDING_CANCEL
                            : OrderState.PENDING_REPLACE, now);
                }
            }
            default -> illegal(o, er, now);
        }
        if (o.state != OrderState.PENDING_CANCEL && o.state != OrderState.PENDING_REPLACE
                && o.state != OrderState.PENDING_NEW) {
            o.awaitingSince = Stamp.NO_TIME;
        }
    }

    private void terminal(Order o, ExecutionReport er, OrderState from, OrderState to, long now) {
        if (from.isTerminal()) {
            illegal(o, er, now);
        } else {
            state(o, to, now);
        }
    }

    /** The venue's answer to 35=H: the order's state is what it says; the fills it shows count once. */
    private void status(Order o, ExecutionReport er, long now) {
        if (er.cumQty() != null && er.cumQty().compareTo(o.cumQty) > 0) {
            // fills the sink missed (e.g. reported while it was down and not replayed): before the quantities move
            Decimal delta = er.cumQty().subtract(o.cumQty);
            portfolio.fill(o.symbol, o.side, delta, er.avgPx());
        }
        acked(o, er);
        o.needsReconcile = false;
        // the status settles every request of this order still waiting (a 35=3 we could not pin on one)
        settleRequests(o);
        OrderState to = switch (er.ordStatus()) {
            case NEW, PENDING_NEW -> OrderState.NEW;
            case PARTIALLY_FILLED -> OrderState.PARTIALLY_FILLED;
            case FILLED -> OrderState.FILLED;
            case CANCELED -> OrderState.CANCELED;
            case EXPIRED -> OrderState.EXPIRED;
            case REJECTED -> OrderState.REJECTED;
            case REPLACED -> OrderState.REPLACED;
            case PENDING_CANCEL -> OrderState.PENDING_CANCEL;
            case PENDING_REPLACE -> OrderState.PENDING_REPLACE;
            default -> o.state;
        };
        if (!o.state.isTerminal()) {
            state(o, to, now);
        } else if (to != o.state) {
            illegal(o, er, now);
        }
        checkReconciled(now);
    }

    private void acked(Order o, ExecutionReport er) {
        if (er.transactTime() != Stamp.NO_TIME && (o.state == OrderState.PENDING_NEW || o.state == OrderState.QUEUED)) {
            o.placedAt = Math.max(o.placedAt, er.transactTime());
        }
        quantities(o, er);
    }

    private static void quantities(Order o, ExecutionReport er) {
        if (er.cumQty() != null) {
            o.cumQty = er.cumQty();
        }
        if (er.leavesQty() != null) {
            o.leavesQty = er.leavesQty();
        }
        if (er.avgPx() != null) {
            o.avgPx = er.avgPx();
        }
    }

    private void fill(Order o, ExecutionReport er) {
        if (er.lastQty() != null) {
            portfolio.fill(o.symbol, o.side, er.lastQty(), er.lastPx());
        }
        portfolio.fees(o.fees, er.fees());
        if (!er.fees().isEmpty()) {
            o.fees = er.fees();
        }
    }

    /** A business reject (or cancel reject) of a request the sink sent. */
    private void refused(Request req, RejectLayer layer, String text, long now) {
        Order o = req.order;
        switch (req.kind) {
            case NEW -> {
                if (o.state == OrderState.PENDING_NEW) {
                    o.rejectLayer = layer;
                    o.reason = text;
                    state(o, OrderState.REJECTED, now);
                } else if (o.state == OrderState.PENDING_CANCEL && o.orderId == null) {
                    // a cancel chased an order the venue refused: the refusal settles both
                    o.rejectLayer = layer;
                    o.reason = text;
                    state(o, OrderState.REJECTED, now);
                }
            }
            case CANCEL, AMEND -> {
                if (o.state == OrderState.PENDING_CANCEL || o.state == OrderState.PENDING_REPLACE) {
                    o.reason = text;
                    o.awaitingSince = Stamp.NO_TIME;
                    state(o, o.beforeRequest, now);
                }
            }
            case STATUS -> {
                // a status request never leaves as a cancel (35=9): nothing to settle here
            }
            case MASS_CANCEL -> {
                // e.g. nothing open: each order's own reports or status requests settle it
            }
        }
    }

    /**
     * The venue refused a status request. "Unknown order" (380=101) for an order it never acknowledged settles it:
     * the venue says it never got it (its own answer, not an invented reject). Anything else (e.g. a refusal of
     * the request itself) settles nothing: the order stays pending until its reports (replayed after a logon) or
     * a later status request answer.
     */
    private void statusRefused(Order o, BusinessReject br, long now) {
        if (br.reason() == io.fluxfix.model.event.BusinessRejectReason.UNKNOWN_ORDER
                || (br.text() != null && br.text().contains("Unknown order"))) {
            neverReceived(o, br.text(), now);
        }
    }

    /**
     * The venue does not know an order the sink sent and never saw acknowledged (asked by its ClOrdID): it never
     * received it, so it was never placed. Terminal: {@code REJECTED} with {@link RejectLayer#NOT_RECEIVED}; the
     * ClOrdID stays used, and the order is never re-sent.
     */
    private void neverReceived(Order o, String text, long now) {
        if (o == null || o.orderId != null || !o.state.isLive()) {
            return; // an acknowledged order is known to the venue: "unknown" is about the request, not the order
        }
        settleRequests(o);
        o.rejectLayer = RejectLayer.NOT_RECEIVED;
        o.reason = "not received by the venue (status request answered: " + text + ")";
        LOG.info("order {} was never received by the venue: settled as not placed", o.clOrdId);
        state(o, OrderState.REJECTED, now);
    }

    private void checkReconciled(long now) {
        if (!reconciling) {
            return;
        }
        for (Order o : live) {
            if (o.needsReconcile) {
                return;
            }
        }
        reconciling = false;
        LOG.info("order sink reconciled with the venue");
        emit(new SinkEvent.Reconciled(now));
    }

    private void illegal(Order o, ExecutionReport er, long now) {
        illegalTransitions.increment();
        LOG.warn("order {}: {} report in state {} ignored", o.clOrdId, er.execType(), o.state);
        emit(new SinkEvent.IllegalTransition(now, o.clOrdId, o.state, er.execType() + " " + er.ordStatus()));
    }

    // ---- state bookkeeping --------------------------------------------------------------------------------

    private void enterLive(Order o) {
        if (live.add(o)) {
            o.instrument.live++;
            count(o.state, 1);
        }
    }

    private void state(Order o, OrderState to, long now) {
        OrderState from = o.state;
        if (live.contains(o)) {
            count(from, -1);
        } else {
            enterLive(o);
            count(o.state, -1);
        }
        o.state = to;
        o.transitionAt = now;
        count(to, 1);
        if (to.isTerminal() && live.remove(o)) {
            o.instrument.live--;
            if (!o.queued.isEmpty()) {
                for (Pending pe : new ArrayList<>(o.queued)) {
                    unqueue(pe);
                }
            }
            if (o.needsReconcile) {
                o.needsReconcile = false;
                checkReconciled(now);
            }
        }
        view(o);
    }

    /** Moves the orders-by-state gauge; written under the lock only, so an ordered store does (no atomic update). */
    private void count(OrderState s, int delta) {
        AtomicLong n = byState.get(s);
        n.lazySet(n.get() + delta);
    }

    /**
     * The order's new state for {@link #orders()}, made only while the stream has a subscriber (it is hot: with
     * none the state would be dropped anyway).
     */
    private void view(Order o) {
        if (!replaying && orderViews.currentSubscriberCount() > 0) {
            outbox.add(o.view());
        }
    }

    private void emit(SinkEvent e) {
        if (!replaying && events.currentSubscriberCount() > 0) {
            outbox.add(e);
        }
    }

    /** The record of {@code symbol}, made on first use (the risk limits read from config then). */
    private Instrument instrument(String symbol) {
        Instrument in = instruments.get(symbol);
        if (in == null) {
            in = new Instrument(symbol, config.risk(symbol));
            instruments.put(symbol, in);
        }
        return in;
    }

    /** The pair's Spot counter model, kept on its record once made. */
    private SpotRateCounters.Counter counter(Instrument in, long now) {
        SpotRateCounters.Counter c = in.counter;
        if (c == null) {
            c = in.counter = spot.counter(in.symbol, now);
        }
        return c;
    }

    private Order find(String clOrdId, String orderId) {
        Order o = orderId != null ? byOrderId.get(orderId) : null;
        return o != null ? o : clOrdId != null ? byClOrdId.get(clOrdId) : null;
    }

    private boolean previousSession(Order o) {
        return o.state.isLive() && o.state != OrderState.PENDING_NEW && o.epoch < o.port.epoch
                && o.port.market == Market.SPOT;
    }

    /**
     * A ClOrdID for a strategy: COMB on Derivatives (or by config), else numeric — above every numeric id the sink
     * has seen, since Kraken wants a session's numeric ids to keep increasing.
     */
    private String freshId(Market market) {
        if (market == Market.DERIVATIVES || config.spotClOrdIds() == OrderSinkConfig.SpotClOrdIds.COMB) {
            return internalId();
        }
        // the generator never repeats itself; this keeps it above ids the strategy chose (or the journal held)
        return Long.toString(Math.max(Long.parseLong(numericIds.next()), highestNumeric + 1));
    }

    /**
     * A ClOrdID for the sink's own requests (status requests, mass cancels): a COMB UUID, valid on both markets
     * and outside the numeric sequence, so it never breaks the increasing ids a strategy chooses itself.
     */
    private String internalId() {
        String id;
        do {
            id = combIds.next();
        } while (seen(ClOrdIdSet.key(id), id));
        return id;
    }

    /** Records an id as used by session {@code p}, for its trading day. */
    private void used(String id, Port p) {
        used(ClOrdIdSet.key(id), id, p);
    }

    /** {@link #used(String, Port)} of an id whose {@link ClOrdIdSet#key} is read already. */
    private void used(long key, String id, Port p) {
        if (usedIds.add(key, id)) {
            p.usedToday.add(id);
        }
        raiseHighest(key, id);
    }

    /** Records an id as used by {@code o}: the order is found by it from now on. */
    private void record(long key, String id, Order o) {
        byClOrdId.put(key, id, o);
        raiseHighest(key, id);
    }

    private void raiseHighest(long key, String id) {
        if (key != ClOrdIdSet.TEXT) {
            highestNumeric = Math.max(highestNumeric, key);
        } else if (ClOrdIds.isNumeric(id)) {
            highestNumeric = Math.max(highestNumeric, ClOrdIds.numericValue(id));
        }
    }

    /**
     * Whether the sink has used {@code id} this trading day. A plain numeric id above every numeric id used is
     * known unused without a probe (Spot's numeric ids keep increasing, so a new one always is).
     */
    private boolean seen(long key, String id) {
        if (key != ClOrdIdSet.TEXT && key > highestNumeric) {
            return false;
        }
        return byClOrdId.containsKey(key, id) || usedIds.contains(key, id);
    }

    /** Whether a request of the order's own (its NewOrder, cancel, amend or status request) is in flight. */
    private boolean hasRequest(Order o) {
        for (Request r : requests.values()) {
            if (r.order == o) {
                return true;
            }
        }
        return false;
    }

    /** Every request of {@code o} still waiting is answered (a status report or "unknown order" settled them). */
    private void settleRequests(Order o) {
        requests.values().removeIf(r -> {
            if (r.order == o) {
                r.port.guard.answered();
                forget(r);
                return true;
            }
            return false;
        });
    }

    /**
     * A request left the requests table: it goes back to the free list (when the list is short), to be taken by a
     * later command. The caller may still read it until the sink next sends something.
     */
    private Request forget(Request r) {
        if (r != null && r.held) {
            r.held = false;
            if (freeCount < MAX_FREE_REQUESTS) {
                r.nextFree = freeRequests;
                freeRequests = r;
                freeCount++;
            }
        }
        return r;
    }

    private static String scope(Port p, String symbol) {
        return p.scope(symbol);
    }

    // ---- risk -------------------------------------------------------------------------------------------

    /** Whether an order of {@code side} and {@code qty} can only shrink the position, even if every working order on its side filled. */
    private boolean reduces(String symbol, Side side, Decimal qty) {
        Decimal pos = portfolio.position(symbol);
        if (pos.isZero() || (pos.signum() > 0) == (side == Side.BUY)) {
            return false;
        }
        Decimal working = Decimal.ZERO;
        for (Order o : live) {
            if (o.symbol.equals(symbol) && o.side == side) {
                working = working.add(o.leavesQty);
            }
        }
        return working.add(qty).compareTo(pos.signum() > 0 ? pos : pos.negate()) <= 0;
    }

    private String tradingStatusRefusal(NewOrder n, boolean reduces) {
        TradingStatus venue = venueStatus;
        if (venue == TradingStatus.MAINTENANCE || venue == TradingStatus.CANCEL_ONLY) {
            return "venue in " + venue;
        }
        boolean postOnly = n.execInstructions().contains(ExecInstruction.POST_ONLY);
        if (venue == TradingStatus.POST_ONLY && !(postOnly && n.ordType() == OrdType.LIMIT)) {
            return "venue in POST_ONLY: only post-only limit orders";
        }
        InstrumentStatus s = instrumentStatus.get(n.symbol());
        if (s == null) {
            return null;
        }
        return switch (s) {
            case ONLINE -> null;
            case POST_ONLY -> postOnly && n.ordType() == OrdType.LIMIT ? null : n.symbol() + " is post-only";
            case LIMIT_ONLY -> n.ordType() == OrdType.LIMIT ? null : n.symbol() + " is limit-only";
            case REDUCE_ONLY -> reduces ? null : n.symbol() + " is reduce-only";
            default -> n.symbol() + " is " + s;
        };
    }

    private String riskRefusal(Instrument in, Side side, OrdType type, Decimal qty, Decimal price, Order amended) {
        RiskLimits r = in.risk;
        String symbol = in.symbol;
        if (r == RiskLimits.NONE) {
            return null;
        }
        if (r.maxOrderQty().signum() > 0 && qty.compareTo(r.maxOrderQty()) > 0) {
            return "quantity " + qty + " above max-order-qty " + r.maxOrderQty();
        }
        Decimal ref = options.reference().of(symbol);
        Decimal px = type.hasLimitPrice() && price != null ? price : ref;
        if (r.maxNotional().signum() > 0) {
            if (px == null) {
                return "no price to check max-notional against (no limit price, no reference price)";
            }
            if (RiskMath.compareProduct(qty, px, r.maxNotional()) > 0) {
                return "notional " + qty.multiply(px) + " above max-notional " + r.maxNotional();
            }
        }
        if (amended == null && r.maxOpenOrders() > 0 && in.live >= r.maxOpenOrders()) {
            return "open orders on " + symbol + " at max-open-orders " + r.maxOpenOrders();
        }
        if (r.maxPosition().signum() > 0) {
            Decimal exposure = portfolio.position(symbol);
            if (in.live > 0) {
                for (Order o : live) {
                    if (o.symbol.equals(symbol) && o.side == side && o != amended) {
                        exposure = exposure.add(o.signedLeaves());
                    }
                }
            }
            Decimal remaining = amended == null ? qty : qty.subtract(amended.cumQty);
            if (RiskMath.compareAbsSum(exposure, remaining, side != Side.BUY, r.maxPosition()) > 0) {
                exposure = exposure.add(side == Side.BUY ? remaining : remaining.negate());
                return "position could reach " + exposure + ", beyond max-position " + r.maxPosition();
            }
        }
        if (r.priceBand().signum() > 0 && ref != null && price != null && type.hasLimitPrice()) {
            if (RiskMath.compareDistance(price, ref, ref, r.priceBand()) > 0) {
                return "price " + price + " outside the band of " + r.priceBand() + " around " + ref;
            }
        }
        return null;
    }

    // ---- outbox -------------------------------------------------------------------------------------------

    /** Sends and emits what decisions left in the outbox, in order, one thread at a time, never under the lock. */
    private void drain() {
        Outbox batch;
        synchronized (lock) {
            batch = claimDrain();
        }
        drainFrom(batch);
    }

    /**
     * Under the lock: when something waits in the outbox and no thread drains, this thread becomes the drainer and
     * takes the batch (the outbox and the drainer's spare swap), to work through with {@link #drainFrom} once the
     * lock is released; null when there is nothing or another thread drains (it comes back for what was added).
     */
    private Outbox claimDrain() {
        if (outbox.isEmpty() || wip.getAndIncrement() != 0) {
            return null;
        }
        return takeBatch();
    }

    private Outbox takeBatch() {
        Outbox batch = outbox;
        outbox = draining;
        draining = batch;
        return batch;
    }

    /** The drainer's loop: the batch it took, then what other threads (or a send that failed) added meanwhile. */
    private void drainFrom(Outbox batch) {
        if (batch == null) {
            return;
        }
        int missed = 1;
        for (;;) {
            boolean failed = false;
            for (int k = 0, n = batch.size(); k < n; k++) {
                Object o = batch.get(k);
                if (o instanceof Port p) {
                    failed |= !transmit(p, (OrderCommand) batch.get(++k));
                } else if (o instanceof OrderView v) {
                    publish(orderViews, v);
                } else {
                    publish(events, (SinkEvent) o);
                }
            }
            batch.clear();
            // a failed send put its order's rollback in the outbox on this thread, with no drain of its own
            if (!failed) {
                missed = wip.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
            synchronized (lock) {
                batch = takeBatch();
            }
        }
    }

    /**
     * Emits to the subscribers of a sink stream. A subscriber that throws from {@code onNext} (against the Reactive
     * Streams rules) is logged and counted; the throw never reaches the strategy that submitted a command, and
     * the drain goes on (left to propagate, it would end the drain with its work-in-progress count held, and the
     * sink would never send again). Reactor cancels that subscriber at its throw: one line per broken subscriber.
     */
    private <T> void publish(Sinks.Many<T> stream, T item) {
        try {
            if (stream.tryEmitNext(item).isFailure() && stream.currentSubscriberCount() > 0) {
                droppedViews.increment();
            }
        } catch (RuntimeException e) {
            subscriberErrors.increment();
            LOG.error("a subscriber of the order sink threw from onNext on {}", item, e);
        }
    }

    /** Hands one command to its session; false when the session refused it at once (then it is rolled back). */
    private boolean transmit(Port p, OrderCommand cmd) {
        Transmission t = transmission;
        t.start(p, cmd);
        Throwable failure = null;
        try {
            p.port.send(cmd).subscribe(t);
        } catch (RuntimeException e) {
            failure = e;
        }
        int state = t.settle();
        if (state == Transmission.DETACHED || failure != null) {
            transmission = new Transmission(); // it may still hear from that send: never reuse it
        }
        if (failure == null && state == Transmission.FAILED) {
            failure = t.error;
        }
        if (failure != null) {
            notSent(p, cmd, failure);
            return false;
        }
        return true;
    }

    /**
     * The drainer's subscriber to one send. Sessions complete (or fail) a send before {@code subscribe} returns,
     * so one instance serves send after send; one that has not answered by then is left to answer by itself (a
     * late error rolls its command back and drains) and the drainer takes a fresh one.
     */
    private final class Transmission implements CoreSubscriber<Void> {

        static final int WAITING = 0;
        static final int DONE = 1;
        static final int FAILED = 2;
        static final int DETACHED = 3;

        private Port port;
        private OrderCommand cmd;
        private Throwable error;
        @SuppressWarnings("unused") // through STATE
        volatile int state;

        void start(Port p, OrderCommand c) {
            port = p;
            cmd = c;
            error = null;
            STATE.setRelease(this, WAITING);
        }

        /** After {@code subscribe} returned (or threw): DONE, FAILED, or DETACHED (no answer yet). */
        int settle() {
            int s = (int) STATE.getAcquire(this);
            if (s != WAITING) {
                return s; // the usual case: answered within subscribe, no atomic update needed
            }
            s = (int) STATE.compareAndExchange(this, WAITING, DETACHED);
            return s == WAITING ? DETACHED : s;
        }

        @Override
        public void onSubscribe(Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Void ignored) {
        }

        @Override
        public void onError(Throwable t) {
            error = t;
            if (STATE.compareAndSet(this, WAITING, FAILED)) {
                return; // the drainer, still in subscribe, rolls it back
            }
            if ((int) STATE.getVolatile(this) == DETACHED) {
                notSent(port, cmd, t);
                drain();
            } else {
                Operators.onErrorDropped(t, reactor.util.context.Context.empty());
            }
        }

        @Override
        public void onComplete() {
            STATE.setRelease(this, DONE); // once detached nobody reads it again
        }
    }

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Transmission.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The session could not take a command (it went down): nothing was journaled or sent. */
    private void notSent(Port port, OrderCommand cmd, Throwable err) {
        LOG.warn("{} not sent on {}: {}", cmd.clOrdId(), port.name, err.toString());
        synchronized (lock) {
            long now = now();
            Request held = requests.get(cmd.clOrdId());
            if (held == null || (cmd instanceof OrderStatusRequest) != (held.kind == Kind.STATUS)) {
                // nothing of this command's in the table (so no answer was expected of it either): a 35=H asked
                // by the order's own ClOrdID shares the id with the order's request, and the order did leave —
                // its fate is still to be learnt
                return;
            }
            port.guard.answered();
            Request req = forget(requests.remove(cmd.clOrdId()));
            Order o = req.order;
            switch (req.kind) {
                case NEW -> {
                    o.rejectLayer = RejectLayer.LOCAL;
                    o.reason = "not sent: " + err.getMessage();
                    state(o, OrderState.REJECTED, now);
                }
                case CANCEL, AMEND -> {
                    o.awaitingSince = Stamp.NO_TIME;
                    o.reason = "not sent: " + err.getMessage();
                    state(o, o.beforeRequest, now);
                }
                case MASS_CANCEL -> req.massCancelled.forEach(m -> {
                    // only what the mass cancel made pending goes back: an order whose own cancel or amend left
                    // stays pending until that request is answered
                    if (m.state == OrderState.PENDING_CANCEL && !hasRequest(m)) {
                        m.awaitingSince = Stamp.NO_TIME;
                        state(m, m.beforeRequest, now);
                    }
                });
                case STATUS -> {
                }
            }
        }
    }

    // ---- metrics ------------------------------------------------------------------------------------------

    private Counter refusal(Decision.Reason reason) {
        return refusals.get(reason);
    }

    private void venueReject(String layer, String text) {
        meters.counter("fluxfix.orders.venue.rejects", "layer", layer, "reason", rejectReasons.tag(text)).increment();
    }

    /** Registers the pair's counter gauge at its first charge (the gauge reads the model itself, see below). */
    private void gaugeCounter(Instrument in) {
        if (!in.gauged) {
            in.gauged = true;
            counterGauge(in.symbol);
        }
    }

    /**
     * The pair's counter as the model has it when the gauge is read (decayed to the sink's clock), not as it was at
     * the last charge: after a burst an idle pair's gauge falls as Kraken's counter does. A read takes the sink's
     * lock (a scrape every few seconds against a lock held for microseconds).
     */
    private void counterGauge(String symbol) {
        Gauge.builder("fluxfix.orders.spot.counter", this, sink -> sink.counterNow(symbol)).tag("pair", symbol)
                .description("The Spot rate-counter model of the pair (account-wide), decayed to now")
                .register(meters);
    }

    private double counterNow(String symbol) {
        synchronized (lock) {
            return spot.valueMicros(symbol, now()) / 1e6;
        }
    }

    private AtomicLong bucketGauge(String session) {
        AtomicLong v = new AtomicLong();
        Gauge.builder("fluxfix.orders.derivatives.tokens", v, AtomicLong::get).tag("session", session)
                .description("Tokens left in the session's Derivatives bucket model").register(meters);
        return v;
    }

    private static String tagText(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private long now() {
        return clock.nanos();
    }
}
