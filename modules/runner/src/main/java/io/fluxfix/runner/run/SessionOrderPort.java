package io.fluxfix.runner.run;

import io.fluxfix.model.Market;
import io.fluxfix.model.command.OrderCommand;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.orders.OrderPort;
import io.fluxfix.session.KrakenSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Objects;

/**
 * The order sink's command port over one trading {@link KrakenSession}: the runner is the only module that
 * knows both ({@code orders} knows no session, {@code session} no sink). {@code send} journals the command
 * before it leaves, as the port's contract asks.
 */
public final class SessionOrderPort implements OrderPort {

    private final KrakenSession session;

    public SessionOrderPort(KrakenSession session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    @Override
    public String name() {
        return session.name();
    }

    @Override
    public Market market() {
        return session.endpoint().market();
    }

    @Override
    public boolean isLoggedOn() {
        return session.isLoggedOn();
    }

    @Override
    public Mono<Void> send(OrderCommand command) {
        return session.send(command);
    }

    @Override
    public Flux<Event> orderEvents() {
        return session.orderEvents();
    }

    @Override
    public Flux<SessionEvent> sessionEvents() {
        return session.sessionEvents();
    }
}
