package io.fluxfix.model.event;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.Liquidity;
import io.fluxfix.model.OrdStatus;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;

import java.util.List;
import java.util.Objects;

/**
 * The venue's report on one order. Absent optional values are null ({@link Decimal}, enums, text) or
 * {@link Stamp#NO_TIME} (times).
 *
 * @param clOrdId             id of the request that caused this report
 * @param origClOrdId         the order's previous ClOrdID (on cancels and amends)
 * @param orderId             the venue's order id
 * @param execId              unique id of this report
 * @param secondaryExecId     per-pair trade sequence on fills
 * @param ordType             after a trigger fired, the type the order became
 * @param triggerPrice        the price that actually triggered the order
 * @param lastPx              price of this fill
 * @param lastQty             quantity of this fill
 * @param avgPx               average fill price
 * @param cumQty              total filled
 * @param leavesQty           quantity left on the book (0 once done)
 * @param grossTradeAmt       cumulative cost, cumQty × avgPx
 * @param netMoney            cost of this fill, lastQty × lastPx
 * @param fees                cumulative fees of the order
 * @param tradeId             the exchange's trade id on fills
 * @param liquidity           maker or taker on fills
 * @param transactTime        epoch nanoseconds of the event at the venue
 * @param expireTime          GTD expiry, epoch nanoseconds, or {@link Stamp#NO_TIME}
 * @param text                reason or description
 * @param restatementReason   FIX ExecRestatementReason code on restatements, or -1
 * @param allocAccount        broker sub-account, or null
 */
public record ExecutionReport(
        Stamp stamp,
        String clOrdId,
        String origClOrdId,
        String orderId,
        String execId,
        String secondaryExecId,
        ExecType execType,
        OrdStatus ordStatus,
        String symbol,
        Side side,
        OrdType ordType,
        TimeInForce timeInForce,
        Decimal orderQty,
        Decimal price,
        Decimal stopPx,
        Decimal triggerPrice,
        Decimal displayQty,
        Decimal lastPx,
        Decimal lastQty,
        Decimal avgPx,
        Decimal cumQty,
        Decimal leavesQty,
        Decimal grossTradeAmt,
        Decimal netMoney,
        List<Fee> fees,
        String tradeId,
        Liquidity liquidity,
        long transactTime,
        long expireTime,
        String text,
        int restatementReason,
        String allocAccount) implements OrderEvent {

    public ExecutionReport {
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(execId, "execId");
        Objects.requireNonNull(execType, "execType");
        Objects.requireNonNull(ordStatus, "ordStatus");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        fees = fees == null ? List.of() : List.copyOf(fees);
    }

    /** Whether this report carries a fill. */
    public boolean isFill() {
        return execType == ExecType.TRADE || execType == ExecType.FILL || execType == ExecType.PARTIAL_FILL;
    }
}
