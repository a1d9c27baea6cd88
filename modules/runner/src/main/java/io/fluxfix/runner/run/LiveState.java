package io.fluxfix.runner.run;

import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.MarketDataEvent;
import io.fluxfix.model.event.MarketDataReject;
import io.fluxfix.model.event.SessionEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the runner has seen, for people: each session's last state change, market-data counts per symbol and
 * the last events. Fed from the sessions' streams; read by the HTTP endpoint. Counts also go to Micrometer as
 * {@code fluxfix_events_received_total{session,type}} and {@code fluxfix_market_data_events_total{session,symbol}}.
 */
public final class LiveState {

    /** How many of the last events the status page shows. */
    public static final int LAST_EVENTS = 50;

    static final String EVENTS = "fluxfix.events.received";
    static final String MARKET_DATA = "fluxfix.market-data.events";

    /** A session's last state change. */
    public record SessionState(String name, String endpoint, String state, String since, String detail) {
    }

    /** Market data of one symbol: how many events, the last one's time. */
    public record SymbolActivity(String session, String symbol, long events, String last) {
    }

    /** One line of the event log. */
    public record EventLine(String time, String session, String type, String text) {
    }

    private final InstantSource clock;
    private final MeterRegistry registry;
    private final Map<String, SessionState> sessions = new ConcurrentHashMap<>();
    private final Map<String, Activity> symbols = new ConcurrentHashMap<>();
    private final Map<String, Counter> eventCounters = new ConcurrentHashMap<>();
    private final Deque<EventLine> last = new ArrayDeque<>();

    private static final class Activity {
        final String session;
        final String symbol;
        final AtomicLong events = new AtomicLong();
        final Counter counter;
        volatile Instant last;

        Activity(String session, String symbol, Counter counter) {
            this.session = session;
            this.symbol = symbol;
            this.counter = counter;
        }
    }

    LiveState(InstantSource clock, MeterRegistry registry) {
        this.clock = clock;
        this.registry = registry;
    }

    void sessionConfigured(String name, String endpoint) {
        sessions.put(name, new SessionState(name, endpoint, "configured", now().toString(), ""));
    }

    void onEvent(String session, Event event) {
        String type = event.getClass().getSimpleName();
        eventCounters.computeIfAbsent(session + '\0' + type, k -> Counter.builder(EVENTS)
                .description("Events received from the venue, by session and type")
                .tag("session", session).tag("type", type).register(registry)).increment();
        if (event instanceof SessionEvent se) {
            // the state column follows the session's life; gaps, resends and resets are only logged
            if (se instanceof SessionEvent.LoggingOn || se instanceof SessionEvent.LoggedOn
                    || se instanceof SessionEvent.LoggedOut || se instanceof SessionEvent.Disconnected) {
                SessionState old = sessions.get(session);
                sessions.put(session, new SessionState(session, old == null ? "" : old.endpoint(), type,
                        now().toString(), describe(event)));
            }
            log(session, type, describe(event));
        } else if (event instanceof MarketDataEvent md) {
            String symbol = symbolOf(md);
            Activity a = symbols.computeIfAbsent(session + '\0' + symbol, k -> new Activity(session, symbol,
                    Counter.builder(MARKET_DATA).description("Market-data events received, by session and symbol")
                            .tag("session", session).tag("symbol", symbol).register(registry)));
            a.events.incrementAndGet();
            a.counter.increment();
            a.last = now();
            if (md instanceof MarketDataReject) {
                log(session, type, describe(event));
            }
        } else {
            log(session, type, describe(event));
        }
    }

    private static String symbolOf(MarketDataEvent md) {
        if (md instanceof io.fluxfix.model.event.MarketDataSnapshot s) {
            return s.symbol();
        }
        if (md instanceof io.fluxfix.model.event.MarketDataIncrement i) {
            return i.symbol() == null ? "" : i.symbol();
        }
        return "";
    }

    private static String describe(Event e) {
        if (e instanceof ExecutionReport er) {
            return er.execType() + " " + er.ordStatus() + " " + er.side() + " " + er.symbol() + " "
                    + er.clOrdId();
        }
        String s = e.toString();
        // records print as Name[stamp=..., session=..., ...]: drop the stamp, keep what a person reads
        s = s.replaceFirst("stamp=Stamp\\[[^\\]]*\\], ?", "");
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    synchronized void log(String session, String type, String text) {
        last.addFirst(new EventLine(now().toString(), session, type, text));
        while (last.size() > LAST_EVENTS) {
            last.removeLast();
        }
    }

    private Instant now() {
        return clock.instant();
    }

    public List<SessionState> sessions() {
        List<SessionState> out = new ArrayList<>(sessions.values());
        out.sort(java.util.Comparator.comparing(SessionState::name));
        return out;
    }

    public List<SymbolActivity> marketData() {
        List<SymbolActivity> out = new ArrayList<>();
        for (Activity a : symbols.values()) {
            out.add(new SymbolActivity(a.session, a.symbol, a.events.get(), a.last == null ? "" : a.last.toString()));
        }
        out.sort(java.util.Comparator.comparing(SymbolActivity::session).thenComparing(SymbolActivity::symbol));
        return out;
    }

    public synchronized List<EventLine> lastEvents() {
        return List.copyOf(last);
    }
}
