package io.fluxfix.model.command;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.SelfTradePrevention;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.TriggerReference;
import io.fluxfix.model.event.Stamp;

import java.util.Objects;

/**
 * A new order of any Kraken type. Optional values are null (or {@link Stamp#NO_TIME} for times); null
 * for an optional instruction means "the venue's default".
 *
 * @param price            limit price; required when {@link OrdType#hasLimitPrice()}
 * @param stopPx           trigger price, or trailing distance in quote currency for trailing types;
 *                         required when {@link OrdType#hasTrigger()}
 * @param expireTime       GTD expiry (epoch nanos), required with {@link TimeInForce#GOOD_TILL_DATE}
 * @param effectiveTime    scheduled start (epoch nanos), Spot only
 * @param validUntilTime   the engine refuses the order if it arrives later (epoch nanos), 2–60 s ahead
 * @param displayQty       iceberg: the visible quantity, at least 1/15 of the order quantity, Spot only
 * @param triggerReference which price the trigger watches; null = last trade
 * @param selfTradePrevention Spot only; null = cancel newest
 * @param margin           Spot margin order
 * @param allocAccount     broker accounts: the target sub-account
 * @param transactTime     when the order was created (epoch nanos)
 */
public record NewOrder(
        String clOrdId,
        String symbol,
        Side side,
        OrdType ordType,
        Decimal orderQty,
        Decimal price,
        Decimal stopPx,
        TimeInForce timeInForce,
        long expireTime,
        long effectiveTime,
        long validUntilTime,
        ExecInstructions execInstructions,
        Decimal displayQty,
        TriggerReference triggerReference,
        SelfTradePrevention selfTradePrevention,
        boolean margin,
        String allocAccount,
        long transactTime) implements OrderCommand {

    public NewOrder {
        Objects.requireNonNull(clOrdId, "clOrdId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(ordType, "ordType");
        Objects.requireNonNull(orderQty, "orderQty");
        Objects.requireNonNull(timeInForce, "timeInForce");
        execInstructions = execInstructions == null ? ExecInstructions.NONE : execInstructions;
    }

    /** A plain limit order; use the canonical constructor for everything else. */
    public static NewOrder limit(String clOrdId, String symbol, Side side, Decimal qty, Decimal price,
                                 TimeInForce tif, ExecInstructions instructions, long transactTime) {
        return new NewOrder(clOrdId, symbol, side, OrdType.LIMIT, qty, price, null, tif, Stamp.NO_TIME,
                Stamp.NO_TIME, Stamp.NO_TIME, instructions, null, null, null, false, null, transactTime);
    }

    public static NewOrder market(String clOrdId, String symbol, Side side, Decimal qty,
                                  ExecInstructions instructions, long transactTime) {
        return new NewOrder(clOrdId, symbol, side, OrdType.MARKET, qty, null, null, TimeInForce.IMMEDIATE_OR_CANCEL,
                Stamp.NO_TIME, Stamp.NO_TIME, Stamp.NO_TIME, instructions, null, null, null, false, null,
                transactTime);
    }
}
