package io.fluxfix.book;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** See {@link Books#conflate}. */
final class BookConflation implements Function<Flux<BookEvent>, Flux<BookEvent>> {

    private final int levels;
    private final BookMetrics metrics;

    BookConflation(int levels, BookMetrics metrics) {
        if (levels <= 0) {
            throw new IllegalArgumentException("levels must be positive: " + levels);
        }
        this.levels = levels;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public Flux<BookEvent> apply(Flux<BookEvent> source) {
        return Flux.create(sink -> {
            Conflator c = new Conflator(sink);
            sink.onRequest(n -> c.drain());
            Disposable upstream = source.subscribe(c::offer, c::fail, c::complete);
            sink.onDispose(upstream);
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    /** Pending events in order; a newer view of an instrument replaces its waiting one in place. */
    private final class Conflator {
        private final FluxSink<BookEvent> sink;
        private final ArrayDeque<BookEvent[]> queue = new ArrayDeque<>();
        private final Map<String, BookEvent[]> waitingView = new HashMap<>();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean done;
        private Throwable error;

        Conflator(FluxSink<BookEvent> sink) {
            this.sink = sink;
        }

        void offer(BookEvent e) {
            synchronized (this) {
                if (e instanceof BookView v) {
                    BookSnapshot copy = v.snapshot(levels);
                    BookEvent[] slot = waitingView.get(v.symbol());
                    if (slot != null) {
                        slot[0] = copy;
                        metrics.conflated.increment();
                    } else {
                        slot = new BookEvent[] {copy};
                        waitingView.put(v.symbol(), slot);
                        queue.add(slot);
                    }
                } else {
                    // A view after this alert must not jump ahead of it.
                    if (e.symbol() == null) {
                        waitingView.clear();
                    } else {
                        waitingView.remove(e.symbol());
                    }
                    queue.add(new BookEvent[] {e});
                }
            }
            drain();
        }

        void fail(Throwable t) {
            error = t;
            done = true;
            drain();
        }

        void complete() {
            done = true;
            drain();
        }

        private synchronized BookEvent poll() {
            BookEvent[] slot = queue.poll();
            if (slot == null) {
                return null;
            }
            if (slot[0] instanceof BookView && waitingView.get(slot[0].symbol()) == slot) {
                waitingView.remove(slot[0].symbol());
            }
            return slot[0];
        }

        private synchronized boolean isEmpty() {
            return queue.isEmpty();
        }

        void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                while (sink.requestedFromDownstream() > 0 && !sink.isCancelled()) {
                    BookEvent e = poll();
                    if (e == null) {
                        break;
                    }
                    sink.next(e);
                }
                if (done && isEmpty()) {
                    if (error != null) {
                        sink.error(error);
                    } else {
                        sink.complete();
                    }
                    return;
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }
    }
}
