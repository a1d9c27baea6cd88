package io.fluxfix.book;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** See {@link Books#staleAfter}. */
final class StaleBookWatchdog implements Function<Flux<BookEvent>, Flux<BookEvent>> {

    private final long afterNanos;
    private final Duration period;
    private final Scheduler scheduler;
    private final BookMetrics metrics;

    StaleBookWatchdog(Duration after, Scheduler scheduler, BookMetrics metrics) {
        Objects.requireNonNull(after, "after");
        if (after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("stale-book time must be positive: " + after);
        }
        this.afterNanos = after.toNanos();
        this.period = after.dividedBy(4).isZero() ? after : after.dividedBy(4);
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public Flux<BookEvent> apply(Flux<BookEvent> source) {
        return Flux.defer(() -> {
            Watch watch = new Watch();
            return source.publish(shared -> Flux.merge(
                    shared.doOnNext(watch::seen),
                    Flux.interval(period, period, scheduler)
                            .onBackpressureDrop()
                            .takeUntilOther(shared.then())
                            .concatMapIterable(tick -> watch.check())));
        });
    }

    /** Last view time per shown instrument; both the event and the timer thread use it, hence the lock. */
    private final class Watch {
        private final Map<String, long[]> shown = new HashMap<>(); // symbol -> {last view nanos, alerted 0/1}

        synchronized void seen(BookEvent e) {
            if (e instanceof BookView v) {
                long[] s = shown.get(v.symbol());
                if (s == null) {
                    shown.put(v.symbol(), new long[] {now(), 0});
                } else {
                    s[0] = now();
                    s[1] = 0;
                }
            } else if (e.symbol() == null) {
                shown.clear(); // a reset: books wait for their snapshots, which re-arm the watch
            } else {
                shown.remove(e.symbol());
            }
        }

        synchronized List<BookEvent> check() {
            long now = now();
            List<BookEvent> out = List.of();
            for (Map.Entry<String, long[]> en : shown.entrySet()) {
                long[] s = en.getValue();
                if (s[1] == 0 && now - s[0] >= afterNanos) {
                    s[1] = 1;
                    metrics.stale.increment();
                    if (out.isEmpty()) {
                        out = new ArrayList<>(2);
                    }
                    out.add(new BookAlert(BookAlert.Kind.STALE, en.getKey(), null, now, -1, -1,
                            "no update for " + Duration.ofNanos(now - s[0])));
                }
            }
            return out;
        }

        private long now() {
            return scheduler.now(TimeUnit.NANOSECONDS);
        }
    }
}
