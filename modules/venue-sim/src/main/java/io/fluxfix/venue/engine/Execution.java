package io.fluxfix.venue.engine;

import io.fluxfix.kraken.DialectOptions;
import io.fluxfix.kraken.ExecIds;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.Liquidity;
import io.fluxfix.model.Market;
import io.fluxfix.model.OrdStatus;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.Side;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.Fee;
import io.fluxfix.model.event.FeeType;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.model.kraken.TradingDay;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * One execution the engine reports on an order — what an ExecutionReport (35=8) will say — handed to
 * {@link MatchingEngine.Output}. The engine fills in one instance per engine and reuses it for every report,
 * so a view is valid <b>only during the callback</b>: keep {@link #toExecutionReport()}, never the view.
 *
 * <p>The view carries what the engine decided, as it decided it: the order (its state is the state at this
 * report), the execution type, the ids, and for a fill the trade's quantity, price and cost as mantissas at the
 * instrument's precisions. What is derived from those for the report — decimals without trailing zeros, the
 * average price, the ExecID text, the order's description — is built by {@link #toExecutionReport()}, the one
 * place that turns an execution into the model's report; the venue's gateway calls it for every report it sends.
 */
public final class Execution {

    /** {@link #text()} is the text as set. */
    static final int TEXT_AS_SET = 0;
    /** {@link #text()} is the order's description (acknowledgements). */
    static final int TEXT_DESCRIPTION = 1;
    /** {@link #text()} is "triggered at" the order's trigger price (restatements). */
    static final int TEXT_TRIGGERED = 2;

    private final Market market;
    private final DialectOptions dialect;
    private final TradingDay tradingDay;
    private final boolean execIdsSequential;

    Order order;
    ExecType execType;
    OrdStatus ordStatus;
    String clOrdId;
    String origClOrdId;
    long transactTime;
    boolean fill;
    /** A cancel by which the engine refuses an order it had acknowledged (set by the engine after {@link #set}). */
    boolean refusal;
    long lastQty;
    long lastPx;
    long lastCost;
    String tradeId;
    long tradeSeq;
    Liquidity liquidity;
    private String text;
    private int textKind;
    /** CLORDID_DERIVED: the ClOrdID's low 48 bits; SEQUENTIAL: unused. */
    long execIdLow48;
    /** CLORDID_DERIVED: the order's report number; SEQUENTIAL: the session's ExecID number. */
    long execIdNumber;

    Execution(Market market, DialectOptions dialect, TradingDay tradingDay) {
        this.market = market;
        this.dialect = dialect;
        this.tradingDay = tradingDay;
        this.execIdsSequential = dialect.execIdScheme() == DialectOptions.ExecIdScheme.SEQUENTIAL;
    }

    /** A report that is not a fill. */
    void set(Order o, ExecType type, OrdStatus status, String clOrdId, String origClOrdId, long now, String text,
             int textKind) {
        this.order = o;
        this.execType = type;
        this.refusal = false;
        this.ordStatus = status;
        this.clOrdId = clOrdId;
        this.origClOrdId = origClOrdId;
        this.transactTime = now;
        this.fill = false;
        this.lastQty = 0;
        this.lastPx = 0;
        this.lastCost = 0;
        this.tradeId = null;
        this.tradeSeq = 0;
        this.liquidity = null;
        this.text = text;
        this.textKind = textKind;
    }

    /** A fill (150=F) of {@code qty} at {@code px}. */
    void setFill(Order o, long qty, long px, long cost, String tradeId, long tradeSeq, Liquidity liquidity, long now) {
        set(o, ExecType.TRADE, o.status, o.clOrdId, null, now, null, TEXT_AS_SET);
        this.fill = true;
        this.lastQty = qty;
        this.lastPx = px;
        this.lastCost = cost;
        this.tradeId = tradeId;
        this.tradeSeq = tradeSeq;
        this.liquidity = liquidity;
    }

    // --- what the engine decided ----------------------------------------------------------------------------

    /** The order, in its state at this report (valid during the callback only). */
    public Order order() {
        return order;
    }

    public ExecType execType() {
        return execType;
    }

    public OrdStatus ordStatus() {
        return ordStatus;
    }

    /** 11: the ClOrdID of the request that caused this report. */
    public String clOrdId() {
        return clOrdId;
    }

    /** 41, or null. */
    public String origClOrdId() {
        return origClOrdId;
    }

    public long transactTime() {
        return transactTime;
    }

    /**
     * Whether this is a cancel by which the engine refuses an order it had acknowledged (an engine check in the
     * unsolicited-cancel form, post-only, a mode that does not match, a rate limit): what
     * {@code dialect.error-rate.counts = rejects-and-unsolicited-cancels} counts as an error.
     */
    public boolean isRefusal() {
        return refusal;
    }

    /** Whether this report carries a fill (150=F). */
    public boolean isFill() {
        return fill;
    }

    /** 32, at the quantity precision; 0 unless a fill. */
    public long lastQty() {
        return lastQty;
    }

    /** 31, at the price precision; 0 unless a fill. */
    public long lastPx() {
        return lastPx;
    }

    /** 31 as a number (a fill's price), for readers outside the engine. */
    public Decimal lastPxDecimal() {
        return dec(lastPx, order.book.pricePrecision);
    }

    /** 32 as a number (a fill's quantity), for readers outside the engine. */
    public Decimal lastQtyDecimal() {
        return dec(lastQty, order.book.qtyPrecision);
    }

    /** 118 NetMoney, 31 × 32 at price + quantity precision; 0 unless a fill. */
    public long lastCost() {
        return lastCost;
    }

    /** 1003 on fills, else null. */
    public String tradeId() {
        return tradeId;
    }

    /** 527 on fills (the book's trade sequence), else 0. */
    public long tradeSeq() {
        return tradeSeq;
    }

    /** 851 on fills, else null. */
    public Liquidity liquidity() {
        return liquidity;
    }

    /** 14, at the quantity precision. */
    public long cumQty() {
        return order.filled;
    }

    /** 151, at the quantity precision (0 once the order is done). */
    public long leavesQty() {
        return order.status.isTerminal() ? 0 : order.qty - order.filled;
    }

    /** 381 GrossTradeAmt, Σ fill price × quantity, at price + quantity precision. */
    public long cumCost() {
        return order.cumCost;
    }

    /**
     * The number the ExecID is made from: {@code low48(ClOrdID) << 16 | report number} under the
     * CLORDID_DERIVED scheme, the session's sequence number under SEQUENTIAL.
     */
    public long execIdValue() {
        return execIdsSequential ? execIdNumber
                : execIdLow48 << 16 | (execIdNumber & 0xFFFF);
    }

    // --- what is derived for the report ---------------------------------------------------------------------

    /** 17 ExecID. */
    public String execId() {
        return execIdsSequential
                ? "EXEC" + execIdNumber + ":" + ExecIds.DEFAULT_SUFFIX
                : ExecIds.of(execIdLow48, (int) execIdNumber, ExecIds.DEFAULT_SUFFIX);
    }

    /** 58: the reason, the order's description on an acknowledgement, or null. */
    public String text() {
        if (textKind == TEXT_DESCRIPTION) {
            text = description(order);
            textKind = TEXT_AS_SET;
        } else if (textKind == TEXT_TRIGGERED) {
            text = "triggered at " + dec(order.triggerPrice, order.book.pricePrecision);
            textKind = TEXT_AS_SET;
        }
        return text;
    }

    /** The model's report of this execution: the only place one is built from the engine's state. */
    public ExecutionReport toExecutionReport() {
        Order o = order;
        int pp = o.book.pricePrecision;
        int qp = o.book.qtyPrecision;
        String execId = execId();
        Decimal avgPx = o.filled == 0 ? Decimal.ZERO : average(o.cumCost, o.filled, pp, qp);
        if (fill && market == Market.DERIVATIVES && dialect.derivativesFillAvgPx() == DialectOptions.FillAvgPx.ZERO) {
            avgPx = Decimal.ZERO;
        }
        List<Fee> feeList = !fill ? List.of()
                : List.of(new Fee(dec(o.feeTotal, o.feeTotalScale), o.feeCurrency, FeeType.EXCHANGE, null));
        long leaves = o.status.isTerminal() ? 0 : o.qty - o.filled;
        return new ExecutionReport(
                new Stamp(transactTime, tradingDay.dayOf(transactTime), 0),
                clOrdId, origClOrdId, o.orderId, execId,
                fill ? Long.toString(tradeSeq) : null,
                execType, ordStatus, o.symbol, o.side, o.ordType, o.timeInForce,
                dec(o.qty, qp),
                o.ordType.hasLimitPrice() ? dec(o.price, pp) : null,
                o.placedType.hasTrigger() ? dec(o.stopPx, pp) : null,
                o.triggerPrice != 0 ? dec(o.triggerPrice, pp) : null,
                o.isIceberg() ? dec(o.displayQty, qp) : null,
                fill ? dec(lastPx, pp) : null,
                fill ? dec(lastQty, qp) : null,
                avgPx,
                dec(o.filled, qp),
                dec(leaves, qp),
                dec(o.cumCost, pp + qp),
                fill ? dec(lastCost, pp + qp) : null,
                feeList,
                fill ? tradeId : null,
                fill ? liquidity : null,
                transactTime, o.expireTime, text(), -1, o.allocAccount);
    }

    /**
     * 58 on the acknowledgement, in Kraken's REST order-description style: "buy 0.1 BTC/USD @ limit 84000",
     * "sell 0.001 BTC/USD @ stop loss 80000 -> limit 79500", "sell 0.001 BTC/USD @ trailing stop +2000".
     */
    private String description(Order o) {
        int pp = o.book.pricePrecision;
        int qp = o.book.qtyPrecision;
        StringBuilder sb = new StringBuilder(64);
        sb.append(o.side == Side.BUY ? "buy " : "sell ");
        appendStripped(sb, o.qty, qp);
        sb.append(' ').append(o.symbol).append(" @ ");
        switch (o.placedType) {
            case LIMIT:
                sb.append("limit ");
                appendStripped(sb, o.price, pp);
                break;
            case MARKET:
                sb.append("market");
                break;
            default:
                String name = o.placedType.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
                sb.append(name.endsWith(" limit") ? name.substring(0, name.length() - 6) : name).append(' ');
                if (o.placedType.isTrailing()) {
                    sb.append('+');
                }
                appendStripped(sb, o.stopPx, pp);
                if (o.placedType.hasLimitPrice()) {
                    sb.append(" -> limit ");
                    if (o.placedType == OrdType.TRAILING_STOP_LIMIT
                            && dialect.trailingStopLimitPrice() == DialectOptions.TrailingStopLimitPrice.OFFSET) {
                        sb.append(o.side == Side.BUY ? '+' : '-');
                    }
                    appendStripped(sb, o.price, pp);
                }
        }
        if (o.isIceberg()) {
            sb.append(" iceberg ");
            appendStripped(sb, o.displayQty, qp);
        }
        return sb.toString();
    }

    /** {@code mantissa × 10^-scale} without trailing zeros in its fraction, as one {@link Decimal}. */
    static Decimal dec(long mantissa, int scale) {
        long u = mantissa;
        int s = scale;
        while (s > 0 && u % 10 == 0) {
            u /= 10;
            s--;
        }
        return Decimal.of(u, s);
    }

    private static void appendStripped(StringBuilder sb, long mantissa, int scale) {
        long u = mantissa;
        int s = scale;
        while (s > 0 && u % 10 == 0) {
            u /= 10;
            s--;
        }
        Decimal.appendTo(sb, u, s);
    }

    /**
     * Average fill price {@code cumCost / filled}, to 8 decimals beyond the price precision (at most
     * {@value Decimal#MAX_SCALE}), rounded half up and written without trailing zeros. Long division when the
     * numbers allow it (always, for real prices and sizes); {@link BigDecimal} otherwise, with the same result.
     */
    static Decimal average(long cumCost, long filled, int pp, int qp) {
        int target = Math.min(pp + 8, Decimal.MAX_SCALE);
        // cumCost is at pp + qp, filled at qp: cumCost / filled is the price at pp; `extra` more digits wanted.
        int extra = target - pp;
        if (cumCost >= 0 && filled > 0 && extra >= 0) {
            long q = cumCost / filled;
            long r = cumCost % filled;
            int left = extra;
            boolean exact = true;
            while (left > 0 && exact) {
                // As many digits at a time as r × 10^k allows without overflow (r < filled).
                int k = Math.min(left, digitsThatFit(filled));
                if (k == 0) {
                    exact = false;
                    break;
                }
                long p = Decimal.pow10(k);
                long hi = Math.multiplyHigh(q, p);
                long qp10 = q * p;
                if (hi != 0 || qp10 < 0) {
                    exact = false;
                    break;
                }
                long rp = r * p;
                long digits = rp / filled;
                r = rp % filled;
                q = qp10 + digits;
                if (q < 0) {
                    exact = false;
                    break;
                }
                left -= k;
            }
            if (exact) {
                // Half up: the remainder is at least half the divisor (r < filled, so 2r cannot overflow much).
                if (r >= filled - r) {
                    q++;
                }
                if (q >= 0) {
                    return dec(q, target);
                }
            }
        }
        BigDecimal avg = BigDecimal.valueOf(cumCost, pp + qp)
                .divide(BigDecimal.valueOf(filled, qp), target, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        if (avg.scale() < 0) {
            avg = avg.setScale(0);
        }
        return Decimal.of(avg.unscaledValue().longValueExact(), avg.scale());
    }

    /** The largest k ≥ 0 with {@code (bound − 1) × 10^k} within a long (k ≤ 18). */
    private static int digitsThatFit(long bound) {
        int k = 0;
        long limit = Long.MAX_VALUE / 10;
        long v = bound;
        while (k < Decimal.MAX_SCALE && v <= limit) {
            v *= 10;
            k++;
        }
        return k;
    }
}
