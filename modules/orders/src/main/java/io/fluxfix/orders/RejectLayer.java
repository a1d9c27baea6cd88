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
    ENGINE
}
