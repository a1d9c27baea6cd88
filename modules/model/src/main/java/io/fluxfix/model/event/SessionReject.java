package io.fluxfix.model.event;

import java.util.Objects;

/**
 * A message refused at the session layer (garbled, a required field missing, a bad value).
 *
 * @param refTagId the offending tag, or 0 when not given
 * @param reason   null when the venue does not say
 */
public record SessionReject(Stamp stamp, long refSeqNum, int refTagId, MessageKind refMessage,
                            SessionRejectReason reason, String text) implements RejectEvent {

    public SessionReject {
        Objects.requireNonNull(stamp, "stamp");
    }
}
