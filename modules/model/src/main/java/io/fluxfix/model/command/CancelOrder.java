package io.fluxfix.model.command;

import io.fluxfix.model.Side;

import java.util.Objects;

/**
 * Cancels one order placed on the same session. At least one of {@code orderId} and {@code origClOrdId}
 * is set; when both are, Kraken uses only the order id.
 *
 * @param clOrdId     the cancel request's own new ClOrdID
 * @param origClOrdId the order's last ClOrdID
 */
public record CancelOrder(String clOrdId, String origClOrdId, String orderId, String symbol, Side side,
                          long transactTime) implements OrderCommand {

    public CancelOrder {
        Objects.requireNonNull(clOrdId, "clOrdId");
        if (origClOrdId == null && orderId == null) {
            throw new IllegalArgumentException("a cancel needs the order id or the original ClOrdID");
        }
    }
}
