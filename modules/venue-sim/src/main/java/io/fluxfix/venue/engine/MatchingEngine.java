package io.fluxfix.venue.engine;

import io.fluxfix.kraken.DialectOptions;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstruction;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.InstrumentStatus;
import io.fluxfix.model.Liquidity;
import io.fluxfix.model.Market;
import io.fluxfix.model.OrdStatus;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.SelfTradePrevention;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.TradingStatus;
import io.fluxfix.model.TriggerReference;
import io.fluxfix.model.command.AmendOrder;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.MassCancel;
import io.fluxfix.model.command.MassCancelScope;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.command.OrderStatusRequest;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.model.kraken.ClOrdIds;
import io.fluxfix.model.kraken.TradingDay;
import io.fluxfix.venue.AccountConfig;
import io.fluxfix.venue.VenueConfig;
import io.fluxfix.venue.VenueInstrument;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One of Kraken's two trading engines (Spot or Derivatives): books in price-time priority, the accounts'
 * balances or positions, and every order of the trading day. It knows no FIX: requests arrive as model
 * commands with their {@link OrderOrigin} and time, execution reports leave through {@link Output}, and a
 * refusal comes back as a {@link Rejection} for the gateway to answer in Kraken's form.
 *
 * <p>Single-threaded and deterministic: the same requests at the same times give the same reports and ids.
 * The venue serialises calls (one lock per engine) and replays them from its journal after a restart.
 */
public final class MatchingEngine {

    /**
     * Where execution reports go: to the session of the CompID that owns the order. The {@link Execution} is a
     * view the engine reuses for every report: read it, or keep its {@link Execution#toExecutionReport()}, during
     * the call only.
     */
    @FunctionalInterface
    public interface Output {
        void report(String compId, Execution execution);
    }

    /** A refused request: the error, and Kraken's text for it on this engine. */
    public record Rejection(EngineError error, String text) {
    }

    static final String CANCELED_BY_USER = "Order canceled by user";
    static final String CANCELED_IOC = "Immediate or cancel";
    static final String CANCELED_NO_LIQUIDITY = "Order canceled: no liquidity for the rest of a market order";
    static final String CANCELED_ON_DISCONNECT = "Order canceled on disconnect";
    static final String CANCELED_SELF_TRADE = "Order canceled: self-trade prevention";
    /** Kraken's cancel reason for a post-only order that would have taken liquidity (REST/WS order status). */
    static final String CANCELED_POST_ONLY = "Post only order";
    static final String CANCELED_FOK = "Fill or kill";
    static final String CANCELED_REDUCE_ONLY = "EOrder:Reduce only:Position is closed";
    static final String EXPIRED_GTD = "GTD order expired";
    static final String AMENDED_BELOW_FILLED = "Amended below the filled quantity: remainder canceled";

    private final Market market;
    private final Map<String, VenueInstrument> instruments = new TreeMap<>();
    private final Map<String, OrderBook> books = new HashMap<>();
    /*
     * The trading day's orders. Requests look up open orders only, by their current ClOrdID (cancel, amend), so
     * that index stays as small as the book; every order of the day, and every ClOrdID it has carried, goes into
     * an append-only log, indexed when a request needs it (status, or 37 instead of 41) — not on every order.
     */
    /** Every order of the trading day, open or closed, in entry order. */
    private final ArrayList<Order> day = new ArrayList<>();
    /** The day's open orders in entry order, and those closed since the last walk (dropped on the next). */
    private final ArrayList<Order> open = new ArrayList<>();
    /** CompID → ClOrdID → the open order that last registered it and still carries it. */
    private final Map<String, OpenOrdersByClOrdId> openByClOrdId = new HashMap<>();
    /** Every ClOrdID registration of the day, in order: the order, and the ClOrdID it then took. */
    private final ArrayList<Order> registeredOrders = new ArrayList<>();
    private final ArrayList<String> registeredClOrdIds = new ArrayList<>();
    /** Order id → order, for {@link #day}'s first {@link #byOrderIdIndexed} orders. */
    private final Map<String, Order> byOrderId = new HashMap<>();
    private int byOrderIdIndexed;
    /** CompID → every ClOrdID its orders have carried today → the order, for the first registrations. */
    private final Map<String, Map<String, Order>> byClOrdId = new HashMap<>();
    private int byClOrdIdIndexed;
    private final Map<String, AccountConfig> accounts = new HashMap<>();
    private final SpotLedger spot;
    private final DerivativesLedger derivatives = new DerivativesLedger();
    private final VenueConfig.Fees fees;
    private final Rate maker;
    private final Rate taker;
    private final Decimal initialMargin;
    private final VenueConfig config;
    private final DialectOptions dialect;
    // The dialect's choices read on every request, looked up once.
    private final boolean execIdsSequential;
    private final boolean newBeforeImmediateFill;
    private final boolean unsolicitedCancel;
    private final VenueIds ids;
    private final TradingDay tradingDay;
    /** The one view every report of this engine goes out in. */
    private final Execution execution;
    private TradingStatus tradingStatus = TradingStatus.ONLINE;

    public MatchingEngine(Market market, VenueConfig config, TradingDay tradingDay) {
        this.market = market;
        this.config = config;
        this.dialect = config.dialect();
        this.execIdsSequential = dialect.execIdScheme() == DialectOptions.ExecIdScheme.SEQUENTIAL;
        this.newBeforeImmediateFill = dialect.newBeforeImmediateFill();
        this.unsolicitedCancel = dialect.engineRejectForm() == DialectOptions.NewOrderFailure.UNSOLICITED_CANCEL;
        this.fees = config.fees(market);
        this.maker = Rate.of(fees.maker());
        this.taker = Rate.of(fees.taker());
        this.initialMargin = config.initialMargin();
        this.tradingDay = tradingDay;
        this.ids = new VenueIds(config.idSeed(), market);
        this.execution = new Execution(market, dialect, tradingDay);
        for (VenueInstrument i : config.instruments().values()) {
            if (i.market() == market) {
                instruments.put(i.symbol(), i);
                books.put(i.symbol(), new OrderBook(books.size(), i, config.assetDecimals(i.base()),
                        config.assetDecimals(i.quote())));
            }
        }
        this.spot = new SpotLedger(books.size());
        for (AccountConfig a : config.accounts()) {
            accounts.put(a.name(), a);
            if (market == Market.SPOT) {
                a.balances().forEach((asset, amount) -> spot.deposit(a.name(), asset, amount));
            } else {
                derivatives.account(a.name()).collateral = a.collateral();
            }
        }
    }

    public Market market() {
        return market;
    }

    // --- new orders ------------------------------------------------------------------------------------

    /** A new order: refused (returned), or acknowledged and matched, with its reports sent to {@code out}. */
    public Rejection submit(NewOrder cmd, OrderOrigin origin, boolean cancelOnDisconnect, long now, Output out) {
        return submit(cmd, origin, cancelOnDisconnect, now, out, null);
    }

    /**
     * A new order the venue refuses for a reason found outside the engine ({@code refusal}: Kraken's rate
     * counter, the open-order cap) in the form {@code dialect.rate-limit.reject-form = unsolicited-cancel}: checked
     * like any order (a malformed one is refused, returned), then acknowledged and at once cancelled with the
     * refusal's text.
     */
    public Rejection submitRefused(NewOrder cmd, OrderOrigin origin, boolean cancelOnDisconnect, long now, Output out,
                                   EngineError refusal) {
        return submit(cmd, origin, cancelOnDisconnect, now, out, java.util.Objects.requireNonNull(refusal));
    }

