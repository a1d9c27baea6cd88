package io.fluxfix.session.internal;

import io.fluxfix.journal.Journal;
import io.fluxfix.kraken.DecodeException;
import io.fluxfix.kraken.DialectOptions;
import io.fluxfix.kraken.KrakenDecoder;
import io.fluxfix.kraken.KrakenEncoder;
import io.fluxfix.kraken.KrakenLogon;
import io.fluxfix.kraken.KrakenSessionConfig;
import io.fluxfix.kraken.KrakenSessionSettings;
import io.fluxfix.kraken.LogonSignature;
import io.fluxfix.kraken.qfj.MaskingLogFactory;
import io.fluxfix.kraken.qfj.MaskingStoreFactory;
import io.fluxfix.model.command.Command;
import io.fluxfix.model.command.InstrumentListRequest;
import io.fluxfix.model.command.MarketDataRequest;
import io.fluxfix.model.command.SubscriptionType;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.MarketDataEvent;
import io.fluxfix.model.event.OrderEvent;
import io.fluxfix.model.event.ReferenceDataEvent;
import io.fluxfix.model.event.RejectEvent;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.model.kraken.TradingDay;
import io.fluxfix.session.Credentials;
import io.fluxfix.session.SessionConfig;
import io.fluxfix.session.SessionNotLoggedOnException;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.DoNotSend;
import quickfix.FieldNotFound;
import quickfix.FileLogFactory;
import quickfix.FileStoreFactory;
import quickfix.LogFactory;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.MessageStore;
import quickfix.MessageStoreFactory;
import quickfix.SLF4JLogFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SessionStateListener;
import quickfix.SocketInitiator;
import reactor.core.Disposable;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One Kraken FIX session on a QuickFIX/J initiator of its own: the {@link Application} and state listener that
 * decode at the edge, journal before emitting, sign the Logon, dedupe PossDup replays, and drive reconnects
 * with Reactor's exponential backoff. The public face is {@link io.fluxfix.session.KrakenSession}.
 *
 * <p>Threads: QuickFIX/J's initiator thread calls every callback and emits every inbound event; reconnect
 * attempts start on the injected scheduler. The session's own state is guarded by {@code this}.
 */
