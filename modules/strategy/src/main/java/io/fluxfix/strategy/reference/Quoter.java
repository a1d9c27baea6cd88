package io.fluxfix.strategy.reference;

import io.fluxfix.book.BookView;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstruction;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.Instrument;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.AmendOrder;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.command.OrderCommand;
import io.fluxfix.model.config.ConfigKey;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.orders.Decision;
import io.fluxfix.orders.OrderState;
import io.fluxfix.orders.OrderView;
import io.fluxfix.strategy.CommandDecision;
import io.fluxfix.strategy.PriceGrid;
import io.fluxfix.strategy.Strategy;
import io.fluxfix.strategy.StrategyContext;
import io.fluxfix.strategy.StrategyFactory;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A two-sided quoter (a small market maker): one post-only limit order per side per instrument around the mid,
 * skewed against its inventory, amended rather than cancelled and re-placed.
 *
 * <ul>
 *   <li><b>Prices.</b> bid = mid − spread/2 − skew, ask = mid + spread/2 − skew, rounded away from the mid to the
 *   instrument's tick; skew = mid × {@code skew-bps} × position / {@code size} (long inventory lowers both
 *   quotes, so the ask gets hit and the bid does not). Post-only quotes never cross: a bid is at most one tick
 *   under the best ask, an ask at least one tick over the best bid.</li>
 *   <li><b>Sizes.</b> {@code size} per side, cut so that a fill can never take the position beyond
 *   {@code max-position} either way (the side that would is not quoted); below the instrument's minimum the side
 *   is not quoted.</li>
 *   <li><b>Amends.</b> A quote moves (35=G, price and size) only when its price is {@code requote-bps} or more
 *   off target: fewer messages, less rate-limit counter. When only the size shrinks the amend keeps the price, so
 *   the order keeps its queue priority (Kraken keeps priority for a quantity reduction at the same price); a
 *   size increase waits for the next price move.</li>
 *   <li><b>Manners.</b> At most one command in flight per quote; a refused new quote backs off for the sink's
 *   wait time (at least {@code backoff}); a filled or cancelled quote is replaced on the next book.</li>
 * </ul>
 */
public final class Quoter implements Strategy {

    public static final ConfigKey<Decimal> SIZE = ConfigKey.decimal("size", "0", "0",
            "Quantity per quote; 0 = twice the instrument's minimum order quantity.");
    public static final ConfigKey<Decimal> SPREAD_BPS = ConfigKey.decimal("spread-bps", "20", "0",
            "Width between bid and ask, basis points of the mid.");
    public static final ConfigKey<Decimal> SKEW_BPS = ConfigKey.decimal("skew-bps", "5", "0",
            "Inventory skew: basis points of the mid both quotes move per 'size' of position.");
    public static final ConfigKey<Decimal> MAX_POSITION = ConfigKey.decimal("max-position", "0", "0",
            "Largest position either way; 0 = five times the quote size.");
    public static final ConfigKey<Decimal> REQUOTE_BPS = ConfigKey.decimal("requote-bps", "5", "0",
            "A quote moves only when its price is this far (basis points of the mid) off target; at least one tick.");
    public static final ConfigKey<Boolean> POST_ONLY = ConfigKey.bool("post-only", true,
            "Quotes are post-only (never take liquidity).");
    public static final ConfigKey<Duration> BACKOFF = ConfigKey.duration("backoff", Duration.ofSeconds(1),
            "Least wait before re-placing a quote the order sink refused.");

    static final List<ConfigKey<?>> KEYS = List.of(SIZE, SPREAD_BPS, SKEW_BPS, MAX_POSITION, REQUOTE_BPS, POST_ONLY,
            BACKOFF);

    public static final StrategyFactory FACTORY = StrategyFactory.of("quoter",
            "two-sided post-only quoter with inventory skew", KEYS,
            (symbols, params) -> new Quoter(symbols, SIZE.read(params), SPREAD_BPS.read(params),
                    SKEW_BPS.read(params), MAX_POSITION.read(params), REQUOTE_BPS.read(params),
                    POST_ONLY.read(params), BACKOFF.read(params)));

    private final List<String> symbols;
    private final Decimal size;
    private final long spreadDeciBps;
    private final long skewDeciBps;
    private final Decimal maxPosition;
    private final long requoteDeciBps;
    private final boolean postOnly;
    private final long backoffNanos;
    private volatile Map<String, Object> status = Map.of();

    public Quoter(List<String> symbols, Decimal size, Decimal spreadBps, Decimal skewBps, Decimal maxPosition,
                  Decimal requoteBps, boolean postOnly, Duration backoff) {
        this.symbols = List.copyOf(symbols);
        this.size = size;
        this.spreadDeciBps = deci(spreadBps);
        this.skewDeciBps = deci(skewBps);
        this.maxPosition = maxPosition;
        this.requoteDeciBps = deci(requoteBps);
        this.postOnly = postOnly;
        this.backoffNanos = backoff.toNanos();
    }

    private static long deci(Decimal bps) {
        return bps.roundHalfUp(1).unscaledAt(1);
    }

