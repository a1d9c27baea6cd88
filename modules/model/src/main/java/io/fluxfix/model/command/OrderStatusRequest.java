package io.fluxfix.model.command;

import io.fluxfix.model.Side;

import java.util.Objects;

/** Asks for an order's current status; answered by an execution report of type order-status. */
public record OrderStatusRequest(String clOrdId, String orderId, String symbol, Side side) implements OrderCommand {

    public OrderStatusRequest {
        Objects.requireNonNull(clOrdId, "clOrdId");
    }
}
