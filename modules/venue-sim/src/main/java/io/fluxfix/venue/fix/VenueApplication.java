package io.fluxfix.venue.fix;

import io.fluxfix.kraken.DialectOptions;
import io.fluxfix.kraken.KrakenTags;
import io.fluxfix.venue.limits.ErrorRateGuard;
import quickfix.Application;
import quickfix.DoNotSend;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.RejectLogon;
import quickfix.SessionID;

import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The QuickFIX/J face of the venue. QuickFIX/J runs the FIX 4.4 session layer with its validation on
 * (sequence numbers, PossDup, gap fill, TestRequest, dictionary rejects); this class layers Kraken's rules on
 * top: the trading logon, Kraken's reject wording, ExecutionReport-only resends, and hands application
 * messages to the {@link TradingGateway}.
 */
public final class VenueApplication implements Application, AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VenueApplication.class);

    /** Kraken's market-data CompIDs: those sessions go to the {@link MarketDataGateway}. */
    private static final String MD = "KRAKEN-MD";
    private static final String DRV_MD = "KRAKEN-DRV-MD";
    private static final String QFJ_RESET_TEXT = "Session reset";

    private final TradingGateway gateway;
    private final InstantSource clock;
    private final DialectOptions dialect;
    private final GatewayMetrics metrics;
    private final ThreadLocal<Boolean> ownAdmin = ThreadLocal.withInitial(() -> Boolean.FALSE);
    /** Logon fields accepted in fromAdmin, applied when QuickFIX/J completes the logon. */
    private final Map<SessionID, boolean[]> pendingLogons = new ConcurrentHashMap<>();
    private final java.util.Set<SessionID> loggedOn = ConcurrentHashMap.newKeySet();
    private final MarketDataGateway marketData;
    /** The port a market-data logon arrived on (L2 and L3 share their CompIDs), recorded by the session provider. */
    private final Map<SessionID, io.fluxfix.kraken.KrakenEndpoint> marketDataPort = new ConcurrentHashMap<>();
    /** Kraken's error-rate safeguard: counts the rejects sent to each session; a session past it is logged out. */
    private final ErrorRateGuard errors;
    private final boolean refusalsAreErrors;
    /** {@code dialect.error-rate.unknown-order-status = not-an-error}: asking about an order is no error. */
    private final boolean unknownOrderStatusFree;
    /** Logs sessions out for their error rate off the thread that was sending the error. */
    private final java.util.concurrent.ExecutorService safeguard = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "venue-error-rate");
        t.setDaemon(true);
        return t;
    });

    public VenueApplication(TradingGateway gateway, MarketDataGateway marketData, InstantSource clock,
                            DialectOptions dialect, GatewayMetrics metrics) {
        this.gateway = gateway;
        this.marketData = marketData;
        this.clock = clock;
        this.dialect = dialect;
        this.metrics = metrics;
        this.errors = new ErrorRateGuard(dialect.errorRateMaxPerSecond());
        this.refusalsAreErrors = dialect.errorRateCounts() == DialectOptions.ErrorCount.REJECTS_AND_UNSOLICITED_CANCELS;
        this.unknownOrderStatusFree = dialect.errorRateUnknownOrderStatus()
                == DialectOptions.UnknownOrderStatusCount.NOT_AN_ERROR;
        gateway.onRefusalSent(sid -> {
            if (refusalsAreErrors) {
                errorSent(sid);
            }
        });
    }

    /** The error-rate safeguard's counts, for {@code /state}. */
    public java.util.List<ErrorRateGuard.SessionErrors> errorRates() {
        return errors.state(now());
    }

    /**
     * An error (35=3, 35=j, or a refusal cancel when the dialect counts those) is on its way to {@code sid}: the
     * one that takes the session past {@code dialect.error-rate.max-per-second} in a rolling second has it
     * logged out, with a Logout that says why, once the error itself has gone.
     */
    private void errorSent(SessionID sid) {
        if (errors.error(sid.toString(), now())) {
            String text = "Disconnected: error rate exceeded (more than " + errors.maxPerSecond()
                    + " rejected messages in one second)";
            LOG.warn("{}: {}", sid, text);
            metrics.forcedDisconnect(sid.getTargetCompID(), "error_rate");
            safeguard.execute(() -> forceLogout(sid, text));
        }
    }

    private void forceLogout(SessionID sid, String text) {
        quickfix.Session session = quickfix.Session.lookupSession(sid);
        if (session == null || !session.isLoggedOn()) {
            return;
        }
        gateway.forcedOut(sid);
        Message logout = new Message();
        logout.getHeader().setString(KrakenTags.MSG_TYPE, "5");
        logout.setString(KrakenTags.TEXT, text);
        sendOwn(() -> session.send(logout));
        try {
            session.disconnect("error-rate safeguard: " + text, false);
        } catch (java.io.IOException e) {
            LOG.warn("{}: disconnect after the error-rate Logout failed: {}", sid, e.toString());
        }
    }

    @Override
    public void close() {
        safeguard.shutdownNow();
    }

    /**
     * Runs {@code send} marked as the venue's own message, so that a reject the venue worded itself is not
     * re-worded on its way out.
     */
    public void sendOwn(Runnable send) {
        ownAdmin.set(Boolean.TRUE);
        try {
            send.run();
        } finally {
            ownAdmin.set(Boolean.FALSE);
        }
    }

    @Override
    public void onCreate(SessionID sessionId) {
    }

    /** A logon for a market-data CompID is arriving on {@code endpoint}'s port. */
    public void marketDataLogonOn(SessionID sessionId, io.fluxfix.kraken.KrakenEndpoint endpoint) {
        marketDataPort.put(sessionId, endpoint);
    }

    private static boolean isMarketData(SessionID sessionId) {
        return sessionId.getSenderCompID().equals(MD) || sessionId.getSenderCompID().equals(DRV_MD);
    }

    @Override
    public void onLogon(SessionID sessionId) {
        if (isMarketData(sessionId)) {
            marketData.loggedOn(sessionId, sessionId.getSenderCompID().equals(MD)
                    ? io.fluxfix.model.Market.SPOT : io.fluxfix.model.Market.DERIVATIVES,
                    MarketDataGateway.LEVEL3_QUALIFIER.equals(sessionId.getSessionQualifier()));
        }
        errors.loggedOn(sessionId.toString());
        boolean[] fields = pendingLogons.remove(sessionId);
        if (fields != null) {
            gateway.logonAccepted(sessionId, fields[0], fields[1], now());
        }
        if (loggedOn.add(sessionId)) {
            metrics.loggedOn(1);
        }
    }

    @Override
    public void onLogout(SessionID sessionId) {
        if (loggedOn.remove(sessionId)) {
            metrics.loggedOn(-1);
        }
        if (isMarketData(sessionId)) {
            marketData.disconnected(sessionId);
            return;
        }
        gateway.disconnected(sessionId, now());
    }

    @Override
    public void toAdmin(Message message, SessionID sessionId) {
        String type = type(message);
        metrics.sent(sessionId.getTargetCompID(), type);
        switch (type) {
            case "3":
                if (!ownAdmin.get()) {
                    KrakenRejectTexts.rewrite(message);
                }
                if (!isResend(message)) {
                    errorSent(sessionId);
                }
                break;
            case "5":
                gateway.logoutSeen(sessionId);
                // Session.reset() words its Logout "Session reset"; at the rollover, say what it is.
                if (gateway.inRollover(now())
                        && QFJ_RESET_TEXT.equals(message.getOptionalString(KrakenTags.TEXT).orElse(""))) {
                    message.setString(KrakenTags.TEXT, "Daily session rollover");
                }
                break;
            case "4":
                if (!dialect.gapFillPossDup() && "Y".equals(message.getOptionalString(KrakenTags.GAP_FILL_FLAG).orElse(""))) {
                    // Like Kraken's own example gap fill: no 43, no 122.
                    message.getHeader().removeField(KrakenTags.POSS_DUP_FLAG);
                    message.getHeader().removeField(KrakenTags.ORIG_SENDING_TIME);
                }
                break;
            default:
        }
    }

    @Override
    public void fromAdmin(Message message, SessionID sessionId) throws RejectLogon {
        String type = type(message);
        metrics.received(sessionId.getTargetCompID(), type);
        if (type.equals("5")) {
            gateway.logoutSeen(sessionId);
            return;
        }
        if (!type.equals("A")) {
            return;
        }
        if (isMarketData(sessionId)) {
            // Market-data sessions log on with the CompID only (U-LOGON): no key, no signature.
            io.fluxfix.kraken.KrakenEndpoint port = marketDataPort.getOrDefault(sessionId,
                    sessionId.getSenderCompID().equals(MD) ? io.fluxfix.kraken.KrakenEndpoint.SPOT_MARKET_DATA
                            : io.fluxfix.kraken.KrakenEndpoint.DERIVATIVES_MARKET_DATA);
            String refusal = marketData.refusal(sessionId, port);
            metrics.logon(sessionId.getTargetCompID(), refusal == null);
            if (refusal != null) {
                boolean logout = dialect.logonFailureReply() == DialectOptions.LogonFailureReply.LOGOUT_WITH_TEXT;
                throw new RejectLogon(refusal, logout, -1);
            }
            return;
        }
        TradingGateway.LogonDecision d = gateway.checkLogon(sessionId, message, now());
        metrics.logon(sessionId.getTargetCompID(), d.accepted());
        if (!d.accepted()) {
            boolean logout = dialect.logonFailureReply() == DialectOptions.LogonFailureReply.LOGOUT_WITH_TEXT;
            throw new RejectLogon(d.reason(), logout, -1); // -1: no 1409 SessionStatus, which Kraken does not send
        }
        boolean cod = !"1".equals(message.getOptionalString(KrakenTags.CANCEL_ORDERS_ON_DISCONNECT).orElse("0"));
        boolean forceReset = "Y".equals(message.getOptionalString(KrakenTags.FORCE_RESET_CL_ORD_ID).orElse("N"));
        pendingLogons.put(sessionId, new boolean[]{cod, forceReset});
    }

    @Override
    public void toApp(Message message, SessionID sessionId) throws DoNotSend {
        String type = type(message);
        metrics.sent(sessionId.getTargetCompID(), type);
        if (type.equals("j") && !isResend(message) && !(unknownOrderStatusFree && isUnknownOrderStatus(message))) {
            errorSent(sessionId);
        }
        // On a resend, Kraken replays ExecutionReports only (G-INTRO); QuickFIX/J gap-fills what is vetoed.
        if (dialect.resendReplay() == DialectOptions.ResendReplay.EXECUTION_REPORTS
                && isResend(message)
                && !type(message).equals("8")) {
            throw new DoNotSend();
        }
    }

    /** A 35=j 380=101 answering a 35=H: the order asked about is unknown (a restart's reconciliation meets it). */
    private static boolean isUnknownOrderStatus(Message message) {
        return "H".equals(message.getOptionalString(KrakenTags.REF_MSG_TYPE).orElse(""))
                && "101".equals(message.getOptionalString(KrakenTags.BUSINESS_REJECT_REASON).orElse(""));
    }

    @Override
    public void fromApp(Message message, SessionID sessionId) {
        metrics.received(sessionId.getTargetCompID(), type(message));
        if (isMarketData(sessionId)) {
            marketData.onApp(sessionId, message, now());
            return;
        }
        gateway.onApp(sessionId, message, now());
    }

    private long now() {
        java.time.Instant i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /** A message sent again in answer to a ResendRequest (43=Y): not a new error. */
    private static boolean isResend(Message m) {
        return "Y".equals(m.getHeader().getOptionalString(KrakenTags.POSS_DUP_FLAG).orElse("N"));
    }

    private static String type(Message m) {
        try {
            return m.getHeader().getString(KrakenTags.MSG_TYPE);
        } catch (FieldNotFound e) {
            return "";
        }
    }
}
