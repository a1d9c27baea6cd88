package io.fluxfix.venue.engine;

import io.fluxfix.kraken.DialectOptions;
import io.fluxfix.kraken.ExecIds;
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
import io.fluxfix.model.command.AmendOrder;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.MassCancel;
import io.fluxfix.model.command.MassCancelScope;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.command.OrderStatusRequest;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.Fee;
import io.fluxfix.model.event.FeeType;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.model.kraken.TradingDay;
import io.fluxfix.venue.AccountConfig;
import io.fluxfix.venue.VenueConfig;
import io.fluxfix.venue.VenueInstrument;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
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

    /** Where execution reports go: to the session of the CompID that owns the order. */
    @FunctionalInterface
    public interface Output {
        void report(String compId, ExecutionReport report);
    }

    /** A refused request: the error, and Kraken's text for it on this engine. */
    public record Rejection(EngineError error, String text) {
    }

    static final String CANCELED_BY_USER = "Order canceled by user";
    static final String CANCELED_IOC = "Immediate or cancel";
    static final String CANCELED_NO_LIQUIDITY = "Order canceled: no liquidity for the rest of a market order";
    static final String CANCELED_ON_DISCONNECT = "Order canceled on disconnect";
    static final String CANCELED_SELF_TRADE = "Order canceled: self-trade prevention";
    static final String CANCELED_POST_ONLY = "Post only order canceled: it would have taken liquidity";
    static final String AMENDED_BELOW_FILLED = "Amended below the filled quantity: remainder canceled";

    private final Market market;
    private final Map<String, VenueInstrument> instruments = new TreeMap<>();
    private final Map<String, OrderBook> books = new HashMap<>();
    /** Every order of the trading day, open or closed, in entry order. */
    private final Map<String, Order> orders = new LinkedHashMap<>();
    /** CompID → every ClOrdID its orders have carried today → the order. */
    private final Map<String, Map<String, Order>> byClOrdId = new HashMap<>();
    private final Map<String, AccountConfig> accounts = new HashMap<>();
    private final SpotLedger spot = new SpotLedger();
    private final DerivativesLedger derivatives = new DerivativesLedger();
    private final VenueConfig.Fees fees;
    private final Decimal initialMargin;
    private final VenueConfig config;
    private final DialectOptions dialect;
    private final VenueIds ids;
    private final TradingDay tradingDay;
    private TradingStatus tradingStatus = TradingStatus.ONLINE;

    public MatchingEngine(Market market, VenueConfig config, TradingDay tradingDay) {
        this.market = market;
        this.config = config;
        this.dialect = config.dialect();
        this.fees = config.fees(market);
        this.initialMargin = config.initialMargin();
        this.tradingDay = tradingDay;
        this.ids = new VenueIds(config.idSeed(), market);
        for (VenueInstrument i : config.instruments().values()) {
            if (i.market() == market) {
                instruments.put(i.symbol(), i);
                books.put(i.symbol(), new OrderBook(i.symbol()));
            }
        }
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
        VenueInstrument instrument = instruments.get(cmd.symbol());
        if (instrument == null) {
            return reject(EngineError.UNKNOWN_INSTRUMENT);
        }
        EngineError mode = modeRefusesNewOrder(instrument, cmd);
        if (mode != null) {
            return reject(mode);
        }
        final long qty;
        final long price;
        try {
            qty = cmd.orderQty().unscaledAt(instrument.qtyPrecision());
            price = cmd.price() == null ? 0 : cmd.price().unscaledAt(instrument.pricePrecision());
        } catch (ArithmeticException e) {
            return reject(cmd.price() != null && !fits(cmd.price(), instrument.pricePrecision())
                    ? EngineError.INVALID_PRICE : EngineError.INVALID_VOLUME);
        }
        if (qty <= 0) {
            return reject(EngineError.INVALID_VOLUME);
        }
        Decimal qtyMax = instrument.instrument().qtyMax();
        if (qtyMax != null && qty > qtyMax.unscaledAt(instrument.qtyPrecision())) {
            return reject(EngineError.INVALID_VOLUME);
        }
        boolean limit = cmd.ordType() == OrdType.LIMIT;
        if (!limit && cmd.ordType() != OrdType.MARKET) {
            // Trigger order types arrive with the next part of the venue; until then they are refused plainly.
            return reject(EngineError.UNSUPPORTED_ORDER_TYPE);
        }
        EngineError notYet = notBuiltYet(cmd);
        if (notYet != null) {
            return reject(notYet);
        }
        if (limit) {
            if (price <= 0) {
                return reject(EngineError.INVALID_PRICE);
            }
            if (price % instrument.instrument().tickSize().unscaledAt(instrument.pricePrecision()) != 0) {
                return reject(EngineError.TICK_SIZE);
            }
            if (!costFits(price, qty)) {
                return reject(EngineError.INVALID_VOLUME);
            }
        }
        OrderBook book = books.get(cmd.symbol());
        if (market == Market.DERIVATIVES && cmd.timeInForce() == TimeInForce.IMMEDIATE_OR_CANCEL
                && !wouldTrade(book, cmd.side(), limit, price)) {
            // Kraken's one documented Derivatives refusal text (U-BMR example): an IOC that cannot trade at all.
            return reject(EngineError.IOC_WOULD_ENTER_BOOK);
        }
        // The trading engine's own checks (U-NOS layer table): deadline, minimums, funds. Their answer is
        // dialect.engine-reject.form: 35=j as Kraken's examples show, or an acknowledged order cancelled at once.
        long referenceCost = limit ? price * qty : estimateCost(book, cmd.side(), qty);
        Decimal costMin = instrument.instrument().minCost();
        EngineError engineCheck = null;
        if (cmd.validUntilTime() != Stamp.NO_TIME && now > cmd.validUntilTime()) {
            engineCheck = EngineError.DEADLINE_ELAPSED;
        } else if (qty < instrument.instrument().qtyMin().unscaledAt(instrument.qtyPrecision())) {
            engineCheck = EngineError.ORDER_MINIMUM;
        } else if (costMin != null && referenceCost > 0 && cost(instrument, referenceCost).compareTo(costMin) < 0) {
            engineCheck = EngineError.COST_MINIMUM;
        }
        boolean unsolicitedCancel = dialect.engineRejectForm() == DialectOptions.NewOrderFailure.UNSOLICITED_CANCEL;
        if (engineCheck != null && !unsolicitedCancel) {
            return reject(engineCheck);
        }
        boolean postOnly = cmd.execInstructions().contains(ExecInstruction.POST_ONLY);
        SelfTradePrevention stp = market == Market.SPOT
                ? (cmd.selfTradePrevention() != null ? cmd.selfTradePrevention() : SelfTradePrevention.CANCEL_NEWEST)
                : accounts.get(origin.account()).derivativesStp();
        Order o = new Order(ids.orderId(market), market, cmd.symbol(), origin, cmd.side(), cmd.ordType(),
                cmd.timeInForce(), cmd.execInstructions(), stp, cancelOnDisconnect, now, cmd.clOrdId(), price, qty);
        if (engineCheck == null) {
            engineCheck = hold(o, instrument, referenceCost);
            if (engineCheck != null && !unsolicitedCancel) {
                return reject(engineCheck);
            }
        }
        if (engineCheck != null) {
            orders.put(o.orderId, o);
            byClOrdId.computeIfAbsent(origin.compId(), c -> new HashMap<>()).put(o.clOrdId, o);
            out.report(o.origin.compId(), report(o, ExecType.NEW, o.clOrdId, null, now, null, description(o, instrument)));
            cancel(o, now, reject(engineCheck).text(), o.clOrdId, null, out);
            return null;
        }
        orders.put(o.orderId, o);
        byClOrdId.computeIfAbsent(origin.compId(), c -> new HashMap<>()).put(o.clOrdId, o);

        boolean trades = wouldTrade(book, o.side, limit, price);
        if (!trades || dialect.newBeforeImmediateFill()) {
            out.report(o.origin.compId(), report(o, ExecType.NEW, o.clOrdId, null, now, null, description(o, instrument)));
        }
        if (postOnly && trades) {
            cancel(o, now, CANCELED_POST_ONLY, o.clOrdId, null, out);
            return null;
        }
        if (matchingAllowed(instrument)) {
            match(o, book, instrument, now, out);
        }
        if (o.isOpen()) {
            if (limit && o.timeInForce != TimeInForce.IMMEDIATE_OR_CANCEL) {
                book.rest(o);
            } else {
                cancel(o, now, limit ? CANCELED_IOC : CANCELED_NO_LIQUIDITY, o.clOrdId, null, out);
            }
        }
        return null;
    }

    /**
     * Order features whose Kraken semantics come with the venue's next part (issue 4): refused plainly rather
     * than silently treated as something else (a FOK that fills partly, a GTD that never expires).
     */
    private static EngineError notBuiltYet(NewOrder cmd) {
        if (cmd.timeInForce() == TimeInForce.FILL_OR_KILL || cmd.timeInForce() == TimeInForce.GOOD_TILL_DATE
                || cmd.expireTime() != Stamp.NO_TIME) {
            return EngineError.UNSUPPORTED_TIME_IN_FORCE;
        }
        ExecInstructions ei = cmd.execInstructions();
        if (cmd.displayQty() != null || cmd.effectiveTime() != Stamp.NO_TIME
                || ei.contains(ExecInstruction.REDUCE_ONLY) || ei.contains(ExecInstruction.VOLUME_IN_QUOTE)) {
            return EngineError.UNSUPPORTED_INSTRUCTION;
        }
        return null;
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
                return cmd.ordType() == OrdType.MARKET ? EngineError.MARKET_LIMIT_ONLY : null;
            default:
                return null;
        }
    }

    // --- matching ---------------------------------------------------------------------------------------

    private void match(Order taker, OrderBook book, VenueInstrument instrument, long now, Output out) {
        boolean limit = taker.isLimit();
        while (taker.isOpen() && taker.qty > taker.filled) {
            Map.Entry<Long, PriceLevel> best = book.best(taker.side.opposite());
            if (best == null) {
                return;
            }
            long px = best.getKey();
            if (limit && (taker.side == Side.BUY ? px > taker.price : px < taker.price)) {
                return;
            }
            Order maker = best.getValue().head;
            if (maker.origin.account().equals(taker.origin.account())) {
                if (!preventSelfTrade(taker, maker, book, now, out)) {
                    return;
                }
                continue;
            }
            long q = Math.min(taker.qty - taker.filled, maker.qty - maker.filled);
            String tradeId = ids.tradeId(market);
            long tradeSeq = book.nextTradeSeq();
            fill(maker, q, px, Liquidity.MAKER, tradeId, tradeSeq, instrument, now, out);
            book.reduced(maker, q);
            if (maker.filled == maker.qty) {
                book.remove(maker);
            }
            fill(taker, q, px, Liquidity.TAKER, tradeId, tradeSeq, instrument, now, out);
        }
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
        Decimal rate = liquidity == Liquidity.MAKER ? fees.maker() : fees.taker();
        Decimal fee = settle(o, q, px, cost, rate, instrument);
        o.feeTotal = o.feeTotal.add(fee);
        o.status = o.filled == o.qty ? OrdStatus.FILLED : OrdStatus.PARTIALLY_FILLED;
        if (o.status == OrdStatus.FILLED) {
            releaseHold(o);
        }
        Fill fill = new Fill(q, px, cost, tradeId, tradeSeq, liquidity);
        out.report(o.origin.compId(), report(o, ExecType.TRADE, o.clOrdId, null, now, fill, null));
    }

    /** Moves balances (Spot) or position and collateral (Derivatives) for one fill; returns the fee charged. */
    private Decimal settle(Order o, long q, long px, long cost, Decimal rate, VenueInstrument instrument) {
        Decimal qty = Decimal.of(q, instrument.qtyPrecision());
        Decimal costD = cost(instrument, cost);
        String account = o.origin.account();
        if (market == Market.SPOT) {
            boolean feeInBase = feeInBase(o);
            String feeAsset = feeInBase ? instrument.base() : instrument.quote();
            Decimal fee = rate.multiply(feeInBase ? qty : costD).roundHalfUp(config.assetDecimals(feeAsset))
                    .stripTrailingZeros();
            o.feeCurrency = feeAsset;
            Decimal release = holdPerFill(o, q, instrument);
            spot.release(account, o.side == Side.BUY ? instrument.quote() : instrument.base(), release);
            o.reserved = o.reserved.subtract(release);
            if (o.side == Side.BUY) {
                spot.debit(account, instrument.quote(), costD);
                spot.credit(account, instrument.base(), qty);
            } else {
                spot.debit(account, instrument.base(), qty);
                spot.credit(account, instrument.quote(), costD);
            }
            spot.debit(account, feeAsset, fee);
            return fee;
        }
        DerivativesLedger.Account acct = derivatives.account(account);
        Decimal fee = rate.multiply(costD).roundHalfUp(config.assetDecimals(instrument.quote())).stripTrailingZeros();
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
        return fee;
    }

    private static Decimal min(Decimal a, Decimal b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    // --- holds (Spot reservations, Derivatives initial margin) --------------------------------------------

    /** Takes what the order needs from its account, or says why it cannot. */
    private EngineError hold(Order o, VenueInstrument instrument, long referenceCost) {
        String account = o.origin.account();
        if (market == Market.SPOT) {
            Decimal need = spotNeed(o, instrument, o.qty, referenceCost);
            String asset = o.side == Side.BUY ? instrument.quote() : instrument.base();
            if (!spot.canReserve(account, asset, need)) {
                return EngineError.INSUFFICIENT_FUNDS;
            }
            spot.reserve(account, asset, need);
            o.reserved = need;
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

    /** What a Spot order must hold: quote for a buy (cost plus the taker fee when the fee is in quote), base for a sell. */
    private Decimal spotNeed(Order o, VenueInstrument instrument, long qty, long referenceCost) {
        boolean feeInBase = feeInBase(o);
        if (o.side == Side.BUY) {
            Decimal cost = cost(instrument, Math.max(referenceCost, 0));
            return feeInBase ? cost : cost.add(fees.taker().multiply(cost));
        }
        Decimal q = Decimal.of(qty, instrument.qtyPrecision());
        return feeInBase ? q.add(fees.taker().multiply(q)) : q;
    }

    /** The share of an order's hold that a fill of {@code q} frees; never more than is left. */
    private Decimal holdPerFill(Order o, long q, VenueInstrument instrument) {
        if (o.qty - o.filled == 0) {
            return o.reserved;
        }
        long reference = o.isLimit() ? Math.multiplyExact(q, o.price) : -1;
        Decimal share = reference >= 0 ? spotNeed(o, instrument, q, reference)
                : proRata(o.reserved, q, o.qty - o.filled + q);
        return min(share, o.reserved);
    }

    private static Decimal proRata(Decimal amount, long part, long whole) {
        BigDecimal v = amount.toBigDecimal().multiply(BigDecimal.valueOf(part))
                .divide(BigDecimal.valueOf(whole), Decimal.MAX_SCALE - 2, RoundingMode.DOWN).stripTrailingZeros();
        return v.scale() < 0 ? Decimal.of(v.longValueExact(), 0) : Decimal.of(v.unscaledValue().longValueExact(), v.scale());
    }

    private void releaseHold(Order o) {
        VenueInstrument instrument = instruments.get(o.symbol);
        if (market == Market.SPOT) {
            if (!o.reserved.isZero()) {
                spot.release(o.origin.account(), o.side == Side.BUY ? instrument.quote() : instrument.base(), o.reserved);
                o.reserved = Decimal.ZERO;
            }
        } else if (!o.marginHeld.isZero()) {
            DerivativesLedger.Account acct = derivatives.account(o.origin.account());
            acct.marginHeld = acct.marginHeld.subtract(o.marginHeld);
            o.marginHeld = Decimal.ZERO;
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
        Order o = findInSession(cmd.orderId(), cmd.origClOrdId(), origin);
        if (o == null || !o.isOpen()) {
            return reject(EngineError.UNKNOWN_ORDER);
        }
        if (tradingStatus == TradingStatus.MAINTENANCE
                || instruments.get(o.symbol).instrument().status() == InstrumentStatus.MAINTENANCE) {
            return reject(EngineError.MARKET_UNAVAILABLE);
        }
        books.get(o.symbol).remove(o);
        register(o, cmd.clOrdId());
        cancel(o, now, CANCELED_BY_USER, o.clOrdId, o.previousClOrdId, out);
        return null;
    }

    public Rejection amend(AmendOrder cmd, OrderOrigin origin, long now, Output out) {
        Order o = findInSession(cmd.orderId(), cmd.origClOrdId(), origin);
        if (o == null || !o.isOpen()) {
            return reject(EngineError.UNKNOWN_ORDER);
        }
        VenueInstrument instrument = instruments.get(o.symbol);
        if (cmd.ordType() != null && cmd.ordType() != o.ordType) {
            return reject(EngineError.AMEND_CHANGES_TYPE);
        }
        if (cmd.timeInForce() != null && cmd.timeInForce() != o.timeInForce) {
            return reject(EngineError.AMEND_CHANGES_TIME_IN_FORCE);
        }
        EngineError mode = modeRefusesAmend(instrument);
        if (mode != null) {
            return reject(mode);
        }
        long newQty = o.qty;
        long newPrice = o.price;
        try {
            if (cmd.orderQty() != null) {
                newQty = cmd.orderQty().unscaledAt(instrument.qtyPrecision());
            }
            if (cmd.price() != null) {
                newPrice = cmd.price().unscaledAt(instrument.pricePrecision());
            }
        } catch (ArithmeticException e) {
            return reject(cmd.price() != null && !fits(cmd.price(), instrument.pricePrecision())
                    ? EngineError.INVALID_PRICE : EngineError.INVALID_VOLUME);
        }
        if (newQty <= 0) {
            return reject(EngineError.INVALID_VOLUME);
        }
        if (o.isLimit()) {
            if (newPrice <= 0) {
                return reject(EngineError.INVALID_PRICE);
            }
            if (newPrice % instrument.instrument().tickSize().unscaledAt(instrument.pricePrecision()) != 0) {
                return reject(EngineError.TICK_SIZE);
            }
        }
        OrderBook book = books.get(o.symbol);
        if (cmd.postOnly() && newPrice != o.price && wouldTradeAgainstOthers(book, o, newPrice)) {
            return reject(EngineError.MARKET_POST_ONLY);
        }
        if (newQty <= o.filled) {
            // G-AMEND: accepted; the quantity becomes the filled quantity and the rest is cancelled.
            book.remove(o);
            register(o, cmd.clOrdId());
            o.qty = o.filled;
            o.status = OrdStatus.FILLED;
            o.amendedNanos = now;
            releaseHold(o);
            out.report(o.origin.compId(), report(o, ExecType.REPLACED, o.clOrdId, o.previousClOrdId, now, null,
                    AMENDED_BELOW_FILLED));
            return null;
        }
        // Re-hold for the new size and price first; refuse the amend if the account cannot cover it.
        Order probe = new Order(o.orderId, market, o.symbol, o.origin, o.side, o.ordType, o.timeInForce,
                o.instructions, o.stp, o.cancelOnDisconnect, o.createdNanos, o.clOrdId, newPrice, newQty - o.filled);
        Decimal oldReserved = o.reserved;
        Decimal oldMargin = o.marginHeld;
        releaseHold(o);
        EngineError funds = hold(probe, instrument, o.isLimit() ? Math.multiplyExact(newPrice, newQty - o.filled) : 0);
        if (funds != null) {
            restoreHold(o, instrument, oldReserved, oldMargin);
            return reject(funds);
        }
        o.reserved = probe.reserved;
        o.marginHeld = probe.marginHeld;
        boolean priceChanged = newPrice != o.price;
        boolean qtyUp = newQty > o.qty;
        long shrink = o.qty - newQty;
        if (priceChanged || qtyUp) {
            // G-AMEND: a new price, or more quantity, goes to the back of the (new) price's queue.
            book.remove(o);
            o.price = newPrice;
            o.qty = newQty;
        } else if (shrink > 0) {
            // Less quantity keeps its place.
            book.shrunk(o, shrink);
            o.qty = newQty;
        }
        register(o, cmd.clOrdId());
        o.amendedNanos = now;
        o.status = OrdStatus.REPLACED;
        out.report(o.origin.compId(), report(o, ExecType.REPLACED, o.clOrdId, o.previousClOrdId, now, null, null));
        o.status = o.filled > 0 ? OrdStatus.PARTIALLY_FILLED : OrdStatus.NEW;
        if (!o.isResting()) {
            if (matchingAllowed(instrument)) {
                match(o, book, instrument, now, out);
            }
            if (o.isOpen()) {
                book.rest(o);
            }
        }
        return null;
    }

    private void restoreHold(Order o, VenueInstrument instrument, Decimal reserved, Decimal margin) {
        if (market == Market.SPOT) {
            spot.reserve(o.origin.account(), o.side == Side.BUY ? instrument.quote() : instrument.base(), reserved);
            o.reserved = reserved;
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
        boolean accountWide = dialect.massCancelScope() == DialectOptions.MassCancelReach.ACCOUNT;
        List<Order> hit = new ArrayList<>();
        for (Order o : orders.values()) {
            if (!o.isOpen()) {
                continue;
            }
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
        Order o = null;
        if (cmd.orderId() != null) {
            Order byId = orders.get(cmd.orderId());
            if (byId != null && byId.origin.account().equals(origin.account())) {
                o = byId;
            }
        } else {
            o = byClOrdId.getOrDefault(origin.compId(), Map.of()).get(cmd.clOrdId());
        }
        if (o == null) {
            return reject(EngineError.UNKNOWN_ORDER);
        }
        OrdStatus shown = o.status;
        out.report(origin.compId(), report(o, ExecType.ORDER_STATUS, cmd.clOrdId(),
                cmd.clOrdId().equals(o.clOrdId) ? null : o.clOrdId, now, null, null, shown));
        return null;
    }

    /** Cancels the open orders a session placed with cancel-on-disconnect on (its logon's 8674). */
    public int cancelOnDisconnect(OrderOrigin session, long now, Output out) {
        List<Order> hit = new ArrayList<>();
        for (Order o : orders.values()) {
            if (o.isOpen() && o.cancelOnDisconnect && o.origin.equals(session)) {
                hit.add(o);
            }
        }
        for (Order o : hit) {
            books.get(o.symbol).remove(o);
            cancel(o, now, CANCELED_ON_DISCONNECT, o.clOrdId, null, out);
        }
        return hit.size();
    }

    /** The daily rollover: closed orders and old ClOrdIDs are forgotten; open orders stay. */
    public void rollover() {
        orders.values().removeIf(o -> !o.isOpen());
        byClOrdId.clear();
        for (Order o : orders.values()) {
            byClOrdId.computeIfAbsent(o.origin.compId(), c -> new HashMap<>()).put(o.clOrdId, o);
        }
    }

    public void setInstrumentStatus(String symbol, InstrumentStatus status) {
        VenueInstrument i = instruments.get(symbol);
        if (i == null) {
            throw new IllegalArgumentException("unknown instrument " + symbol);
        }
        instruments.put(symbol, i.withStatus(status));
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

    private void cancel(Order o, long now, String reason, String clOrdId, String origClOrdId, Output out) {
        o.status = OrdStatus.CANCELED;
        releaseHold(o);
        out.report(o.origin.compId(), report(o, ExecType.CANCELED, clOrdId, origClOrdId, now, null, reason));
    }

    /** The order a cancel or amend names, if it was placed in this very session: 37 wins over 41. */
    private Order findInSession(String orderId, String origClOrdId, OrderOrigin origin) {
        Order o = orderId != null ? orders.get(orderId)
                : byClOrdId.getOrDefault(origin.compId(), Map.of()).get(origClOrdId);
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
        byClOrdId.computeIfAbsent(o.origin.compId(), c -> new HashMap<>()).put(newClOrdId, o);
    }

    private boolean wouldTrade(OrderBook book, Side side, boolean limit, long price) {
        Map.Entry<Long, PriceLevel> best = book.best(side.opposite());
        if (best == null) {
            return false;
        }
        return !limit || (side == Side.BUY ? best.getKey() <= price : best.getKey() >= price);
    }

    private boolean wouldTradeAgainstOthers(OrderBook book, Order o, long price) {
        return wouldTrade(book, o.side, true, price);
    }

    /** Cost of taking {@code qty} from the book as it stands, at price + qty precision; -1 for an empty side. */
    private static long estimateCost(OrderBook book, Side side, long qty) {
        long left = qty;
        long cost = 0;
        for (PriceLevel level : book.opposite(side).values()) {
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

    private static String description(Order o, VenueInstrument i) {
        StringBuilder sb = new StringBuilder(48);
        sb.append(o.side == Side.BUY ? "buy " : "sell ");
        Decimal.of(o.qty, i.qtyPrecision()).stripTrailingZeros().appendTo(sb);
        sb.append(' ').append(o.symbol).append(" @ ");
        if (o.isLimit()) {
            sb.append("limit ");
            Decimal.of(o.price, i.pricePrecision()).stripTrailingZeros().appendTo(sb);
        } else {
            sb.append("market");
        }
        return sb.toString();
    }

    private record Fill(long qty, long price, long cost, String tradeId, long tradeSeq, Liquidity liquidity) {
    }

    private ExecutionReport report(Order o, ExecType type, String clOrdId, String origClOrdId, long now, Fill fill,
                                   String text) {
        return report(o, type, clOrdId, origClOrdId, now, fill, text, o.status);
    }

    private ExecutionReport report(Order o, ExecType type, String clOrdId, String origClOrdId, long now, Fill fill,
                                   String text, OrdStatus status) {
        VenueInstrument i = instruments.get(o.symbol);
        int pp = i.pricePrecision();
        int qp = i.qtyPrecision();
        String execId = dialect.execIdScheme() == DialectOptions.ExecIdScheme.SEQUENTIAL
                ? "EXEC" + sequentialExecIds.merge(o.origin.compId(), 1L, Long::sum) + ":" + ExecIds.DEFAULT_SUFFIX
                : ExecIds.derive(clOrdId, o.reports, ExecIds.DEFAULT_SUFFIX);
        o.reports++;
        Decimal avgPx = o.filled == 0 ? Decimal.ZERO : average(o.cumCost, o.filled, pp, qp);
        if (fill != null && market == Market.DERIVATIVES
                && dialect.derivativesFillAvgPx() == DialectOptions.FillAvgPx.ZERO) {
            avgPx = Decimal.ZERO;
        }
        List<Fee> feeList = fill == null ? List.of()
                : List.of(new Fee(o.feeTotal.stripTrailingZeros(), o.feeCurrency, FeeType.EXCHANGE, null));
        long leaves = o.status.isTerminal() ? 0 : o.qty - o.filled;
        return new ExecutionReport(
                new Stamp(now, tradingDay.dayOf(now), 0),
                clOrdId, origClOrdId, o.orderId, execId,
                fill == null ? null : Long.toString(fill.tradeSeq()),
                type, status, o.symbol, o.side, o.ordType, o.timeInForce,
                dec(o.qty, qp),
                o.isLimit() ? dec(o.price, pp) : null,
                null, null, null,
                fill == null ? null : dec(fill.price(), pp),
                fill == null ? null : dec(fill.qty(), qp),
                avgPx,
                dec(o.filled, qp),
                dec(leaves, qp),
                dec(o.cumCost, pp + qp),
                fill == null ? null : dec(fill.cost(), pp + qp),
                feeList,
                fill == null ? null : fill.tradeId(),
                fill == null ? null : fill.liquidity(),
                now, Stamp.NO_TIME, text, -1, null);
    }

    /** dialect.execution-report.exec-id-scheme = sequential: the last {@code <n>} of each CompID's session. */
    private final Map<String, Long> sequentialExecIds = new HashMap<>();

    private static Decimal dec(long mantissa, int scale) {
        return Decimal.of(mantissa, scale).stripTrailingZeros();
    }

    /** Average fill price, to 8 decimals beyond the price precision, written without trailing zeros. */
    private static Decimal average(long cumCost, long filled, int pp, int qp) {
        BigDecimal avg = BigDecimal.valueOf(cumCost, pp + qp)
                .divide(BigDecimal.valueOf(filled, qp), Math.min(pp + 8, Decimal.MAX_SCALE), RoundingMode.HALF_UP)
                .stripTrailingZeros();
        if (avg.scale() < 0) {
            avg = avg.setScale(0);
        }
        return Decimal.of(avg.unscaledValue().longValueExact(), avg.scale());
    }

    // --- state ---------------------------------------------------------------------------------------------

    /** Open orders in entry order. */
    public List<Order> openOrders() {
        List<Order> open = new ArrayList<>();
        for (Order o : orders.values()) {
            if (o.isOpen()) {
                open.add(o);
            }
        }
        return open;
    }

    public Order order(String orderId) {
        return orders.get(orderId);
    }

    /** Price levels of one side, best first: price and total quantity as decimals. */
    public List<Decimal[]> levels(String symbol, Side side, int depth) {
        OrderBook book = books.get(symbol);
        VenueInstrument i = instruments.get(symbol);
        List<Decimal[]> out = new ArrayList<>();
        if (book == null) {
            return out;
        }
        for (Iterator<PriceLevel> it = book.side(side).values().iterator(); it.hasNext() && out.size() < depth; ) {
            PriceLevel l = it.next();
            out.add(new Decimal[]{dec(l.price, i.pricePrecision()), dec(l.totalLeaves, i.qtyPrecision())});
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
        spot.all().forEach((account, assets) -> {
            Map<String, Decimal[]> m = new TreeMap<>();
            assets.forEach((asset, b) -> m.put(asset, new Decimal[]{b.total, b.available()}));
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
