package io.fluxfix.orders;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.Side;

/**
 * One order as the sink knows it, at one moment (an immutable snapshot: the {@code orders()} Flux emits one per
 * change).
 *
 * @param clOrdId      the ClOrdID the order was placed with
 * @param currentClOrdId the ClOrdID it carries now (changes with each amend)
 * @param orderId      the venue's id, null until acknowledged
 * @param session      the session (port) it was sent on
 * @param cumQty       filled so far
 * @param leavesQty    still working (the order quantity until the venue says otherwise)
 * @param rejectLayer  who refused it, when {@link OrderState#REJECTED}
 * @param reason       the venue's text, or the sink's reason, for a reject or an unsolicited cancel
 * @param transitionAt sink clock, epoch nanoseconds, of this state
 */
public record OrderView(String clOrdId, String currentClOrdId, String orderId, String session, String symbol,
                        Side side, OrdType ordType, Decimal orderQty, Decimal price, Decimal cumQty,
                        Decimal leavesQty, Decimal avgPx, OrderState state, RejectLayer rejectLayer, String reason,
                        long transitionAt) {

    public boolean isOpen() {
        return !state.isTerminal();
    }
}
