package io.fluxfix.bench.harness;

import io.fluxfix.book.BookEvent;
import io.fluxfix.book.BookMetrics;
import io.fluxfix.book.Books;
import io.fluxfix.journal.ChronicleJournal;
import io.fluxfix.kraken.KrakenDecoder;
import io.fluxfix.kraken.KrakenDictionary;
import io.fluxfix.kraken.KrakenEncoder;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.Market;
import io.fluxfix.model.OrdStatus;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.command.OrderCommand;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.orders.OrderSink;
import io.fluxfix.orders.OrderSinkConfig;
import io.fluxfix.research.ReplayClock;
import io.fluxfix.research.ReplayPort;
import io.fluxfix.strategy.Strategy;
import io.fluxfix.strategy.StrategyRuntime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.HdrHistogram.Histogram;
import quickfix.DataDictionary;
import quickfix.Message;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tick-to-order inside the client, open loop: 35=X messages arrive on a fixed schedule (10 k/s, then a higher rate);
 * each is parsed by QuickFIX/J, decoded, journaled, applied to the L2 book, handed to a strategy run by the real
 * {@link StrategyRuntime} that answers every book with an order, passed through the real {@link OrderSink} (checks,
 * limits, state machine) and encoded as the 35=D the session would write. Latency is from the message's scheduled
 * arrival to the encoded order, so a stall delays the messages behind it and they count it (coordinated omission
 * corrected); HdrHistogram records it. The anchor, in the same run and schedule: a bare QuickFIX/J echo — parse the
 * 35=X, build and serialise a 35=D from strings.
 *
 * <p>What this does not include: the socket, QuickFIX/J's session layer, and the hop to the strategy's own thread
 * the live runner makes (here the strategy's scheduler is driven on the one benchmark thread, so the figure is the
 * pipeline's work, not a cross-thread handoff). The venue's answer (an immediate-or-cancel order's ack and
 * cancel) reaches the sink after the order is encoded, outside the measured span, as it would later in life.
 * Goal: p50 ≤ 10 µs, p99 ≤ 30 µs, p99.9 ≤ 100 µs, at most 1.5× the bare echo.
 */
final class TickToOrder {

    private TickToOrder() {
    }

    static void run(boolean smoke, PrintWriter out) throws Exception {
        int[] rates = smoke ? new int[] {2_000} : new int[] {10_000, 50_000};
        double seconds = smoke ? 0.5 : 10;
        double warmup = smoke ? 0.25 : 3;
        DataDictionary dictionary = KrakenDictionary.get();
        List<String> fix = new SyntheticTicks(11).fixMessages(smoke ? 5_000 : 100_000);
        for (int rate : rates) {
            Histogram echo = new Histogram(60_000_000_000L, 3);
            Histogram pipeline = new Histogram(60_000_000_000L, 3);
            Histogram echoService = new Histogram(60_000_000_000L, 3);
            Histogram pipelineService = new Histogram(60_000_000_000L, 3);
            try (Pipeline p = new Pipeline(dictionary)) {
                openLoop(rate, warmup, fix, p::onMessage, null, null);
                openLoop(rate, seconds, fix, p::onMessage, pipeline, pipelineService);
                if (p.orders == 0) {
                    throw new IllegalStateException("the strategy sent no order");
                }
            }
            Echo e = new Echo(dictionary);
            openLoop(rate, warmup, fix, e::onMessage, null, null);
            openLoop(rate, seconds, fix, e::onMessage, echo, echoService);
            print(out, rate, "bare QuickFIX/J echo", echo);
            print(out, rate, "FluxFix tick-to-order", pipeline);
            out.printf(Locale.ROOT, "  service time alone (from when the message was actually taken, not corrected; "
                    + "shows the work when the schedule could not be kept):%n");
            print(out, rate, "  echo service", echoService);
            print(out, rate, "  FluxFix service", pipelineService);
            out.printf(Locale.ROOT, "  ratio to the echo: p50 %.2fx, p99 %.2fx (goal <= 1.5x; p50 <= 10 us, p99 <= 30 us,"
                            + " p99.9 <= 100 us)%n", ratio(pipeline, echo, 50), ratio(pipeline, echo, 99));
            out.flush();
        }
    }

    private static double ratio(Histogram a, Histogram b, double p) {
        return (double) a.getValueAtPercentile(p) / Math.max(1, b.getValueAtPercentile(p));
    }

    private static void print(PrintWriter out, int rate, String what, Histogram h) {
        out.printf(Locale.ROOT, "%,d msg/s %-22s n=%d p50 %.1f us, p90 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us%n",
                rate, what + ":", h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
    }

    @FunctionalInterface
    interface Step {
        void accept(String message) throws Exception;
    }

    /**
     * Feeds messages on a fixed schedule; records each one's latency from its scheduled start in {@code h}, and
     * from when it was actually taken in {@code service}, when they are set.
     */
    private static void openLoop(int rate, double seconds, List<String> fix, Step step, Histogram h,
                                 Histogram service) throws Exception {
        long period = 1_000_000_000L / rate;
        long n = (long) (rate * seconds);
        long start = System.nanoTime() + 1_000_000;
        for (long i = 0; i < n; i++) {
            long intended = start + i * period;
            while (System.nanoTime() < intended) {
                Thread.onSpinWait();
            }
            long taken = System.nanoTime();
            step.accept(fix.get((int) (i % fix.size())));
            if (h != null) {
                long done = System.nanoTime();
                h.recordValue(Math.max(0, done - intended));
                service.recordValue(done - taken);
            }
        }
    }

    /** The anchor: parse the 35=X, answer with a 35=D built from strings. */
    private static final class Echo {
        private final DataDictionary dictionary;
        private long id;

        Echo(DataDictionary dictionary) {
            this.dictionary = dictionary;
        }

        void onMessage(String s) throws Exception {
            Message m = new Message();
            m.fromString(s, dictionary, false);
            Message o = new Message();
            o.getHeader().setString(8, "FIX.4.4");
            o.getHeader().setString(35, "D");
            o.getHeader().setString(49, "CLIENT");
            o.getHeader().setString(56, "KRAKEN-TRD");
            o.getHeader().setInt(34, (int) ++id);
            o.getHeader().setString(52, "20260407-14:32:07.000");
            o.setString(11, Long.toString(1_744_036_325_000_000L + id));
            o.setString(55, m.getString(55));
            o.setString(54, "1");
            o.setString(40, "2");
            o.setString(44, "49990.0");
            o.setString(38, "0.0001");
            o.setString(59, "3");
            o.setString(60, "20260407-14:32:07.000");
            if (o.toString().isEmpty()) {
                throw new IllegalStateException();
            }
        }
    }

    /** FluxFix's path, on one thread. */
    private static final class Pipeline implements AutoCloseable {
        private final DataDictionary dictionary;
        private final KrakenDecoder decoder = new KrakenDecoder();
        private final KrakenEncoder encoder = new KrakenEncoder();
        private final Path dir;
        private final ChronicleJournal journal;
        private final ReplayClock clock;
        private final Sinks.Many<Event> md = Sinks.many().unicast().onBackpressureBuffer();
        private final Sinks.Many<BookEvent> books = Sinks.many().multicast().onBackpressureBuffer(1 << 16, false);
        private final List<Event> pending = new ArrayList<>();
        private final Disposable bookFeed;
        private final ReplayPort port;
        private final OrderSink sink;
        private final StrategyRuntime runtime;
        private final long epochOffset;
        private long seq;
        long orders;

        Pipeline(DataDictionary dictionary) throws Exception {
            this.dictionary = dictionary;
            this.dir = Files.createTempDirectory("fluxfix-bench-t2o");
            this.journal = ChronicleJournal.open(dir);
            this.epochOffset = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
            this.clock = new ReplayClock(now());
            this.bookFeed = md.asFlux().transform(Books.l2().precision(SyntheticTicks.SYMBOL, 1, 8).build())
                    .subscribe(books::tryEmitNext);
            md.tryEmitNext(new SyntheticTicks(11).snapshot(now()));
            this.port = new ReplayPort("bench-trading", this::encode);
            this.sink = new OrderSink(OrderSinkConfig.read(ConfigSource.of("bench", Map.of(
                    "orders.spot.tier", "pro", "orders.spot.add-cost", "0", "orders.pump-interval", "0s"))),
                    List.of(port), new OrderSink.Options(clock, clock, new SimpleMeterRegistry(), null,
                    new java.util.SplittableRandom(1))).start();
            Strategy everyBook = ctx -> ctx.books().map(v -> (OrderCommand) NewOrder.limit(ctx.nextClOrdId(),
                    v.symbol(), Side.BUY, Decimal.of(1, 4), Decimal.of(v.bestBid() - 100, v.priceScale()),
                    TimeInForce.IMMEDIATE_OR_CANCEL, ExecInstructions.NONE, ctx.nowNanos()));
            this.runtime = new StrategyRuntime("bench", "every-book", everyBook, List.of(SyntheticTicks.SYMBOL),
                    ConfigSource.empty("bench"), new StrategyRuntime.Inputs(books.asFlux(), Flux.never(),
                    sink.orders(), s -> Decimal.ZERO, Map.of(), () -> sink.nextClOrdId(Market.SPOT)),
                    cmd -> sink.submit("bench-trading", cmd), clock, new SimpleMeterRegistry(), new BookMetrics());
            runtime.start(clock);
            clock.runDue();
        }

        private long now() {
            return System.nanoTime() + epochOffset;
        }

        void onMessage(String s) throws Exception {
            answer();
            Message m = new Message();
            m.fromString(s, dictionary, false);
            Event e = decoder.decode(m, new Stamp(now(), 0, ++seq));
            journal.appendInbound("bench-md", e);
            md.tryEmitNext(e);
            clock.advanceTo(now());
        }

        private void encode(OrderCommand cmd) {
            Message m = encoder.encode(cmd);
            m.getHeader().setString(49, "CLIENT");
            m.getHeader().setString(56, "KRAKEN-TRD");
            m.getHeader().setInt(34, (int) ++seq);
            if (m.toString().isEmpty()) {
                throw new IllegalStateException();
            }
            journal.appendOutbound("bench-trading", now(), 0, seq, cmd);
            orders++;
            if (cmd instanceof NewOrder o) {
                pending.add(report(o, ExecType.NEW, OrdStatus.NEW, o.orderQty()));
                pending.add(report(o, ExecType.CANCELED, OrdStatus.CANCELED, Decimal.ZERO));
            }
        }

        /** The venue's answers to the orders sent so far: after the measured span. */
        private void answer() {
            if (pending.isEmpty()) {
                return;
            }
            List<Event> now = new ArrayList<>(pending);
            pending.clear();
            now.forEach(port::deliver);
            clock.runDue();
        }

        private ExecutionReport report(NewOrder o, ExecType type, OrdStatus status, Decimal leaves) {
            return new ExecutionReport(new Stamp(now(), 0, ++seq), o.clOrdId(), null, "O" + o.clOrdId(),
                    "E" + seq, null, type, status, o.symbol(), o.side(), OrdType.LIMIT, o.timeInForce(), o.orderQty(),
                    o.price(), null, null, null, null, null, Decimal.ZERO, Decimal.ZERO, leaves, null, null, List.of(),
                    null, null, now(), Stamp.NO_TIME, null, 0, null);
        }

        @Override
        public void close() throws Exception {
            runtime.close();
            sink.close();
            bookFeed.dispose();
            clock.dispose();
            journal.close();
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
