package io.fluxfix.model.command;

import java.util.Objects;

/**
 * Asks for the venue's trading mode, once or with updates.
 *
 * @param tradingSessionId Kraken's examples use {@code SESSION}; null when not stated
 */
public record TradingSessionStatusRequest(String requestId, String tradingSessionId,
                                          SubscriptionType subscriptionType) implements Command {

    public TradingSessionStatusRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(subscriptionType, "subscriptionType");
    }
}
