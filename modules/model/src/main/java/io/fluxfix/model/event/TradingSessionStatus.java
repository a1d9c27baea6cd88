package io.fluxfix.model.event;

import io.fluxfix.model.TradingStatus;

import java.util.Objects;

/**
 * The venue's trading mode, as a snapshot or an update to a subscription.
 *
 * @param status       null when the request was rejected
 * @param rejectReason null unless the request was rejected
 */
public record TradingSessionStatus(Stamp stamp, String requestId, String tradingSessionId, TradingStatus status,
                                   TradingSessionStatusRejectReason rejectReason, String text)
        implements ReferenceDataEvent {

    public TradingSessionStatus {
        Objects.requireNonNull(stamp, "stamp");
    }
}
