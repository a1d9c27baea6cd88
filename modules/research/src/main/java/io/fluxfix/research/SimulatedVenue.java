package io.fluxfix.research;

import io.fluxfix.book.BookView;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.Market;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.AmendOrder;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.MassCancel;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.command.OrderCommand;
import io.fluxfix.model.command.OrderStatusRequest;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.model.event.BusinessReject;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.MessageKind;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.model.kraken.TradingDay;
import io.fluxfix.strategy.Trade;
import io.fluxfix.venue.VenueConfig;
import io.fluxfix.venue.engine.MatchingEngine;
import io.fluxfix.venue.engine.Order;
import io.fluxfix.venue.engine.OrderOrigin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code simulated} fills of a replay: the local venue's {@link MatchingEngine} (its order types, fees, checks
 * and rules) with the recorded book copied into it as resting orders of a background account, so the strategy's
 * orders trade against what was really there.
 *
 * <p><b>Queue-position model.</b> Each recorded book entry is mirrored by resting orders of the background
 * account, entered in the order the quantity appeared, so price-time priority decides who is ahead:
 * <ul>
 *   <li><b>L2</b> (one entry per price level): quantity the recording adds to a level joins the back of the queue
 *   (behind a strategy order already there); quantity that leaves a level is taken from the back first
 *   (newest-first), so a strategy order moves up only when the level shrinks below what was ahead of it — the
 *   conservative assumption that cancellations come from behind and only trades clear the front.</li>
 *   <li><b>L3</b> (one entry per venue order id): each recorded order is one resting order; a new id joins the
 *   back, a deleted id leaves wherever it is, a reduced one keeps its place (an amend down keeps priority), an
 *   increase joins the back. The strategy's queue position is then exactly what the recording says.</li>
 * </ul>
 * <b>Fills.</b> A strategy order that crosses the recorded book takes its liquidity at the recorded prices. A
 * resting strategy order fills (as maker, at its own price) when the recording trades through it: a recorded level
 * appears at or beyond its price on the other side. A recorded public trade is replayed as an immediate-or-cancel
 * order of a third account at the trade's price and size, taking the queue from the front — what was ahead of the
 * strategy first. The strategy's own trades do not move the recorded market (no market impact): liquidity it took
 * is put back, behind, at the next recorded change of that level.
 *
 * <p>Single-threaded and deterministic, like the engine: driven by the replay loop only.
 */
final class SimulatedVenue {

    static final String STRATEGY_ACCOUNT = "research";
    static final String STRATEGY_COMP_ID = "RESEARCH";
    private static final String BOOK_ACCOUNT = "recorded-book";
    private static final String TAPE_ACCOUNT = "recorded-tape";

    private final MatchingEngine engine;
    private final OrderOrigin strategy = new OrderOrigin(STRATEGY_ACCOUNT, STRATEGY_COMP_ID, 1);
    private final OrderOrigin book = new OrderOrigin(BOOK_ACCOUNT, "RECORDED-BOOK", 1);
    private final OrderOrigin tape = new OrderOrigin(TAPE_ACCOUNT, "RECORDED-TAPE", 1);
    private final Map<String, Mirror> mirrors = new HashMap<>();
    private final List<Event> reports = new ArrayList<>();
    private final MatchingEngine.Output out = this::onReport;
    private long ids;