    private Rejection submit(NewOrder cmd, OrderOrigin origin, boolean cancelOnDisconnect, long now, Output out,
                             EngineError imposed) {
        timePassed(now, out);
        OrderBook book = books.get(cmd.symbol());
        if (book == null) {
            return reject(EngineError.UNKNOWN_INSTRUMENT);
        }
        VenueInstrument instrument = book.instrument;
        EngineError mode = modeRefusesNewOrder(instrument, cmd);
        if (mode != null) {
            return reject(mode);
        }
        OrdType type = cmd.ordType();
        int pp = instrument.pricePrecision();
        int qp = instrument.qtyPrecision();
        ExecInstructions ei = cmd.execInstructions();
        boolean viqc = ei.contains(ExecInstruction.VOLUME_IN_QUOTE);
        final long price;
        final long stopPx;
        long qty;
        final long display;
        try {
            price = cmd.price() == null ? 0 : cmd.price().unscaledAt(pp);
            stopPx = cmd.stopPx() == null ? 0 : cmd.stopPx().unscaledAt(pp);
            // viqc: 38 is an amount of the quote currency, held at price × quantity precision until sized below.
            qty = cmd.orderQty().unscaledAt(viqc ? pp + qp : qp);
            display = cmd.displayQty() == null ? 0 : cmd.displayQty().unscaledAt(qp);
        } catch (ArithmeticException e) {
            return reject(cmd.price() != null && !fits(cmd.price(), pp) || cmd.stopPx() != null && !fits(cmd.stopPx(), pp)
                    ? EngineError.INVALID_PRICE : EngineError.INVALID_VOLUME);
        }
        if (qty <= 0) {
            return reject(EngineError.INVALID_VOLUME);
        }
        long tick = instrument.instrument().tickSize().unscaledAt(pp);
        if (type.hasTrigger()) {
            // 99: the trigger price, or the trailing distance in quote currency (U-NOS); both on the tick grid.
            if (stopPx <= 0) {
                return reject(EngineError.INVALID_PRICE);
            }
            if (stopPx % tick != 0) {
                return reject(EngineError.TICK_SIZE);
            }
        }
        if (type.hasLimitPrice()) {
            // A trailing-stop-limit's 44 may be an offset of 0 (the limit at the trigger price).
            boolean offset = type == OrdType.TRAILING_STOP_LIMIT
                    && dialect.trailingStopLimitPrice() == DialectOptions.TrailingStopLimitPrice.OFFSET;
            if (offset ? price < 0 : price <= 0) {
                return reject(EngineError.INVALID_PRICE);
            }
            if (price % tick != 0) {
                return reject(EngineError.TICK_SIZE);
            }
        }
        EngineError flags = invalidFlags(cmd, type, viqc);
        if (flags != null) {
            return reject(flags);
        }
        if (viqc) {
            qty = type == OrdType.LIMIT ? qty / price : baseForQuote(book, cmd.side(), qty);
            if (qty <= 0) {
                return reject(EngineError.ORDER_MINIMUM);
            }
        }
        Decimal qtyMax = instrument.instrument().qtyMax();
        if (qtyMax != null && qty > qtyMax.unscaledAt(qp) || !costFits(Math.max(price, stopPx), qty)) {
            return reject(EngineError.INVALID_VOLUME);
        }
        if (cmd.displayQty() != null && (type != OrdType.LIMIT || !displayFits(display, qty))) {
            // Iceberg: limit orders only, at least 1/15 of the quantity (U-NOS).
            return reject(EngineError.INVALID_DISPLAY_QTY);
        }
        boolean gtd = cmd.timeInForce() == TimeInForce.GOOD_TILL_DATE;
        long starts = cmd.effectiveTime() != Stamp.NO_TIME && cmd.effectiveTime() > now ? cmd.effectiveTime() : Stamp.NO_TIME;
        if (gtd && (cmd.expireTime() <= Math.max(now, starts) || cmd.expireTime() > aMonthAfter(now))) {
            return reject(EngineError.INVALID_EXPIRE_TIME);
        }
        if (cmd.validUntilTime() != Stamp.NO_TIME) {
            long sent = cmd.transactTime() != Stamp.NO_TIME ? cmd.transactTime() : now;
            long ahead = cmd.validUntilTime() - sent;
            if (ahead < DEADLINE_MIN_NANOS || ahead > DEADLINE_MAX_NANOS) {
                return reject(EngineError.INVALID_DEADLINE);
            }
        }
        if (market == Market.DERIVATIVES && cmd.timeInForce() == TimeInForce.IMMEDIATE_OR_CANCEL && !type.hasTrigger()
                && !wouldTrade(book, cmd.side(), type == OrdType.LIMIT, price)) {
            // Kraken's one documented Derivatives refusal text (U-BMR example): an IOC that cannot trade at all.
            return reject(EngineError.IOC_WOULD_ENTER_BOOK);
        }
        SelfTradePrevention stp = market == Market.SPOT
                ? (cmd.selfTradePrevention() != null ? cmd.selfTradePrevention() : SelfTradePrevention.CANCEL_NEWEST)
                : accounts.get(origin.account()).derivativesStp();
        Order o = new Order(ids.orderId(market), market, cmd.symbol(), origin, cmd.side(), type,
                cmd.timeInForce(), ei, stp, cancelOnDisconnect, now, cmd.clOrdId(), price, qty);
        o.stopPx = stopPx;
        o.trailingLimit = type == OrdType.TRAILING_STOP_LIMIT ? price : 0;
        o.triggerReference = cmd.triggerReference() == null ? TriggerReference.LAST_TRADE : cmd.triggerReference();
        o.displayQty = display;
        o.expireTime = gtd ? cmd.expireTime() : Stamp.NO_TIME;
        o.effectiveTime = starts;
        o.allocAccount = cmd.allocAccount();
        o.book = book;

        // The trading engine's own checks (U-NOS layer table): deadline, minimums, reduce-only, funds, post-only.
        // Their answer is dialect.engine-reject.form: 35=j as Kraken's examples show, or an acknowledged order
        // cancelled at once.
        final long referenceCost;
        try {
            referenceCost = referenceCost(o, book);
        } catch (ArithmeticException e) {
            return reject(EngineError.INVALID_VOLUME);
        }
        Decimal costMin = instrument.instrument().minCost();
        EngineError engineCheck = imposed;
        if (imposed != null) {
            // refused outside the engine (rate counter, open-order cap): acknowledged and cancelled below
        } else if (cmd.validUntilTime() != Stamp.NO_TIME && now > cmd.validUntilTime()) {
            engineCheck = EngineError.DEADLINE_ELAPSED;
        } else if (qty < instrument.instrument().qtyMin().unscaledAt(qp)) {
            engineCheck = EngineError.ORDER_MINIMUM;
        } else if (costMin != null && referenceCost > 0
                && Decimal.compare(referenceCost, costScale(instrument), costMin.unscaled(), costMin.scale()) < 0) {
            engineCheck = EngineError.COST_MINIMUM;
        } else if (ei.contains(ExecInstruction.REDUCE_ONLY)) {
            engineCheck = market == Market.SPOT
                    ? (cmd.margin() ? EngineError.REDUCE_ONLY_NO_POSITION : EngineError.REDUCE_ONLY_NOT_MARGIN)
                    : reduceRoom(o) == 0 ? EngineError.REDUCE_ONLY_NO_POSITION : null;
        }
        if (engineCheck == null && starts == Stamp.NO_TIME && !type.hasTrigger() && postOnlyWouldTake(o, book)) {
            engineCheck = EngineError.POST_ONLY_WOULD_TAKE;
        }
        if (engineCheck != null && !unsolicitedCancel && imposed == null) {
            return reject(engineCheck);
        }
        if (engineCheck == null) {
            engineCheck = holdOrRefuse(o, instrument, referenceCost);
            if (engineCheck != null && !unsolicitedCancel) {
                return reject(engineCheck);
            }
        }
        day.add(o);
        open.add(o);
        o.openOfAccount = book.openOrdersOf(origin.account());
        o.openOfAccount[0]++;
        registered(o, o.clOrdId);
        if (engineCheck != null) {
            report(o, ExecType.NEW, o.clOrdId, null, now, null, Execution.TEXT_DESCRIPTION, out);
            refuse(o, now, engineCheck == EngineError.POST_ONLY_WOULD_TAKE ? CANCELED_POST_ONLY : reject(engineCheck).text(), out);
            return null;
        }
        if (o.expireTime != Stamp.NO_TIME) {
            schedule(o.expireTime, o, false);
        }
        if (starts != Stamp.NO_TIME) {
            // 168 in the future: accepted but not live (U-ER: 150=A / 39=A) until the venue clock reaches it.
            o.status = OrdStatus.PENDING_NEW;
            report(o, ExecType.PENDING_NEW, o.clOrdId, null, now, null, Execution.TEXT_DESCRIPTION, out);
            schedule(starts, o, true);
            return null;
        }
        goLive(o, book, instrument, now, out);
        triggerAll(book, now, out);
        return null;
    }

    /** Iceberg rule (U-NOS): 0 < 1138 ≤ 38 and 1138 ≥ 1/15 of 38. */
    private static boolean displayFits(long display, long qty) {
        return display > 0 && display <= qty && display >= qty / 15 + (qty % 15 == 0 ? 0 : 1);
    }

    /** Post-only on a market order, viqc on anything but a limit or market order. */
    private static EngineError invalidFlags(NewOrder cmd, OrdType type, boolean viqc) {
        if (cmd.execInstructions().contains(ExecInstruction.POST_ONLY) && !type.hasLimitPrice()) {
            return EngineError.INVALID_ORDER_FLAGS;
        }
        if (viqc && type != OrdType.LIMIT && type != OrdType.MARKET) {
            return EngineError.INVALID_ORDER_FLAGS;
        }
        return null;
    }

    private static final long DEADLINE_MIN_NANOS = 2_000_000_000L;
    private static final long DEADLINE_MAX_NANOS = 60_000_000_000L;

