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
import io.fluxfix.model.event.ExecutionReport;
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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongPredicate;

/**
 * The {@code simulated} fills of a replay: the local venue's {@link MatchingEngine} (its order types, fees, checks
 * and rules) with the recorded book copied into it as resting orders of a background account, so the strategy's
 * orders trade against what was really there.
 *
 * <p><b>Queue-position model.</b> After every recorded book change the engine's copy is brought in line with the
 * recorded book (a full comparison, so the copy cannot drift); price-time priority in the engine then decides who
 * is ahead of the strategy:
 * <ul>
 *   <li><b>L2</b> (one entry per price level): quantity the recording adds to a level joins the back of the queue
 *   (behind a strategy order already there); quantity that leaves a level is taken from the back first
 *   (newest-first), so a strategy order moves up only when the level loses more than what was behind it — the
 *   conservative assumption that cancellations come from behind and only trades clear the front.</li>
 *   <li><b>L3</b> (one entry per recorded order id, in the recorded queue order, which the book keeps by FIX 5273):
 *   each recorded order is one resting order of the background account. A new id joins the back of its price;
 *   a deleted id leaves wherever it is; a reduced one (partly filled, amended down) is amended down in place
 *   and keeps its priority; one whose price changes, whose size grows, or that the recording shows behind an
 *   order that joined after it loses its priority (cancelled and entered again at the back of its price) —
 *   Kraken's amend rules, fix-dialect.md §4.5. The strategy's queue position is then the recording's.</li>
 * </ul>
 * <b>Fills.</b> A strategy order that crosses the recorded book takes its liquidity at the recorded prices
 * ({@link Source#TAKER}). A resting strategy order fills as maker at its own price when the recorded book trades
 * through it — a recorded order appears at or beyond its price on the other side ({@link Source#BOOK}). A
 * recorded public trade with its aggressor side is replayed as an immediate-or-cancel order of a third account at
 * the trade's price and size ({@link Source#TAPE}): it takes every resting order at a better price for the
 * aggressor first (a strategy order priced better than the trade is filled up to the trade's size), then the
 * queue at the trade's price from the front — what was ahead of the strategy first; a trade of the other side
 * never touches it. The strategy's own trades do not move the recorded market (no market impact): liquidity it
 * took is put back, behind, at the next recorded change of that level.
 *
 * <p><b>One trade, counted once.</b> A recorded trade and the book change it caused both remove the same quantity;
 * replaying both would move the strategy up twice. The replay hands a record's trades to the venue before its
 * book change (Kraken writes trades first in a message), so a trade takes its quantity from the front and the
 * book change that follows finds the level already as recorded. When the book change comes first (in an earlier
 * record: a separate trade subscription, an L3 session beside the L2 one with the trades, a WebSocket import),
 * quantity that left the recorded book is held in the engine's copy for the <em>tape window</em> ([INF]; the
 * recording does not say which book change a trade caused): a trade at that price and side within the window
 * is replayed as above, taking its quantity from the front, after which the engine holds no more than the
 * recording; what no trade explains leaves by the queue model at the first event later than the window. Held
 * quantity that a strategy order could take, or that a new recorded order on the other side would cross, is
 * released at once (the strategy never takes liquidity the recording had already lost); a trade within the
 * window is then counted against what was released at its price and side, and only the rest of it is replayed.
 * A window of 0 holds only within one timestamp.
 *
 * <p>Single-threaded and deterministic, like the engine: driven by the replay loop only.
 */
final class SimulatedVenue {

    static final String STRATEGY_ACCOUNT = "research";
    static final String STRATEGY_COMP_ID = "RESEARCH";
    private static final String BOOK_ACCOUNT = "recorded-book";
    private static final String TAPE_ACCOUNT = "recorded-tape";

    /** What filled a strategy order (the {@code source} column of {@code fills.csv}). */
    enum Source {
        /** The strategy's order crossed the recorded book. */
        TAKER,
        /** The recorded book traded through the strategy's resting order. */
        BOOK,
        /** A recorded public trade reached the strategy's resting order. */
        TAPE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MatchingEngine engine;
    private final long tapeWindowNanos;
    private final OrderOrigin strategy = new OrderOrigin(STRATEGY_ACCOUNT, STRATEGY_COMP_ID, 1);
    private final OrderOrigin book = new OrderOrigin(BOOK_ACCOUNT, "RECORDED-BOOK", 1);
    private final OrderOrigin tape = new OrderOrigin(TAPE_ACCOUNT, "RECORDED-TAPE", 1);
    private final Map<String, Mirror> mirrors = new HashMap<>();
    private final List<Event> reports = new ArrayList<>();
    private final Map<String, Source> sources = new HashMap<>();
    private final MatchingEngine.Output out = this::onReport;
    /** What the engine is doing now: the source of a strategy fill it reports. */
    private Source acting = Source.BOOK;
    private long ids;