    @Override
    public Flux<OrderCommand> run(StrategyContext ctx) {
        return Flux.defer(() -> {
            Run run = new Run(ctx);
            return Flux.merge(
                    ctx.books().concatMapIterable(run::onBook),
                    ctx.orders().concatMapIterable(run::onOrder),
                    ctx.decisions().concatMapIterable(run::onDecision));
        });
    }

    @Override
    public Map<String, Object> status() {
        return status;
    }

    /** One side's working quote. */
    private static final class Quote {
        final Side side;
        final String firstClOrdId;
        String clOrdId;
        String orderId;
        Decimal price;
        Decimal leaves;
        Decimal cum = Decimal.ZERO;
        boolean pending = true;

        Quote(Side side, String clOrdId, Decimal price, Decimal qty) {
            this.side = side;
            this.firstClOrdId = clOrdId;
            this.clOrdId = clOrdId;
            this.price = price;
            this.leaves = qty;
        }
    }

    private static final class Book {
        BookView last;
        Quote bid;
        Quote ask;
        long notBeforeNanos = Long.MIN_VALUE;
    }

    /** The state of one run; touched only on the strategy's thread. */
    private final class Run {
        private final StrategyContext ctx;
        private final Map<String, Book> books = new HashMap<>();
        private final Map<String, Quote> byClOrdId = new HashMap<>();
        private final Map<String, String> symbolOf = new HashMap<>();
        private long sent;
        private long amends;
        private long cancels;
        private long refusals;

        Run(StrategyContext ctx) {
            this.ctx = ctx;
            for (String s : symbols) {
                books.put(s, new Book());
            }
        }

        List<OrderCommand> onBook(BookView view) {
            Book b = books.get(view.symbol());
            if (b == null) {
                return List.of();
            }
            b.last = view;
            List<OrderCommand> out = quote(view.symbol(), b);
            publishStatus();
            return out;
        }

        private List<OrderCommand> quote(String symbol, Book b) {
            BookView view = b.last;
            if (view == null || !view.isTwoSided() || view.isCrossed()) {
                return List.of();
            }
            Instrument inst = ctx.instruments().get(symbol);
            PriceGrid grid = PriceGrid.of(view, inst);
            long mid = grid.mid(view);
            Decimal qtyUnit = size.signum() > 0 ? size : defaultSize(inst, view);
            Decimal limit = maxPosition.signum() > 0 ? maxPosition : qtyUnit.multiply(Decimal.ofLong(5));
            Decimal position = ctx.position(symbol);

            int qScale = Math.max(qtyUnit.scale(), position.scale());
            long skewDeci = qtyUnit.signum() == 0 ? 0
                    : Math.multiplyExact(skewDeciBps, position.unscaledAt(qScale)) / qtyUnit.unscaledAt(qScale);
            long midFine = PriceGrid.fine(mid);
            long half = PriceGrid.fraction(midFine, spreadDeciBps, 200_000);
            long skew = PriceGrid.fraction(midFine, skewDeci, 100_000);
            long bidPx = grid.floorFine(midFine - half - skew);
            long askPx = grid.ceilFine(midFine + half - skew);
            if (postOnly) {
                bidPx = Math.min(bidPx, grid.fromBook(view.bestAsk()) - grid.tick());
                askPx = Math.max(askPx, grid.fromBook(view.bestBid()) + grid.tick());
            }
            Decimal minQty = inst == null || inst.qtyMin() == null ? Decimal.ZERO : inst.qtyMin();
            Decimal bidQty = sideQty(qtyUnit, limit.subtract(position), minQty);
            Decimal askQty = sideQty(qtyUnit, limit.add(position), minQty);
            long threshold = Math.max(grid.tick(), PriceGrid.fraction(mid, requoteDeciBps, 100_000));

            List<OrderCommand> out = new ArrayList<>(2);
            b.bid = manage(symbol, b, b.bid, Side.BUY, bidPx, bidQty, grid, threshold, out);
            b.ask = manage(symbol, b, b.ask, Side.SELL, askPx, askQty, grid, threshold, out);
            return out;
        }

        private Decimal defaultSize(Instrument inst, BookView view) {
            if (inst != null && inst.qtyMin() != null && inst.qtyMin().signum() > 0) {
                return inst.qtyMin().multiply(Decimal.ofLong(2));
            }
            return Decimal.of(1, Math.max(0, view.qtyScale() - 2)); // no reference data: a small lot
        }

        private Decimal sideQty(Decimal unit, Decimal room, Decimal minQty) {
            Decimal q = room.compareTo(unit) < 0 ? room : unit;
            return q.signum() <= 0 || q.compareTo(minQty) < 0 ? Decimal.ZERO : q;
        }

