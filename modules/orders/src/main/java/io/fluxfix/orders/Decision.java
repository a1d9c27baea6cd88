package io.fluxfix.orders;

import java.util.Objects;

/**
 * What the sink did with one command, told to the strategy at once.
 *
 * @param outcome   sent now, waiting in the queue, or refused (nothing sent)
 * @param reason    why it waits or was refused; null when sent
 * @param waitNanos for a queued or refused command: how long until the limit that held it would allow it, as
 *                  far as the sink can tell (0 when unknown or not a matter of time)
 */
public record Decision(Outcome outcome, Reason reason, long waitNanos, String detail) {

    public enum Outcome {
        SENT,
        QUEUED,
        REFUSED,
        /** Settled without the venue (a cancel of an order that had not left the queue). */
        DONE_LOCALLY
    }

    /** Why a command waits or was refused. */
    public enum Reason {
        /** Kraken's Spot counter (with the safety margin) or the Derivatives bucket. */
        RATE_LIMIT,
        /** The error-rate guard paused new orders. */
        ERROR_RATE_GUARD,
        /** The pair's open-order cap. */
        OPEN_ORDER_CAP,
        /** A pre-trade risk limit ({@code detail} says which). */
        RISK,
        /** The kill switch's state. */
        KILL_SWITCH,
        /** The instrument's or the venue's trading status. */
        TRADING_STATUS,
        /** A ClOrdID the sink has already seen (sent, queued, or in the journal): never sent twice. */
        DUPLICATE_CLORDID,
        /** A ClOrdID that breaks Kraken's format rules for the market. */
        BAD_CLORDID,
        /** A cancel or amend of an order the sink does not know, or one already finished. */
        UNKNOWN_ORDER,
        /** A 35=F/G for an order placed on an earlier connection: Kraken cannot reach it that way. */
        PREVIOUS_SESSION,
        /** The session is down (policy refuse) or the port is unknown. */
        SESSION_DOWN,
        /** Restart reconciliation is under way. */
        RECONCILING,
        /** The queue is full. */
        QUEUE_FULL,
        /** An earlier command of the same order waits, so this one waits behind it. */
        ORDER_SEQUENCE
    }

    public Decision {
        Objects.requireNonNull(outcome, "outcome");
    }

    static final Decision SENT = new Decision(Outcome.SENT, null, 0, null);

    static Decision queued(Reason reason, long waitNanos) {
        return new Decision(Outcome.QUEUED, reason, Math.max(0, waitNanos), null);
    }

    static Decision refused(Reason reason, long waitNanos, String detail) {
        return new Decision(Outcome.REFUSED, reason, Math.max(0, waitNanos), detail);
    }

    public boolean sent() {
        return outcome == Outcome.SENT;
    }
}
