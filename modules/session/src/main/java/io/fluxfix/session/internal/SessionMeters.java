package io.fluxfix.session.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * One session's counts: kept here for {@code KrakenSession}'s own getters and, tagged {@code session}, as
 * Micrometer meters in the registry the client was given (names in docs/sessions.md, "Metrics").
 */
public final class SessionMeters {

    public static final String CONFLATED = "fluxfix.session.market-data.conflated";
    public static final String BUFFER_ALARMS = "fluxfix.session.buffer.alarms";
    public static final String OVERFLOW_DISCONNECTS = "fluxfix.session.buffer.overflow-disconnects";
    public static final String RECONNECT_ATTEMPTS = "fluxfix.session.reconnect.attempts";
    public static final String LOGONS = "fluxfix.session.logons";
    public static final String LOGGED_ON = "fluxfix.session.logged-on";

    /** Outcomes of a logon attempt, the {@code result} tag of {@link #LOGONS}. */
    public enum LogonResult {
        /** the venue answered with its Logon */
        SUCCESS("success"),
        /** the venue answered with a Logout (its reason is in the session events) */
        REFUSED("refused"),
        /** no answer: the connection failed or closed first */
        FAILED("failed");

        final String tag;

        LogonResult(String tag) {
            this.tag = tag;
        }
    }

    private final String session;
    private final MeterRegistry registry;
    private final AtomicLong conflated = new AtomicLong();
    private final AtomicLong alarms = new AtomicLong();
    private final Map<String, Counter> conflatedBySymbol = new ConcurrentHashMap<>();
    private final Counter alarmCounter;
    private final Counter overflowCounter;
    private final Counter reconnectCounter;
    private final Map<LogonResult, Counter> logons = new ConcurrentHashMap<>();
    private Gauge loggedOn;

    /** @param registry where the meters go; null = nowhere (no-op meters), the getters still count */
    public SessionMeters(String session, MeterRegistry registry) {
        this.session = Objects.requireNonNull(session, "session");
        this.registry = registry != null ? registry : new CompositeMeterRegistry();
        this.alarmCounter = counter(BUFFER_ALARMS, "Times a never-dropping event buffer filled up (a slow subscriber)");
        this.overflowCounter = counter(OVERFLOW_DISCONNECTS,
                "Disconnects because a subscriber stayed slow for longer than buffer.overflow-wait");
        this.reconnectCounter = counter(RECONNECT_ATTEMPTS, "Logon attempts after the session's first");
        for (LogonResult r : LogonResult.values()) {
            logons.put(r, Counter.builder(LOGONS).description("Logon attempts by result").tag("session", session)
                    .tag("result", r.tag).register(this.registry));
        }
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).tag("session", session).register(registry);
    }

    /** Registers the logged-on gauge (1 or 0). */
    void gaugeLoggedOn(BooleanSupplier state) {
        loggedOn = Gauge.builder(LOGGED_ON, state, s -> s.getAsBoolean() ? 1 : 0)
                .description("1 while the session is logged on").tag("session", session).strongReference(true)
                .register(registry);
    }

    /** Removes the gauge (it would otherwise keep reading a closed session, and block a new one's). */
    void close() {
        if (loggedOn != null) {
            registry.remove(loggedOn);
        }
    }

    void conflated(String symbol) {
        conflated.incrementAndGet();
        conflatedBySymbol.computeIfAbsent(symbol == null ? "" : symbol, s -> Counter.builder(CONFLATED)
                .description("Market-data events merged into newer ones for a slow subscriber")
                .tag("session", session).tag("symbol", s).register(registry)).increment();
    }

    void bufferAlarm() {
        alarms.incrementAndGet();
        alarmCounter.increment();
    }

    void overflowDisconnect() {
        overflowCounter.increment();
    }

    void reconnectAttempt() {
        reconnectCounter.increment();
    }

    void logon(LogonResult result) {
        logons.get(result).increment();
    }

    public long conflatedCount() {
        return conflated.get();
    }

    public long alarmCount() {
        return alarms.get();
    }
}
