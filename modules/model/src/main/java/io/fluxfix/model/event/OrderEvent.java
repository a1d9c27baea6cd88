package io.fluxfix.model.event;

/** What the venue says about orders: execution reports, and cancel rejects from venues that send them. */
public sealed interface OrderEvent extends Event permits ExecutionReport, OrderCancelReject {

    String clOrdId();
}
