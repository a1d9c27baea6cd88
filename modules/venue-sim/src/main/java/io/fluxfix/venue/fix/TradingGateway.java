package io.fluxfix.venue.fix;

import io.fluxfix.kraken.DecodeException;
import io.fluxfix.kraken.DialectOptions;
import io.fluxfix.kraken.KrakenDecoder;
import io.fluxfix.kraken.KrakenEncoder;
import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.kraken.KrakenFixParser;
import io.fluxfix.kraken.KrakenLogon;
import io.fluxfix.kraken.KrakenTags;
import io.fluxfix.kraken.LogonVerifier;
import io.fluxfix.model.ExecInstruction;
import io.fluxfix.model.Market;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.AmendOrder;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.Command;
import io.fluxfix.model.command.MassCancel;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.command.OrderCommand;
import io.fluxfix.model.command.OrderStatusRequest;
import io.fluxfix.model.event.BusinessReject;
import io.fluxfix.model.event.BusinessRejectReason;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.MessageKind;
import io.fluxfix.model.event.SessionReject;
import io.fluxfix.model.event.SessionRejectReason;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.model.kraken.ClOrdIdRules;
import io.fluxfix.model.kraken.ClOrdIdVerdict;
import io.fluxfix.model.kraken.SessionClOrdIds;
import io.fluxfix.model.kraken.TradingDay;
import io.fluxfix.venue.AccountConfig;
import io.fluxfix.venue.VenueConfig;
import io.fluxfix.venue.engine.EngineError;
import io.fluxfix.venue.engine.Execution;
import io.fluxfix.venue.engine.MatchingEngine;
import io.fluxfix.venue.engine.OrderOrigin;
import io.fluxfix.venue.limits.DerivativesBuckets;
import io.fluxfix.venue.limits.SpotRateLimits;
import io.fluxfix.venue.persist.InputJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.SessionID;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The venue's order-entry gateway, FIX-facing but QuickFIX/J-session-free: Kraken's logon checks, its three
 * validation layers (gateway format → 35=3; order entry → 35=j; engine → reports), cancel-on-disconnect and
 * the daily rollover, over the two engines. Every input is journaled before it is acted on, and the same code
 * runs when the journal is replayed at start (with nothing sent). Inputs of one market are serialised by that
 * market's lock; a rollover takes both.
 */
public final class TradingGateway {

    private static final Logger LOG = LoggerFactory.getLogger(TradingGateway.class);

    /** Where the gateway's messages go; during replay, nowhere. */
    @FunctionalInterface
    public interface Sender {
        void send(SessionID to, Message message);
    }

    /** The outcome of a logon check: accepted, or refused with the text for the Logout. */
    public record LogonDecision(boolean accepted, String reason) {
    }

    /** The gateway's view of one client CompID on one market. */
    static final class Client {
        final String compId;
        final AccountConfig account;
        final Market market;
        final SessionID sessionId;
        final SessionClOrdIds clOrdIds;
        long instance;
        boolean loggedOn;
        boolean cancelOnDisconnect = true;
        boolean logoutSeen;
        boolean rolloverLogout;
        /** Logged out by the venue's error-rate safeguard: cancel-on-disconnect applies as on a lost connection. */
        boolean forcedOut;

        Client(String compId, AccountConfig account, Market market, SessionID sessionId, boolean requireIncreasing) {
            this.compId = compId;
            this.account = account;
            this.market = market;
            this.sessionId = sessionId;
            this.clOrdIds = new SessionClOrdIds(requireIncreasing);
        }

        OrderOrigin origin() {
            return new OrderOrigin(account.name(), compId, instance);
        }
    }

    private final VenueConfig config;
    private final DialectOptions dialect;
    private final Map<Market, MatchingEngine> engines;
    private final Map<Market, Object> locks = new EnumMap<>(Market.class);
    private final Map<SessionID, Client> clients = new HashMap<>();
    private final Map<Market, Map<String, Client>> byCompId = new EnumMap<>(Market.class);
    private final InputJournal journal;
    private final KrakenDecoder decoder = new KrakenDecoder();
    private final KrakenEncoder encoder = new KrakenEncoder();
    private final KrakenFixParser parser = new KrakenFixParser();
    private final LogonVerifier verifier;
    private final ClOrdIdRules clOrdIdRules;
    private final TradingDay tradingDay;
    private final GatewayMetrics metrics;
    /** The market-data side; it hears of every input after it is handled, under the same lock. */
    private volatile MarketDataGateway marketData;
    /** The trades of the input under way, per market (guarded by the market's lock). */
    private final Map<Market, List<MarketDataGateway.Trade>> tape = new EnumMap<>(Market.class);
    private volatile Sender sender;
    private volatile long rolloverUntil = Long.MIN_VALUE;
    private boolean replaying;
    /** Kraken's Spot rate counters (guarded by the Spot lock) and Derivatives buckets (by the Derivatives lock). */
    private final SpotRateLimits spotLimits;
    private final DerivativesBuckets derivativesBuckets;
    /** Told of every refusal cancel sent (the error-rate safeguard counts them when the dialect says so). */
    private volatile java.util.function.Consumer<SessionID> refusalSent = sid -> {
    };

