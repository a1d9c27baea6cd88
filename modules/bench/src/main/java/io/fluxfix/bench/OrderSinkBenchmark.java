package io.fluxfix.bench;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.Market;
import io.fluxfix.model.OrdStatus;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.command.OrderCommand;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.orders.Decision;
import io.fluxfix.orders.OrderPort;
import io.fluxfix.orders.OrderSink;
import io.fluxfix.orders.OrderSinkConfig;
import io.fluxfix.orders.SinkClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The order sink's own cost per command, in steady state: {@code submit} of a command — ClOrdID checks, kill
 * switch, trading status, pre-trade risk (every limit set, a reference price for the band), the Spot counter model,
 * the error-rate guard, the order's state and the outbox (handing the command to a session that does nothing,
 * emitting the order's new state to no subscriber) — plus the venue's answer to it through the session's stream
 * (the state machine). Invocations alternate a new limit order with its acknowledgement and a cancel with its
 * report; the sink's clock moves 3 s per invocation, so the Pro counter never holds anything (every command is
 * sent: {@code sent} checks). A rollover every {@value #POOL} orders keeps one "day" of ids in memory and lets the
 * prepared commands be used again. No FIX, no journal, no socket: that is the session's cost, measured apart.
 * Every invocation is timed ({@link EveryCall}: its {@code every call} lines are the percentiles; JMH's
 * {@code SampleTime} would time one kind of command only, the two alternating). Figures in
 * {@code docs/benchmarks.md}.
 *
 * <p>{@code commands}: {@code pool} submits the {@value #POOL} commands and reports made before the trial, in
 * turn: each is read again only after the whole pool went by, so its object, id text and bytes are cold in the
 * caches when the sink reads them. {@code fresh} makes each command and report (same ids, same values) just
 * before its invocation's clock starts, as a strategy makes a command just before {@code submit} and a session
 * decodes a report just before the sink gets it: they are hot, as in production. The making is not timed; its
 * allocation is in the B/op.
 *
 * <p>The forks run on a fixed heap that the JVM touches at start ({@code -Xms2g -Xmx2g -XX:+AlwaysPreTouch}, as a
 * latency-minded deployment would). Without it, every time G1 grows the heap the first allocations into the new
 * regions take a page fault each (the kernel zeroes the page: a few µs), one call in about 60 at this workload's
 * ~66 B per command, for the seconds it takes to allocate through them: p99 plateaus of 2.5–4.5 µs in the early
 * iterations of each fork, gone once eden has been used through (measured 2026-11-22, docs/benchmarks.md).
 * {@code -jvmArgsPrepend -XX:-AlwaysPreTouch} on JMH's command line runs without it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// a fixed heap touched at start: see OrderSinkBenchmark's note on page faults
@Fork(value = 2, jvmArgsPrepend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class OrderSinkBenchmark {

    static final int POOL = 16_384;
    static final long T0 = 1_775_572_325_000_000_000L;
    static final String SESSION = "spot-trading";

    /** A session that takes every command and does nothing with it. */
    static final class NullPort implements OrderPort {
        final Sinks.Many<Event> orders = Sinks.many().multicast().directBestEffort();
        final Sinks.Many<SessionEvent> sessions = Sinks.many().multicast().directBestEffort();
        long sent;

        @Override
        public String name() {
            return SESSION;
        }

        @Override
        public Market market() {
            return Market.SPOT;
        }

        @Override
        public boolean isLoggedOn() {
            return true;
        }

        @Override
        public Mono<Void> send(OrderCommand command) {
            sent++;
            return Mono.empty();
        }

        @Override
        public Flux<Event> orderEvents() {
            return orders.asFlux();
        }

        @Override
        public Flux<SessionEvent> sessionEvents() {
            return sessions.asFlux();
        }
    }

    /** {@code pool}: the prepared commands and reports, cold; {@code fresh}: each made just before it is used. */
    @Param({"pool", "fresh"})
    public String commands = "pool";

    private static final long BASE = 1_000_000_000L;
    private static final Decimal QTY = Decimal.parse("0.01");
    private static final Decimal[] PRICES = new Decimal[50];

    static {
        for (int k = 0; k < PRICES.length; k++) {
            PRICES[k] = Decimal.parse("84000.0").add(Decimal.of(k, 1));
        }
    }

    private boolean fresh;
    /** The command {@link #command()} submits next, and the venue's answer to it ({@link #ready()}). */
    private OrderCommand next;
    private ExecutionReport nextAnswer;
    private NewOrder[] news;
    private CancelOrder[] cancels;
    private ExecutionReport[] acks;
    private ExecutionReport[] cancelled;
    NullPort port;
    OrderSink sink;
    private long now;
    private int i;
    private boolean cancelNext;
    private int day;
    private ExecutionReport answer;

    @Setup(Level.Trial)
    public void prepare() {
        news = new NewOrder[POOL];
        cancels = new CancelOrder[POOL];
        acks = new ExecutionReport[POOL];
        cancelled = new ExecutionReport[POOL];
        fresh = switch (commands) {
            case "pool" -> false;
            case "fresh" -> true;
            default -> throw new IllegalArgumentException("commands: pool or fresh, not " + commands);
        };
        long base = BASE;
        Decimal qty = QTY;
        for (int k = 0; k < POOL; k++) {
            String id = Long.toString(base + 2L * k);
            String cancelId = Long.toString(base + 2L * k + 1);
            Decimal px = Decimal.parse("84000.0").add(Decimal.of(k % 50, 1));
            news[k] = NewOrder.limit(id, "BTC/USD", Side.BUY, qty, px, TimeInForce.GOOD_TILL_CANCEL, null, T0);
            cancels[k] = new CancelOrder(cancelId, id, null, "BTC/USD", Side.BUY, T0);
            acks[k] = report(id, null, "O" + k, ExecType.NEW, OrdStatus.NEW, qty, px, qty);
            cancelled[k] = report(cancelId, id, "O" + k, ExecType.CANCELED, OrdStatus.CANCELED, qty, px, Decimal.ZERO);
        }
    }

    @Setup(Level.Iteration)
    public void start() {
        Map<String, String> m = new HashMap<>();
        m.put("orders.spot.tier", "pro");
        m.put("orders.pump-interval", "0ms");
        m.put("orders.risk.instruments.BTC/USD.max-order-qty", "1");
        m.put("orders.risk.instruments.BTC/USD.max-notional", "100000");
        m.put("orders.risk.instruments.BTC/USD.max-open-orders", "50");
        m.put("orders.risk.instruments.BTC/USD.max-position", "10");
        m.put("orders.risk.instruments.BTC/USD.price-band", "0.05");
        Decimal reference = Decimal.parse("84010.0");
        now = T0;
        port = new NullPort();
        sink = new OrderSink(OrderSinkConfig.read(ConfigSource.of("bench", m)), List.of(port),
                new OrderSink.Options((SinkClock) () -> now, Schedulers.immediate(),
                        new SimpleMeterRegistry(), s -> reference, new java.util.Random(1)));
        sink.start();
        port.sessions.tryEmitNext(new SessionEvent.LoggedOn(new Stamp(now, day, 1), SESSION, 30, false));
        i = 0;
        cancelNext = false;
        answer = null;
    }

    @TearDown(Level.Iteration)
    public void check() {
        sink.close();
        if (port.sent == 0) {
            throw new IllegalStateException("the sink sent nothing: the benchmark measured refusals");
        }
    }

    /** One command (a new order, or a cancel of it) and the venue's answer to it. */
    @Benchmark
    public Decision commandAndReport(EveryCall latency) {
        ready();
        long t0 = System.nanoTime();
        Decision d = command();
        answer();
        latency.record(System.nanoTime() - t0);
        return d;
    }

    /**
     * Makes the next command and its answer ready, before the invocation's clock starts: the prepared ones
     * ({@code pool}), or new ones with the same ids and values ({@code fresh}).
     */
    void ready() {
        if (!fresh) {
            next = cancelNext ? cancels[i] : news[i];
            nextAnswer = cancelNext ? cancelled[i] : acks[i];
            return;
        }
        String id = Long.toString(BASE + 2L * i);
        Decimal px = PRICES[i % PRICES.length];
        if (cancelNext) {
            String cancelId = Long.toString(BASE + 2L * i + 1);
            next = new CancelOrder(cancelId, id, null, "BTC/USD", Side.BUY, T0);
            nextAnswer = report(cancelId, id, "O" + i, ExecType.CANCELED, OrdStatus.CANCELED, QTY, px, Decimal.ZERO);
        } else {
            next = NewOrder.limit(id, "BTC/USD", Side.BUY, QTY, px, TimeInForce.GOOD_TILL_CANCEL, null, T0);
            nextAnswer = report(id, null, "O" + i, ExecType.NEW, OrdStatus.NEW, QTY, px, QTY);
        }
    }

    /** The next command alone ({@link #ready()} made it ready): the venue's answer waits for {@link #answer()}. */
    Decision command() {
        now += 3_000_000_000L;
        Decision d = sink.submit(SESSION, next);
        if (!d.sent()) {
            throw new IllegalStateException("not sent: " + d);
        }
        answer = nextAnswer;
        return d;
    }

    /** The venue's answer to the last command (none if it was answered), and the rollover after a day of orders. */
    void answer() {
        if (answer == null) {
            return;
        }
        port.orders.tryEmitNext(answer);
        answer = null;
        if (cancelNext && ++i == POOL) {
            i = 0;
            port.sessions.tryEmitNext(new SessionEvent.Rollover(new Stamp(now, ++day, 1), SESSION, day));
        }
        cancelNext = !cancelNext;
    }

    private static ExecutionReport report(String clOrdId, String origClOrdId, String orderId, ExecType type,
                                          OrdStatus status, Decimal qty, Decimal px, Decimal leaves) {
        return new ExecutionReport(new Stamp(T0, 1, 1), clOrdId, origClOrdId, orderId, "E" + clOrdId, null, type,
                status, "BTC/USD", Side.BUY, OrdType.LIMIT, TimeInForce.GOOD_TILL_CANCEL, qty, px, null, null, null,
                null, null, null, Decimal.ZERO, leaves, null, null, List.of(), null, null, T0, Stamp.NO_TIME, null, -1,
                null);
    }
}
