package io.fluxfix.model.event;

/**
 * Where and when an event entered FluxFix: the receive time and the FIX session position that carried it.
 *
 * @param receivedNanos nanoseconds since the Unix epoch at which the message was received (from the
 *                      injected clock, so replays are deterministic)
 * @param sessionDay    Kraken trading day of the session, see {@link io.fluxfix.model.kraken.TradingDay}
 * @param seqNum        the message's FIX MsgSeqNum within that session day; 0 for events FluxFix made
 *                      itself (connects, disconnects)
 */
public record Stamp(long receivedNanos, int sessionDay, long seqNum) {

    /** Sentinel for an absent time in the primitive time fields of events. */
    public static final long NO_TIME = Long.MIN_VALUE;

    public Stamp {
        if (seqNum < 0) {
            throw new IllegalArgumentException("seqNum " + seqNum + " < 0");
        }
    }
}