    public TradingGateway(VenueConfig config, Map<Market, MatchingEngine> engines, InputJournal journal,
                          java.time.InstantSource clock, TradingDay tradingDay, GatewayMetrics metrics) {
        this.config = config;
        this.dialect = config.dialect();
        this.engines = engines;
        this.journal = journal;
        this.tradingDay = tradingDay;
        this.metrics = metrics;
        this.clOrdIdRules = dialect.clOrdIdRules();
        this.spotLimits = new SpotRateLimits(config.rateLimits(), dialect);
        this.derivativesBuckets = new DerivativesBuckets(dialect);
        for (Market m : Market.values()) {
            locks.put(m, new Object());
            byCompId.put(m, new HashMap<>());
        }
        Map<String, AccountConfig> byKey = new HashMap<>();
        for (AccountConfig a : config.accounts()) {
            byKey.put(a.apiKey(), a);
            for (String compId : a.spotCompIds()) {
                addClient(compId, a, Market.SPOT);
            }
            if (a.derivativesCompId() != null) {
                addClient(a.derivativesCompId(), a, Market.DERIVATIVES);
            }
        }
        this.verifier = new LogonVerifier(clock, LogonVerifier.KRAKEN_NONCE_WINDOW, true,
                key -> Optional.ofNullable(byKey.get(key)).map(AccountConfig::apiSecret));
        this.sender = (to, m) -> {
        };
    }

    private void addClient(String compId, AccountConfig account, Market market) {
        KrakenEndpoint endpoint = market == Market.SPOT ? KrakenEndpoint.SPOT_TRADING : KrakenEndpoint.DERIVATIVES_TRADING;
        SessionID sid = new SessionID("FIX.4.4", endpoint.targetCompId(), compId);
        Client c = new Client(compId, account, market, sid, dialect.clOrdIdRequireIncreasing());
        clients.put(sid, c);
        byCompId.get(market).put(compId, c);
    }

    /** The venue-side SessionIDs of every configured account's trading sessions. */
    public List<SessionID> knownSessions() {
        return new ArrayList<>(clients.keySet());
    }

    public boolean isKnown(SessionID sid) {
        return clients.containsKey(sid);
    }

    public void sender(Sender sender) {
        this.sender = sender;
    }

    public void marketData(MarketDataGateway md) {
        this.marketData = md;
    }

    /** Where the gateway reports each refusal cancel it sends (for the error-rate safeguard). */
    public void onRefusalSent(java.util.function.Consumer<SessionID> hook) {
        this.refusalSent = hook;
    }

    /** The venue's own background market per engine (set before {@link #replay}, which replays its steps too). */
    private final Map<Market, List<io.fluxfix.venue.market.BackgroundMarket>> background = new EnumMap<>(Market.class);

    public void background(Market m, io.fluxfix.venue.market.BackgroundMarket market) {
        background.computeIfAbsent(m, k -> new ArrayList<>()).add(market);
    }

    /**
     * The background market acts for the time up to {@code now}: journaled (as the time only; the market is a
     * function of its seed, the book and the times it acts at), applied, published. Its own reports go nowhere;
     * the other side of its trades hears of them like any fill.
     */
    public void backgroundStep(long now) {
        backgroundStep(EnumSet.allOf(Market.class), now);
    }

    private void backgroundStep(Set<Market> markets, long now) {
        for (Market m : markets) {
            List<io.fluxfix.venue.market.BackgroundMarket> mine = background.getOrDefault(m, List.of());
            synchronized (locks.get(m)) {
                if (mine.stream().noneMatch(b -> b.isActive() && b.due(now))) {
                    continue;
                }
                journal("K", now, m.name());
                MatchingEngine.Output toClients = reportsTo(m);
                for (io.fluxfix.venue.market.BackgroundMarket market : mine) {
                    if (market.isActive() && market.due(now)) {
                        market.step(now, (compId, er) -> {
                            if (market.isOwn(compId)) {
                                tape(m, er);
                            } else {
                                toClients.report(compId, er);
                            }
                        });
                    }
                }
                published(m, now);
            }
        }
    }

    /** A taker's fill is a trade on the tape (one per match: the maker's fill is the same trade). */
    private void tape(Market m, Execution er) {
        if (er.isFill() && er.liquidity() == io.fluxfix.model.Liquidity.TAKER) {
            tape.computeIfAbsent(m, k -> new ArrayList<>()).add(MarketDataGateway.Trade.of(er));
        }
    }

    /** After an input of {@code m}, under its lock: the market-data side publishes what it changed. */
    private void published(Market m, long now) {
        List<MarketDataGateway.Trade> trades = tape.computeIfAbsent(m, k -> new ArrayList<>());
        MarketDataGateway md = marketData;
        if (md != null && !replaying) {
            md.afterInput(m, trades, now);
        }
        trades.clear();
    }

    // --- replay ---------------------------------------------------------------------------------------------

    /** Rebuilds state from the journal; nothing is sent. Call before the acceptor starts. */
    public int replay() {
        if (journal == null) {
            return 0;
        }
        replaying = true;
        try {
            return journal.replay(this::replayRecord);
        } finally {
            replaying = false;
        }
    }

