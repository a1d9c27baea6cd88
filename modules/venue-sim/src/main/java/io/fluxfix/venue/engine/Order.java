package io.fluxfix.venue.engine;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.Market;
import io.fluxfix.model.OrdStatus;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.SelfTradePrevention;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.TriggerReference;
import io.fluxfix.model.event.Stamp;

/**
 * One order in the engine. Prices and quantities are mantissas at the instrument's precisions; mutable, and
 * touched only by its engine's thread. While it rests it is linked into its {@link PriceLevel}'s queue.
 */
public final class Order {

    final String orderId;
    final Market market;
    final String symbol;
    final OrderOrigin origin;
    final Side side;
    /** The type the order was placed with (stop-loss, trailing …). */
    final OrdType placedType;
    /** The type it behaves as now: the placed type until a trigger fires, then market or limit (ER tag 40). */
    OrdType ordType;
    final TimeInForce timeInForce;
    final ExecInstructions instructions;
    final SelfTradePrevention stp;
    final boolean cancelOnDisconnect;
    final long createdNanos;

    String clOrdId;
    /** The ClOrdID before the last cancel or amend, for 41 on its report. */
    String previousClOrdId;
    long price;
    long qty;
    long filled;
    /** Sum of fill price × quantity, at price precision + quantity precision. */
    long cumCost;
    /** Fees charged so far: a mantissa and its scale (the fee asset's decimals at most). */
    long feeTotal;
    int feeTotalScale;
    String feeCurrency;
    OrdStatus status = OrdStatus.NEW;
    long amendedNanos;
    /** Spot: what the order still holds of its account's balance (mantissa and scale). */
    long reserved;
    int reservedScale;
    /** Spot: its account's balances of the instrument's base and quote, once used. */
    SpotLedger.Balance baseBalance;
    SpotLedger.Balance quoteBalance;
    /** Its CompID's open orders by ClOrdID (the engine's index), once registered. */
    OpenOrdersByClOrdId openOfCompId;
    /** Its account's count of open orders on its book, while it is one of them. */
    int[] openOfAccount;
    /** Derivatives: initial margin the order still holds. */
    Decimal marginHeld = Decimal.ZERO;
    int reports;
    /** The ClOrdID whose low 48 bits {@link #execIdLow48} holds (ExecIDs are derived from it). */
    String execIdClOrdId;
    long execIdLow48;
    long queueSeq;
    /** The book of its instrument (set once accepted). */
    OrderBook book;

    // Kraken's order features (issue 4). Prices are mantissas at the price precision; 0 = not set.
    /** 99: trigger price, or the trailing distance for trailing types. */
    long stopPx;
    /** 44 as sent on a trailing-stop-limit: an offset or an absolute price (dialect.trailing-stop-limit.price). */
    long trailingLimit;
    TriggerReference triggerReference = TriggerReference.LAST_TRADE;
    /** 1102: the reference price that fired the trigger; 0 until then. */
    long triggerPrice;
    /** Trailing types: the best reference price seen since placement (highest for sells, lowest for buys). */
    long peak;
    boolean peakKnown;
    /** 1138: iceberg display quantity; 0 = not an iceberg. */
    long displayQty;
    /** Iceberg: what is left of the slice on show. */
    long visible;
    /** 126 (GTD) and 168 (EffectiveTime), nanoseconds; Stamp.NO_TIME when absent. */
    long expireTime = Stamp.NO_TIME;
    long effectiveTime = Stamp.NO_TIME;
    /** 79: the broker's sub-account, echoed on reports. */
    String allocAccount;

    // Intrusive queue links, valid while resting.
    PriceLevel level;
    Order prev;
    Order next;

    Order(String orderId, Market market, String symbol, OrderOrigin origin, Side side, OrdType ordType,
          TimeInForce timeInForce, ExecInstructions instructions, SelfTradePrevention stp, boolean cancelOnDisconnect,
          long createdNanos, String clOrdId, long price, long qty) {
        this.orderId = orderId;
        this.market = market;
        this.symbol = symbol;
        this.origin = origin;
        this.side = side;
        this.placedType = ordType;
        this.ordType = ordType;
        this.timeInForce = timeInForce;
        this.instructions = instructions;
        this.stp = stp;
        this.cancelOnDisconnect = cancelOnDisconnect;
        this.createdNanos = createdNanos;
        this.clOrdId = clOrdId;
        this.price = price;
        this.qty = qty;
        this.amendedNanos = createdNanos;
    }

    public String orderId() {
        return orderId;
    }

    public String clOrdId() {
        return clOrdId;
    }

    public String symbol() {
        return symbol;
    }

    public Side side() {
        return side;
    }

    public OrdType ordType() {
        return ordType;
    }

    public OrderOrigin origin() {
        return origin;
    }

    public OrdStatus status() {
        return status;
    }

    public long price() {
        return price;
    }

    public long qty() {
        return qty;
    }

    /** What the order shows in the book: an iceberg's slice, else everything left (a mantissa). */
    public long shownQty() {
        return shown();
    }

    /** Its place in time priority: a new value each time it joins the back of a price queue. */
    public long queueSeq() {
        return queueSeq;
    }

    /** When it was placed or last amended (nanoseconds): where its age starts for Kraken's rate counter. */
    public long placedOrAmendedAt() {
        return amendedNanos;
    }

    public long filled() {
        return filled;
    }

    public long leaves() {
        return status.isTerminal() ? 0 : qty - filled;
    }

    public boolean isOpen() {
        return !status.isTerminal();
    }

    public boolean isResting() {
        return level != null;
    }

    boolean isLimit() {
        return ordType == OrdType.LIMIT;
    }

    /** Placed with a trigger that has not fired yet. */
    boolean isWaitingForTrigger() {
        return ordType.hasTrigger();
    }

    boolean isIceberg() {
        return displayQty > 0;
    }

    /** What a taker can match against now: the slice on show for an iceberg, else everything left. */
    long shown() {
        return isIceberg() ? visible : qty - filled;
    }

    public TimeInForce timeInForce() {
        return timeInForce;
    }

    /** 99: the trigger price, or a trailing order's distance; 0 for other orders. */
    public long stopPx() {
        return stopPx;
    }

    public long displayQty() {
        return displayQty;
    }

    public long triggerPrice() {
        return triggerPrice;
    }

    @Override
    public String toString() {
        return "Order[" + orderId + " " + clOrdId + " " + side + " " + qty + "@" + price + " " + status + "]";
    }
}
