package io.fluxfix.session;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.SessionEvent;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

/**
 * Collects what a session emits, checking at each emission, by reading the Chronicle journal back, that it
 * already held the event (as many equal records as equal events were emitted so far).
 */
final class Recorder<T extends Event> implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(15);
    private static final AtomicLong IDS = new AtomicLong();

    final List<T> seen = new CopyOnWriteArrayList<>();
    final List<String> notJournaledFirst = new CopyOnWriteArrayList<>();
    private final Disposable subscription;

    Recorder(Flux<T> flux, TestJournal journal) {
        subscription = flux.subscribe(e -> {
            long emitted = seen.stream().filter(e::equals).count() + 1;
            if (journal.count(e) < emitted) {
                notJournaledFirst.add(e.toString());
            }
            seen.add(e);
        });
    }

    <U extends T> U await(Class<U> type, Predicate<U> p) {
        return Awaitility.await().atMost(WAIT).until(() -> seen.stream().filter(type::isInstance).map(type::cast)
                .filter(p).findFirst().orElse(null), x -> x != null);
    }

    <U extends T> long count(Class<U> type, Predicate<U> p) {
        return seen.stream().filter(type::isInstance).map(type::cast).filter(p).count();
    }

    static ExecutionReport report(Recorder<Event> r, String clOrdId, ExecType type) {
        return r.await(ExecutionReport.class, e -> clOrdId.equals(e.clOrdId()) && e.execType() == type);
    }

    static SessionEvent.LoggedOn awaitLogon(Recorder<SessionEvent> r, int nth) {
        Awaitility.await().atMost(WAIT).until(() -> r.count(SessionEvent.LoggedOn.class, e -> true) >= nth);
        return r.seen.stream().filter(SessionEvent.LoggedOn.class::isInstance).map(SessionEvent.LoggedOn.class::cast)
                .skip(nth - 1).findFirst().orElseThrow();
    }

    static String clOrdId(TestVenue v) {
        return Long.toString(v.now.get().toEpochMilli() * 1000 + IDS.incrementAndGet() % 1000);
    }

    static NewOrder limit(TestVenue v, String clOrdId, Side side, String qty, String price) {
        return NewOrder.limit(clOrdId, "BTC/USD", side, Decimal.parse(qty), Decimal.parse(price),
                TimeInForce.GOOD_TILL_CANCEL, null, v.now.get().toEpochMilli() * 1_000_000L);
    }

    @Override
    public void close() {
        subscription.dispose();
    }
}
