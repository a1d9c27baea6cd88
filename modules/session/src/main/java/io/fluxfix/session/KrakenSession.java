package io.fluxfix.session;

import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.model.command.Command;
import io.fluxfix.model.command.MarketDataRequest;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.MarketDataEvent;
import io.fluxfix.model.event.ReferenceDataEvent;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.session.internal.FixSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One Kraken FIX session (trading or market data, Spot or Derivatives) as Reactor streams. Every event is
 * decoded once and journaled before it is emitted; every command is journaled, with the MsgSeqNum it leaves
 * with, before it is written. No QuickFIX/J type appears here.
 *
 * <p>Streams are hot: subscribe before {@link KrakenClient#start()} to see the first logon. Executions,
 * rejects and session events are never dropped (a bounded buffer; a subscriber slow for longer than
 * {@code buffer.overflow-wait} disconnects the session instead, and the venue resends after the next logon).
 * Market data is conflated per instrument for a slow subscriber (see {@link #marketData}).
 */
public final class KrakenSession {

    private final FixSession fix;

    KrakenSession(FixSession fix) {
        this.fix = fix;
    }

    public String name() {
        return fix.name();
    }

    public KrakenEndpoint endpoint() {
        return fix.config().connection().endpoint();
    }

    public boolean isLoggedOn() {
        return fix.isLoggedOn();
    }

    /**
     * The session's life: {@code LoggingOn} at each attempt, {@code LoggedOn}, {@code LoggedOut} with the venue's
     * reason (a refused logon, the error-rate safeguard, the daily rollover), {@code Disconnected} with the reason,
     * {@code Rollover} when a new trading day starts the sequence numbers again, {@code SequenceGap} and
     * {@code ResendRequested} (both directions), {@code SequenceReset}.
     */
    public Flux<SessionEvent> sessionEvents() {
        return fix.sessionEvents();
    }

    /** Execution reports, order cancel rejects, and the session and business rejects of this session, in order. */
    public Flux<Event> orderEvents() {
        return fix.orderEvents();
    }

    /** Instrument lists (requested on every logon of a market-data session) and trading session status. */
    public Flux<ReferenceDataEvent> referenceData() {
        return fix.referenceEvents();
    }

    /**
     * Subscribes on subscription (and again after every reconnect); cancelling unsubscribes. The flux carries the
     * subscription's snapshots, increments and rejects. A {@code MarketDataSnapshot} replaces its instrument's
     * book — after every reconnect the first event per instrument is one. For a slow subscriber events conflate
     * per instrument, newest wins, without changing the book they build (merged increments keep every entry in
     * order); {@link #conflatedCount()} counts the merges.
     */
    public Flux<MarketDataEvent> marketData(MarketDataRequest request) {
        return fix.marketData(request);
    }

    /**
     * Journals the command and hands it to the session; completes when both are done, errors with
     * {@link SessionNotLoggedOnException} when the session is not logged on. Subscribe to send.
     */
    public Mono<Void> send(Command command) {
        return fix.send(command);
    }

    /** How many market-data events were merged into newer ones for slow subscribers. */
    public long conflatedCount() {
        return fix.conflatedCount();
    }

    /** How many times a buffer that must not drop filled up (a slow execution or session-event subscriber). */
    public long bufferAlarmCount() {
        return fix.alarmCount();
    }

    FixSession fix() {
        return fix;
    }
}
