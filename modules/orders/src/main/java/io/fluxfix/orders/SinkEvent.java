package io.fluxfix.orders;

import java.util.List;

/** What the sink tells its users beyond order states: guards, switches, recovery steps. */
public sealed interface SinkEvent {

    long at();

    /** The error-rate guard paused new orders on a session (cancels still flow). */
    record GuardPaused(long at, String session, int rejectsLastSecond, int inFlight) implements SinkEvent {
    }

    /** New orders flow again on the session. */
    record GuardResumed(long at, String session) implements SinkEvent {
    }

    record KillSwitchChanged(long at, KillSwitch from, KillSwitch to, String why) implements SinkEvent {
    }

    /** A command was refused locally (also told to the caller as a {@link Decision}). */
    record Refused(long at, String clOrdId, Decision decision) implements SinkEvent {
    }

    /** A command waits in the queue. */
    record Queued(long at, String clOrdId, Decision decision) implements SinkEvent {
    }

    /**
     * The session went down with cancel-on-disconnect on: these orders are cancel-pending until the venue's
     * cancel reports (replayed after the next logon) or status requests confirm them.
     */
    record CancelOnDisconnectPending(long at, String session, List<String> clOrdIds) implements SinkEvent {
    }

    /**
     * Orders placed on an earlier connection of the session are still open after a new logon; Kraken's 35=F
     * cannot reach them, so the sink sent OrderMassCancelRequest 530=7 (every order of the SenderCompID).
     */
    record PreviousSessionMassCancel(long at, String session, String massCancelClOrdId, List<String> clOrdIds)
            implements SinkEvent {
    }

    /** An order's acknowledgement is overdue (or its fate unknown): the sink asked the venue with 35=H. */
    record StatusRequested(long at, String session, String clOrdId, String statusClOrdId) implements SinkEvent {
    }

    /** A report or reject did not fit the order's state (counted, never thrown). */
    record IllegalTransition(long at, String clOrdId, OrderState from, String report) implements SinkEvent {
    }

    /** Restart: the journal was read back; these orders are being reconciled with the venue. */
    record Reconciling(long at, int openOrders) implements SinkEvent {
    }

    /** Reconciliation finished: new orders are accepted. */
    record Reconciled(long at) implements SinkEvent {
    }
}
