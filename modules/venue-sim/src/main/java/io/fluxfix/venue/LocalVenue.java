package io.fluxfix.venue;

import io.fluxfix.kraken.DialectOptions;
import io.fluxfix.kraken.KrakenDictionary;
import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.model.Market;
import io.fluxfix.model.kraken.TradingDay;
import io.fluxfix.venue.engine.MatchingEngine;
import io.fluxfix.venue.admin.AdminServer;
import io.fluxfix.venue.admin.VenueMetrics;
import io.fluxfix.kraken.qfj.MaskingLogFactory;
import io.fluxfix.venue.fix.MarketDataGateway;
import io.fluxfix.venue.fix.TradingGateway;
import io.fluxfix.venue.fix.VenueApplication;
import io.fluxfix.venue.fix.VenueStoreFactory;
import io.fluxfix.venue.persist.InputJournal;
import io.fluxfix.venue.tls.SelfSignedTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FileStoreFactory;
import quickfix.MemoryStoreFactory;
import quickfix.MessageStoreFactory;
import quickfix.SLF4JLogFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;
import quickfix.SessionSettings;
import quickfix.ThreadedSocketAcceptor;
import quickfix.mina.acceptor.AcceptorSessionProvider;
import quickfix.mina.acceptor.DynamicAcceptorSessionProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The local Kraken venue: Kraken's six FIX ports on loopback (shifted to a port base), the two matching
 * engines behind a gateway that applies Kraken's rules, a write-ahead journal so a restart keeps the books,
 * and the daily rollover on an injectable clock.
 */
