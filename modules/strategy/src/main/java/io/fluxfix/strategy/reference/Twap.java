package io.fluxfix.strategy.reference;

import io.fluxfix.book.BookView;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.Instrument;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.command.OrderCommand;
import io.fluxfix.model.config.ConfigKey;
import io.fluxfix.orders.OrderView;
import io.fluxfix.strategy.CommandDecision;
import io.fluxfix.strategy.PriceGrid;
import io.fluxfix.strategy.Strategy;
import io.fluxfix.strategy.StrategyContext;
import io.fluxfix.strategy.StrategyFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TWAP executor: works a parent order of {@code quantity} on each of its symbols evenly over {@code duration}
 * in {@code slices} child orders, then stops and reports.
 *
 * <ul>
 *   <li><b>Start.</b> The schedule starts with the first two-sided book of any of its symbols (not when the
 *   strategy is started, which may be before the market data arrives).</li>
 *   <li><b>Children.</b> Slice {@code i} (of n, the first at the start, one every duration/n) is an
 *   immediate-or-cancel limit order priced {@code limit-bps} through the far touch (a buy at the best ask plus
 *   that many basis points, rounded down to the tick; a sell the other way), so it takes what the book offers up
 *   to that price and never rests.</li>
 *   <li><b>Catch-up.</b> With {@code catch-up} on, a slice asks for everything the schedule says should be done by
 *   then (quantity × (i+1)/n) minus what is filled: a slice that found no book, was refused, or was partly
 *   filled is made up by the next ones. Off, every slice is quantity/n and the shortfall stays.</li>
 *   <li><b>Completion.</b> When the quantity is filled, or the last slice has come back, the strategy's stream
 *   completes; {@link #status()} then says {@code COMPLETED} with filled quantity, average price, slices sent and
 *   the slippage against the mid at the start (basis points, positive = worse), and the report is logged.</li>
 * </ul>
 */
public final class Twap implements Strategy {

    private static final Logger LOG = LoggerFactory.getLogger(Twap.class);

    public static final ConfigKey<Side> SIDE = ConfigKey.enumeration("side", Side.class, Side.BUY,
            "Side of the parent order.");
    public static final ConfigKey<Decimal> QUANTITY = ConfigKey.decimal("quantity", "0", "0",
            "Parent quantity per symbol; 0 = the instrument's minimum order quantity times the number of slices.");
    public static final ConfigKey<Duration> DURATION = ConfigKey.duration("duration", Duration.ofMinutes(10),
            "Time over which the parent order is worked.");
    public static final ConfigKey<Integer> SLICES = ConfigKey.integer("slices", 10, 1, 100_000,
            "Number of child orders (one every duration/slices, the first at the start).");
    public static final ConfigKey<Decimal> LIMIT_BPS = ConfigKey.decimal("limit-bps", "10", "0",
            "How far through the far touch a child may trade, basis points (its IOC limit price).");
    public static final ConfigKey<Boolean> CATCH_UP = ConfigKey.bool("catch-up", true,
            "Later slices make up what earlier ones did not fill.");

    static final List<ConfigKey<?>> KEYS = List.of(SIDE, QUANTITY, DURATION, SLICES, LIMIT_BPS, CATCH_UP);

    public static final StrategyFactory FACTORY = StrategyFactory.of("twap",
            "time-weighted execution of a parent order in IOC slices with catch-up", KEYS, (symbols, params) -> {
                Duration d = DURATION.read(params);
                if (d.isZero() || d.isNegative()) {
                    throw new io.fluxfix.model.config.ConfigException(params.origin(),
                            params.fullKey(DURATION.name()), "expected a positive duration, got " + d);
                }
                return new Twap(symbols, SIDE.read(params), QUANTITY.read(params), d, SLICES.read(params),
                        LIMIT_BPS.read(params), CATCH_UP.read(params));
            });

    private final List<String> symbols;
    private final Side side;
    private final Decimal quantity;
    private final Duration duration;
    private final int slices;
    private final long limitDeciBps;
    private final boolean catchUp;
    private volatile Map<String, Object> status = Map.of("state", "NOT_STARTED");

    public Twap(List<String> symbols, Side side, Decimal quantity, Duration duration, int slices, Decimal limitBps,
                boolean catchUp) {
        this.symbols = List.copyOf(symbols);
        this.side = side;
        this.quantity = quantity;
        this.duration = duration;
        this.slices = slices;
        this.limitDeciBps = limitBps.roundHalfUp(1).unscaledAt(1);
        this.catchUp = catchUp;
    }

    @Override
    public Flux<OrderCommand> run(StrategyContext ctx) {
        return Flux.defer(() -> {
            Run run = new Run(ctx);
            Duration every = duration.dividedBy(slices);
            Flux<BookView> books = ctx.books().publish().refCount(2);
            // the schedule starts with the first two-sided book, not at subscription: a TWAP that started before
            // the market data arrived would spend its first slices on nothing
            Flux<OrderCommand> schedule = books.filter(BookView::isTwoSided).next()
                    .flatMapMany(first -> Flux.interval(Duration.ZERO, every, ctx.scheduler()))
                    .take(slices)
                    .concatMapIterable(run::slice);
            return Flux.merge(
                            books.concatMapIterable(run::onBook),
                            ctx.orders().concatMapIterable(run::onOrder),
                            ctx.decisions().concatMapIterable(run::onDecision),
                            schedule)
                    .takeUntilOther(run.finished.asMono());
        });
    }

    @Override
    public Map<String, Object> status() {
        return status;
    }

    private static final class Parent {
        final String symbol;
        BookView book;
        Decimal total;
        int qScale;
        long filledMant;
        Decimal notional = Decimal.ZERO;
        String working;
        Decimal workingLeaves = Decimal.ZERO;
        long arrivalMid = Long.MIN_VALUE;
        int arrivalScale;
        int sent;
        int skipped;
        boolean done;

        Parent(String symbol) {
            this.symbol = symbol;
        }
    }

    private final class Run {
        final StrategyContext ctx;
        final Sinks.Empty<Void> finished = Sinks.empty();
        final Map<String, Parent> parents = new LinkedHashMap<>();
        final Map<String, Parent> byChild = new HashMap<>();
        final Map<String, Decimal> childNotional = new HashMap<>();
        final Map<String, Long> childFilled = new HashMap<>();
        int slicesDone;

        Run(StrategyContext ctx) {
            this.ctx = ctx;
            symbols.forEach(s -> parents.put(s, new Parent(s)));
            publish("RUNNING");
        }

        List<OrderCommand> onBook(BookView v) {
            Parent p = parents.get(v.symbol());
            if (p != null) {
                p.book = v;
                if (p.arrivalMid == Long.MIN_VALUE && v.isTwoSided()) {
                    p.arrivalMid = v.midUnscaled();
                    p.arrivalScale = v.priceScale() + 1;
                }
            }
            return List.of();
        }

        List<OrderCommand> slice(long index) {
            slicesDone = (int) index + 1;
            List<OrderCommand> out = new java.util.ArrayList<>();
            for (Parent p : parents.values()) {
                NewOrder child = child(p, (int) index);
                if (child != null) {
                    out.add(child);
                }
            }
            checkDone();
            publish(slicesDone == slices ? "LAST_SLICE" : "RUNNING");
            return out;
        }

        private NewOrder child(Parent p, int index) {
            if (p.done || p.working != null) {
                p.skipped++;
                return null;
            }
            BookView book = p.book;
            Instrument inst = ctx.instruments().get(p.symbol);
            if (book == null || book.depth(side == Side.BUY ? Side.SELL : Side.BUY) == 0) {
                p.skipped++;
                return null;
            }
            if (p.total == null) {
                Decimal min = inst == null || inst.qtyMin() == null || inst.qtyMin().signum() <= 0
                        ? Decimal.of(1, Math.max(0, book.qtyScale() - 2)) : inst.qtyMin();
                p.total = quantity.signum() > 0 ? quantity : min.multiply(Decimal.ofLong(slices));
                p.qScale = Math.max(p.total.scale(), inst == null ? book.qtyScale() : inst.qtyPrecision());
            }
            long total = p.total.unscaledAt(p.qScale);
            long want = catchUp
                    ? Math.multiplyExact(total, index + 1L) / slices - p.filledMant
                    : Math.min(total / slices, total - p.filledMant);
            Decimal qty = Decimal.of(want, p.qScale);
            Decimal min = inst == null || inst.qtyMin() == null ? Decimal.ZERO : inst.qtyMin();
            if (want <= 0 || qty.compareTo(min) < 0) {
                p.skipped++;
                return null;
            }
            PriceGrid grid = PriceGrid.of(book, inst);
            long far = grid.fromBook(side == Side.BUY ? book.bestAsk() : book.bestBid());
            long farFine = PriceGrid.fine(far);
            long through = PriceGrid.fraction(farFine, limitDeciBps, 100_000);
            long px = side == Side.BUY ? grid.floorFine(farFine + through) : grid.ceilFine(farFine - through);
            String id = ctx.nextClOrdId();
            p.working = id;
            p.workingLeaves = qty;
            p.sent++;
            byChild.put(id, p);
            return NewOrder.limit(id, p.symbol, side, qty.stripTrailingZeros(), grid.toDecimal(px),
                    TimeInForce.IMMEDIATE_OR_CANCEL, ExecInstructions.NONE, ctx.nowNanos());
        }

        List<OrderCommand> onOrder(OrderView v) {
            Parent p = byChild.get(v.clOrdId());
            if (p == null) {
                return List.of();
            }
            if (v.cumQty() != null) {
                long cum = v.cumQty().unscaledAt(p.qScale);
                long before = childFilled.getOrDefault(v.clOrdId(), 0L);
                p.filledMant += cum - before;
                childFilled.put(v.clOrdId(), cum);
                if (v.avgPx() != null) {
                    Decimal n = v.avgPx().multiply(v.cumQty());
                    Decimal old = childNotional.put(v.clOrdId(), n);
                    p.notional = p.notional.add(old == null ? n : n.subtract(old));
                }
            }
            if (v.state().isTerminal() && v.clOrdId().equals(p.working)) {
                p.working = null;
                p.workingLeaves = Decimal.ZERO;
            }
            checkDone();
            publish(allDone() ? "COMPLETED" : "RUNNING");
            return List.of();
        }

        List<OrderCommand> onDecision(CommandDecision d) {
            if (d.refused()) {
                Parent p = byChild.get(d.command().clOrdId());
                if (p != null && d.command().clOrdId().equals(p.working)) {
                    p.working = null; // nothing left: the next slice catches up
                    p.sent--;
                    p.skipped++;
                }
                checkDone();
            }
            return List.of();
        }

        private void checkDone() {
            for (Parent p : parents.values()) {
                boolean filled = p.total != null && p.filledMant >= p.total.unscaledAt(p.qScale);
                if (!p.done && (filled || (slicesDone == slices && p.working == null))) {
                    p.done = true;
                }
            }
            if (allDone()) {
                publish("COMPLETED");
                LOG.info("twap completed: {}", status);
                finished.tryEmitEmpty();
            }
        }

        private boolean allDone() {
            return parents.values().stream().allMatch(p -> p.done);
        }

        private void publish(String state) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("state", state);
            m.put("side", side.name());
            m.put("slices", slicesDone + "/" + slices);
            for (Parent p : parents.values()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("target", p.total == null ? null : p.total.toString());
                Decimal filled = Decimal.of(p.filledMant, p.qScale).stripTrailingZeros();
                one.put("filled", filled.toString());
                Decimal avg = avgPx(p);
                one.put("avgPx", avg == null ? null : avg.toString());
                one.put("childOrders", p.sent);
                one.put("skippedSlices", p.skipped);
                one.put("slippageBps", slippageBps(p, avg));
                m.put(p.symbol, one);
            }
            status = java.util.Collections.unmodifiableMap(m);
        }

        private Decimal avgPx(Parent p) {
            if (p.filledMant == 0) {
                return null;
            }
            java.math.BigDecimal q = java.math.BigDecimal.valueOf(p.filledMant, p.qScale);
            return Decimal.parse(p.notional.toBigDecimal().divide(q, 10, java.math.RoundingMode.HALF_EVEN)
                    .stripTrailingZeros().toPlainString());
        }

        /** Against the mid when the first book came: positive = paid more (buy) or got less (sell). Reporting only. */
        private String slippageBps(Parent p, Decimal avg) {
            if (avg == null || p.arrivalMid == Long.MIN_VALUE) {
                return null;
            }
            java.math.BigDecimal mid = java.math.BigDecimal.valueOf(p.arrivalMid, p.arrivalScale);
            java.math.BigDecimal diff = avg.toBigDecimal().subtract(mid);
            if (side == Side.SELL) {
                diff = diff.negate();
            }
            return diff.multiply(java.math.BigDecimal.valueOf(10_000))
                    .divide(mid, 2, java.math.RoundingMode.HALF_EVEN).toPlainString();
        }
    }
}
