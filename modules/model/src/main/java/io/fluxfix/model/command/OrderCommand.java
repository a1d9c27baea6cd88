package io.fluxfix.model.command;

/** Requests to the trading engine. Each carries its own, never reused, ClOrdID. */
public sealed interface OrderCommand extends Command
        permits NewOrder, CancelOrder, AmendOrder, MassCancel, OrderStatusRequest {

    String clOrdId();
}
