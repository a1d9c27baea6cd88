package io.fluxfix.orders;

/** Who refused an order. */
public enum RejectLayer {
    /** The sink itself, before sending (risk, kill switch, caps, rate policy, error-rate guard); nothing was sent. */
    LOCAL,
    /** The venue's session layer (35=3). */
    SESSION,
    /** The venue's order-entry layer (35=j). */
    BUSINESS,
    /** The matching engine (an ExecutionReport with OrdStatus Rejected, or an unsolicited cancel). */
    ENGINE,
    /**
     * Nobody refused it: the venue never received it. The order was journaled but never acknowledged (e.g. the
     * process died between the journal append and the socket write), and the venue answered a status request by
     * its ClOrdID with "Unknown order". It was never placed; its ClOrdID stays used.
     */
    NOT_RECEIVED
}
