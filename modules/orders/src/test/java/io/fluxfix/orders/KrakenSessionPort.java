package io.fluxfix.orders;

import io.fluxfix.model.Market;
import io.fluxfix.model.command.OrderCommand;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.session.KrakenSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The order sink's command port over a real client session. It lives in the test sources because {@code orders}
 * must not depend on {@code session} (nor {@code session} on {@code orders}); the runner, which depends on both,
 * is where production wires the same few lines.
 */
class KrakenSessionPort implements OrderPort {

    private final KrakenSession session;

    KrakenSessionPort(KrakenSession session) {
        this.session = session;
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
