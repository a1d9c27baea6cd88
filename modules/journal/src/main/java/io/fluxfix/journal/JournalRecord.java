package io.fluxfix.journal;

import io.fluxfix.model.command.Command;
import io.fluxfix.model.event.Event;

import java.util.Objects;

/**
 * One record read back from a journal.
 *
 * @param direction  in (from the venue, or FluxFix about a session) or out (sent to the venue)
 * @param session    the FluxFix session name the record was appended under
 * @param timeNanos  epoch nanoseconds: receive time inbound, send time outbound
 * @param sessionDay the Kraken session day
 * @param seqNum     the FIX MsgSeqNum that carried it, 0 for what FluxFix made itself
 * @param type       what the payload is
 * @param payload    an {@link Event} when {@code type.isEvent()}, else a {@link Command}
 */
public record JournalRecord(Journal.Direction direction, String session, long timeNanos, int sessionDay,
                            long seqNum, RecordType type, Object payload) {

    public JournalRecord {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
    }

    /** The payload as an event; fails for a command record. */
    public Event event() {
        return (Event) payload;
    }

    /** The payload as a command; fails for an event record. */
    public Command command() {
        return (Command) payload;
    }
}
