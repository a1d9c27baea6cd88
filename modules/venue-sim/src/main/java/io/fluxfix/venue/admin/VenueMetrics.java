package io.fluxfix.venue.admin;

import io.fluxfix.model.Market;
import io.fluxfix.model.OrdType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The venue's Micrometer meters, in a Prometheus registry this class owns; {@link AdminServer} serves it on
 * {@code GET /metrics}.
 *
 * <p>Names below are as Prometheus shows them (Micrometer names them {@code venue.messages.received} and the
 * Prometheus registry adds {@code _total} to counters). Tag values must come from small fixed sets: session ids,
 * FIX MsgType codes, reason codes, {@link Market} and {@link OrdType}; never order ids or free text. Each
 * counter is capped at {@value #MAX_TAG_SETS} tag sets all the same, past which new sets are counted under
 * {@code other} (see {@link CounterFamily}). A null or blank value becomes {@code none}. Thread-safe.
 */
public final class VenueMetrics implements io.fluxfix.venue.fix.GatewayMetrics {

    /** Most distinct tag sets one counter keeps before folding new ones into {@code other}. */
    public static final int MAX_TAG_SETS = 500;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger sessionsLoggedOn = new AtomicInteger();

    private final CounterFamily messagesReceived = counter("venue.messages.received",
            "FIX messages received from client sessions", "session", "msg_type");
    private final CounterFamily messagesSent = counter("venue.messages.sent",
            "FIX messages sent to client sessions", "session", "msg_type");
    private final CounterFamily rejects = counter("venue.rejects",
            "Rejects sent: session-level (Reject 3) or business (BusinessMessageReject j, order rejects)",
            "session", "kind", "reason");
    private final CounterFamily orders = counter("venue.orders",
            "New orders accepted by the matching engine", "market", "ord_type");
    private final CounterFamily fills = counter("venue.fills",
            "Fills of client orders, partial or full", "market");
    private final CounterFamily cancels = counter("venue.cancels",
            "Orders cancelled, by cause", "market", "reason");
    private final CounterFamily logons = counter("venue.logons",
            "Logon attempts, by result", "session", "result");
    private final CounterFamily forcedDisconnects = counter("venue.forced.disconnects",
            "Sessions the venue disconnected itself", "session", "reason");
    private final CounterFamily rateLimited = counter("venue.rate.limit.refusals",
            "Requests refused by a limit: spot-counter, spot-domain, open-orders, derivatives-bucket",
            "market", "account", "limit");

    public VenueMetrics() {
        Gauge.builder("venue.sessions.logged.on", sessionsLoggedOn, AtomicInteger::get)
                .description("FIX sessions currently logged on")
                .register(registry);
    }

    private CounterFamily counter(String name, String description, String... tagKeys) {
        return new CounterFamily(registry, name, description, MAX_TAG_SETS, tagKeys);
    }

    /** The registry holding every venue meter; hand it to {@link AdminServer#start}. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** {@code venue_messages_received_total{session,msg_type}}; msgType is the FIX MsgType(35) code. */
    public void messageReceived(String session, String msgType) {
        messagesReceived.increment(session, msgType);
    }

    /** {@code venue_messages_sent_total{session,msg_type}}; msgType is the FIX MsgType(35) code. */
    public void messageSent(String session, String msgType) {
        messagesSent.increment(session, msgType);
    }

    /**
     * {@code venue_rejects_total{session,kind="session",reason}}: a session-level Reject (35=3); reason e.g. the
     * SessionRejectReason(373) code or a short code such as {@code required_tag_missing}.
     */
    public void sessionReject(String session, String reason) {
        rejects.increment(session, "session", reason);
    }

    /**
     * {@code venue_rejects_total{session,kind="business",reason}}: a BusinessMessageReject (35=j) or an order
     * reject; reason a short code, e.g. {@code unknown_symbol}, {@code rate_limit}, {@code cancel_only}.
     */
    public void businessReject(String session, String reason) {
        rejects.increment(session, "business", reason);
    }

    /** {@code venue_orders_total{market,ord_type}}, values in lower case: {@code spot}, {@code limit}. */
    public void orderAccepted(Market market, OrdType ordType) {
        orders.increment(lower(market), lower(ordType));
    }

    /** {@code venue_fills_total{market}}: one per fill of a client order. */
    public void fill(Market market) {
        fills.increment(lower(market));
    }

    /**
     * {@code venue_cancels_total{market,reason}}; reason a short code: {@code user}, {@code cod}
     * (cancel-on-disconnect), {@code mass}, {@code ioc}, {@code fok}, {@code post_only}, {@code stp}, ...
     */
    public void cancel(Market market, String reason) {
        cancels.increment(lower(market), reason);
    }

    /** {@code venue_logons_total{session,result="accepted"}}. */
    public void logonAccepted(String session) {
        logons.increment(session, "accepted");
    }

    /** {@code venue_logons_total{session,result="rejected"}}. */
    public void logonRejected(String session) {
        logons.increment(session, "rejected");
    }

    /**
     * {@code venue_forced_disconnects_total{session,reason}}; reason a short code, e.g. {@code heartbeat_timeout},
     * {@code rollover}, {@code rate_limit}, {@code admin}.
     */
    public void forcedDisconnect(String session, String reason) {
        forcedDisconnects.increment(session, reason);
    }

    /**
     * Backs the gauge {@code venue_sessions_logged_on}: the venue increments it on logon and decrements it on
     * logout or disconnect. The gauge reads it at scrape time.
     */
    public AtomicInteger sessionsLoggedOn() {
        return sessionsLoggedOn;
    }

    private static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    // --- the gateway's view (GatewayMetrics) ---------------------------------------------------------------

    @Override
    public void order(Market market, OrdType type) {
        orderAccepted(market, type);
    }

    @Override
    public void cancelled(Market market, String reason, int count) {
        for (int i = 0; i < count; i++) {
            cancel(market, reason);
        }
    }

    @Override
    public void reject(String compId, String kind, String reason) {
        String code = reason == null ? null : reason.toLowerCase(Locale.ROOT);
        if ("session".equals(kind)) {
            sessionReject(compId, code);
        } else {
            businessReject(compId, code);
        }
    }

    @Override
    public void logon(String compId, boolean accepted) {
        if (accepted) {
            logonAccepted(compId);
        } else {
            logonRejected(compId);
        }
    }

    @Override
    public void received(String compId, String msgType) {
        messageReceived(compId, msgType);
    }

    @Override
    public void sent(String compId, String msgType) {
        messageSent(compId, msgType);
    }

    @Override
    public void rateLimited(Market market, String account, String limit) {
        rateLimited.increment(lower(market), account, limit);
    }

    @Override
    public void loggedOn(int delta) {
        sessionsLoggedOn.addAndGet(delta);
    }
}