    /**
     * After a replay: sessions the journal shows logged on lost their connection when the venue went down, so
     * cancel-on-disconnect applies to them now, as it would have had the venue stopped cleanly.
     */
    public void disconnectAll(long now) {
        for (Client c : clients.values()) {
            if (c.loggedOn) {
                disconnected(c.sessionId, now);
            }
        }
    }

    private void replayRecord(String record) {
        String[] f = InputJournal.fields(record);
        long now = Long.parseLong(f[1]);
        switch (f[0]) {
            case "L":
                logonAccepted(sid(f[2]), f[3].equals("1"), f[4].equals("1"), now);
                break;
            case "A":
                try {
                    onApp(sid(f[2]), parser.parse(f[3]), now);
                } catch (DecodeException e) {
                    LOG.warn("journal record not replayable: {}", e.getMessage());
                }
                break;
            case "D":
                Client gone = clients.get(sid(f[2]));
                if (gone != null && f.length > 3) {
                    // how the session ended, as it was when it ended (older journals: as the replay finds it)
                    gone.logoutSeen = f[3].equals("1");
                    gone.forcedOut = false;
                }
                disconnected(sid(f[2]), now);
                break;
            case "R":
                rollover(now);
                break;
            case "S":
                setInstrumentStatus(f[2], io.fluxfix.model.InstrumentStatus.valueOf(f[3]), now);
                break;
            case "T":
                setTradingStatus(io.fluxfix.model.TradingStatus.valueOf(f[2]), now);
                break;
            case "E":
                // one market's clock events (older journals: both markets)
                timePassed(f.length > 2 ? EnumSet.of(Market.valueOf(f[2])) : EnumSet.allOf(Market.class), now);
                break;
            case "K":
                backgroundStep(EnumSet.of(Market.valueOf(f[2])), now);
                break;
            case "X":
                setIndexPrice(f[2], f[3].equals(INDEX_FOLLOWS_LAST) ? null : io.fluxfix.model.Decimal.parse(f[3]), now);
                break;
            default:
                LOG.warn("unknown journal record type {}", f[0]);
        }
    }

    private static SessionID sid(String text) {
        return new SessionID(text);
    }

    private void journal(Object... fields) {
        if (journal != null && !replaying) {
            journal.append(InputJournal.record(fields));
        }
    }

    // --- logon and logout -----------------------------------------------------------------------------------

    /** Kraken's logon checks; nothing changes until {@link #logonAccepted}. */
    public LogonDecision checkLogon(SessionID sid, Message logon, long now) {
        if (now < rolloverUntil) {
            return new LogonDecision(false, "Logon refused: daily session rollover in progress");
        }
        Client c = clients.get(sid);
        if (c == null) {
            return new LogonDecision(false, "Logon failed: unknown SenderCompID " + sid.getTargetCompID());
        }
        final KrakenLogon fields;
        final int seq;
        try {
            fields = KrakenLogon.readFrom(logon);
            seq = logon.getHeader().getInt(KrakenTags.MSG_SEQ_NUM);
        } catch (DecodeException e) {
            return new LogonDecision(false, "Logon failed: " + e.getMessage());
        } catch (FieldNotFound e) {
            return new LogonDecision(false, "Logon failed: no MsgSeqNum");
        }
        if (fields.username() != null && !fields.username().equals(c.account.apiKey())) {
            // Another account's key (or none we know): the same answer as a bad signature.
            return new LogonDecision(false, LogonVerifier.Verdict.BAD_SIGNATURE.text());
        }
        String signedTarget = c.market == Market.DERIVATIVES
                && dialect.derivativesSignatureTarget() == DialectOptions.SignatureTarget.KRAKEN_TRD
                ? KrakenEndpoint.SPOT_TRADING.targetCompId() : sid.getSenderCompID();
        LogonVerifier.Verdict v = verifier.verify(fields, seq, c.compId, signedTarget);
        if (v != LogonVerifier.Verdict.VALID) {
            return new LogonDecision(false, v.text());
        }
        return new LogonDecision(true, null);
    }

    /** A logon was accepted: a new session instance begins. */
    public void logonAccepted(SessionID sid, boolean cancelOnDisconnect, boolean forceResetClOrdId, long now) {
        Client c = clients.get(sid);
        synchronized (locks.get(c.market)) {
            journal("L", now, sid, cancelOnDisconnect ? "1" : "0", forceResetClOrdId ? "1" : "0");
            c.instance++;
            c.loggedOn = true;
            c.logoutSeen = false;
            c.rolloverLogout = false;
            c.forcedOut = false;
            c.cancelOnDisconnect = !dialect.codHonoursLogonTag() || cancelOnDisconnect;
            if (forceResetClOrdId || dialect.clOrdIdScope() == DialectOptions.ClOrdIdScope.CONNECTION) {
                c.clOrdIds.reset();
            }
        }
    }

    /** A Logout was sent or received in the current instance: an ensuing disconnect is clean. */
    public void logoutSeen(SessionID sid) {
        Client c = clients.get(sid);
        if (c != null) {
            c.logoutSeen = true;
        }
    }

