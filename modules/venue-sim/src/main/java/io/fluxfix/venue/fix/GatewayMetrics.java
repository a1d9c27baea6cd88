package io.fluxfix.venue.fix;

import io.fluxfix.model.Market;
import io.fluxfix.model.OrdType;

/** What the gateway counts; the venue wires it to its Micrometer meters. */
public interface GatewayMetrics {

    GatewayMetrics NONE = new GatewayMetrics() {
    };

    default void order(Market market, OrdType type) {
    }

    default void cancelled(Market market, String reason, int count) {
    }

    default void reject(String compId, String kind, String reason) {
    }

    default void logon(String compId, boolean accepted) {
    }

    default void forcedDisconnect(String compId, String reason) {
    }
}