public final class FixSession implements Application, SessionStateListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FixSession.class);
    private static final int POSS_DUP_FLAG = 43;
    private static final int MSG_SEQ_NUM = 34;
    private static final int MSG_TYPE = 35;
    private static final int RESET_SEQ_NUM_FLAG = 141;

    /** The command the calling thread is handing to QuickFIX/J; toApp journals it with its MsgSeqNum. */
    private static final ThreadLocal<Command> OUTGOING = new ThreadLocal<>();
    private static final ThreadLocal<RuntimeException> OUTGOING_FAILURE = new ThreadLocal<>();

    private final SessionConfig config;
    private final KrakenSessionConfig connection;
    private final String name;
    private final Journal journal;
    private final InstantSource clock;
    private final TradingDay tradingDay;
    private final Credentials credentials;
    private final Scheduler scheduler;
    private final KrakenDecoder decoder = new KrakenDecoder();
    private final KrakenEncoder encoder = new KrakenEncoder();
    private final SocketInitiator initiator;
    private final SessionID sessionId;

    private final Sinks.Many<SessionEvent> sessionEvents;
    private final Sinks.Many<Event> orderEvents;
    private final Sinks.Many<ReferenceDataEvent> referenceEvents;
    private final Map<String, MarketDataFeed> feeds = new ConcurrentHashMap<>();
    private final SessionMeters meters;
    private final AtomicLong requestIds = new AtomicLong();
    /** Journaled inbound messages (day:seq) that could not be delivered: a PossDup replay of them is. */
    private final Set<String> undelivered = ConcurrentHashMap.newKeySet();

    private volatile Session session;
    private volatile boolean loggedOn;
    private volatile boolean closing;
    private Disposable loop;
    private MonoSink<Void> attempt;
    private MonoSink<Void> down;
    private String venueReason;
    private boolean logonReset;
    /** The session day the store's numbers belong to: the clock's, or one later once the venue rolled over. */
    private volatile int storeDay;
    private boolean newDayPending;
    /** The venue announced its rollover (its Logout, or a logon answered at 1): the next attempt starts a day. */
    private boolean venueRolled;
    private long lastNonce;
    /** A logon attempt was made before: the next one is a reconnect. */
    private boolean attempted;

    public FixSession(SessionConfig config, DialectOptions dialect, Journal journal, InstantSource clock,
                      Credentials credentials, Scheduler scheduler, Path storeDir, Path logDir,
                      MeterRegistry registry) {
        this.config = config;
        this.connection = config.connection();
        this.name = config.name();
        this.journal = journal;
        this.clock = clock;
        this.tradingDay = new TradingDay(connection.rolloverUtc());
        this.credentials = credentials;
        this.scheduler = scheduler;
        this.meters = new SessionMeters(name, registry);
        this.meters.gaugeLoggedOn(() -> loggedOn);
        if (connection.endpoint().isTrading() && credentials == null) {
            throw new IllegalArgumentException("trading session " + name + " needs credentials");
        }
        this.sessionEvents = Sinks.many().multicast().onBackpressureBuffer(config.eventBuffer(), false);
        this.orderEvents = Sinks.many().multicast().onBackpressureBuffer(config.eventBuffer(), false);
        this.referenceEvents = Sinks.many().multicast().onBackpressureBuffer(config.eventBuffer(), false);
        this.sessionId = KrakenSessionSettings.sessionId(connection);
        SessionSettings settings = KrakenSessionSettings.build(List.of(connection), dialect, "sessions");
        // QuickFIX/J's own reconnect only polls; whether and when to connect is decided by the backoff below,
        // which enables the session for an attempt and disables it after a failure.
        settings.setString(sessionId, "ReconnectInterval", "1");
        if (!connection.endpoint().isTrading()) {
            // Market data is never replayed (a resubscription brings a fresh snapshot): both sides start at 1 on
            // every logon, as Kraken's market-data logon examples do (141=Y).
            settings.setString(sessionId, "ResetOnLogon", "Y");
        }
        MessageStoreFactory stores;
        if (storeDir != null) {
            settings.setString(sessionId, "FileStorePath", storeDir.toString());
            stores = new FileStoreFactory(settings);
        } else {
            stores = new MemoryStoreFactory();
        }
        LogFactory logs;
        if (logDir != null) {
            settings.setString(sessionId, "FileLogPath", logDir.toString());
            logs = new FileLogFactory(settings);
        } else {
            logs = new SLF4JLogFactory(settings);
        }
        try {
            this.initiator = new SocketInitiator(this, new MaskingStoreFactory(stores), settings,
                    new MaskingLogFactory(logs), new DefaultMessageFactory());
        } catch (ConfigError e) {
            throw new IllegalStateException("session " + name + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public SessionConfig config() {
        return config;
    }

    // --- life ------------------------------------------------------------------------------------------------

    /** Starts the initiator and the reconnect loop: attempt, back off on failure, and again after every drop. */
    public synchronized void start() {
        try {
            initiator.start();
        } catch (ConfigError e) {
            throw new IllegalStateException("session " + name + ": " + e.getMessage(), e);
        }
        Duration first = connection.reconnectInterval();
        loop = Mono.<Void>create(this::beginAttempt)
                .subscribeOn(scheduler)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, first).maxBackoff(config.reconnectMaxBackoff())
                        .jitter(0).scheduler(scheduler)
                        .doBeforeRetry(s -> LOG.info("{}: logon attempt {} failed ({}), next in up to {}", name,
                                s.totalRetriesInARow() + 1, s.failure().getMessage(), config.reconnectMaxBackoff())))
                .then(Mono.create(this::awaitDown))
                .repeat(() -> !closing)
                .subscribe(null, e -> LOG.error("{}: reconnect loop ended: {}", name, e.toString()));
    }

   
    public void close() {
        Disposable l;
        synchronized (this) {
            closing = true;
            l = loop;
        }
        if (l != null) {
            l.dispose();
        }
        // stop(false): send Logout and wait (up to QuickFIX/J's LogoutTimeout, 2 s) for the venue's answer, so a
        // shutdown is an orderly FIX logout (journaled as LoggedOut), not a dropped connection
        initiator.stop(false);
        synchronized (this) {
            if (attempt != null) {
                attempt = null;
            }
        }
        sessionEvents.emitComplete(Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
        orderEvents.emitComplete(Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
        referenceEvents.emitComplete(Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
        for (MarketDataFeed f : feeds.values()) {
            f.complete();
        }
        meters.close();
    }

    private void beginAttempt(MonoSink<Void> sink) {
        Session s;
        synchronized (this) {
            if (closing) {
                sink.success();
                return;
            }
            attempt = sink;
            s = session;
            if (attempted) {
                meters.reconnectAttempt();
            }
            attempted = true;
            venueReason = null;
            logonReset = false;
        }
        int clockDay = tradingDay.dayOf(nowNanos());
        int today;
        boolean rolled;
        boolean restart;
        synchronized (this) {
            // A rollover the venue announced counts as the next session day even when the local clock (skewed,
            // or a venue rolled by its admin) is not past rollover-time yet; the clock reaching that day later
            // is then no second rollover.
            today = venueRolled ? Math.max(clockDay, storeDay + 1) : Math.max(clockDay, storeDay);
            venueRolled = false;
            rolled = today != storeDay;
            storeDay = today;
            if (rolled) {
                newDayPending = true;
            }
            restart = newDayPending;
        }
        if (restart) {
            // Kraken's daily rollover: both sides start again at 1 — on every attempt until the new day's first
            // logon, because logons the venue refuses during its rollover window use up sequence numbers too.
            s.reset();
        }
        if (rolled) {
            publishSession(new SessionEvent.Rollover(stamp(0), name, today));
        }
        publishSession(new SessionEvent.LoggingOn(stamp(0), name));
        s.logon();
    }

    private synchronized void awaitDown(MonoSink<Void> sink) {
        if (!loggedOn || closing) {
            sink.success();
        } else {
            down = sink;
        }
    }

    private void disconnected(String why) {
        MonoSink<Void> failedAttempt;
        MonoSink<Void> wentDown;
        String reason;
        boolean refused;
        synchronized (this) {
            Session s = session;
            refused = venueReason != null;
            if (s != null) {
                s.logout(); // disables: the next attempt waits for the backoff
            }
            reason = venueReason != null ? venueReason : why;
            loggedOn = false;
            failedAttempt = attempt;
            attempt = null;
            wentDown = down;
            down = null;
        }
        publishSession(new SessionEvent.Disconnected(stamp(0), name, reason));
        if (failedAttempt != null) {
            meters.logon(refused ? SessionMeters.LogonResult.REFUSED : SessionMeters.LogonResult.FAILED);
            failedAttempt.error(new LogonFailedException(name, reason));
        }
        if (wentDown != null) {
            wentDown.success();
        }
    }

    /** Why an attempt ended without a logon; the reconnect loop backs off and tries again. */
    static final class LogonFailedException extends RuntimeException {
        LogonFailedException(String session, String reason) {
            super(session + ": " + reason, null, false, false);
        }
    }

    // --- public operations -------------------------------------------------------------------------------------

    public boolean isLoggedOn() {
        return loggedOn;
    }

    public Flux<SessionEvent> sessionEvents() {
        return sessionEvents.asFlux();
    }

    public Flux<Event> orderEvents() {
        return orderEvents.asFlux();
    }

    public Flux<ReferenceDataEvent> referenceEvents() {
        return referenceEvents.asFlux();
    }

    public long conflatedCount() {
        return meters.conflatedCount();
    }

    public long alarmCount() {
        return meters.alarmCount();
    }

    /** Journals the command with its MsgSeqNum and hands it to QuickFIX/J; errors when not logged on. */
    public Mono<Void> send(Command command) {
        return Mono.defer(() -> {
            if (!loggedOn) {
                return Mono.error(new SessionNotLoggedOnException(name));
            }
            return sendNow(command) ? Mono.<Void>empty()
                    : Mono.error(new SessionNotLoggedOnException(name));
        });
    }

    /** One subscription's market data; subscribing sends the request (again after every reconnect). */
    public Flux<MarketDataEvent> marketData(MarketDataRequest request) {
        return Flux.create(sink -> {
            MarketDataFeed feed = new MarketDataFeed(request, sink, meters);
            synchronized (this) {
                if (feeds.putIfAbsent(request.mdReqId(), feed) != null) {
                    sink.error(new IllegalStateException("MDReqID " + request.mdReqId() + " is already subscribed"));
                    return;
                }
                if (loggedOn) {
                    sendQuietly(request);
                }
            }
            sink.onRequest(n -> feed.drain());
            sink.onDispose(() -> {
                synchronized (this) {
                    feeds.remove(request.mdReqId(), feed);
                    if (loggedOn && !closing) {
                        sendQuietly(new MarketDataRequest(request.mdReqId(), SubscriptionType.UNSUBSCRIBE,
                                request.depth(), request.incrementalOnly(), request.aggregated(),
                                request.entryTypes(), request.symbols()));
                    }
                }
            });
        }, FluxSink.OverflowStrategy.ERROR);
    }

    private boolean sendNow(Command command) {
        Message m = encoder.encode(command);
        OUTGOING.set(command);
        OUTGOING_FAILURE.remove();
        boolean sent;
        try {
            Session s = session;
            sent = s != null && s.send(m);
        } finally {
            OUTGOING.remove();
        }
        RuntimeException failure = OUTGOING_FAILURE.get();
        OUTGOING_FAILURE.remove();
        if (failure != null) {
            throw failure;
        }
        return sent;
    }

    private void sendQuietly(Command command) {
        try {
            if (!sendNow(command)) {
                LOG.warn("{}: {} not sent (session down); it is sent again after the next logon", name,
                        command.getClass().getSimpleName());
            }
        } catch (RuntimeException e) {
            LOG.error("{}: {} not sent: {}", name, command.getClass().getSimpleName(), e.toString());
        }
    }

    /** A journal append failed: the command did not leave. */
    public static final class JournalFailure extends RuntimeException {
        JournalFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    // --- test hooks (package io.fluxfix.session uses them through KrakenSession) ------------------------------

    /** Closes the socket without a Logout, as a lost connection would (the venue's cancel-on-disconnect applies). */
    public void cutConnection() throws IOException {
        session.disconnect("connection cut", false);
    }

    /** Pretends the last {@code n} inbound messages were never seen: the next message opens a gap. */
    public void forgetInbound(int n) throws IOException {
        session.setNextTargetMsgSeqNum(session.getExpectedTargetNum() - n);
    }

    // --- QuickFIX/J Application -----------------------------------------------------------------------------

    @Override
    public void onCreate(SessionID id) {
        Session s = Session.lookupSession(id);
        s.addStateListener(this);
        s.logout(); // disabled until the reconnect loop's first attempt
        int day;
        try {
            MessageStore store = s.getStore();
            // A store that has carried nothing yet (both numbers at 1) belongs to today by this session's clock.
            // QuickFIX/J stamps a new store with the system clock, not the session's: with an injected clock (a
            // test's, a replay's) that day could differ and make the first logon look like a missed rollover.
            day = store.getNextSenderMsgSeqNum() == 1 && store.getNextTargetMsgSeqNum() == 1
                    ? tradingDay.dayOf(nowNanos())
                    : tradingDay.dayOf(store.getCreationTime().getTime() * 1_000_000L);
        } catch (IOException e) {
            day = tradingDay.dayOf(nowNanos());
        }
        synchronized (this) {
            session = s;
            storeDay = day;
        }
    }

    @Override
    public void onLogon(SessionID id) {
        boolean reset;
        synchronized (this) {
            loggedOn = true;
            reset = logonReset;
            newDayPending = false;
        }
        publishSession(new SessionEvent.LoggedOn(stamp(0), name, (int) connection.heartbeat().toSeconds(), reset));
        MonoSink<Void> a;
        synchronized (this) {
            a = attempt;
            attempt = null;
            meters.logon(SessionMeters.LogonResult.SUCCESS);
            // On every (re)connect: the instrument list, then every subscription again; each W that follows
            // replaces its book (see docs/sessions.md).
            if (!connection.endpoint().isTrading()) {
                sendQuietly(InstrumentListRequest.all(name + "-instruments-" + requestIds.incrementAndGet()));
                for (MarketDataFeed f : feeds.values()) {
                    sendQuietly(f.request());
                }
            }
        }
        if (a != null) {
            a.success();
        }
    }

    @Override
    public void onLogout(SessionID id) {
        // onDisconnect follows and handles it
    }

    @Override
    public void toAdmin(Message message, SessionID id) {
        if ("5".equals(type(message))) {
            noticeVenueReset(message);
            return;
        }
        if (!"A".equals(type(message))) {
            return;
        }
        if (!connection.endpoint().isTrading()) {
            return;
        }
        try {
            long seq = message.getHeader().getInt(MSG_SEQ_NUM);
            String nonce;
            synchronized (this) {
                lastNonce = Math.max(clock.millis(), lastNonce + 1);
                nonce = Long.toString(lastNonce);
            }
            String password = LogonSignature.sign(credentials.apiKey(), credentials.secret(), seq,
                    connection.senderCompId(), connection.targetCompId(), nonce);
            new KrakenLogon(0, null, credentials.apiKey(), password, nonce, connection.cancelOnDisconnect(), null,
                    null, null).writeTo(message);
        } catch (FieldNotFound e) {
            LOG.error("{}: Logon without MsgSeqNum; not signed", name);
        }
    }

    @Override
    public void fromAdmin(Message message, SessionID id) {
        String type = type(message);
        long seq = seqNum(message);
        switch (type) {
            case "A":
                synchronized (this) {
                    logonReset = seq == 1 || "Y".equals(message.getOptionalString(RESET_SEQ_NUM_FLAG).orElse("N"));
                }
                return;
            case "2":
            case "4":
            case "5": {
                Stamp stamp = stamp(seq);
                if (isReplayHeld(message, stamp)) {
                    return;
                }
                SessionEvent event;
                try {
                    event = decoder.decodeSession(message, stamp, name, true);
                } catch (DecodeException e) {
                    LOG.warn("{}: undecodable {} ({})", name, type, e.getMessage());
                    return;
                }
                if (event instanceof SessionEvent.LoggedOut out) {
                    synchronized (this) {
                        venueReason = out.reason();
                        if (isRolloverLogout(out.reason())) {
                            venueRolled = true;
                        }
                    }
                }
                publishSession(event);
                return;
            }
            default:
        }
    }

    @Override
    public void toApp(Message message, SessionID id) throws DoNotSend {
        Command command = OUTGOING.get();
        if (command == null || message.getHeader().getOptionalString(POSS_DUP_FLAG).orElse("N").equals("Y")) {
            return; // a resend of something journaled when it first left
        }
        try {
            long seq = message.getHeader().getInt(MSG_SEQ_NUM);
            long now = nowNanos();
            journal.appendOutbound(name, now, Math.max(tradingDay.dayOf(now), storeDay), seq, command);
        } catch (FieldNotFound | RuntimeException e) {
            OUTGOING_FAILURE.set(new JournalFailure(name + ": journal append failed, command not sent: " + e, e));
            throw new DoNotSend();
        }
    }

    @Override
    public void fromApp(Message message, SessionID id) {
        long seq = seqNum(message);
        Stamp stamp = stamp(seq);
        boolean redelivery = isPossDup(message) && undelivered.remove(key(stamp));
        if (!redelivery && isReplayHeld(message, stamp)) {
            return;
        }
        Event event;
        try {
            event = decoder.decode(message, stamp);
        } catch (DecodeException e) {
            LOG.warn("{}: undecodable {} at {} ({})", name, type(message), seq, e.getMessage());
            return;
        }
        if (!redelivery) {
            journal.appendInbound(name, event); // a redelivery is journaled already: it is only emitted now
        }
        boolean delivered;
        if (event instanceof MarketDataEvent md) {
            MarketDataFeed feed = feeds.get(md.mdReqId());
            delivered = true;
            if (feed != null) {
                feed.offer(md);
            }
        } else if (event instanceof ReferenceDataEvent ref) {
            delivered = emit(referenceEvents, ref);
        } else if (event instanceof OrderEvent || event instanceof RejectEvent) {
            delivered = emit(orderEvents, event);
        } else {
            delivered = true;
        }
        if (!delivered) {
            undelivered.add(key(stamp));
            overflowed(event);
            // Leaves QuickFIX/J's expected MsgSeqNum at this message, so the venue resends it after the logon.
            throw new IllegalStateException(name + ": event buffer full, disconnected");
        }
    }

    private boolean isRolloverLogout(String reason) {
        String text = config.rolloverLogoutText();
        return !text.isEmpty() && reason != null && reason.regionMatches(true, 0, text, 0, text.length());
    }

    /**
     * QuickFIX/J refuses a logon answered with a MsgSeqNum lower than expected with a Logout of its own, before
     * any callback sees the answer; that Logout's text is where a venue that reset its numbers (a rollover this
     * session did not see announced) shows. The next attempt then starts a new day at 1.
     */
    private void noticeVenueReset(Message logout) {
        if (!config.rolloverOnVenueReset() || loggedOn) {
            return;
        }
        String text = logout.getOptionalString(58).orElse("");
        if (text.startsWith("MsgSeqNum too low") && text.endsWith(" received 1")) {
            LOG.info("{}: the venue answered the logon at MsgSeqNum 1: it rolled over; starting a new day", name);
            synchronized (this) {
                venueRolled = true;
            }
        }
    }

    /** A PossDup replay of a message the journal already holds (and delivered) is neither journaled nor emitted. */
    private boolean isReplayHeld(Message message, Stamp stamp) {
        return isPossDup(message) && journal.holdsInbound(name, stamp.sessionDay(), stamp.seqNum());
    }

    private static boolean isPossDup(Message message) {
        return message.getHeader().getOptionalString(POSS_DUP_FLAG).orElse("N").equals("Y");
    }

    private static String key(Stamp stamp) {
        return stamp.sessionDay() + ":" + stamp.seqNum();
    }

    // --- QuickFIX/J state listener ---------------------------------------------------------------------------

    @Override
    public void onConnectException(Exception e) {
        disconnected("connect failed: " + e.getMessage());
    }

    @Override
    public void onDisconnect() {
        disconnected("connection closed");
    }

    @Override
    public void onResendRequestSent(int beginSeqNo, int endSeqNo, int currentEndSeqNo) {
        // QuickFIX/J reports the range it asked for, not the message that opened the gap: received is the
        // highest number it names.
        publishSession(new SessionEvent.SequenceGap(stamp(0), name, beginSeqNo,
                Math.max(beginSeqNo, Math.max(endSeqNo, currentEndSeqNo))));
        publishSession(new SessionEvent.ResendRequested(stamp(0), name, beginSeqNo, endSeqNo, false));
    }

    @Override
    public void onMissedHeartBeat() {
        LOG.info("{}: missed heartbeat, test request sent", name);
    }

    // --- emission ----------------------------------------------------------------------------------------------

    /** Journal, then emit: a session event is on disk before anyone sees it. */
    private void publishSession(SessionEvent event) {
        if (event.stamp().seqNum() == 0 || !journal.holdsInbound(name, event.stamp().sessionDay(),
                event.stamp().seqNum())) {
            journal.appendInbound(name, event);
        }
        if (!emit(sessionEvents, event)) {
            overflowed(event);
        }
    }

    /**
     * Emits without dropping: a full buffer raises an alarm and holds this (QuickFIX/J's) thread — TCP then
     * pushes back on the venue — for up to the configured wait; false when it is still full.
     */
    private <T> boolean emit(Sinks.Many<T> sink, T value) {
        synchronized (sink) {
            Sinks.EmitResult r = sink.tryEmitNext(value);
            if (r.isSuccess() || r == Sinks.EmitResult.FAIL_TERMINATED || r == Sinks.EmitResult.FAIL_CANCELLED) {
                alarmIfFilling(sink);
                return true;
            }
            if (sink.currentSubscriberCount() == 0) {
                // Nobody listens: the event is in the journal, which is where a late reader finds it.
                return true;
            }
            meters.bufferAlarm();
            LOG.warn("{}: event buffer full ({}), holding the session thread up to {}", name, config.eventBuffer(),
                    config.overflowWait());
            long deadline = System.nanoTime() + config.overflowWait().toNanos();
            while (System.nanoTime() < deadline) {
                LockSupport.parkNanos(200_000);
                r = sink.tryEmitNext(value);
                if (r.isSuccess()) {
                    return true;
                }
            }
            return false;
        }
    }

    private void alarmIfFilling(Sinks.Many<?> sink) {
        Integer buffered = Scannable.from(sink).scan(Scannable.Attr.BUFFERED);
        if (buffered != null && buffered >= config.eventBuffer() * 3 / 4 && buffered % 64 == 0) {
            meters.bufferAlarm();
            LOG.warn("{}: event buffer {} of {} full: a subscriber is slow", name, buffered, config.eventBuffer());
        }
    }

    private void overflowed(Event event) {
        LOG.error("{}: a subscriber stayed slow for {}: disconnecting rather than dropping {} (it is journaled; "
                + "the venue resends it after the next logon)", name, config.overflowWait(),
                event.getClass().getSimpleName());
        meters.overflowDisconnect();
        synchronized (this) {
            venueReason = "event buffer full: a subscriber stayed slow for " + config.overflowWait();
        }
        try {
            Session s = session;
            if (event.stamp().seqNum() > 0) {
                s.setNextTargetMsgSeqNum((int) event.stamp().seqNum());
            }
            s.disconnect("event buffer full", false);
        } catch (IOException e) {
            LOG.error("{}: disconnect failed: {}", name, e.toString());
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private long nowNanos() {
        Instant t = clock.instant();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private Stamp stamp(long seq) {
        long now = nowNanos();
        return new Stamp(now, Math.max(tradingDay.dayOf(now), storeDay), seq);
    }

    private static String type(Message m) {
        return m.getHeader().getOptionalString(MSG_TYPE).orElse("");
    }

    private static long seqNum(Message m) {
        try {
            return m.getHeader().getInt(MSG_SEQ_NUM);
        } catch (FieldNotFound e) {
            return 0;
        }
    }
}
