package io.fluxfix.model.event;

import java.util.Objects;

/**
 * A message refused by business rules before it reached the matching engine; {@code refId} is the
 * refused request's ClOrdID (correlate by it: Kraken's RefSeqNum is unreliable).
 *
 * @param text Kraken's error string, e.g. {@code EOrder:Insufficient funds}
 */
public record BusinessReject(Stamp stamp, long refSeqNum, MessageKind refMessage, String refId,
                             BusinessRejectReason reason, String text) implements RejectEvent {

    public BusinessReject {
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(reason, "reason");
    }
}