public final class LocalVenue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalVenue.class);

    /**
     * How to run: the clock (injected so tests never wait), whether the venue's own clock thread triggers the
     * daily rollover (tests call {@link #tick()} instead), and the TLS material when TLS is on.
     */
    public record Options(InstantSource clock, boolean autoRollover, VenueTls tls, boolean admin) {
        public static Options defaults(VenueTls tls) {
            return new Options(InstantSource.system(), true, tls, true);
        }
    }

    /** Key store for the acceptor and the trust store clients need, with the certificate's fingerprint. */
    public record VenueTls(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword,
                           String certificateSha256) {

        public static VenueTls of(SelfSignedTls tls) {
            return new VenueTls(tls.keyStore(), new String(tls.keyStorePassword()), tls.trustStore(),
                    new String(tls.trustStorePassword()), tls.certificateSha256());
        }

        @Override
        public String toString() {
            return "VenueTls[keyStore=" + keyStore + ", trustStore=" + trustStore + "]";
        }
    }

    private final VenueConfig config;
    private final Options options;
    private final TradingDay tradingDay;
    private final Map<Market, MatchingEngine> engines = new EnumMap<>(Market.class);
    private final TradingGateway gateway;
    private final MarketDataGateway marketData;
    private final VenueApplication application;
    private final InputJournal journal;
    private final ThreadedSocketAcceptor acceptor;
    private final ScheduledExecutorService clockThread;
    private final VenueMetrics metrics;
    private AdminServer admin;
    private long nextRollover;
    private long rolloverEnds = Long.MIN_VALUE;

    private LocalVenue(VenueConfig config, Options options, VenueMetrics metrics, InputJournal journal)
            throws ConfigError {
        this.metrics = metrics;
        this.config = config;
        this.options = options;
        this.tradingDay = new TradingDay(config.rolloverUtc());
        for (Market m : Market.values()) {
            engines.put(m, new MatchingEngine(m, config, tradingDay));
        }
        this.journal = journal;
        this.gateway = new TradingGateway(config, engines, journal, options.clock(), tradingDay, metrics);
        if (config.background().synthetic()) {
            for (Market m : Market.values()) {
                gateway.background(m, new io.fluxfix.venue.market.SyntheticMarket(config, m, engines.get(m)));
            }
        }
        if (!config.background().replayFile().isEmpty()) {
            String symbol = config.background().replaySymbol();
            Market m = Market.ofSymbol(symbol);
            io.fluxfix.venue.market.RecordedMarket recorded = new io.fluxfix.venue.market.RecordedMarket(config, m,
                    engines.get(m), Path.of(config.background().replayFile()), symbol,
                    config.background().replaySpeed().toBigDecimal().doubleValue());
            LOG.info("replaying {} book frames of {} on {} ({} lines skipped)", recorded.frames(),
                    config.background().replayFile(), symbol, recorded.skipped());
            gateway.background(m, recorded);
        }
        int replayed = gateway.replay();
        if (replayed > 0) {
            LOG.info("replayed {} journal records from {}", replayed, config.dataDir().resolve("journal"));
        }

        this.marketData = new MarketDataGateway(config, engines, gateway, tradingDay);
        gateway.marketData(marketData);
        this.application = new VenueApplication(gateway, marketData, options.clock(), config.dialect(), metrics);
        SessionSettings settings = acceptorSettings();
        MessageStoreFactory persistent = config.persistence() ? new FileStoreFactory(settings) : new MemoryStoreFactory();
        MessageStoreFactory stores = new VenueStoreFactory(persistent, gateway::isKnown);
        MaskingLogFactory logs = new MaskingLogFactory(new SLF4JLogFactory(settings));
        DefaultMessageFactory messages = new DefaultMessageFactory();
        this.acceptor = new ThreadedSocketAcceptor(application, stores, settings, logs, messages);
        for (KrakenEndpoint e : KrakenEndpoint.values()) {
            AcceptorSessionProvider dynamic = new DynamicAcceptorSessionProvider(settings, templateId(e), application,
                    stores, logs, messages);
            acceptor.setSessionProvider(new InetSocketAddress(config.bind(), port(e)), e.isTrading() ? dynamic
                    : (sid, connector) -> {
                        // L2 and L3 share their CompIDs: an L3 session is told apart by a qualifier (never on
                        // the wire; QuickFIX/J binds the connection to the session it is given here)
                        SessionID id = e.isLevel3() ? new SessionID(sid.getBeginString(), sid.getSenderCompID(),
                                sid.getTargetCompID(), MarketDataGateway.LEVEL3_QUALIFIER) : sid;
                        application.marketDataLogonOn(id, e);
                        return dynamic.getSession(id, connector);
                    });
        }
        TradingGateway.Sender toClients = (to, message) -> application.sendOwn(() -> {
            try {
                Session.sendToTarget(message, to);
            } catch (SessionNotFound ex) {
                LOG.error("no session {} for an outgoing message", to);
            }
        });
        gateway.sender(toClients);
        marketData.sender(toClients);
        this.nextRollover = tradingDay.nextRollover(nowNanos());
        this.clockThread = options.autoRollover() ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "venue-clock");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /**
     * Starts the venue as an operator runs it: the system clock, the clock thread for the daily rollover, and
     * (with TLS on) a self-signed certificate made or reused under {@code data-dir/tls}.
     */
    public static LocalVenue start(VenueConfig config) {
        VenueTls tls = null;
        if (config.tls()) {
            tls = VenueTls.of(SelfSignedTls.ensure(config.dataDir().resolve("tls"), CERTIFICATE_VALIDITY,
                    java.time.Clock.systemUTC()));
        }
        return start(config, Options.defaults(tls));
    }

    /** How long a certificate the venue makes is valid; it is remade when less than a day is left. */
    public static final java.time.Duration CERTIFICATE_VALIDITY = java.time.Duration.ofDays(365);

    /**
     * Starts the venue: replays the journal, then listens. A venue that cannot start (a port in use, an unusable
     * journal) releases what it had opened and throws {@link IllegalStateException} with one line saying why.
     */
    public static LocalVenue start(VenueConfig config, Options options) {
        if (config.tls() && options.tls() == null) {
            throw new IllegalArgumentException("TLS is on but no key store was given");
        }
        InputJournal journal = config.persistence() ? InputJournal.open(config.dataDir().resolve("journal")) : null;
        LocalVenue venue = null;
        try {
            venue = new LocalVenue(config, options, new VenueMetrics(), journal);
            try {
                venue.acceptor.start();
            } catch (ConfigError | RuntimeException e) {
                throw new IllegalStateException("cannot listen on ports " + config.portBase() + "-"
                        + (config.portBase() + 5) + " of " + config.bind() + ": " + rootMessage(e), e);
            }
            // Whoever was logged on when the venue stopped has lost the connection; the cancels' reports are
            // stored in their sessions for the resend after they log on again.
            venue.gateway.disconnectAll(venue.nowNanos());
            if (options.admin()) {
                try {
                    venue.admin = AdminServer.start(config.bind(), config.adminPort(), new LocalVenueAdmin(venue),
                            venue.metrics.registry());
                } catch (RuntimeException e) {
                    throw new IllegalStateException("cannot start the admin HTTP endpoint on port "
                            + config.adminPort() + ": " + rootMessage(e), e);
                }
            }
            if (venue.clockThread != null) {
                venue.clockThread.scheduleAtFixedRate(venue::tick, 250, 250, TimeUnit.MILLISECONDS);
            }
            return venue;
        } catch (ConfigError e) {
            closeQuietly(venue, journal);
            throw new IllegalStateException("cannot start the venue's FIX acceptor: " + rootMessage(e), e);
        } catch (RuntimeException e) {
            closeQuietly(venue, journal);
            throw e;
        }
    }

    private static void closeQuietly(LocalVenue venue, InputJournal journal) {
        if (venue != null) {
            venue.close();
        } else if (journal != null) {
            journal.close();
        }
    }

    /** The innermost cause's message, on one line: what a user needs from a failed start. */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }

    public int port(KrakenEndpoint endpoint) {
        return endpoint.port(config.portBase());
    }

    public VenueConfig config() {
        return config;
    }

    /** The admin HTTP port, or -1 when the endpoint is off. */
    public int adminPort() {
        return admin == null ? -1 : admin.port();
    }

    public VenueMetrics metrics() {
        return metrics;
    }

    /** The TLS material, or null when TLS is off. */
    public VenueTls tls() {
        return options.tls();
    }

    public MatchingEngine engine(Market market) {
        return engines.get(market);
    }

    public TradingGateway gateway() {
        return gateway;
    }

    /** The FIX application (the error-rate safeguard's counts live there). */
    public VenueApplication application() {
        return application;
    }

    /** Triggers the daily rollover now: sessions are logged out and sequence numbers reset. */
    public void rolloverNow() {
        rollover(nowNanos());
    }

    /**
     * Checks the clock against GTD expiries, scheduled starts, the next rollover and the end of a running one;
     * the clock thread calls it every 250 ms, tests call it after moving their clock.
     */
    public synchronized void tick() {
        try {
            tickNow();
        } catch (RuntimeException e) {
            // The clock thread's schedule stops at the first exception: log it and keep the clock going.
            LOG.error("venue clock tick failed: {}", e.toString(), e);
        }
    }

    private void tickNow() {
        long now = nowNanos();
        gateway.timePassed(now);
        gateway.backgroundStep(now);
        if (now >= nextRollover) {
            rollover(nextRollover);
        }
        if (rolloverEnds != Long.MIN_VALUE && !gateway.inRollover(now)) {
            // The new trading day begins: whatever refused logons counted during the rollover starts again at 1.
            rolloverEnds = Long.MIN_VALUE;
            resetSessions();
            LOG.info("rollover over: logons accepted again");
        }
    }

    private synchronized void rollover(long at) {
        LOG.info("daily rollover at {}", java.time.Instant.ofEpochSecond(0, at));
        gateway.rollover(at);
        rolloverEnds = at + config.dialect().rolloverDowntime().toNanos();
        nextRollover = tradingDay.nextRollover(Math.max(at, nowNanos()));
        resetSessions();
    }

    /** Logs logged-on sessions out (their state resets when the logout completes) and resets the others now. */
    private void resetSessions() {
        for (Session s : acceptor.getManagedSessions()) {
            s.reset();
        }
    }

    @Override
    public void close() {
        if (clockThread != null) {
            clockThread.shutdownNow();
            try {
                clockThread.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (admin != null) {
            admin.close();
        }
        acceptor.stop(true);
        application.close();
        if (journal != null) {
            journal.close();
        }
    }

    // --- settings ----------------------------------------------------------------------------------------------

    private SessionSettings acceptorSettings() {
        DialectOptions dialect = config.dialect();
        SessionSettings s = new SessionSettings();
        SessionID defaults = null;
        s.setString("ConnectionType", "acceptor");
        s.setString("BeginString", "FIX.4.4");
        s.setString("SocketAcceptAddress", config.bind());
        s.setString("NonStopSession", "Y");
        s.setString("UseDataDictionary", "Y");
        s.setString("DataDictionary", KrakenDictionary.RESOURCE);
        s.setString("ValidateUnorderedGroupFields", "N");
        s.setString("ValidateUserDefinedFields", "Y");
        s.setString("AllowUnknownMessageFields", "N");
        // Kraken's own gap-fill example has no 122: accept resends and gap fills without it.
        s.setString("RequiresOrigSendingTime", "N");
        s.setString("RejectInvalidMessage", "Y");
        s.setString("ResetOnLogon", "N");
        s.setString("ResetOnLogout", "N");
        s.setString("ResetOnDisconnect", "N");
        s.setString("PersistMessages", "Y");
        s.setString("TestRequestDelayMultiplier", Double.toString(dialect.heartbeatTestRequestGracePercent() / 100.0));
        s.setString("HeartBeatTimeoutMultiplier", Double.toString(dialect.heartbeatTimeoutGracePercent() / 100.0));
        s.setString("SLF4JLogHeartbeats", "N");
        s.setString("FileStorePath", dir("fix-store").toString());
        if (config.tls()) {
            VenueTls tls = options.tls();
            boolean only13 = dialect.tlsMinVersion() == DialectOptions.TlsVersion.TLS_1_3;
            s.setString("SocketUseSSL", "Y");
            s.setString("EnabledProtocols", only13 ? "TLSv1.3" : "TLSv1.3,TLSv1.2");
            s.setString("SocketKeyStore", tls.keyStore().toString());
            s.setString("SocketKeyStorePassword", tls.keyStorePassword());
            s.setString("KeyStoreType", "PKCS12");
            s.setString("NeedClientAuth", "N");
        }
        for (SessionID sid : gateway.knownSessions()) {
            KrakenEndpoint e = sid.getSenderCompID().equals(KrakenEndpoint.SPOT_TRADING.targetCompId())
                    ? KrakenEndpoint.SPOT_TRADING : KrakenEndpoint.DERIVATIVES_TRADING;
            s.setString(sid, "SocketAcceptPort", Integer.toString(port(e)));
        }
        for (KrakenEndpoint e : KrakenEndpoint.values()) {
            SessionID template = templateId(e);
            s.setString(template, "AcceptorTemplate", "Y");
            s.setString(template, "SocketAcceptPort", Integer.toString(port(e)));
            if (!e.isTrading()) {
                // Market data has nothing to resend (subscriptions die with the connection, U-MDR): every
                // connection starts at sequence number 1 and nothing is stored.
                s.setString(template, "ResetOnLogon", "Y");
                s.setString(template, "ResetOnLogout", "Y");
                s.setString(template, "ResetOnDisconnect", "Y");
                s.setString(template, "PersistMessages", "N");
                // A subscriber that cannot keep up is disconnected ("Slow consumer" in the venue's log) instead
                // of its backlog growing the venue's memory without bound.
                s.setLong(template, "MaxScheduledWriteRequests", config.marketDataMaxQueued());
            }
        }
        return s;
    }

    /** A template session per port answers CompIDs the venue does not know, so they get a Logout with a reason. */
    private static SessionID templateId(KrakenEndpoint e) {
        return new SessionID("FIX.4.4", e.targetCompId(), "*", e.name());
    }

    private Path dir(String name) {
        Path p = config.dataDir().resolve(name);
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + p, e);
        }
        return p;
    }

    public long nowNanos() {
        java.time.Instant i = options.clock().instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
