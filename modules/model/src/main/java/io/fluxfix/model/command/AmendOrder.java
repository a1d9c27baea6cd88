package io.fluxfix.model.command;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;

import java.util.Objects;

/**
 * Kraken's atomic amend (FIX cancel/replace): same order id, fills kept, queue priority kept where the
 * venue's rules allow. Only quantities and prices change; type and time in force must repeat the order's.
 *
 * @param clOrdId     the amend's own new ClOrdID
 * @param origClOrdId the order's last ClOrdID
 * @param postOnly    refuse the amend if the new price would match
 * @param validUntilTime epoch nanos, or {@link io.fluxfix.model.event.Stamp#NO_TIME}
 */
public record AmendOrder(String clOrdId, String origClOrdId, String orderId, String symbol, Side side,
                         Decimal orderQty, Decimal displayQty, OrdType ordType, TimeInForce timeInForce,
                         Decimal price, Decimal stopPx, boolean postOnly, long validUntilTime, long transactTime)
        implements OrderCommand {

    public AmendOrder {
        Objects.requireNonNull(clOrdId, "clOrdId");
        if (origClOrdId == null && orderId == null) {
            throw new IllegalArgumentException("an amend needs the order id or the original ClOrdID");
        }
    }
}
