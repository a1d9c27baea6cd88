package io.fluxfix.model.event;

/**
 * The life of a FIX session as FluxFix sees it. Every session event names its session (the name the user
 * gave it in config, e.g. {@code spot-trading}).
 */
public sealed interface SessionEvent extends Event {

    String session();

    /** Connecting and sending Logon. */
    record LoggingOn(Stamp stamp, String session) implements SessionEvent {
    }

    /**
     * The venue accepted the Logon.
     *
     * @param sequenceReset whether both sides started again at 1
     */
    record LoggedOn(Stamp stamp, String session, int heartbeatSeconds, boolean sequenceReset)
            implements SessionEvent {
    }

    /**
     * Logout exchanged.
     *
     * @param byVenue true when the venue logged us out (a failed logon, the error-rate safeguard ...)
     * @param reason  the venue's text, or ours
     */
    record LoggedOut(Stamp stamp, String session, boolean byVenue, String reason) implements SessionEvent {
    }

    /** The transport closed, cleanly or not; the venue's cancel-on-disconnect may now apply. */
    record Disconnected(Stamp stamp, String session, String reason) implements SessionEvent {
    }

    /** The daily 22:00 UTC rollover started a new session day; sequence numbers restart at 1. */
    record Rollover(Stamp stamp, String session, int newSessionDay) implements SessionEvent {
    }

    /** A message arrived with a higher sequence number than expected. */
    record SequenceGap(Stamp stamp, String session, long expected, long received) implements SessionEvent {
    }

    /**
     * A resend was requested.
     *
     * @param endSeqNo 0 for "everything up to the current message"
     * @param byVenue  true when the venue asked us to resend
     */
    record ResendRequested(Stamp stamp, String session, long beginSeqNo, long endSeqNo, boolean byVenue)
            implements SessionEvent {
    }

    /**
     * A SequenceReset arrived: a gap fill over messages not re-sent (admin messages), or a hard reset.
     *
     * @param gapFill true for a gap fill, false for a hard reset
     */
    record SequenceReset(Stamp stamp, String session, long newSeqNo, boolean gapFill) implements SessionEvent {
    }
}
