package io.fluxfix.venue.engine;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.Market;
import io.fluxfix.model.OrdStatus;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.SelfTradePrevention;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;

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
    final OrdType ordType;
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
    Decimal feeTotal = Decimal.ZERO;
    String feeCurrency;
    OrdStatus status = OrdStatus.NEW;
    long amendedNanos;
    /** Spot: what the order still holds of its account's balance. */
    Decimal reserved = Decimal.ZERO;
    /** Derivatives: initial margin the order still holds. */
    Decimal marginHeld = Decimal.ZERO;
    int reports;
    long queueSeq;

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

    @Override
    public String toString() {
        return "Order[" + orderId + " " + clOrdId + " " + side + " " + qty + "@" + price + " " + status + "]";
    }
}
