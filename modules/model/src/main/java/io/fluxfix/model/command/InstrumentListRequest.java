package io.fluxfix.model.command;

import io.fluxfix.model.SecurityType;

import java.util.Objects;

/**
 * Asks for instrument definitions; Kraken recommends it on every (re)connect.
 *
 * @param subscriptionType null when not stated
 * @param symbol           for {@link InstrumentListRequestType#SINGLE_SYMBOL}
 * @param securityType     for {@link InstrumentListRequestType#BY_SECURITY_TYPE}
 */
public record InstrumentListRequest(String requestId, InstrumentListRequestType type,
                                    SubscriptionType subscriptionType, String symbol, SecurityType securityType)
        implements Command {

    public InstrumentListRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(type, "type");
    }

    public static InstrumentListRequest all(String requestId) {
        return new InstrumentListRequest(requestId, InstrumentListRequestType.ALL, null, null, null);
    }
}