        private Quote manage(String symbol, Book b, Quote q, Side side, long target, Decimal qty, PriceGrid grid,
                             long threshold, List<OrderCommand> out) {
            long now = ctx.nowNanos();
            if (q == null) {
                if (qty.signum() > 0 && now >= b.notBeforeNanos) {
                    String id = ctx.nextClOrdId();
                    Decimal px = grid.toDecimal(target);
                    out.add(NewOrder.limit(id, symbol, side, qty, px, TimeInForce.GOOD_TILL_CANCEL,
                            postOnly ? ExecInstructions.of(ExecInstruction.POST_ONLY) : ExecInstructions.NONE, now));
                    Quote nq = new Quote(side, id, px, qty);
                    byClOrdId.put(id, nq);
                    symbolOf.put(id, symbol);
                    sent++;
                    return nq;
                }
                return null;
            }
            if (q.pending) {
                return q;
            }
            if (qty.signum() == 0) {
                out.add(new CancelOrder(ctx.nextClOrdId(), q.clOrdId, q.orderId, symbol, side, now));
                q.pending = true;
                cancels++;
                return q;
            }
            long current = grid.fromDecimal(q.price);
            if (Math.abs(current - target) >= threshold) {
                amend(symbol, q, grid.toDecimal(target), qty, now, out);
            } else if (qty.compareTo(q.leaves) < 0) {
                amend(symbol, q, q.price, qty, now, out); // same price, smaller: keeps queue priority
            }
            return q;
        }

        private void amend(String symbol, Quote q, Decimal price, Decimal leaves, long now, List<OrderCommand> out) {
            String id = ctx.nextClOrdId();
            out.add(new AmendOrder(id, q.clOrdId, q.orderId, symbol, q.side, q.cum.add(leaves), null, OrdType.LIMIT,
                    TimeInForce.GOOD_TILL_CANCEL, price, null, postOnly, Stamp.NO_TIME, now));
            byClOrdId.put(id, q);
            symbolOf.put(id, symbol);
            q.pending = true;
            amends++;
        }

        List<OrderCommand> onOrder(OrderView v) {
            Quote q = byClOrdId.get(v.clOrdId());
            String symbol = symbolOf.get(v.clOrdId());
            if (q == null || symbol == null) {
                return List.of();
            }
            if (v.currentClOrdId() != null) {
                q.clOrdId = v.currentClOrdId();
                byClOrdId.put(q.clOrdId, q);
                symbolOf.put(q.clOrdId, symbol);
            }
            if (v.orderId() != null) {
                q.orderId = v.orderId();
            }
            if (v.price() != null) {
                q.price = v.price();
            }
            if (v.leavesQty() != null) {
                q.leaves = v.leavesQty();
            }
            if (v.cumQty() != null) {
                q.cum = v.cumQty();
            }
            OrderState s = v.state();
            q.pending = s == OrderState.QUEUED || s == OrderState.PENDING_NEW || s == OrderState.PENDING_REPLACE
                    || s == OrderState.PENDING_CANCEL;
            if (!s.isTerminal()) {
                return List.of();
            }
            Book b = books.get(symbol);
            if (b.bid == q) {
                b.bid = null;
            } else if (b.ask == q) {
                b.ask = null;
            }
            byClOrdId.values().removeIf(x -> x == q);
            List<OrderCommand> out = s == OrderState.FILLED ? quote(symbol, b) : List.of();
            publishStatus();
            return out;
        }

        List<OrderCommand> onDecision(CommandDecision d) {
            if (!d.refused()) {
                return List.of();
            }
            refusals++;
            OrderCommand cmd = d.command();
            Quote q = byClOrdId.get(cmd.clOrdId());
            String symbol = symbolOf.get(cmd.clOrdId());
            if (q == null || symbol == null) {
                return List.of();
            }
            Book b = books.get(symbol);
            if (cmd instanceof NewOrder) {
                // nothing was sent: forget the quote and try again after the sink's wait
                if (b.bid == q) {
                    b.bid = null;
                } else if (b.ask == q) {
                    b.ask = null;
                }
                byClOrdId.values().removeIf(x -> x == q);
                b.notBeforeNanos = ctx.nowNanos() + Math.max(backoffNanos, d.decision().waitNanos());
            } else if (d.decision().reason() == Decision.Reason.UNKNOWN_ORDER) {
                if (b.bid == q) {
                    b.bid = null;
                } else if (b.ask == q) {
                    b.ask = null;
                }
                byClOrdId.values().removeIf(x -> x == q);
            } else {
                q.pending = false; // the amend or cancel did not leave; the quote stands as it was
            }
            publishStatus();
            return List.of();
        }

        private void publishStatus() {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String s : symbols) {
                Book b = books.get(s);
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("bid", b.bid == null ? null : b.bid.price.toString());
                one.put("bidQty", b.bid == null ? null : b.bid.leaves.toString());
                one.put("ask", b.ask == null ? null : b.ask.price.toString());
                one.put("askQty", b.ask == null ? null : b.ask.leaves.toString());
                one.put("position", ctx.position(s).toString());
                m.put(s, one);
            }
            m.put("newOrders", sent);
            m.put("amends", amends);
            m.put("cancels", cancels);
            m.put("refusals", refusals);
            status = java.util.Collections.unmodifiableMap(m);
        }
    }
}
