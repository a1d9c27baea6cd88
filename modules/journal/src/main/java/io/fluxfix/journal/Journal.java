package io.fluxfix.journal;

import io.fluxfix.model.command.Command;
import io.fluxfix.model.event.Event;

/**
 * The write-ahead journal of everything a FluxFix process receives and sends: an inbound event is appended on
 * the session's thread before it is emitted downstream, an outbound command before it is written to the
 * socket. What a strategy saw is therefore always on disk, and a replay of the journal feeds the same events
 * in the same order.
 *
 * <p>Every record carries its direction, the FluxFix session it belongs to (a name such as
 * {@code spot-trading} or {@code spot-md-l2}), its time in nanoseconds (receive time inbound, send time
 * outbound), the Kraken session day and the FIX MsgSeqNum that carried it (0 for what FluxFix made itself,
 * e.g. a session going down), and the event or command.
 *
 * <p>Implementations: {@code ChronicleJournal} (Chronicle Queue, daily roll cycles). Appends of one session
 * come from that session's thread; different sessions may append concurrently.
 */
public interface Journal extends AutoCloseable {

    /** Which way a record went. */
    enum Direction {
        /** Received from the venue (or made by FluxFix about a session: connects, disconnects). */
        IN,
        /** Sent to the venue. */
        OUT
    }

    /**
     * Appends an event received on {@code session}; its {@link io.fluxfix.model.event.Stamp} gives time, session
     * day and MsgSeqNum. Returns once the record is written.
     */
    void appendInbound(String session, Event event);

    /**
     * Appends a command about to be sent on {@code session} as MsgSeqNum {@code msgSeqNum} of {@code sessionDay},
     * at {@code sentNanos}. Returns once the record is written; only then may the message go out.
     */
    void appendOutbound(String session, long sentNanos, int sessionDay, long msgSeqNum, Command command);

    /**
     * Whether an inbound record of {@code session} with this session day and MsgSeqNum is already in the
     * journal: a PossDup resend of it is neither journaled nor delivered again.
     */
    boolean holdsInbound(String session, int sessionDay, long msgSeqNum);

    @Override
    void close();
}