    /**
     * The venue is about to log {@code sid} out for its error rate: the Logout it sends does not make the
     * disconnect a clean one, so cancel-on-disconnect applies as on a lost connection.
     */
    public void forcedOut(SessionID sid) {
        Client c = clients.get(sid);
        if (c != null) {
            synchronized (locks.get(c.market)) {
                c.forcedOut = true;
            }
        }
    }

    /** The session is gone: cancel-on-disconnect applies as the dialect and the logon's 8674 say. */
    public void disconnected(SessionID sid, long now) {
        Client c = clients.get(sid);
        if (c == null || !c.loggedOn) {
            return;
        }
        synchronized (locks.get(c.market)) {
            boolean clean = c.logoutSeen && !c.forcedOut;
            journal("D", now, sid, clean ? "1" : "0");
            c.loggedOn = false;
            boolean applies = c.cancelOnDisconnect
                    && (!clean || dialect.codOnCleanLogout())
                    && (!c.rolloverLogout || dialect.codAtRollover());
            if (applies) {
                boolean sendReports = dialect.codCancelReports() == DialectOptions.CodReports.RESEND_ON_RECONNECT;
                int n = engines.get(c.market).cancelOnDisconnect(c.origin(), now,
                        (compId, er) -> {
                            if (sendReports) {
                                send(c.market, compId, er);
                            }
                        });
                if (n > 0) {
                    metrics.cancelled(c.market, "cod", n);
                }
                published(c.market, now);
            }
        }
    }

    // --- application messages -------------------------------------------------------------------------------

    /** One application message from a logged-on trading session. */
    public void onApp(SessionID sid, Message m, long now) {
        Client c = clients.get(sid);
        if (c == null) {
            return;
        }
        synchronized (locks.get(c.market)) {
            journal("A", now, sid, m.toString());
            try {
                handle(c, m, now);
            } catch (RuntimeException e) {
                // A venue fault must not take the session, the clock or a restart's replay down with it.
                LOG.error("venue fault handling {} from {}: {}", kindOf(typeOf(m)), c.compId, e.toString(), e);
                businessReject(c, seqOf(m), kindOf(typeOf(m)), clOrdIdOf(m), BusinessRejectReason.OTHER,
                        "EGeneral:Internal error", now);
            }
            published(c.market, now);
        }
    }

    private void handle(Client c, Message m, long now) {
        final String type;
        final long seq;
        try {
            type = m.getHeader().getString(KrakenTags.MSG_TYPE);
            seq = m.getHeader().getInt(KrakenTags.MSG_SEQ_NUM);
        } catch (FieldNotFound e) {
            return; // QuickFIX/J never delivers such a message
        }
        MessageKind kind = kindOf(type);
        if (!"DFGqH".contains(type)) {
            // InstrumentList, MarketData and TradingSessionStatus requests belong on market-data sessions.
            businessReject(c, seq, kind, clOrdIdOf(m), BusinessRejectReason.UNSUPPORTED_MESSAGE_TYPE,
                    "Unsupported Message Type", now);
            return;
        }
        final Command cmd;
        try {
            cmd = decoder.decodeCommand(m);
        } catch (DecodeException e) {
            answer(c, seq, kind, clOrdIdOf(m), e, now);
            return;
        }
        OrderCommand order = (OrderCommand) cmd;
        MatchingEngine engine = engines.get(c.market);
        List<io.fluxfix.venue.engine.Order> massCancelled = cmd instanceof MassCancel ? new ArrayList<>() : null;
        // A new order the engine takes is counted before its first report goes out (as fills and rejects are):
        // whoever has seen a report then finds the order in /metrics. Set only while the engine submits it.
        boolean[] countOrder = {false};
        MatchingEngine.Output out = (compId, er) -> {
            if (countOrder[0]) {
                countOrder[0] = false;
                metrics.order(c.market, ((NewOrder) cmd).ordType());
            }
            tape(c.market, er);
            if (er.isFill()) {
                metrics.fill(c.market);
            } else if (er.execType() == io.fluxfix.model.ExecType.CANCELED && !(cmd instanceof MassCancel)) {
                metrics.cancelled(c.market, cmd instanceof CancelOrder ? "user" : "engine", 1);
            } else if (massCancelled != null && er.execType() == io.fluxfix.model.ExecType.CANCELED) {
                massCancelled.add(er.order());
            }
            send(c.market, compId, er);
        };
        // Kraken's rate limits: what a request costs is charged when it arrives, whatever becomes of it (§6.1).
        EngineError limited = rateLimit(c, order, engine, now, out);
        if (c.market == Market.DERIVATIVES && refusedOnDerivatives(c, seq, kind, m, order, now)) {
            return;
        }
        if (order instanceof OrderStatusRequest && namesTheOrder((OrderStatusRequest) order, c, engine)) {
            // 11 names the order asked about, not a new request: a status request creates nothing, so the
            // ClOrdID rules (format, COMB time window, uniqueness, increasing) do not apply to it
            if (limited != null) {
                refuseForLimit(c, seq, kind, order, limited, engine, now, out);
            } else {
                status(c, seq, kind, (OrderStatusRequest) order, engine, now, out);
            }
            return;
        }
        ClOrdIdVerdict format = clOrdIdRules.check(order.clOrdId(), c.market, Math.floorDiv(now, 1000));
        if (!format.isValid()) {
            sessionReject(c, seq, kind, KrakenTags.CL_ORD_ID, SessionRejectReason.VALUE_INCORRECT, format.text(), now);
            return;
        }
        ClOrdIdVerdict unique = c.clOrdIds.accept(order.clOrdId());
        if (!unique.isValid()) {
            if (dialect.clOrdIdDuplicateReject() == DialectOptions.RejectMessage.SESSION_REJECT) {
                sessionReject(c, seq, kind, KrakenTags.CL_ORD_ID, SessionRejectReason.VALUE_INCORRECT, unique.text(), now);
            } else {
                businessReject(c, seq, kind, order.clOrdId(), BusinessRejectReason.OTHER, unique.text(), now);
            }
            return;
        }
        if (limited == null && cmd instanceof NewOrder && c.market == Market.SPOT && spotLimits.enabled()
                && engine.openOrderCount(c.account.name(), ((NewOrder) cmd).symbol()) >= spotLimits.maxOpenOrders(c.account)) {
            limited = EngineError.ORDERS_LIMIT;
        }
        if (limited != null) {
            refuseForLimit(c, seq, kind, order, limited, engine, now, out);
            return;
        }
        MatchingEngine.Rejection r = null;
        if (cmd instanceof NewOrder) {
            countOrder[0] = true;
            r = engine.submit((NewOrder) cmd, c.origin(), c.cancelOnDisconnect, now, out);
            if (r == null && countOrder[0]) { // taken without a report (none known): counted all the same
                metrics.order(c.market, ((NewOrder) cmd).ordType());
            }
            countOrder[0] = false;
        } else if (cmd instanceof CancelOrder) {
            r = engine.cancel((CancelOrder) cmd, c.origin(), now, out);
        } else if (cmd instanceof AmendOrder) {
            r = engine.amend((AmendOrder) cmd, c.origin(), now, out);
        } else if (cmd instanceof MassCancel) {
            int n = engine.massCancel((MassCancel) cmd, c.origin(), now, out);
            metrics.cancelled(c.market, "mass", n);
            chargeMassCancel(c, massCancelled, now);
            if (n == 0 && dialect.massCancelNoneOpen() == DialectOptions.MassCancelNoneOpen.BUSINESS_REJECT) {
                r = engine.refusal(EngineError.NO_ORDERS_TO_CANCEL);
            }
        } else if (cmd instanceof OrderStatusRequest) {
            status(c, seq, kind, (OrderStatusRequest) cmd, engine, now, out);
            return;
        }
        if (r != null) {
            businessReject(c, seq, kind, order.clOrdId(), r.error().reason(), r.text(), now);
        }
    }