    /**
     * @param instruments     symbol → {price scale, qty scale} of the recorded books
     * @param balances        the strategy account's balances by asset (others: as much as fits)
     * @param tapeWindowNanos how long quantity that left the recorded book waits for a trade to explain it
     */
    SimulatedVenue(Map<String, int[]> instruments, Map<String, Decimal> balances, Decimal makerFee,
                   Decimal takerFee, long tapeWindowNanos) {
        if (tapeWindowNanos < 0) {
            throw new IllegalArgumentException("tape window " + tapeWindowNanos + " ns is negative");
        }
        this.tapeWindowNanos = tapeWindowNanos;
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
        expire(now);
        release(cmd, now);
        acting = Source.TAKER;
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
            ExecutionReport er = e.toExecutionReport();
            if (er.isFill()) {
                sources.put(er.execId(), acting);
            }
            reports.add(er);
        }
    }

    /** What filled the strategy's order in the fill report {@code execId} (asked once); null when unknown. */
    Source source(String execId) {
        return sources.remove(execId);
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

    /** Expiries and scheduled starts due by {@code now}; held book changes older than the tape window. */
    void timePassed(long now) {
        expire(now);
        acting = Source.TAKER; // a stop of the strategy's that triggers takes liquidity
        engine.timePassed(now, out);
    }

    /** Brings the engine's copy of {@code view}'s instrument in line with the recorded book. */
    void book(String symbol, BookView view, long now) {
        expire(now);
        Mirror m = mirrors.computeIfAbsent(symbol, s -> new Mirror(s, view.priceScale(), view.qtyScale(),
                view.isLevel3()));
        acting = Source.BOOK;
        m.sync(view, now);
        engine.forgetClosed(BOOK_ACCOUNT);
    }

    /**
     * A recorded public trade: taken at its price and better, from the front of the queue, less what it explains
     * of quantity already released from the recorded book (see the class notes).
     */
    void trade(Trade t, long now) {
        Mirror m = mirrors.get(t.symbol());
        if (t.aggressorSide() == null || m == null) {
            return; // without the taker's side we cannot tell which queue it took from
        }
        expire(now);
        long size;
        long price;
        try {
            size = t.size().unscaledAt(m.qtyScale);
            price = t.price().unscaledAt(m.priceScale);
        } catch (ArithmeticException finer) {
            return; // finer than the instrument: not a trade of this book
        }
        size -= m.explained(t.aggressorSide().opposite(), price, size, now);
        if (size > 0) {
            NewOrder ioc = NewOrder.limit(nextId(), t.symbol(), t.aggressorSide(), Decimal.of(size, m.qtyScale),
                    t.price(), TimeInForce.IMMEDIATE_OR_CANCEL, ExecInstructions.NONE, now);
            acting = Source.TAPE;
            engine.submit(ioc, tape, false, now, out);
            engine.forgetClosed(TAPE_ACCOUNT);
        }
        acting = Source.BOOK;
        m.settle(now);
        engine.forgetClosed(BOOK_ACCOUNT);
    }

    /** Applies held book changes whose window has passed by {@code now}. */
    private void expire(long now) {
        for (Mirror m : mirrors.values()) {
            if (m.holding()) {
                acting = Source.BOOK;
                m.settle(now);
                engine.forgetClosed(BOOK_ACCOUNT);
            }
        }
    }

    /** Before a strategy order could take liquidity: the held quantity it could take leaves now. */
    private void release(OrderCommand cmd, long now) {
        String symbol;
        Side side;
        Decimal price;
        if (cmd instanceof NewOrder o) {
            symbol = o.symbol();
            side = o.side();
            price = o.price();
        } else if (cmd instanceof AmendOrder o && o.price() != null) {
            symbol = o.symbol();
            side = o.side();
            price = o.price();
        } else {
            return;
        }
        Mirror m = mirrors.get(symbol);
        if (m == null || side == null || !m.holding()) {
            return;
        }
        long limit;
        try {
            limit = price == null ? (side == Side.BUY ? Long.MAX_VALUE : Long.MIN_VALUE)
                    : price.unscaledAt(m.priceScale);
        } catch (ArithmeticException finer) {
            return; // the engine refuses it
        }
        acting = Source.BOOK;
        m.release(side.opposite(), side == Side.BUY ? p -> p <= limit : p -> p >= limit, now);
        engine.forgetClosed(BOOK_ACCOUNT);
    }

    private String nextId() {
        return Long.toString(++ids);
    }

    /** One recorded book entry's resting orders in the engine. */
    private static final class Entry {
        final ArrayDeque<String> orders = new ArrayDeque<>(2);
        /** The price its orders rest at (mantissa). */
        long price;
        /** When it entered the engine's queue (a counter: larger = behind). */
        long seq;
        /** When the recording first showed less than the engine holds, or {@link #NOT_HELD}. */
        long heldSince = NOT_HELD;
    }

    private static final long NOT_HELD = Long.MIN_VALUE;

    /** The background account's resting orders mirroring one instrument's recorded book. */
    private final class Mirror {
        final String symbol;
        final int priceScale;
        final int qtyScale;
        final boolean level3;
        /** Per side: entry key (L2 price, L3 order id) → its resting orders. */
        final Map<Side, Map<String, Entry>> resting = new EnumMap<>(Side.class);
        /** Per side: the recorded book at the last change, key → {price, qty}, in queue order. */
        final Map<Side, Map<String, long[]>> recorded = new EnumMap<>(Side.class);
        /** Per side: quantity released within its tape window, {price, qty, since}, for a late trade to explain. */
        final Map<Side, List<long[]>> released = new EnumMap<>(Side.class);
        int held;
        long seq;

        Mirror(String symbol, int priceScale, int qtyScale, boolean level3) {
            this.symbol = symbol;
            this.priceScale = priceScale;
            this.qtyScale = qtyScale;
            this.level3 = level3;
            for (Side side : Side.values()) {
                resting.put(side, new LinkedHashMap<>());
                recorded.put(side, Map.of());
                released.put(side, new ArrayList<>(2));
            }
        }

        boolean holding() {
            return held > 0;
        }

        void sync(BookView view, long now) {
            Map<Side, Map<String, long[]>> wanted = new EnumMap<>(Side.class);
            for (Side side : Side.values()) {
                wanted.put(side, entries(view, side));
            }
            if (level3) {
                for (Side side : Side.values()) {
                    requeue(side, wanted.get(side), now);
                }
            }
            // withdraw and shrink on both sides before anything new comes, so a new entry never meets a stale one
            long bid = view.depth(Side.BUY) == 0 ? Long.MIN_VALUE : view.price(Side.BUY, 0);
            long ask = view.depth(Side.SELL) == 0 ? Long.MAX_VALUE : view.price(Side.SELL, 0);
            shrink(Side.BUY, wanted.get(Side.BUY), now, p -> p >= ask);
            shrink(Side.SELL, wanted.get(Side.SELL), now, p -> p <= bid);
            for (Side side : Side.values()) {
                grow(side, wanted.get(side), now);
                recorded.put(side, wanted.get(side));
            }
        }

        /** Held changes whose window has passed by {@code now} are applied (nothing grows). */
        void settle(long now) {
            for (Side side : Side.values()) {
                shrink(side, recorded.get(side), now, null);
            }
        }

        /** Held quantity on {@code side} at the prices {@code at} accepts leaves now. */
        void release(Side side, LongPredicate at, long now) {
            shrink(side, recorded.get(side), now, at);
        }

        /** How much of a trade of {@code qty} at {@code price} against {@code side} was released already. */
        long explained(Side side, long price, long qty, long now) {
            long explained = 0;
            for (Iterator<long[]> it = released.get(side).iterator(); it.hasNext(); ) {
                long[] r = it.next();
                if (now - r[2] > tapeWindowNanos) {
                    it.remove();
                } else if (r[0] == price && explained < qty) {
                    long take = Math.min(r[1], qty - explained);
                    explained += take;
                    r[1] -= take;
                    if (r[1] == 0) {
                        it.remove();
                    }
                }
            }
            return explained;
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

        /**
         * L3: recorded orders that lost their priority — a new price, a larger size, or shown behind an order that
         * entered the engine after them — leave the engine's queue, to enter it again at the back in {@link #grow}.
         */
        private void requeue(Side side, Map<String, long[]> wanted, long now) {
            Map<String, Entry> mine = resting.get(side);
            Map<String, long[]> before = recorded.get(side);
            long levelPrice = Long.MIN_VALUE;
            long newestAhead = Long.MIN_VALUE;
            for (Map.Entry<String, long[]> w : wanted.entrySet()) {
                long px = w.getValue()[0];
                if (px != levelPrice) {
                    levelPrice = px;
                    newestAhead = Long.MIN_VALUE;
                }
                Entry e = mine.get(w.getKey());
                if (e == null) {
                    continue;
                }
                long[] was = before.get(w.getKey());
                if (e.price != px || was != null && w.getValue()[1] > was[1] || e.seq < newestAhead) {
                    cancel(side, e, Long.MAX_VALUE, now);
                    forget(mine, w.getKey(), e);
                } else {
                    newestAhead = Math.max(newestAhead, e.seq);
                }
            }
        }

        /**
         * Takes out what the engine holds beyond the recorded book, newest first within an entry — after the tape
         * window, or at once at the prices {@code force} accepts (then remembered as released).
         */
        private void shrink(Side side, Map<String, long[]> wanted, long now, LongPredicate force) {
            Map<String, Entry> mine = resting.get(side);
            for (Iterator<Map.Entry<String, Entry>> it = mine.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Entry> me = it.next();
                Entry e = me.getValue();
                e.orders.removeIf(id -> !isOpen(id));
                long[] want = wanted.get(me.getKey());
                long excess = leaves(e.orders) - (want == null ? 0 : want[1]);
                if (excess > 0) {
                    if (e.heldSince == NOT_HELD) {
                        e.heldSince = now;
                        held++;
                    }
                    boolean inWindow = now - e.heldSince <= tapeWindowNanos;
                    boolean forced = force != null && force.test(e.price);
                    if (inWindow && !forced) {
                        continue;
                    }
                    if (inWindow) {
                        released.get(side).add(new long[] {e.price, excess, e.heldSince});
                    }
                    cancel(side, e, excess, now);
                }
                if (e.heldSince != NOT_HELD) {
                    e.heldSince = NOT_HELD;
                    held--;
                }
                if (e.orders.isEmpty()) {
                    it.remove();
                }
            }
        }

        /** Takes {@code qty} out of an entry's resting orders, newest first. */
        private void cancel(Side side, Entry e, long qty, long now) {
            long excess = qty;
            while (excess > 0 && !e.orders.isEmpty()) {
                String id = e.orders.peekLast();
                Order o = engine.order(id);
                if (o == null || !o.isOpen()) {
                    e.orders.pollLast();
                } else if (o.leaves() <= excess) {
                    excess -= o.leaves();
                    engine.cancel(new CancelOrder(nextId(), null, id, symbol, side, now), book, now, out);
                    e.orders.pollLast();
                } else {
                    long keep = o.filled() + o.leaves() - excess;
                    engine.amend(new AmendOrder(nextId(), null, id, symbol, side, Decimal.of(keep, qtyScale), null,
                            OrdType.LIMIT, TimeInForce.GOOD_TILL_CANCEL, Decimal.of(o.price(), priceScale), null,
                            false, Stamp.NO_TIME, now), book, now, out);
                    excess = 0;
                }
            }
        }

        private void forget(Map<String, Entry> mine, String key, Entry e) {
            if (e.heldSince != NOT_HELD) {
                held--;
            }
            mine.remove(key);
        }

        private void grow(Side side, Map<String, long[]> wanted, long now) {
            Map<String, Entry> mine = resting.get(side);
            for (Map.Entry<String, long[]> w : wanted.entrySet()) {
                Entry e = mine.get(w.getKey());
                long missing = w.getValue()[1] - (e == null ? 0 : leaves(e.orders));
                if (missing <= 0) {
                    continue;
                }
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
                    if (e == null) {
                        e = new Entry();
                        e.price = w.getValue()[0];
                        e.seq = ++seq;
                        mine.put(w.getKey(), e);
                    }
                    e.orders.addLast(placed);
                }
            }
        }

        private String placed;

        private long leaves(ArrayDeque<String> orders) {
            long sum = 0;
            for (String id : orders) {
                Order o = engine.order(id);
                sum += o == null ? 0 : o.leaves();
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