    /** 126 may be at most one calendar month ahead (U-NOS). */
    private static long aMonthAfter(long now) {
        java.time.Instant t = java.time.Instant.ofEpochSecond(0, now).atOffset(java.time.ZoneOffset.UTC).plusMonths(1)
                .toInstant();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** viqc on a market order: the base quantity {@code quote} buys (or sells for) against the book as it stands. */
    private static long baseForQuote(OrderBook book, Side side, long quote) {
        long base = 0;
        long left = quote;
        BookSide levels = book.opposite(side);
        for (int i = 0; i < levels.size(); i++) {
            PriceLevel level = levels.level(i);
            long affordable = left / level.price;
            long take = Math.min(level.totalLeaves, affordable);
            base += take;
            left -= take * level.price;
            if (take < level.totalLeaves) {
                break;
            }
        }
        return base;
    }

    /**
     * The cost an order is expected to have, at price × quantity precision, for the minimum-cost check and the
     * hold: its limit price; for a market order the book it would take; for a trigger order the price it would
     * trade at if it fired now (trigger price, or reference ± trailing distance). 0 or less when unknown.
     */
    private long referenceCost(Order o, OrderBook book) {
        long px;
        switch (o.ordType) {
            case MARKET:
                return estimateCost(book, o.side, o.qty - o.filled);
            case LIMIT:
            case STOP_LOSS_LIMIT:
            case TAKE_PROFIT_LIMIT:
                px = o.price;
                break;
            case STOP_LOSS:
            case TAKE_PROFIT:
                px = o.stopPx;
                break;
            default:
                long reference = book.reference(o.triggerReference == TriggerReference.INDEX);
                long trigger = reference == 0 ? 0 : o.side == Side.BUY ? reference + o.stopPx : reference - o.stopPx;
                px = o.ordType == OrdType.TRAILING_STOP || trigger == 0 ? trigger : limitOnTrigger(o, trigger);
        }
        return px <= 0 ? 0 : Math.multiplyExact(px, o.qty - o.filled);
    }

    /** A trailing-stop-limit's limit price once triggered at {@code trigger} (dialect.trailing-stop-limit.price). */
    private long limitOnTrigger(Order o, long trigger) {
        if (dialect.trailingStopLimitPrice() == DialectOptions.TrailingStopLimitPrice.ABSOLUTE) {
            return o.trailingLimit;
        }
        // An offset away from the market: a sell may go as low as trigger − offset, a buy as high as trigger + offset.
        return o.side == Side.BUY ? trigger + o.trailingLimit : trigger - o.trailingLimit;
    }

    /** Whether a post-only order would take liquidity if it entered the book now. */
    private boolean postOnlyWouldTake(Order o, OrderBook book) {
        return o.instructions.contains(ExecInstruction.POST_ONLY) && o.isLimit()
                && wouldTrade(book, o.side, true, o.price);
    }

    /**
     * An accepted order becomes live: a trigger order waits for its trigger (150=0, then 150=D when it fires),
     * any other order enters the book. Called at submission, and when a 168 EffectiveTime arrives.
     */
    private void goLive(Order o, OrderBook book, VenueInstrument instrument, long now, Output out) {
        o.status = OrdStatus.NEW;
        if (o.isWaitingForTrigger()) {
            report(o, ExecType.NEW, o.clOrdId, null, now, null, Execution.TEXT_DESCRIPTION, out);
            long reference = book.reference(o.triggerReference == TriggerReference.INDEX);
            if (reference != 0 && watch(o, reference)) {
                fire(o, reference, book, instrument, now, out);
            } else {
                book.waiting.add(o);
            }
            return;
        }
        enter(o, true, book, instrument, now, out);
    }

    /**
     * A live market or limit order meets the book: post-only and FOK checks, matching, then it rests or its
     * remainder is cancelled. {@code acknowledge}: send 150=0 first (not for a trigger order that just fired,
     * which was acknowledged when placed).
     */
    private void enter(Order o, boolean acknowledge, OrderBook book, VenueInstrument instrument, long now, Output out) {
        boolean limit = o.isLimit();
        boolean trades = wouldTrade(book, o.side, limit, o.price);
        boolean postOnlyTakes = trades && postOnlyWouldTake(o, book);
        boolean fokFails = o.timeInForce == TimeInForce.FILL_OR_KILL && fillable(o, book) < o.qty - o.filled;
        boolean fills = trades && !postOnlyTakes && !fokFails && matchingAllowed(instrument);
        if (acknowledge && (!fills || newBeforeImmediateFill)) {
            report(o, ExecType.NEW, o.clOrdId, null, now, null, Execution.TEXT_DESCRIPTION, out);
        }
        if (postOnlyTakes) {
            refuse(o, now, CANCELED_POST_ONLY, out);
            return;
        }
        if (fokFails) {
            cancel(o, now, CANCELED_FOK, o.clOrdId, null, out);
            return;
        }
        if (matchingAllowed(instrument)) {
            match(o, book, instrument, now, out);
        } else if (trades || !limit) {
            // No matching in this mode (a trigger fired, or a scheduled order started, meanwhile): an order that
            // would cross may not rest and cross the book, and a market order has nothing it may trade with.
            refuse(o, now, reject(modeError(instrument)).text(), out);
            return;
        }
        if (o.isOpen()) {
            if (limit && o.timeInForce != TimeInForce.IMMEDIATE_OR_CANCEL && o.timeInForce != TimeInForce.FILL_OR_KILL) {
                o.visible = Math.min(o.displayQty, o.qty - o.filled);
                book.rest(o);
            } else {
                cancel(o, now, limit ? CANCELED_IOC : CANCELED_NO_LIQUIDITY, o.clOrdId, null, out);
            }
        }
    }

    /**
     * FOK: how much of {@code o} could fill now — other accounts' quantity at acceptable prices, hidden iceberg
     * quantity included. The taker's own orders stop the count where self-trade prevention would cancel the
     * taker (cancel newest, cancel both) and are passed over where it would cancel them (cancel oldest).
     */
    private long fillable(Order o, OrderBook book) {
        long sum = 0;
        long want = o.qty - o.filled;
        BookSide levels = book.opposite(o.side);
        for (int i = 0; i < levels.size(); i++) {
            PriceLevel level = levels.level(i);
            if (o.isLimit() && (o.side == Side.BUY ? level.price > o.price : level.price < o.price)) {
                break;
            }
            // An own order that stops the taker (cancel newest/both) also stops it from ever reaching the
            // iceberg slices that reload behind it: on such a level only what shows ahead of it counts.
            boolean stopsHere = false;
            if (o.stp != SelfTradePrevention.CANCEL_OLDEST) {
                for (Order m = level.head; m != null; m = m.next) {
                    stopsHere |= m.origin.account().equals(o.origin.account());
                }
            }
            for (Order m = level.head; m != null; m = m.next) {
                if (m.origin.account().equals(o.origin.account())) {
                    if (stopsHere) {
                        return sum;
                    }
                    continue;
                }
                sum += Math.min(stopsHere ? m.shown() : m.qty - m.filled, reduceRoom(m));
                if (sum >= want) {
                    return sum;
                }
            }
        }
        return sum;
    }

    // --- triggers ---------------------------------------------------------------------------------------

    /**
     * Whether a waiting trigger order fires at reference price {@code r}; moves a trailing order's peak first.
     * Stop-loss fires on a move against the position the order protects (sell: r ≤ 99, buy: r ≥ 99),
     * take-profit on a move in its favour (sell: r ≥ 99, buy: r ≤ 99); a trailing order when r has come back
     * from its best price (highest for a sell, lowest for a buy) by the distance in 99.
     */
    private static boolean watch(Order o, long r) {
        boolean sell = o.side == Side.SELL;
        switch (o.placedType) {
            case STOP_LOSS:
            case STOP_LOSS_LIMIT:
                return sell ? r <= o.stopPx : r >= o.stopPx;
            case TAKE_PROFIT:
            case TAKE_PROFIT_LIMIT:
                return sell ? r >= o.stopPx : r <= o.stopPx;
            default:
                if (!o.peakKnown || (sell ? r > o.peak : r < o.peak)) {
                    o.peak = r;
                    o.peakKnown = true;
                }
                return sell ? r <= o.peak - o.stopPx : r >= o.peak + o.stopPx;
        }
    }

    /**
     * After anything that traded: every trade price of the operation, in order, goes past the waiting trigger
     * orders (so a sweep through several levels fires what its path crossed, not only what its last price
     * did); orders that fire enter the book in the order they were placed, and their own trades go round again.
     */
    private void triggerAll(OrderBook book, long now, Output out) {
        if (book.waiting.isEmpty()) {
            book.clearPath();
            return;
        }
        VenueInstrument instrument = book.instrument;
        while (book.hasPath() && !book.waiting.isEmpty()) {
            long[] path = book.drainPath();
            List<Order> fired = new ArrayList<>();
            List<Long> at = new ArrayList<>();
            for (long r : path) {
                for (Iterator<Order> it = book.waiting.iterator(); it.hasNext(); ) {
                    Order o = it.next();
                    if (o.triggerReference == TriggerReference.INDEX && book.indexPrice != 0) {
                        continue; // watches the index, which trades do not move
                    }
                    if (watch(o, r)) {
                        it.remove();
                        fired.add(o);
                        at.add(r);
                    }
                }
            }
            for (int i = 0; i < fired.size(); i++) {
                fire(fired.get(i), at.get(i), book, instrument, now, out);
            }
        }
        book.clearPath();
    }

    /**
     * A trigger fired at {@code r} (the order is no longer among the waiting): 150=D with 1102 and the new 40, the hold taken again at the price the
     * order can now trade at, then it enters the book as the market or limit order it became.
     */
    private void fire(Order o, long r, OrderBook book, VenueInstrument instrument, long now, Output out) {
        o.triggerPrice = r;
        if (o.placedType == OrdType.TRAILING_STOP_LIMIT) {
            o.price = limitOnTrigger(o, r);
        }
        o.ordType = o.placedType.whenTriggered();
        report(o, ExecType.RESTATED, o.clOrdId, null, now, null, Execution.TEXT_TRIGGERED, out);
        if (o.isLimit() && o.price <= 0) {
            refuse(o, now, reject(EngineError.INVALID_PRICE).text(), out);
            return;
        }
        long cost;
        try {
            cost = referenceCost(o, book);
        } catch (ArithmeticException e) {
            refuse(o, now, reject(EngineError.INVALID_VOLUME).text(), out);
            return;
        }
        releaseHold(o);
        EngineError funds = holdOrRefuse(o, instrument, cost);
        if (funds != null) {
            refuse(o, now, reject(funds).text(), out);
            return;
        }
        enter(o, false, book, instrument, now, out);
    }

    /**
     * The operator sets the index price of an instrument (admin endpoint), or clears it with {@code null}: then
     * the index follows the last trade again, as Kraken's does when its external index is unavailable. Orders
     * with 388=1 watching it may fire.
     */
    public void setIndexPrice(String symbol, Decimal price, long now, Output out) {
        timePassed(now, out);
        OrderBook book = books.get(symbol);
        VenueInstrument instrument = instruments.get(symbol);
        if (book == null) {
            throw new IllegalArgumentException("unknown instrument " + symbol);
        }
        long px = price == null ? 0 : price.unscaledAt(instrument.pricePrecision());
        if (px < 0) {
            throw new IllegalArgumentException("negative index price " + price);
        }
        book.indexPrice = px;
        long reference = book.reference(true);
        if (reference == 0) {
            return;
        }
        for (Order o : new ArrayList<>(book.waiting)) {
            if (o.triggerReference == TriggerReference.INDEX && book.waiting.contains(o) && watch(o, reference)) {
                book.waiting.remove(o);
                fire(o, reference, book, instrument, now, out);
            }
        }
        triggerAll(book, now, out);
    }

    /** The index price an instrument's 388=1 orders watch: the operator's, else the last trade; null before any. */
    public Decimal indexPrice(String symbol) {
        OrderBook book = books.get(symbol);
        long r = book == null ? 0 : book.reference(true);
        return r == 0 ? null : dec(r, instruments.get(symbol).pricePrecision());
    }

    // --- the venue clock: GTD expiry and 168 EffectiveTime --------------------------------------------------

    private record Timed(long at, long seq, Order order, boolean start) {
    }

    private final java.util.PriorityQueue<Timed> timed = new java.util.PriorityQueue<>(
            java.util.Comparator.comparingLong(Timed::at).thenComparingLong(Timed::seq));
    private long timedSeq;

    private void schedule(long at, Order o, boolean start) {
        timed.add(new Timed(at, ++timedSeq, o, start));
    }

    /** When the next GTD expiry or scheduled start falls due (epoch nanos), or {@link Long#MAX_VALUE}. */
    public long nextTimedEvent() {
        while (!timed.isEmpty() && stale(timed.peek())) {
            timed.poll();
        }
        return timed.isEmpty() ? Long.MAX_VALUE : timed.peek().at();
    }

    private static boolean stale(Timed t) {
        return !t.order().isOpen() || t.start() && t.order().status != OrdStatus.PENDING_NEW;
    }

    /**
     * Applies what the venue clock has reached by {@code now}, in time order: scheduled orders go live, GTD
     * orders expire (150=C / 39=C). Every request calls it first, so nothing trades against an order that has
     * expired; the venue's clock calls it between requests.
     */
    public void timePassed(long now, Output out) {
        while (nextTimedEvent() <= now) {
            Timed t = timed.poll();
            Order o = t.order();
            OrderBook book = books.get(o.symbol);
            VenueInstrument instrument = book.instrument;
            if (t.start()) {
                goLive(o, book, instrument, now, out);
                triggerAll(book, now, out);
            } else {
                book.remove(o);
                o.status = OrdStatus.EXPIRED;
                closed(o);
                releaseHold(o);
                report(o, ExecType.EXPIRED, o.clOrdId, null, now, EXPIRED_GTD, Execution.TEXT_AS_SET, out);
            }
        }
    }

    /** The mode that stops matching now, as Kraken words it. */
    private EngineError modeError(VenueInstrument instrument) {
        TradingStatus venue = tradingStatus;
        InstrumentStatus s = instrument.instrument().status();
        if (venue == TradingStatus.POST_ONLY || s == InstrumentStatus.POST_ONLY) {
            return EngineError.MARKET_POST_ONLY;
        }
        if (venue == TradingStatus.CANCEL_ONLY || s == InstrumentStatus.CANCEL_ONLY) {
            return EngineError.MARKET_CANCEL_ONLY;
        }
        return EngineError.MARKET_UNAVAILABLE;
    }

    /** Cancel-only, post-only and maintenance modes do not match (U-TSS). */
    private boolean matchingAllowed(VenueInstrument instrument) {
        if (tradingStatus != TradingStatus.ONLINE) {
            return false;
        }
        InstrumentStatus s = instrument.instrument().status();
        return s == InstrumentStatus.ONLINE || s == InstrumentStatus.LIMIT_ONLY || s == InstrumentStatus.REDUCE_ONLY;
    }

    private EngineError modeRefusesNewOrder(VenueInstrument instrument, NewOrder cmd) {
        boolean postOnly = cmd.ordType() == OrdType.LIMIT && cmd.execInstructions().contains(ExecInstruction.POST_ONLY);
        // limit_only refuses every order that would trade as a market order, triggered ones included.
        boolean marketLike = cmd.ordType().whenTriggered() == OrdType.MARKET;
        switch (tradingStatus) {
            case MAINTENANCE:
                return EngineError.MARKET_UNAVAILABLE;
            case CANCEL_ONLY:
                return EngineError.MARKET_CANCEL_ONLY;
            case POST_ONLY:
                if (!postOnly) {
                    return EngineError.MARKET_POST_ONLY;
                }
                break;
            default:
        }
        switch (instrument.instrument().status()) {
            case HIDDEN:
            case DELISTED:
            case MAINTENANCE:
                return EngineError.MARKET_UNAVAILABLE;
            case CANCEL_ONLY:
                return EngineError.MARKET_CANCEL_ONLY;
            case POST_ONLY:
                return postOnly ? null : EngineError.MARKET_POST_ONLY;
            case LIMIT_ONLY:
                return marketLike ? EngineError.MARKET_LIMIT_ONLY : null;
            default:
                return null;
        }
    }

    // --- matching ---------------------------------------------------------------------------------------

    private void match(Order taker, OrderBook book, VenueInstrument instrument, long now, Output out) {
        boolean limit = taker.isLimit();
        while (taker.isOpen() && taker.qty > taker.filled) {
            PriceLevel best = book.best(taker.side.opposite());
            if (best == null) {
                return;
            }
            long px = best.price;
            if (limit && (taker.side == Side.BUY ? px > taker.price : px < taker.price)) {
                return;
            }
            Order maker = best.head;
            if (maker.origin.account().equals(taker.origin.account())) {
                if (!preventSelfTrade(taker, maker, book, now, out)) {
                    return;
                }
                continue;
            }
            long takerRoom = reduceRoom(taker);
            if (takerRoom == 0) {
                cancel(taker, now, CANCELED_REDUCE_ONLY, taker.clOrdId, null, out);
                return;
            }
            long makerRoom = reduceRoom(maker);
            if (makerRoom == 0) {
                book.remove(maker);
                cancel(maker, now, CANCELED_REDUCE_ONLY, maker.clOrdId, null, out);
                continue;
            }
            // An iceberg maker offers only its slice on show; reduce-only orders never more than the position.
            long q = Math.min(Math.min(taker.qty - taker.filled, maker.shown()), Math.min(takerRoom, makerRoom));
            String tradeId = ids.tradeId(market);
            long tradeSeq = book.nextTradeSeq();
            fill(maker, q, px, Liquidity.MAKER, tradeId, tradeSeq, instrument, now, out);
            book.reduced(maker, q);
            if (maker.filled == maker.qty) {
                book.remove(maker);
            } else if (maker.isIceberg() && maker.visible == 0) {
                book.reload(maker);
            }
            fill(taker, q, px, Liquidity.TAKER, tradeId, tradeSeq, instrument, now, out);
            book.traded(px);
        }
    }

    /**
     * How much more a reduce-only Derivatives order may fill: what is left of the opposite position (G-INTRO:
     * it may only reduce); unlimited for any other order.
     */
    private long reduceRoom(Order o) {
        if (market != Market.DERIVATIVES || !o.instructions.contains(ExecInstruction.REDUCE_ONLY)) {
            return Long.MAX_VALUE;
        }
        long pos = derivatives.position(o.origin.account(), o.symbol).qty;
        return o.side == Side.BUY ? Math.max(0, -pos) : Math.max(0, pos);
    }

    /** @return whether the taker may go on matching */
    private boolean preventSelfTrade(Order taker, Order maker, OrderBook book, long now, Output out) {
        switch (taker.stp) {
            case CANCEL_OLDEST:
                book.remove(maker);
                cancel(maker, now, CANCELED_SELF_TRADE, maker.clOrdId, null, out);
                return true;
            case CANCEL_BOTH:
                book.remove(maker);
                cancel(maker, now, CANCELED_SELF_TRADE, maker.clOrdId, null, out);
                cancel(taker, now, CANCELED_SELF_TRADE, taker.clOrdId, null, out);
                return false;
            default:
                cancel(taker, now, CANCELED_SELF_TRADE, taker.clOrdId, null, out);
                return false;
        }
    }

    private void fill(Order o, long q, long px, Liquidity liquidity, String tradeId, long tradeSeq,
                      VenueInstrument instrument, long now, Output out) {
        long cost = Math.multiplyExact(q, px);
        o.filled += q;
        o.cumCost = Math.addExact(o.cumCost, cost);
        settle(o, q, px, cost, liquidity == Liquidity.MAKER ? maker : taker, instrument);
        // o.feeTotal += the fee settle charged (Decimal addition: the larger scale of the two).
        int feeSum = Math.max(o.feeTotalScale, feeScale);
        o.feeTotal = Math.addExact(Decimal.rescale(o.feeTotal, o.feeTotalScale, feeSum), Decimal.rescale(fee, feeScale, feeSum));
        o.feeTotalScale = feeSum;
        o.status = o.filled == o.qty ? OrdStatus.FILLED : OrdStatus.PARTIALLY_FILLED;
        if (o.status == OrdStatus.FILLED) {
            closed(o);
            releaseHold(o);
        }
        execution.setFill(o, q, px, cost, tradeId, tradeSeq, liquidity, now);
        numberExecution(o, o.clOrdId);
        out.report(o.origin.compId(), execution);
    }

    /**
     * Moves balances (Spot) or position and collateral (Derivatives) for one fill; the fee it charged is left in
     * {@link #fee} / {@link #feeScale}.
     */
    private void settle(Order o, long q, long px, long cost, Rate rate, VenueInstrument instrument) {
        if (market == Market.SPOT) {
            OrderBook book = o.book;
            int qp = book.qtyPrecision;
            // Balances are kept at the asset's decimals: the cost moved is rounded half up to the quote's.
            int costScale = costScale(instrument);
            long costQ = roundHalfUp(cost, costScale, book.quoteDecimals);
            int costQScale = book.quoteDecimals;
            boolean feeInBase = feeInBase(o);
            // fee = rate × (qty or cost), rounded half up to the fee asset's decimals, without trailing zeros
            int feeDecimals = feeInBase ? book.baseDecimals : book.quoteDecimals;
            long feeAt = feeInBase ? rate.times(q, qp, feeDecimals) : rate.times(costQ, costQScale, feeDecimals);
            int strip = trailingZeros(feeAt, feeDecimals);
            fee = feeAt / Decimal.pow10(strip);
            feeScale = feeDecimals - strip;
            o.feeCurrency = feeInBase ? book.base : book.quote;
            holdPerFill(o, q, instrument);
            holdBalance(o).release(release, releaseScale);
            // o.reserved -= release
            int left = Math.max(o.reservedScale, releaseScale);
            o.reserved = Math.subtractExact(Decimal.rescale(o.reserved, o.reservedScale, left),
                    Decimal.rescale(release, releaseScale, left));
            o.reservedScale = left;
            if (o.side == Side.BUY) {
                quoteBalance(o).debit(costQ, costQScale);
                baseBalance(o).credit(q, qp);
            } else {
                baseBalance(o).debit(q, qp);
                quoteBalance(o).credit(costQ, costQScale);
            }
            (feeInBase ? baseBalance(o) : quoteBalance(o)).debit(fee, feeScale);
            return;
        }
        String account = o.origin.account();
        Decimal costD = cost(instrument, cost);
        DerivativesLedger.Account acct = derivatives.account(account);
        Decimal fee = rate.decimal.multiply(costD).roundHalfUp(config.assetDecimals(instrument.quote())).stripTrailingZeros();
        o.feeCurrency = instrument.quote();
        Decimal release = o.marginHeld.isZero() ? Decimal.ZERO
                : min(o.marginHeld, initialMargin.multiply(Decimal.of(Math.multiplyExact(q, o.price == 0 ? px : o.price),
                instrument.pricePrecision() + instrument.qtyPrecision())));
        o.marginHeld = o.marginHeld.subtract(release);
        acct.marginHeld = acct.marginHeld.subtract(release);
        DerivativesLedger.Position pos = derivatives.position(account, o.symbol);
        long signed = o.side == Side.BUY ? q : -q;
        Decimal realized = Decimal.ZERO;
        if (pos.qty == 0 || Long.signum(pos.qty) == Long.signum(signed)) {
            pos.entryCost = Math.addExact(pos.entryCost, cost);
        } else {
            long closing = Math.min(q, Math.abs(pos.qty));
            // Entry cost of the closed part, pro rata; exact enough at 8 extra decimals, then to the asset.
            BigDecimal entry = BigDecimal.valueOf(pos.entryCost).multiply(BigDecimal.valueOf(closing))
                    .divide(BigDecimal.valueOf(Math.abs(pos.qty)), 8, RoundingMode.HALF_UP);
            BigDecimal exit = BigDecimal.valueOf(Math.multiplyExact(closing, px));
            BigDecimal pnl = (pos.qty > 0 ? exit.subtract(entry) : entry.subtract(exit))
                    .movePointLeft(instrument.pricePrecision() + instrument.qtyPrecision());
            realized = Decimal.parse(pnl.setScale(config.assetDecimals(instrument.quote()), RoundingMode.HALF_UP)
                    .toPlainString());
            long remainingEntry = entry.setScale(0, RoundingMode.HALF_UP).longValueExact();
            pos.entryCost -= remainingEntry;
            if (q > closing) {
                // Flipped through zero: the rest opens a position the other way at this price.
                pos.entryCost = Math.multiplyExact(q - closing, px);
            }
        }
        pos.qty += signed;
        if (pos.qty == 0) {
            pos.entryCost = 0;
        }
        pos.realizedPnl = pos.realizedPnl.add(realized);
        acct.collateral = acct.collateral.add(realized).subtract(fee);
        this.fee = fee.unscaled();
        this.feeScale = fee.scale();
    }

    private static Decimal min(Decimal a, Decimal b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    // --- holds (Spot reservations, Derivatives initial margin) --------------------------------------------

    /** {@link #hold}, with an amount beyond what a long can count refused as a volume no account can cover. */
    private EngineError holdOrRefuse(Order o, VenueInstrument instrument, long referenceCost) {
        try {
            return hold(o, instrument, referenceCost);
        } catch (ArithmeticException e) {
            return EngineError.INSUFFICIENT_FUNDS;
        }
    }

    /** Takes what the order needs from its account, or says why it cannot (nothing taken then). */
    private EngineError hold(Order o, VenueInstrument instrument, long referenceCost) {
        String account = o.origin.account();
        if (market == Market.SPOT) {
            spotNeed(o, instrument, o.qty, referenceCost);
            SpotLedger.Balance b = holdBalance(o);
            if (!b.canReserve(need, needScale)) {
                return EngineError.INSUFFICIENT_FUNDS;
            }
            b.reserve(need, needScale);
            o.reserved = need;
            o.reservedScale = needScale;
            return null;
        }
        if (o.instructions.contains(ExecInstruction.REDUCE_ONLY)) {
            // It can only ever reduce the position, whose margin is already counted (it never fills past it).
            o.marginHeld = Decimal.ZERO;
            return null;
        }
        if (referenceCost < 0) {
            referenceCost = 0;
        }
        Decimal margin = initialMargin.multiply(cost(instrument, referenceCost));
        DerivativesLedger.Account acct = derivatives.account(account);
        if (acct.available().subtract(positionMargin(account)).compareTo(margin) < 0) {
            return EngineError.INSUFFICIENT_FUNDS;
        }
        acct.marginHeld = acct.marginHeld.add(margin);
        o.marginHeld = margin;
        return null;
    }

    /**
     * What a Spot order must hold, into {@link #need} / {@link #needScale}: quote for a buy (cost plus the taker fee
     * when the fee is in quote), base for a sell — rounded up to the asset's decimals, like every amount the ledger
     * keeps (so balances never carry more decimals than the asset has, and never outgrow a long's mantissa). The
     * arithmetic is {@link Decimal}'s, on mantissas: {@code roundUp(cost [+ taker × cost])} for a buy,
     * {@code roundUp(qty [+ taker × qty])} for a sell.
     */
    private void spotNeed(Order o, VenueInstrument instrument, long qty, long referenceCost) {
        OrderBook book = o.book;
        boolean feeInBase = feeInBase(o);
        long x;
        int xScale;
        int decimals;
        boolean addFee;
        if (o.side == Side.BUY) {
            x = Math.max(referenceCost, 0);
            xScale = costScale(instrument);
            decimals = book.quoteDecimals;
            addFee = !feeInBase;
        } else {
            x = qty;
            xScale = book.qtyPrecision;
            decimals = book.baseDecimals;
            addFee = feeInBase;
        }
        try {
            if (addFee && xScale > decimals && taker.scale + xScale <= Decimal.MAX_SCALE
                    && Math.multiplyHigh(x, taker.unscaled) == 0 && x * taker.unscaled >= 0) {
                // Rounded to fewer decimals than x has, the sum's own scale is dropped: work at taker + x decimals,
                // where x × (10^taker + taker) is exact (and fits, so Decimal's smaller intermediate numbers fit too).
                long p = Decimal.pow10(taker.scale);
                long feePart = x * taker.unscaled;
                if (Math.multiplyHigh(x, p) == 0 && x * p >= 0 && x * p + feePart >= 0) {
                    x = x * p + feePart;
                    xScale += taker.scale;
                    addFee = false;
                }
            }
            long sum = x;
            int sumScale = xScale;
            if (addFee) {
                // x.add(taker.multiply(x))
                long feePart = taker.times(x, xScale);
                sumScale = Math.max(xScale, taker.productScale);
                sum = Math.addExact(Decimal.rescale(x, xScale, sumScale), Decimal.rescale(feePart, taker.productScale, sumScale));
            }
            need = roundUp(sum, sumScale, decimals);
        } catch (ArithmeticException beyondLong) {
            // An intermediate beyond a long: the exact way, whose result may still fit.
            BigDecimal amount = BigDecimal.valueOf(x, xScale);
            if (addFee) {
                amount = amount.add(fees.taker().toBigDecimal().multiply(amount));
            }
            // A need beyond a long's mantissa at the asset's decimals is beyond any balance too (thrown).
            need = amount.setScale(decimals, RoundingMode.UP).unscaledValue().longValueExact();
        }
        needScale = decimals;
    }

    /** {@code x} (≥ 0, at {@code scale}) at exactly {@code decimals}, rounded up when digits are dropped. */
    private static long roundUp(long x, int scale, int decimals) {
        if (scale <= decimals) {
            return Decimal.rescale(x, scale, decimals);
        }
        long div = Decimal.pow10(scale - decimals);
        long q = x / div;
        return x % div == 0 ? q : q + 1;
    }

    /** What {@link #spotNeed} computed: the last hold's amount (mantissa and scale). */
    private long need;
    private int needScale;
    /** What {@link #holdPerFill} computed. */
    private long release;
    private int releaseScale;
    /** The fee {@link #settle} charged. */
    private long fee;
    private int feeScale;

    /**
     * The share of an order's hold that a fill of {@code q} frees, into {@link #release} / {@link #releaseScale};
     * never more than is left.
     */
    private void holdPerFill(Order o, long q, VenueInstrument instrument) {
        if (o.qty - o.filled == 0) {
            release = o.reserved;
            releaseScale = o.reservedScale;
            return;
        }
        long reference = o.isLimit() ? Math.multiplyExact(q, o.price) : -1;
        long share;
        int shareScale;
        if (reference >= 0) {
            spotNeed(o, instrument, q, reference);
            share = need;
            shareScale = needScale;
        } else {
            OrderBook book = o.book;
            proRata(o.reserved, o.reservedScale, q, o.qty - o.filled + q,
                    o.side == Side.BUY ? book.quoteDecimals : book.baseDecimals);
            share = release;
            shareScale = releaseScale;
        }
        // min(share, reserved)
        if (Decimal.compare(share, shareScale, o.reserved, o.reservedScale) <= 0) {
            release = share;
            releaseScale = shareScale;
        } else {
            release = o.reserved;
            releaseScale = o.reservedScale;
        }
    }

    /**
     * amount × part / whole, rounded down to {@code scale} decimals, without trailing zeros, into {@link #release}
     * (what is left stays held until the order ends). In longs when they hold it; else as BigDecimal did it.
     */
    private void proRata(long amount, int amountScale, long part, long whole, int scale) {
        if (amount >= 0 && part > 0 && whole > 0 && Math.multiplyHigh(amount, part) == 0 && amount * part >= 0) {
            long v = amount * part;
            boolean fits = true;
            if (scale >= amountScale) {
                long p = Decimal.pow10(scale - amountScale);
                if (Math.multiplyHigh(v, p) != 0 || v * p < 0) {
                    fits = false;
                } else {
                    v = v * p / whole;
                }
            } else {
                v = v / whole / Decimal.pow10(amountScale - scale);
            }
            if (fits) {
                int strip = trailingZeros(v, scale);
                release = v / Decimal.pow10(strip);
                releaseScale = scale - strip;
                return;
            }
        }
        BigDecimal v = BigDecimal.valueOf(amount, amountScale).multiply(BigDecimal.valueOf(part))
                .divide(BigDecimal.valueOf(whole), scale, RoundingMode.DOWN).stripTrailingZeros();
        if (v.scale() < 0) {
            release = v.longValueExact();
            releaseScale = 0;
        } else {
            release = v.unscaledValue().longValueExact();
            releaseScale = v.scale();
        }
    }

    private void releaseHold(Order o) {
        if (market == Market.SPOT) {
            if (o.reserved != 0) {
                holdBalance(o).release(o.reserved, o.reservedScale);
                o.reserved = 0;
                o.reservedScale = 0;
            }
        } else if (!o.marginHeld.isZero()) {
            DerivativesLedger.Account acct = derivatives.account(o.origin.account());
            acct.marginHeld = acct.marginHeld.subtract(o.marginHeld);
            o.marginHeld = Decimal.ZERO;
        }
    }

    /** The balance an order holds from: quote for a buy, base for a sell. */
    private SpotLedger.Balance holdBalance(Order o) {
        return o.side == Side.BUY ? quoteBalance(o) : baseBalance(o);
    }

    // Looked up on first use, not at entry: a balance the order never touches is not opened (it would show, at 0).
    private SpotLedger.Balance baseBalance(Order o) {
        if (o.baseBalance == null) {
            o.baseBalance = spot.account(o.origin.account()).base(o.book);
        }
        return o.baseBalance;
    }

    private SpotLedger.Balance quoteBalance(Order o) {
        if (o.quoteBalance == null) {
            o.quoteBalance = spot.account(o.origin.account()).quote(o.book);
        }
        return o.quoteBalance;
    }

    /** Scale of a cost (price × quantity); a cost cannot be written beyond {@value Decimal#MAX_SCALE} decimals. */
    private static int costScale(VenueInstrument i) {
        int s = i.pricePrecision() + i.qtyPrecision();
        if (s > Decimal.MAX_SCALE) {
            Decimal.of(0, s); // the same refusal a cost as a Decimal met
        }
        return s;
    }

    /** {@code unscaled × 10^-scale} rounded half up (away from zero) to {@code newScale}: Decimal.roundHalfUp. */
    private static long roundHalfUp(long unscaled, int scale, int newScale) {
        if (newScale >= scale) {
            return Decimal.rescale(unscaled, scale, newScale);
        }
        long div = Decimal.pow10(scale - newScale);
        long q = unscaled / div;
        long r = unscaled % div;
        if (Math.abs(r) * 2 >= div) {
            q += Long.signum(unscaled);
        }
        return q;
    }

    /** How many trailing zeros of {@code unscaled}'s fraction (at {@code scale}) can be dropped. */
    static int trailingZeros(long unscaled, int scale) {
        // In steps of 8, then 4, 2 and 1 digits: a handful of divisions by constants rather than one per digit.
        int n = 0;
        long u = unscaled;
        while (scale - n >= 8 && u % 100_000_000L == 0) {
            u /= 100_000_000L;
            n += 8;
        }
        if (scale - n >= 4 && u % 10_000 == 0) {
            u /= 10_000;
            n += 4;
        }
        if (scale - n >= 2 && u % 100 == 0) {
            u /= 100;
            n += 2;
        }
        if (scale - n >= 1 && u % 10 == 0) {
            n++;
        }
        return n;
    }

    /**
     * A fee rate, stripped of trailing zeros once: {@code rate.multiply(x)} is Decimal's exact product of the two
     * stripped numbers, at the sum of their scales (at most {@value Decimal#MAX_SCALE}).
     */
    private static final class Rate {
        final Decimal decimal;
        final long unscaled;
        final int scale;
        /** The scale of the last {@link #times} product. */
        int productScale;

        private Rate(Decimal decimal) {
            this.decimal = decimal;
            Decimal stripped = decimal.stripTrailingZeros();
            this.unscaled = stripped.unscaled();
            this.scale = stripped.scale();
        }

        static Rate of(Decimal rate) {
            return new Rate(rate);
        }

        /**
         * rate × {@code x} (at {@code xScale}) rounded half up to {@code decimals}: Decimal's
         * {@code rate.multiply(x).roundHalfUp(decimals)}. Only the value is kept, so the product need not be stripped
         * first unless it would not fit unstripped (then it is, and fails where Decimal failed).
         */
        long times(long x, int xScale, int decimals) {
            int s = scale + xScale;
            if (s <= Decimal.MAX_SCALE && Math.multiplyHigh(x, unscaled) == 0 && x * unscaled >= 0) {
                return roundHalfUp(x * unscaled, s, decimals);
            }
            long product = times(x, xScale);
            return roundHalfUp(product, productScale, decimals);
        }

        /** rate × {@code x} (at {@code xScale}), exact; its scale is left in {@link #productScale}. */
        long times(long x, int xScale) {
            int strip = trailingZeros(x, xScale);
            int s = scale + xScale - strip;
            if (s > Decimal.MAX_SCALE) {
                throw new ArithmeticException(decimal + " × " + Decimal.toString(x, xScale) + " needs more than "
                        + Decimal.MAX_SCALE + " decimals");
            }
            productScale = s;
            return Math.multiplyExact(unscaled, x / Decimal.pow10(strip));
        }
    }

    private Decimal positionMargin(String account) {
        Decimal total = Decimal.ZERO;
        for (Map.Entry<String, DerivativesLedger.Position> e : derivatives.account(account).positions.entrySet()) {
            VenueInstrument i = instruments.get(e.getKey());
            if (i != null && e.getValue().entryCost != 0) {
                total = total.add(initialMargin.multiply(cost(i, Math.abs(e.getValue().entryCost))));
            }
        }
        return total;
    }

    private boolean feeInBase(Order o) {
        // Kraken (U-NOS): fee in base by default for sells, in quote for buys; f and q choose explicitly.
        if (o.instructions.contains(ExecInstruction.FEE_IN_BASE)) {
            return true;
        }
        if (o.instructions.contains(ExecInstruction.FEE_IN_QUOTE)) {
            return false;
        }
        return o.side == Side.SELL;
    }

    // --- cancel, amend, mass cancel, status ---------------------------------------------------------------

    public Rejection cancel(CancelOrder cmd, OrderOrigin origin, long now, Output out) {
        timePassed(now, out);
        Order o = findInSession(cmd.orderId(), cmd.origClOrdId(), origin);
        if (o == null || !o.isOpen()) {
            return reject(EngineError.UNKNOWN_ORDER);
        }
        if (tradingStatus == TradingStatus.MAINTENANCE
                || o.book.instrument.instrument().status() == InstrumentStatus.MAINTENANCE) {
            return reject(EngineError.MARKET_UNAVAILABLE);
        }
        books.get(o.symbol).remove(o);
        register(o, cmd.clOrdId());
        cancel(o, now, CANCELED_BY_USER, o.clOrdId, o.previousClOrdId, out);
        return null;
    }

    public Rejection amend(AmendOrder cmd, OrderOrigin origin, long now, Output out) {
        timePassed(now, out);
        Order o = findInSession(cmd.orderId(), cmd.origClOrdId(), origin);
        if (o == null || !o.isOpen()) {
            return reject(EngineError.UNKNOWN_ORDER);
        }
        VenueInstrument instrument = o.book.instrument;
        if (cmd.ordType() != null && cmd.ordType() != o.ordType && cmd.ordType() != o.placedType) {
            return reject(EngineError.AMEND_CHANGES_TYPE);
        }
        if (cmd.timeInForce() != null && cmd.timeInForce() != o.timeInForce) {
            return reject(EngineError.AMEND_CHANGES_TIME_IN_FORCE);
        }
        EngineError mode = modeRefusesAmend(instrument);
        if (mode != null) {
            return reject(mode);
        }
        int pp = instrument.pricePrecision();
        int qp = instrument.qtyPrecision();
        long newQty = o.qty;
        long newPrice = o.price;
        long newStop = o.stopPx;
        long newDisplay = o.displayQty;
        try {
            if (cmd.orderQty() != null) {
                newQty = cmd.orderQty().unscaledAt(qp);
            }
            if (cmd.price() != null && o.ordType.hasLimitPrice()) {
                newPrice = cmd.price().unscaledAt(pp); // (44 on an order without a limit price means nothing)
            }
            if (cmd.stopPx() != null) {
                newStop = cmd.stopPx().unscaledAt(pp);
            }
            if (cmd.displayQty() != null) {
                newDisplay = cmd.displayQty().unscaledAt(qp);
            }
        } catch (ArithmeticException e) {
            return reject(cmd.price() != null && !fits(cmd.price(), pp) || cmd.stopPx() != null && !fits(cmd.stopPx(), pp)
                    ? EngineError.INVALID_PRICE : EngineError.INVALID_VOLUME);
        }
        Decimal qtyMax = instrument.instrument().qtyMax();
        if (newQty <= 0 || qtyMax != null && newQty > qtyMax.unscaledAt(qp)
                || !costFits(Math.max(newPrice, newStop), newQty)) {
            return reject(EngineError.INVALID_VOLUME);
        }
        long tick = instrument.instrument().tickSize().unscaledAt(pp);
        if (o.ordType.hasLimitPrice()) {
            boolean offset = o.ordType == OrdType.TRAILING_STOP_LIMIT
                    && dialect.trailingStopLimitPrice() == DialectOptions.TrailingStopLimitPrice.OFFSET;
            if (offset ? newPrice < 0 : newPrice <= 0) {
                return reject(EngineError.INVALID_PRICE);
            }
            if (newPrice % tick != 0) {
                return reject(EngineError.TICK_SIZE);
            }
        }
        if (cmd.stopPx() != null && newStop != o.stopPx) {
            // G-AMEND: the trigger price of an order still waiting; once fired it has none left to change
            // (99 echoed unchanged is fine).
            if (!o.isWaitingForTrigger() || newStop <= 0) {
                return reject(EngineError.INVALID_PRICE);
            }
            if (newStop % tick != 0) {
                return reject(EngineError.TICK_SIZE);
            }
        }
        if (cmd.displayQty() != null && !o.isIceberg() || o.isIceberg() && !displayFits(newDisplay, newQty)) {
            // (a new quantity must keep the display rule too)
            return reject(EngineError.INVALID_DISPLAY_QTY);
        }
        OrderBook book = books.get(o.symbol);
        boolean dormant = o.isWaitingForTrigger() || o.status == OrdStatus.PENDING_NEW;
        if (!dormant && newPrice != o.price && wouldTradeAgainstOthers(book, o, newPrice)) {
            if (cmd.postOnly()) {
                return reject(EngineError.POST_ONLY_WOULD_TAKE);
            }
            if (!matchingAllowed(instrument)) {
                // it would rest crossing a book that does not match in this mode
                return reject(modeError(instrument));
            }
        }
        if (newQty <= o.filled) {
            // G-AMEND: accepted; the quantity becomes the filled quantity and the rest is cancelled.
            book.remove(o);
            register(o, cmd.clOrdId());
            o.qty = o.filled;
            o.status = OrdStatus.FILLED;
            closed(o);
            o.amendedNanos = now;
            releaseHold(o);
            report(o, ExecType.REPLACED, o.clOrdId, o.previousClOrdId, now, AMENDED_BELOW_FILLED, Execution.TEXT_AS_SET,
                    out);
            return null;
        }
        // Re-hold for the new size and price first; refuse the amend if the account cannot cover it.
        Order probe = new Order(o.orderId, market, o.symbol, o.origin, o.side, o.ordType, o.timeInForce,
                o.instructions, o.stp, o.cancelOnDisconnect, o.createdNanos, o.clOrdId, newPrice, newQty - o.filled);
        probe.stopPx = newStop;
        probe.trailingLimit = o.ordType == OrdType.TRAILING_STOP_LIMIT ? newPrice : 0;
        probe.triggerReference = o.triggerReference;
        probe.book = book;
        probe.baseBalance = o.baseBalance;
        probe.quoteBalance = o.quoteBalance;
        long oldReserved = o.reserved;
        int oldReservedScale = o.reservedScale;
        Decimal oldMargin = o.marginHeld;
        final long probeCost;
        try {
            probeCost = referenceCost(probe, book);
        } catch (ArithmeticException e) {
            return reject(EngineError.INVALID_VOLUME);
        }
        releaseHold(o);
        EngineError funds = holdOrRefuse(probe, instrument, probeCost);
        if (funds != null) {
            restoreHold(o, oldReserved, oldReservedScale, oldMargin);
            return reject(funds);
        }
        o.baseBalance = probe.baseBalance;
        o.quoteBalance = probe.quoteBalance;
        o.reserved = probe.reserved;
        o.reservedScale = probe.reservedScale;
        o.marginHeld = probe.marginHeld;
        boolean priceChanged = newPrice != o.price;
        boolean qtyUp = newQty > o.qty;
        long shrink = o.qty - newQty;
        if (dormant) {
            // Not in the book yet: nothing to lose in the queue (G-AMEND: a trigger price change has no impact).
            o.price = newPrice;
            o.qty = newQty;
        } else if (priceChanged || qtyUp) {
            // G-AMEND: a new price, or more quantity, goes to the back of the (new) price's queue.
            book.remove(o);
            o.price = newPrice;
            o.qty = newQty;
        } else if (shrink > 0) {
            // Less quantity keeps its place.
            book.shrunk(o, shrink);
            o.qty = newQty;
        }
        o.stopPx = newStop;
        if (o.ordType == OrdType.TRAILING_STOP_LIMIT) {
            o.trailingLimit = newPrice;
        }
        // G-AMEND: a new display size keeps the place; the next reload uses it.
        o.displayQty = newDisplay;
        register(o, cmd.clOrdId());
        o.amendedNanos = now;
        OrdStatus live = o.status == OrdStatus.PENDING_NEW ? OrdStatus.PENDING_NEW
                : o.filled > 0 ? OrdStatus.PARTIALLY_FILLED : OrdStatus.NEW;
        o.status = OrdStatus.REPLACED;
        report(o, ExecType.REPLACED, o.clOrdId, o.previousClOrdId, now, null, Execution.TEXT_AS_SET, out);
        o.status = live;
        if (o.isWaitingForTrigger() && o.status != OrdStatus.PENDING_NEW) {
            // (a scheduled order's trigger is first looked at when it goes live)
            long reference = book.reference(o.triggerReference == TriggerReference.INDEX);
            if (reference != 0 && watch(o, reference)) {
                book.waiting.remove(o);
                fire(o, reference, book, instrument, now, out);
            }
        } else if (!dormant && !o.isResting()) {
            if (matchingAllowed(instrument)) {
                match(o, book, instrument, now, out);
            }
            if (o.isOpen()) {
                o.visible = Math.min(o.visible, o.qty - o.filled);
                book.rest(o);
            }
        }
        triggerAll(book, now, out);
        return null;
    }

    private void restoreHold(Order o, long reserved, int reservedScale, Decimal margin) {
        if (market == Market.SPOT) {
            holdBalance(o).reserve(reserved, reservedScale);
            o.reserved = reserved;
            o.reservedScale = reservedScale;
        } else {
            derivatives.account(o.origin.account()).marginHeld =
                    derivatives.account(o.origin.account()).marginHeld.add(margin);
            o.marginHeld = margin;
        }
    }

    private EngineError modeRefusesAmend(VenueInstrument instrument) {
        if (tradingStatus == TradingStatus.MAINTENANCE || tradingStatus == TradingStatus.CANCEL_ONLY) {
            return tradingStatus == TradingStatus.MAINTENANCE ? EngineError.MARKET_UNAVAILABLE
                    : EngineError.MARKET_CANCEL_ONLY;
        }
        switch (instrument.instrument().status()) {
            case ONLINE:
            case LIMIT_ONLY:
            case POST_ONLY:
            case REDUCE_ONLY:
                return null;
            case CANCEL_ONLY:
                return EngineError.MARKET_CANCEL_ONLY;
            default:
                return EngineError.MARKET_UNAVAILABLE;
        }
    }

    /**
     * Cancels the orders {@code cmd} names, one report each. 530=1/6 reach the orders of this session (for one
     * symbol or all), 530=7 every open order of the CompID; {@code dialect.mass-cancel.scope = account} widens
     * all three to the account.
     *
     * @return how many orders were cancelled
     */
    public int massCancel(MassCancel cmd, OrderOrigin origin, long now, Output out) {
        timePassed(now, out);
        boolean accountWide = dialect.massCancelScope() == DialectOptions.MassCancelReach.ACCOUNT;
        List<Order> hit = new ArrayList<>();
        for (Order o : openOrders()) {
            boolean mine = accountWide ? o.origin.account().equals(origin.account())
                    : cmd.scope() == MassCancelScope.SENDER_COMP_ID ? o.origin.compId().equals(origin.compId())
                    : o.origin.equals(origin);
            if (mine && (cmd.scope() != MassCancelScope.SYMBOL || o.symbol.equals(cmd.symbol()))) {
                hit.add(o);
            }
        }
        for (Order o : hit) {
            books.get(o.symbol).remove(o);
            cancel(o, now, CANCELED_BY_USER, cmd.clOrdId(), o.clOrdId, out);
        }
        return hit.size();
    }

    /**
     * Reports an order's current state (ER 150=I). The order is found by 37, else by any ClOrdID it has had
     * under this CompID today — open or closed, placed in this session or an earlier one.
     */
    public Rejection status(OrderStatusRequest cmd, OrderOrigin origin, long now, Output out) {
        timePassed(now, out);
        Order o = null;
        if (cmd.orderId() != null) {
            Order byId = order(cmd.orderId());
            if (byId != null && byId.origin.account().equals(origin.account())) {
                o = byId;
            }
        } else {
            o = byClOrdId(origin.compId(), cmd.clOrdId());
        }
        if (o == null) {
            return reject(EngineError.UNKNOWN_ORDER);
        }
        execution.set(o, ExecType.ORDER_STATUS, o.status, cmd.clOrdId(), cmd.clOrdId().equals(o.clOrdId) ? null : o.clOrdId,
                now, null, Execution.TEXT_AS_SET);
        numberExecution(o, cmd.clOrdId());
        out.report(origin.compId(), execution);
        return null;
    }

    /** Cancels the open orders a session placed with cancel-on-disconnect on (its logon's 8674). */
    public int cancelOnDisconnect(OrderOrigin session, long now, Output out) {
        timePassed(now, out);
        List<Order> hit = new ArrayList<>();
        for (Order o : openOrders()) {
            if (o.cancelOnDisconnect && o.origin.equals(session)) {
                hit.add(o);
            }
        }
        for (Order o : hit) {
            books.get(o.symbol).remove(o);
            cancel(o, now, CANCELED_ON_DISCONNECT, o.clOrdId, null, out);
        }
        return hit.size();
    }

    /**
     * Forgets the closed orders of {@code account} at once instead of at the rollover: for the venue's own
     * background accounts, whose orders nobody asks about, so that a market running all day does not keep
     * millions of finished orders.
     */
    public void forgetClosed(String account) {
        int kept = 0;
        int keptIndexed = 0;
        for (int i = 0; i < day.size(); i++) {
            Order o = day.get(i);
            if (forgettable(o, account)) {
                byOrderId.remove(o.orderId, o);
                continue;
            }
            keptIndexed += i < byOrderIdIndexed ? 1 : 0;
            day.set(kept++, o);
        }
        day.subList(kept, day.size()).clear();
        byOrderIdIndexed = keptIndexed;
        kept = 0;
        keptIndexed = 0;
        for (int i = 0; i < registeredOrders.size(); i++) {
            Order o = registeredOrders.get(i);
            String clOrdId = registeredClOrdIds.get(i);
            if (forgettable(o, account)) {
                Map<String, Order> ids = byClOrdId.get(o.origin.compId());
                if (ids != null) {
                    ids.remove(clOrdId, o);
                }
                continue;
            }
            keptIndexed += i < byClOrdIdIndexed ? 1 : 0;
            registeredOrders.set(kept, o);
            registeredClOrdIds.set(kept++, clOrdId);
        }
        registeredOrders.subList(kept, registeredOrders.size()).clear();
        registeredClOrdIds.subList(kept, registeredClOrdIds.size()).clear();
        byClOrdIdIndexed = keptIndexed;
        open.removeIf(o -> !o.isOpen());
    }

    private static boolean forgettable(Order o, String account) {
        return !o.isOpen() && o.origin.account().equals(account);
    }

    /** The daily rollover: closed orders and old ClOrdIDs are forgotten; open orders stay. */
    public void rollover() {
        day.removeIf(o -> !o.isOpen());
        open.clear();
        open.addAll(day);
        byOrderId.clear();
        byOrderIdIndexed = 0;
        registeredOrders.clear();
        registeredClOrdIds.clear();
        byClOrdId.clear();
        byClOrdIdIndexed = 0;
        openByClOrdId.clear();
        for (Order o : day) {
            o.openOfCompId = null;
            registered(o, o.clOrdId);
        }
    }

    public void setInstrumentStatus(String symbol, InstrumentStatus status) {
        VenueInstrument i = instruments.get(symbol);
        if (i == null) {
            throw new IllegalArgumentException("unknown instrument " + symbol);
        }
        VenueInstrument now = i.withStatus(status);
        instruments.put(symbol, now);
        books.get(symbol).instrument = now;
    }

    public void setTradingStatus(TradingStatus status) {
        tradingStatus = status;
    }

    public TradingStatus tradingStatus() {
        return tradingStatus;
    }

    public VenueInstrument instrument(String symbol) {
        return instruments.get(symbol);
    }

    // --- internals ----------------------------------------------------------------------------------------

    /**
     * Cancels an order the engine refuses after acknowledging it (an engine check, post-only, a mode that does not
     * match, a trigger that cannot become an order): its report says so ({@link Execution#isRefusal()}).
     */
    private void refuse(Order o, long now, String reason, Output out) {
        refusing = true;
        try {
            cancel(o, now, reason, o.clOrdId, null, out);
        } finally {
            refusing = false;
        }
    }

    /** Set while {@link #refuse} reports. */
    private boolean refusing;

    private void cancel(Order o, long now, String reason, String clOrdId, String origClOrdId, Output out) {
        o.status = OrdStatus.CANCELED;
        closed(o);
        releaseHold(o);
        report(o, ExecType.CANCELED, clOrdId, origClOrdId, now, reason, Execution.TEXT_AS_SET, out);
    }

    /** The order a cancel or amend names, if it was placed in this very session: 37 wins over 41. */
    private Order findInSession(String orderId, String origClOrdId, OrderOrigin origin) {
        // By 41 only an open order that still carries it can qualify (the caller refuses closed orders): the
        // small index of open orders answers that as the day's full index would.
        OpenOrdersByClOrdId open = orderId != null ? null : openByClOrdId.get(origin.compId());
        Order o = orderId != null ? order(orderId) : open == null ? null : open.get(origClOrdId);
        if (o == null || !o.origin.equals(origin)) {
            return null;
        }
        if (orderId == null && !origClOrdId.equals(o.clOrdId)) {
            // 41 must be the order's last ClOrdID.
            return null;
        }
        return o;
    }

    private void register(Order o, String newClOrdId) {
        o.previousClOrdId = o.clOrdId;
        o.clOrdId = newClOrdId;
        o.openOfCompId.remove(o.previousClOrdId, o);
        registered(o, newClOrdId);
    }

    /** {@code o} (open) carries {@code clOrdId} from now on. */
    private void registered(Order o, String clOrdId) {
        registeredOrders.add(o);
        registeredClOrdIds.add(clOrdId);
        if (o.openOfCompId == null) {
            o.openOfCompId = openOf(o.origin.compId());
        }
        o.openOfCompId.put(clOrdId, o);
    }

    private OpenOrdersByClOrdId openOf(String compId) {
        OpenOrdersByClOrdId open = openByClOrdId.get(compId);
        if (open == null) {
            open = new OpenOrdersByClOrdId();
            openByClOrdId.put(compId, open);
        }
        return open;
    }

    /** {@code o} has just closed (filled, cancelled, expired): it no longer answers to its ClOrdID. */
    private void closed(Order o) {
        o.openOfCompId.remove(o.clOrdId, o);
        o.openOfAccount[0]--;
    }

    private boolean wouldTrade(OrderBook book, Side side, boolean limit, long price) {
        PriceLevel best = book.best(side.opposite());
        if (best == null) {
            return false;
        }
        return !limit || (side == Side.BUY ? best.price <= price : best.price >= price);
    }

    private boolean wouldTradeAgainstOthers(OrderBook book, Order o, long price) {
        return wouldTrade(book, o.side, true, price);
    }

    /** Cost of taking {@code qty} from the book as it stands, at price + qty precision; -1 for an empty side. */
    private static long estimateCost(OrderBook book, Side side, long qty) {
        long left = qty;
        long cost = 0;
        BookSide levels = book.opposite(side);
        for (int i = 0; i < levels.size(); i++) {
            PriceLevel level = levels.level(i);
            long q = Math.min(left, level.totalLeaves);
            cost = Math.addExact(cost, Math.multiplyExact(q, level.price));
            left -= q;
            if (left == 0) {
                break;
            }
        }
        return left == qty ? -1 : cost;
    }

    private static Decimal cost(VenueInstrument i, long mantissa) {
        return Decimal.of(mantissa, i.pricePrecision() + i.qtyPrecision());
    }

    private static boolean costFits(long price, long qty) {
        try {
            Math.multiplyExact(price, qty);
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    private static boolean fits(Decimal d, int scale) {
        try {
            d.unscaledAt(scale);
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    private Rejection reject(EngineError e) {
        return refusal(e);
    }

    /** The refusal of {@code e} in this engine's words (Spot string, or the Derivatives name in the configured spelling). */
    public Rejection refusal(EngineError e) {
        return new Rejection(e, e.text(market,
                dialect.derivativesRejectText() == DialectOptions.DerivativesRejectText.UPPER_SNAKE));
    }

    /** Sends one report that is not a fill; its status is the order's. */
    private void report(Order o, ExecType type, String clOrdId, String origClOrdId, long now, String text, int textKind,
                        Output out) {
        execution.set(o, type, o.status, clOrdId, origClOrdId, now, text, textKind);
        execution.refusal = refusing;
        numberExecution(o, clOrdId);
        out.report(o.origin.compId(), execution);
    }

    /** The ExecID of the report under way: its number, and the order's report count moves on. */
    private void numberExecution(Order o, String clOrdId) {
        if (execIdsSequential) {
            execution.execIdNumber = sequentialExecIds.merge(o.origin.compId(), 1L, Long::sum);
        } else {
            if (clOrdId != o.execIdClOrdId) {
                // Worked out once per ClOrdID (every report of an order but a status request's reuses it).
                o.execIdLow48 = ClOrdIds.low48(clOrdId);
                o.execIdClOrdId = clOrdId;
            }
            execution.execIdLow48 = o.execIdLow48;
            execution.execIdNumber = o.reports;
        }
        o.reports++;
    }

    /** dialect.execution-report.exec-id-scheme = sequential: the last {@code <n>} of each CompID's session. */
    private final Map<String, Long> sequentialExecIds = new HashMap<>();

    private static Decimal dec(long mantissa, int scale) {
        return Decimal.of(mantissa, scale).stripTrailingZeros();
    }

    // --- state ---------------------------------------------------------------------------------------------

    /** How many open orders (resting, waiting for a trigger or a start time) {@code account} has on {@code symbol}. */
    public int openOrderCount(String account, String symbol) {
        OrderBook book = books.get(symbol);
        return book == null ? 0 : book.openOrdersOf(account)[0];
    }

    /**
     * When the open order that a cancel or amend from {@code origin} names (37, else 41) was placed or last
     * amended — the start of its age for Kraken's rate counter — or -1 when no such order is open (unknown,
     * another session's, filled, cancelled). Applies what fell due before {@code now} first, as the request will.
     */
    public long placedOrAmendedAt(String orderId, String origClOrdId, OrderOrigin origin, long now, Output out) {
        timePassed(now, out);
        Order o = findInSession(orderId, origClOrdId, origin);
        return o == null || !o.isOpen() ? -1 : o.amendedNanos;
    }

    /** How many orders the engine keeps for the trading day, open and closed. */
    public int ordersKept() {
        return day.size();
    }

    /** Every order of the trading day, open and closed, in entry order. */
    public List<Order> ordersOfTheDay() {
        return List.copyOf(day);
    }

    /** Open orders in entry order. */
    public List<Order> openOrders() {
        open.removeIf(o -> !o.isOpen());
        return new ArrayList<>(open);
    }

    /** Any order of the trading day, open or closed. */
    public Order order(String orderId) {
        for (; byOrderIdIndexed < day.size(); byOrderIdIndexed++) {
            Order o = day.get(byOrderIdIndexed);
            byOrderId.put(o.orderId, o);
        }
        return byOrderId.get(orderId);
    }

    /** Whether an order of {@code compId} has carried {@code clOrdId} today (open or closed). */
    public boolean knowsClOrdId(String compId, String clOrdId) {
        return byClOrdId(compId, clOrdId) != null;
    }

    /** The order that last carried {@code clOrdId} under {@code compId} today, open or closed. */
    private Order byClOrdId(String compId, String clOrdId) {
        for (; byClOrdIdIndexed < registeredOrders.size(); byClOrdIdIndexed++) {
            Order o = registeredOrders.get(byClOrdIdIndexed);
            byClOrdId.computeIfAbsent(o.origin.compId(), c -> new HashMap<>())
                    .put(registeredClOrdIds.get(byClOrdIdIndexed), o);
        }
        return byClOrdId.getOrDefault(compId, Map.of()).get(clOrdId);
    }

    /** Price levels of one side, best first: price and the quantity on show (icebergs show their slice only). */
    public List<Decimal[]> levels(String symbol, Side side, int depth) {
        OrderBook book = books.get(symbol);
        VenueInstrument i = instruments.get(symbol);
        List<Decimal[]> out = new ArrayList<>();
        if (book == null) {
            return out;
        }
        BookSide levels = book.side(side);
        for (int n = 0; n < levels.size() && out.size() < depth; n++) {
            PriceLevel l = levels.level(n);
            out.add(new Decimal[]{dec(l.price, i.pricePrecision()), dec(l.shownLeaves, i.qtyPrecision())});
        }
        return out;
    }

    /** The orders resting at one price, in queue order. */
    public List<Order> queue(String symbol, Side side, Decimal price) {
        OrderBook book = books.get(symbol);
        VenueInstrument i = instruments.get(symbol);
        List<Order> out = new ArrayList<>();
        PriceLevel level = book.side(side).get(price.unscaledAt(i.pricePrecision()));
        for (Order o = level == null ? null : level.head; o != null; o = o.next) {
            out.add(o);
        }
        return out;
    }

    /** Spot balances: account → asset → {total, available}. */
    public Map<String, Map<String, Decimal[]>> balances() {
        Map<String, Map<String, Decimal[]>> out = new TreeMap<>();
        spot.all().forEach((account, a) -> {
            Map<String, Decimal[]> m = new TreeMap<>();
            a.assets.forEach((asset, b) -> m.put(asset, new Decimal[]{b.total(), b.available()}));
            out.put(account, m);
        });
        return out;
    }

    /** Derivatives ledgers by account, copied. */
    public Map<String, DerivativesView> derivativesAccounts() {
        Map<String, DerivativesView> out = new TreeMap<>();
        derivatives.all().forEach((account, a) -> {
            Map<String, Long> positions = new TreeMap<>();
            a.positions.forEach((symbol, p) -> positions.put(symbol, p.qty));
            out.put(account, new DerivativesView(a.collateral, a.marginHeld, positions));
        });
        return out;
    }

    public Iterable<String> symbols() {
        return instruments.keySet();
    }

    long idCounter() {
        return ids.counter();
    }
}
