package io.fluxfix.runner.run;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * A subscription that can be made again: {@link #flux()} subscribes generation 1 of the upstream, and each
 * accepted {@link #request} cancels the current generation and subscribes the next (for market data: unsubscribe,
 * then subscribe under a new MDReqID, and the venue answers with fresh snapshots). Requests closer together than
 * {@code minInterval} are ignored, so a burst of bad updates costs the venue one resubscription. The switch runs on
 * {@code scheduler}, never on the thread that asked (typically the one delivering the stream being replaced).
 *
 * @param <T> the events
 */
final class Resubscriber<T> {

    private final IntFunction<Flux<T>> subscribe;
    private final Duration minInterval;
    private final LongSupplier nanos;
    private final Scheduler scheduler;
    private final Sinks.Many<String> requests = Sinks.many().unicast().onBackpressureBuffer();
    private long last = Long.MIN_VALUE;
    private int generation;

    /**
     * @param subscribe the upstream for a generation (1, 2, ...)
     * @param nanos     a clock, nanoseconds
     */
    Resubscriber(IntFunction<Flux<T>> subscribe, Duration minInterval, LongSupplier nanos, Scheduler scheduler) {
        this.subscribe = Objects.requireNonNull(subscribe, "subscribe");
        this.minInterval = Objects.requireNonNull(minInterval, "minInterval");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** The events of the current generation; subscribe once. */
    Flux<T> flux() {
        return requests.asFlux().startWith("start").switchMap(why -> subscribe.apply(nextGeneration()));
    }

    private synchronized int nextGeneration() {
        return ++generation;
    }

    /** Asks for a new generation; false when one was asked less than {@code minInterval} ago. */
    boolean request(String reason) {
        synchronized (this) {
            long now = nanos.getAsLong();
            if (last != Long.MIN_VALUE && now - last < minInterval.toNanos()) {
                return false;
            }
            last = now;
        }
        scheduler.schedule(() -> {
            synchronized (requests) {
                requests.tryEmitNext(reason);
            }
        });
        return true;
    }
}
