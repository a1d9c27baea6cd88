package io.fluxfix.research;

import io.fluxfix.model.Market;
import io.fluxfix.model.command.OrderCommand;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.orders.OrderPort;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * The order sink's session in a replay: what the sink sends goes to {@code commands} (the simulated venue, or the
 * parity check of a recorded replay), synchronously, on the replay loop's thread; the venue's answers come back
 * through {@link #deliver}, which the loop calls between steps (never from inside a send, so the sink is never
 * re-entered). A Spot session that is always logged on; the benchmark harness drives the sink through it too.
 */
public final class ReplayPort implements OrderPort {

    private final String name;
    private final Consumer<OrderCommand> commands;
    private final Sinks.Many<Event> events = Sinks.many().multicast().onBackpressureBuffer(1 << 16, false);

    public ReplayPort(String name, Consumer<OrderCommand> commands) {
        this.name = Objects.requireNonNull(name, "name");
        this.commands = Objects.requireNonNull(commands, "commands");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Market market() {
        return Market.SPOT;
    }

    @Override
    public boolean isLoggedOn() {
        return true;
    }

    @Override
    public Mono<Void> send(OrderCommand command) {
        return Mono.fromRunnable(() -> commands.accept(command));
    }

    @Override
    public Flux<Event> orderEvents() {
        return events.asFlux();
    }

    @Override
    public Flux<SessionEvent> sessionEvents() {
        return Flux.never();
    }

    /** Hands the venue's answer to the sink. */
    public void deliver(Event e) {
        Sinks.EmitResult r = events.tryEmitNext(e);
        if (r.isFailure()) {
            throw new IllegalStateException("the order sink did not take " + e + ": " + r);
        }
    }

    public void complete() {
        events.tryEmitComplete();
    }
}