    /**
     * Whether a 35=H's 11 names the order it asks about (FIX 4.4's meaning of ClOrdID on an OrderStatusRequest)
     * rather than being the request's own new id (Kraken's "new ClOrdID for H", §4.4): it does when it is one of
     * the ClOrdIDs an order of this CompID has carried today, or when there is no 37 to name an order by. A
     * client that lost an order's acknowledgement (a restart) has only its ClOrdID to ask by.
     */
    private static boolean namesTheOrder(OrderStatusRequest r, Client c, MatchingEngine engine) {
        return r.orderId() == null || engine.knowsClOrdId(c.compId, r.clOrdId());
    }

    /** Answers a 35=H: ER 150=I with the order's current 39, or, for an unknown order, the dialect's answer. */
    private void status(Client c, long seq, MessageKind kind, OrderStatusRequest cmd, MatchingEngine engine, long now,
                        MatchingEngine.Output out) {
        MatchingEngine.Rejection r = engine.status(cmd, c.origin(), now, out);
        if (r == null) {
            return;
        }
        if (dialect.orderStatusUnknownOrder() == DialectOptions.UnknownOrderStatusReply.REJECTED_REPORT) {
            sendRejectedStatus(c, cmd, now);
        } else {
            businessReject(c, seq, kind, cmd.clOrdId(), r.error().reason(), r.text(), now);
        }
    }

    /**
     * Charges what {@code order} costs on the limit of its market — the Spot counter of the account and pair (an
     * add; an amend or cancel by the age of the open order it names), the Derivatives bucket of the CompID — and
     * says which limit refuses it, if one does. A mass cancel is charged after it ran ({@link #chargeMassCancel}).
     */
    private EngineError rateLimit(Client c, OrderCommand order, MatchingEngine engine, long now,
                                  MatchingEngine.Output out) {
        if (c.market == Market.DERIVATIVES) {
            if (!config.rateLimits().derivativesEnabled()
                    || derivativesBuckets.tryTake(c.compId, derivativesBuckets.cost(order), now)) {
                return null;
            }
            metrics.rateLimited(c.market, c.account.name(), "derivatives-bucket");
            return EngineError.RATE_LIMIT;
        }
        if (!spotLimits.enabled() || order instanceof MassCancel || order instanceof OrderStatusRequest) {
            return null;
        }
        final EngineError refusal;
        if (order instanceof NewOrder) {
            refusal = spotLimits.charge(c.account, ((NewOrder) order).symbol(), spotLimits.addCost(),
                    spotLimits.addCost(), now);
        } else if (order instanceof CancelOrder) {
            CancelOrder x = (CancelOrder) order;
            long since = engine.placedOrAmendedAt(x.orderId(), x.origClOrdId(), c.origin(), now, out);
            refusal = spotLimits.charge(c.account, x.symbol(), spotLimits.cancelCost(since, now), 0, now);
        } else {
            AmendOrder x = (AmendOrder) order;
            long since = engine.placedOrAmendedAt(x.orderId(), x.origClOrdId(), c.origin(), now, out);
            refusal = spotLimits.charge(c.account, x.symbol(), spotLimits.amendCost(since, now),
                    spotLimits.amendCost(-1, now), now);
        }
        if (refusal != null) {
            metrics.rateLimited(c.market, c.account.name(),
                    refusal == EngineError.DOMAIN_RATE_LIMIT ? "spot-domain" : "spot-counter");
        }
        return refusal;
    }

