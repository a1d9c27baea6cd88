package io.fluxfix.model.event;

import io.fluxfix.model.OrdStatus;

import java.util.Objects;

/**
 * A refused cancel or amend in the standard FIX form. Kraken's unified FIX does not send it (it answers
 * with a business reject); it is decoded defensively.
 *
 * @param forAmend      true when the refused request was an amend, false for a cancel
 * @param reasonCode    FIX CxlRejReason, or -1
 */
public record OrderCancelReject(Stamp stamp, String clOrdId, String origClOrdId, String orderId,
                                OrdStatus ordStatus, boolean forAmend, int reasonCode, String text)
        implements OrderEvent {

    public OrderCancelReject {
        Objects.requireNonNull(stamp, "stamp");
    }
}
