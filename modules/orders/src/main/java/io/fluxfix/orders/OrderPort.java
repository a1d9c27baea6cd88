package io.fluxfix.orders;

import io.fluxfix.model.Market;
import io.fluxfix.model.command.OrderCommand;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.SessionEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The order sink's command port: what it needs of one trading session, and all it knows of it. The sink owns
 * this interface so that {@code orders} stays free of FIX; the runner implements it over a
 * {@code io.fluxfix.session.KrakenSession} (which journals every command before it leaves).
 */
public interface OrderPort {

    /** The session's name, as in config and in the journal's records. */
    String name();

    Market market();

    /** Whether commands can be sent now. */
    boolean isLoggedOn();

    /**
     * Journals {@code command} and hands it to the session; completes once both are done, errors when the
     * session could not take it (then nothing was journaled or sent). Subscribing sends, synchronously: the
     * sink relies on commands leaving in the order it subscribes.
     */
    Mono<Void> send(OrderCommand command);

    /** Execution reports, cancel rejects, session and business rejects of this session, in order. */
    Flux<Event> orderEvents();

    /** Logons, logouts, disconnects of this session. */
    Flux<SessionEvent> sessionEvents();
}