    /** A Spot mass cancel's cost, by {@code dialect.rate-limit.mass-cancel-cost}; never refused, charged after. */
    private void chargeMassCancel(Client c, List<io.fluxfix.venue.engine.Order> cancelled, long now) {
        if (c.market != Market.SPOT || !spotLimits.enabled()) {
            return;
        }
        boolean perPair = dialect.rateLimitMassCancelCost() == DialectOptions.MassCancelCost.PER_PAIR;
        Map<String, Integer> bySymbol = new java.util.TreeMap<>();
        for (io.fluxfix.venue.engine.Order o : cancelled) {
            if (perPair) {
                bySymbol.put(o.symbol(), 1);
            } else {
                bySymbol.merge(o.symbol(), spotLimits.cancelCost(o.placedOrAmendedAt(), now), Integer::sum);
            }
        }
        bySymbol.forEach((symbol, cost) -> spotLimits.chargeAnyway(c.account, symbol, cost, now));
    }

    /**
     * A request a limit refuses: a new order in the form the dialect gives ({@code dialect.rate-limit.reject-form}
     * for the rate limits, {@code dialect.engine-reject.form} for the open-order cap), anything else with 35=j.
     */
    private void refuseForLimit(Client c, long seq, MessageKind kind, OrderCommand order, EngineError limit,
                                MatchingEngine engine, long now, MatchingEngine.Output out) {
        if (limit == EngineError.ORDERS_LIMIT) {
            metrics.rateLimited(c.market, c.account.name(), "open-orders");
        }
        DialectOptions.NewOrderFailure form = limit == EngineError.ORDERS_LIMIT ? dialect.engineRejectForm()
                : dialect.rateLimitRejectForm();
        MatchingEngine.Rejection r = order instanceof NewOrder
                && form == DialectOptions.NewOrderFailure.UNSOLICITED_CANCEL
                ? engine.submitRefused((NewOrder) order, c.origin(), c.cancelOnDisconnect, now, out, limit)
                : engine.refusal(limit);
        if (r != null) {
            businessReject(c, seq, kind, order.clOrdId(), r.error().reason(), r.text(), now);
        }
    }

    /** Kraken's Derivatives engine lacks some Spot features; the dialect says how they are refused. */
    private boolean refusedOnDerivatives(Client c, long seq, MessageKind kind, Message m, OrderCommand order, long now) {
        if (order instanceof AmendOrder && dialect.derivativesAmend() == DialectOptions.Availability.UNSUPPORTED
                || order instanceof OrderStatusRequest
                && dialect.derivativesOrderStatus() == DialectOptions.Availability.UNSUPPORTED) {
            businessReject(c, seq, kind, order.clOrdId(), BusinessRejectReason.UNSUPPORTED_MESSAGE_TYPE,
                    "Unsupported Message Type", now);
            return true;
        }
        if (!(order instanceof NewOrder)) {
            return false;
        }
        NewOrder o = (NewOrder) order;
        int tag = 0;
        if (o.ordType() == OrdType.TRAILING_STOP_LIMIT) {
            tag = KrakenTags.ORD_TYPE;
        } else if (o.timeInForce() == TimeInForce.FILL_OR_KILL || o.timeInForce() == TimeInForce.GOOD_TILL_DATE) {
            tag = KrakenTags.TIME_IN_FORCE;
        } else if (o.expireTime() != Stamp.NO_TIME) {
            tag = KrakenTags.EXPIRE_TIME;
        } else if (o.effectiveTime() != Stamp.NO_TIME) {
            tag = KrakenTags.EFFECTIVE_TIME;
        } else if (o.displayQty() != null) {
            tag = KrakenTags.DISPLAY_QTY;
        } else if (o.margin()) {
            tag = KrakenTags.LEVERAGE;
        } else if (o.selfTradePrevention() != null) {
            tag = KrakenTags.SELF_TRADE_PREVENTION;
        } else if (o.execInstructions().contains(ExecInstruction.VOLUME_IN_QUOTE)
                || o.execInstructions().contains(ExecInstruction.FEE_IN_BASE)
                || o.execInstructions().contains(ExecInstruction.FEE_IN_QUOTE)) {
            tag = KrakenTags.EXEC_INST;
        }
        if (tag != 0) {
            String text = "Spot only: " + KrakenTags.name(tag) + " (" + tag + ") is not supported on derivatives";
            if (dialect.unsupportedOnDerivativesReject() == DialectOptions.RejectMessage.SESSION_REJECT) {
                sessionReject(c, seq, kind, tag, SessionRejectReason.VALUE_INCORRECT, text, now);
            } else {
                businessReject(c, seq, kind, o.clOrdId(), BusinessRejectReason.OTHER, text, now);
            }
            return true;
        }
        if (!o.execInstructions().contains(ExecInstruction.SINGLE_FEE)) {
            // U-NOS: 18 must contain s on Derivatives — it is the only fee option there.
            boolean present = m.isSetField(KrakenTags.EXEC_INST);
            sessionReject(c, seq, kind, KrakenTags.EXEC_INST,
                    present ? SessionRejectReason.VALUE_INCORRECT : SessionRejectReason.REQUIRED_TAG_MISSING,
                    present ? "Invalid value for tag 18: ExecInst must contain s (single fee) on derivatives"
                            : "Missing mandatory field: ExecInst (18)", now);
            return true;
        }
        return false;
    }