    /**
     * @param instruments symbol → {price scale, qty scale} of the recorded books
     * @param balances    the strategy account's balances by asset (others: as much as fits)
     */
    SimulatedVenue(Map<String, int[]> instruments, Map<String, Decimal> balances, Decimal makerFee,
                   Decimal takerFee) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("venue.persistence", "false");
        c.put("venue.tls", "false");
        c.put("venue.fees.spot.maker", makerFee.toString());
        c.put("venue.fees.spot.taker", takerFee.toString());
        java.util.Set<String> assets = new java.util.TreeSet<>();
        instruments.forEach((symbol, scales) -> {
            String[] pair = pair(symbol);
            assets.add(pair[0]);
            assets.add(pair[1]);
            String k = "instruments." + symbol + ".";
            c.put(k + "price-precision", Integer.toString(scales[0]));
            c.put(k + "qty-precision", Integer.toString(scales[1]));
            c.put(k + "tick-size", Decimal.of(1, scales[0]).toString());
            c.put(k + "qty-min", Decimal.of(1, scales[1]).toString());
            c.put(k + "base", pair[0]);
            c.put(k + "quote", pair[1]);
        });
        for (String asset : assets) {
            c.put("assets." + asset + ".decimals", "8");
        }
        account(c, STRATEGY_ACCOUNT, STRATEGY_COMP_ID);
        account(c, BOOK_ACCOUNT, book.compId());
        account(c, TAPE_ACCOUNT, tape.compId());
        for (String asset : assets) {
            Decimal mine = balances.getOrDefault(asset, Decimal.ofLong(100_000_000));
            c.put("accounts." + STRATEGY_ACCOUNT + ".balances." + asset, mine.toString());
            c.put("accounts." + BOOK_ACCOUNT + ".balances." + asset, "900000000");
            c.put("accounts." + TAPE_ACCOUNT + ".balances." + asset, "900000000");
        }
        VenueConfig config = VenueConfig.read(ConfigSource.of("research replay venue", c));
        this.engine = new MatchingEngine(Market.SPOT, config, TradingDay.KRAKEN);
    }

    private static void account(Map<String, String> c, String name, String compId) {
        String k = "accounts." + name + ".";
        c.put(k + "spot-comp-id", compId);
        c.put(k + "api-key", name + "-key");
        c.put(k + "api-secret", java.util.Base64.getEncoder().encodeToString(name.getBytes()));
    }

    /** BASE/QUOTE of a symbol (a symbol without a slash is quoted in USD). */
    static String[] pair(String symbol) {
        int slash = symbol.indexOf('/');
        return slash < 0 ? new String[] {symbol, "USD"} : new String[] {symbol.substring(0, slash), symbol.substring(slash + 1)};
    }

    /** A strategy command at {@code now}: its reports (or its refusal) wait in {@link #drainReports}. */
    void command(OrderCommand cmd, long now) {
        MatchingEngine.Rejection r = null;
        MessageKind kind;
        if (cmd instanceof NewOrder o) {
            kind = MessageKind.NEW_ORDER;
            r = engine.submit(o, strategy, false, now, out);
        } else if (cmd instanceof CancelOrder o) {
            kind = MessageKind.CANCEL;
            r = engine.cancel(o, strategy, now, out);
        } else if (cmd instanceof AmendOrder o) {
            kind = MessageKind.AMEND;
            r = engine.amend(o, strategy, now, out);
        } else if (cmd instanceof MassCancel o) {
            kind = MessageKind.MASS_CANCEL;
            engine.massCancel(o, strategy, now, out);
        } else if (cmd instanceof OrderStatusRequest o) {
            kind = MessageKind.ORDER_STATUS;
            r = engine.status(o, strategy, now, out);
        } else {
            throw new IllegalArgumentException("not an order command: " + cmd);
        }
        if (r != null) {
            reports.add(new BusinessReject(new Stamp(now, TradingDay.KRAKEN.dayOf(now), 0), 0, kind, cmd.clOrdId(),
                    r.error().reason(), r.text()));
        }
    }

    private void onReport(String compId, io.fluxfix.venue.engine.Execution e) {
        if (STRATEGY_COMP_ID.equals(compId)) {
            reports.add(e.toExecutionReport());
        }
    }

    /** What the venue answered the strategy since the last call, in order. */
    List<Event> drainReports() {
        if (reports.isEmpty()) {
            return List.of();
        }
        List<Event> r = new ArrayList<>(reports);
        reports.clear();
        return r;
    }

    /** Expiries and scheduled starts due by {@code now}. */
    void timePassed(long now) {
        engine.timePassed(now, out);
    }

    /** Brings the engine's copy of {@code view}'s instrument in line with the recorded book. */
    void book(String symbol, BookView view, long now) {
        Mirror m = mirrors.computeIfAbsent(symbol, s -> new Mirror(s, view.priceScale(), view.qtyScale()));
        m.sync(view, now);
        engine.forgetClosed(BOOK_ACCOUNT);
    }

    /** A recorded public trade: taken from the front of the queue at its price and better. */
    void trade(Trade t, long now) {
        if (t.aggressorSide() == null || !mirrors.containsKey(t.symbol())) {
            return; // without the taker's side we cannot tell which queue it took from
        }
        NewOrder ioc = NewOrder.limit(nextId(), t.symbol(), t.aggressorSide(), t.size(), t.price(),
                TimeInForce.IMMEDIATE_OR_CANCEL, ExecInstructions.NONE, now);
        engine.submit(ioc, tape, false, now, out);
        engine.forgetClosed(TAPE_ACCOUNT);
    }

    private String nextId() {
        return Long.toString(++ids);
    }

    /** The background account's resting orders mirroring one instrument's recorded book. */
    private final class Mirror {
        final String symbol;
        final int priceScale;
        final int qtyScale;
        /** Per side: entry key (L2 price, L3 order id) → its resting orders, oldest first. */
        final Map<Side, Map<String, ArrayDeque<String>>> resting = new HashMap<>();

        Mirror(String symbol, int priceScale, int qtyScale) {
            this.symbol = symbol;
            this.priceScale = priceScale;
            this.qtyScale = qtyScale;
            resting.put(Side.BUY, new LinkedHashMap<>());
            resting.put(Side.SELL, new LinkedHashMap<>());
        }

        void sync(BookView view, long now) {
            Map<Side, Map<String, long[]>> wanted = new HashMap<>();
            for (Side side : Side.values()) {
                wanted.put(side, entries(view, side));
            }
            // withdraw and shrink on both sides before anything new comes, so a new level never meets a stale one
            for (Side side : Side.values()) {
                shrink(side, wanted.get(side), now);
            }
            for (Side side : Side.values()) {
                grow(side, wanted.get(side), now);
            }
        }

        /** Recorded entries of a side in queue order: key → {price, qty}. */
        private Map<String, long[]> entries(BookView view, Side side) {
            Map<String, long[]> m = new LinkedHashMap<>();
            for (int level = 0; level < view.depth(side); level++) {
                long px = view.price(side, level);
                if (view.isLevel3()) {
                    for (int i = 0; i < view.orders(side, level); i++) {
                        m.put(view.orderId(side, level, i), new long[] {px, view.orderQty(side, level, i)});
                    }
                } else {
                    m.put(Long.toString(px), new long[] {px, view.qty(side, level)});
                }
            }
            return m;
        }

        private void shrink(Side side, Map<String, long[]> wanted, long now) {
            for (Iterator<Map.Entry<String, ArrayDeque<String>>> it = resting.get(side).entrySet().iterator();
                 it.hasNext(); ) {
                Map.Entry<String, ArrayDeque<String>> e = it.next();
                ArrayDeque<String> orders = e.getValue();
                orders.removeIf(id -> !isOpen(id));
                long[] want = wanted.get(e.getKey());
                long excess = leaves(orders) - (want == null ? 0 : want[1]);
                while (excess > 0 && !orders.isEmpty()) {
                    String id = orders.peekLast();
                    Order o = engine.order(id);
                    if (o.leaves() <= excess) {
                        excess -= o.leaves();
                        engine.cancel(new CancelOrder(nextId(), null, id, symbol, side, now), book, now, out);
                        orders.pollLast();
                    } else {
                        long keep = o.filled() + o.leaves() - excess;
                        engine.amend(new AmendOrder(nextId(), null, id, symbol, side, Decimal.of(keep, qtyScale), null,
                                OrdType.LIMIT, TimeInForce.GOOD_TILL_CANCEL, Decimal.of(o.price(), priceScale), null,
                                false, Stamp.NO_TIME, now), book, now, out);
                        excess = 0;
                    }
                }
                if (orders.isEmpty()) {
                    it.remove();
                }
            }
        }

        private void grow(Side side, Map<String, long[]> wanted, long now) {
            Map<String, ArrayDeque<String>> mine = resting.get(side);
            for (Map.Entry<String, long[]> w : wanted.entrySet()) {
                ArrayDeque<String> orders = mine.computeIfAbsent(w.getKey(), k -> new ArrayDeque<>(2));
                long missing = w.getValue()[1] - leaves(orders);
                if (missing > 0) {
                    String clOrdId = nextId();
                    NewOrder o = NewOrder.limit(clOrdId, symbol, side, Decimal.of(missing, qtyScale),
                            Decimal.of(w.getValue()[0], priceScale), TimeInForce.GOOD_TILL_CANCEL,
                            ExecInstructions.NONE, now);
                    placed = null;
                    engine.submit(o, book, false, now, (compId, ex) -> {
                        if (book.compId().equals(compId) && placed == null) {
                            placed = ex.order().orderId();
                        }
                        out.report(compId, ex);
                    });
                    if (placed != null && isOpen(placed)) {
                        orders.addLast(placed);
                    }
                }
                if (orders.isEmpty()) {
                    mine.remove(w.getKey());
                }
            }
        }

        private String placed;

        private long leaves(ArrayDeque<String> orders) {
            long sum = 0;
            for (String id : orders) {
                sum += engine.order(id).leaves();
            }
            return sum;
        }

        private boolean isOpen(String id) {
            Order o = engine.order(id);
            return o != null && o.isOpen();
        }
    }

    /** Open strategy orders (for the report's end state). */
    int openStrategyOrders() {
        int n = 0;
        for (Order o : engine.openOrders()) {
            if (o.origin().account().equals(STRATEGY_ACCOUNT)) {
                n++;
            }
        }
        return n;
    }

    static Map<String, int[]> sorted(Map<String, int[]> m) {
        return new TreeMap<>(m);
    }
}
