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

    /** A request refused by a limit: {@code spot-counter}, {@code spot-domain}, {@code open-orders}, {@code derivatives-bucket}. */
    default void rateLimited(Market market, String account, String limit) {
    }

    default void received(String compId, String msgType) {
    }

    default void sent(String compId, String msgType) {
    }

    default void fill(Market market) {
    }

    /** A session logged on (+1) or went away (-1). */
    default void loggedOn(int delta) {
    }
}