    private void answer(Client c, long seq, MessageKind kind, String clOrdId, DecodeException e, long now) {
        switch (e.reason().answer()) {
            case SESSION_REJECT:
                sessionReject(c, seq, kind, e.tag(), e.reason().sessionRejectReason(), e.getMessage(), now);
                break;
            case BUSINESS_REJECT:
                BusinessRejectReason reason = e.reason() == DecodeException.Reason.CONDITIONALLY_REQUIRED_MISSING
                        ? BusinessRejectReason.CONDITIONALLY_REQUIRED_FIELD_MISSING
                        : BusinessRejectReason.UNSUPPORTED_MESSAGE_TYPE;
                businessReject(c, seq, kind, clOrdId, reason, e.getMessage(), now);
                break;
            default:
                // A garbled message never reaches the application: QuickFIX/J drops it first.
        }
    }

    private void sendRejectedStatus(Client c, OrderStatusRequest r, long now) {
        io.fluxfix.model.event.ExecutionReport er = new io.fluxfix.model.event.ExecutionReport(stamp(now), r.clOrdId(),
                null, r.orderId() == null ? "NONE" : r.orderId(), "NONE", null, io.fluxfix.model.ExecType.ORDER_STATUS,
                io.fluxfix.model.OrdStatus.REJECTED, r.symbol() == null ? "" : r.symbol(),
                r.side() == null ? io.fluxfix.model.Side.BUY : r.side(), null, null, null, null, null, null, null, null,
                null, io.fluxfix.model.Decimal.ZERO, io.fluxfix.model.Decimal.ZERO, io.fluxfix.model.Decimal.ZERO, null,
                null, List.of(), null, null, now, Stamp.NO_TIME, "EOrder:Unknown order", -1, null);
        send(c.sessionId, er);
    }

    private void businessReject(Client c, long seq, MessageKind kind, String refId, BusinessRejectReason reason,
                                String text, long now) {
        String t = dialect.bmrTextFormat() == DialectOptions.BmrText.CLORDID_PREFIXED && refId != null
                ? refId + " : " + text : text;
        long refSeq = dialect.bmrRefSeqNum() == DialectOptions.RefSeqNum.ZERO ? 0 : seq;
        // Counted before it is sent: whoever has seen the reject then finds it in /metrics.
        metrics.reject(c.compId, "business", reason.name());
        send(c.sessionId, new BusinessReject(stamp(now), refSeq, kind, refId, reason, t));
    }

    private void sessionReject(Client c, long seq, MessageKind kind, int tag, SessionRejectReason reason, String text,
                               long now) {
        metrics.reject(c.compId, "session", reason == null ? "OTHER" : reason.name()); // before it is sent, as above
        send(c.sessionId, new SessionReject(stamp(now), seq, tag, kind, reason, text));
    }

    /** An engine's report, to the session of the CompID that owns the order, as the model's ExecutionReport. */
    private void send(Market market, String compId, Execution execution) {
        SessionID to = byCompId.get(market).get(compId).sessionId;
        if (!replaying) {
            sender.send(to, encoder.encode(execution.toExecutionReport()));
            if (execution.isRefusal()) {
                refusalSent.accept(to);
            }
        }
    }

    private void send(SessionID to, Event event) {
        if (!replaying) {
            sender.send(to, encoder.encode(event));
        }
    }

    private Stamp stamp(long now) {
        return new Stamp(now, tradingDay.dayOf(now), 0);
    }

    private static MessageKind kindOf(String msgType) {
        MessageKind k = io.fluxfix.kraken.internal.Codes.MESSAGE_KIND.decode(msgType);
        return k == null ? MessageKind.OTHER : k;
    }

    private static String typeOf(Message m) {
        return m.getHeader().getOptionalString(KrakenTags.MSG_TYPE).orElse("");
    }

    private static long seqOf(Message m) {
        return m.getHeader().getOptionalString(KrakenTags.MSG_SEQ_NUM).map(Long::parseLong).orElse(0L);
    }

    private static String clOrdIdOf(Message m) {
        return m.isSetField(KrakenTags.CL_ORD_ID) ? m.getOptionalString(KrakenTags.CL_ORD_ID).orElse(null) : null;
    }

    // --- rollover and modes ---------------------------------------------------------------------------------

    /**
     * The daily rollover: logons are refused for {@code dialect.rollover.downtime}, the trading day's closed
     * orders and ClOrdIDs are forgotten (open orders stay). The caller logs the sessions out and resets their
     * sequence numbers.
     */
    public void rollover(long now) {
        synchronized (locks.get(Market.SPOT)) {
            synchronized (locks.get(Market.DERIVATIVES)) {
                journal("R", now);
                rolloverUntil = now + dialect.rolloverDowntime().toNanos();
                for (Client c : clients.values()) {
                    if (c.loggedOn) {
                        c.rolloverLogout = true;
                    }
                    c.clOrdIds.reset();
                }
                for (MatchingEngine e : engines.values()) {
                    e.rollover();
                }
            }
        }
    }

    /** Whether logons are refused because a rollover is under way at {@code now}. */
    public boolean inRollover(long now) {
        return now < rolloverUntil;
    }

    public void setInstrumentStatus(String symbol, io.fluxfix.model.InstrumentStatus status, long now) {
        Market m = Market.ofSymbol(symbol);
        synchronized (locks.get(m)) {
            engines.get(m).setInstrumentStatus(symbol, status);
            journal("S", now, symbol, status.name());
            MarketDataGateway md = marketData;
            if (md != null && !replaying) {
                md.instrumentChanged(symbol, now);
            }
        }
    }

    public void setTradingStatus(io.fluxfix.model.TradingStatus status, long now) {
        synchronized (locks.get(Market.SPOT)) {
            synchronized (locks.get(Market.DERIVATIVES)) {
                journal("T", now, status.name());
                for (MatchingEngine e : engines.values()) {
                    e.setTradingStatus(status);
                }
                MarketDataGateway md = marketData;
                if (md != null && !replaying) {
                    md.tradingStatusChanged(status, now);
                }
            }
        }
    }

    /**
     * The venue clock reached {@code now}: GTD expiries and scheduled starts that fell due are journaled and
     * applied (requests apply them too, first thing, so this only matters between requests).
     */
    public void timePassed(long now) {
        timePassed(EnumSet.allOf(Market.class), now);
    }

    private void timePassed(Set<Market> markets, long now) {
        for (Market m : markets) {
            MatchingEngine e = engines.get(m);
            if (e == null) {
                continue;
            }
            synchronized (locks.get(m)) {
                if (e.nextTimedEvent() <= now) {
                    journal("E", now, m.name());
                    e.timePassed(now, reportsTo(m));
                    published(m, now);
                }
            }
        }
    }

    /** Journal spelling of "the index follows the last trade again". */
    private static final String INDEX_FOLLOWS_LAST = "last";

    /** Sets (or, with null, clears) an instrument's index price; 388=1 orders watching it may fire. */
    public void setIndexPrice(String symbol, io.fluxfix.model.Decimal price, long now) {
        Market m = Market.ofSymbol(symbol);
        synchronized (locks.get(m)) {
            journal("X", now, symbol, price == null ? INDEX_FOLLOWS_LAST : price.toString());
            engines.get(m).setIndexPrice(symbol, price, now, reportsTo(m));
            published(m, now);
        }
    }

    /** Where reports of orders the venue itself acts on (expiry, scheduled start, index trigger) go. */
    private MatchingEngine.Output reportsTo(Market m) {
        return (compId, er) -> {
            tape(m, er);
            if (er.isFill()) {
                metrics.fill(m);
            } else if (er.execType() == io.fluxfix.model.ExecType.CANCELED) {
                metrics.cancelled(m, "engine", 1);
            }
            send(m, compId, er);
        };
    }

    /** Runs {@code action} under a market's lock (for consistent reads of engine state). */
    public <T> T withLock(Market market, java.util.function.Supplier<T> action) {
        synchronized (locks.get(market)) {
            return action.get();
        }
    }

    /** A read-only view of the clients, for the admin state. */
    /** Kraken's Spot rate counters (account and domain, per pair) as they stand at {@code now}. */
    public List<SpotRateLimits.CounterState> spotRateCounters(long now) {
        synchronized (locks.get(Market.SPOT)) {
            return spotLimits.state(now);
        }
    }

    /** The Derivatives token buckets, per CompID, as they stand at {@code now}. */
    public List<DerivativesBuckets.BucketState> derivativesBuckets(long now) {
        synchronized (locks.get(Market.DERIVATIVES)) {
            return derivativesBuckets.state(now);
        }
    }

    public List<Map<String, Object>> sessions() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Client c : clients.values()) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("compId", c.compId);
            m.put("account", c.account.name());
            m.put("market", c.market.name().toLowerCase(java.util.Locale.ROOT));
            m.put("loggedOn", c.loggedOn);
            m.put("instance", c.instance);
            m.put("cancelOnDisconnect", c.cancelOnDisconnect);
            out.add(m);
        }
        out.sort(java.util.Comparator.comparing(m -> (String) m.get("compId")));
        return out;
    }
}
