package io.fluxfix.session;

import io.fluxfix.journal.Journal.Direction;
import io.fluxfix.journal.JournalRecord;
import io.fluxfix.journal.RecordType;
import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.Side;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.session.internal.SessionMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.fluxfix.session.Recorder.WAIT;
import static io.fluxfix.session.Recorder.awaitLogon;
import static io.fluxfix.session.Recorder.clOrdId;
import static io.fluxfix.session.Recorder.limit;
import static org.assertj.core.api.Assertions.assertThat;

/** Executions are never dropped: a subscriber that stops taking them makes the session disconnect instead. */
class SlowSubscriberTest {

    private static final int BUFFER = 16;

    @TempDir
    static Path tls;
    @TempDir
    Path dir;
    TestVenue v;

    @BeforeEach
    void venue() {
        v = new TestVenue(tls, dir.resolve("venue"), "SLW");
    }

    @AfterEach
    void stop() {
        v.close();
    }

    private static double count(SimpleMeterRegistry meters, String name) {
        return meters.get(name).tag("session", "alice").counter().count();
    }

    /** Takes nothing until {@link #release()}. */
    static final class Stalled extends BaseSubscriber<Event> {
        final List<Event> seen = new CopyOnWriteArrayList<>();

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            // no request: the session's bounded buffer fills
        }

        @Override
        protected void hookOnNext(Event value) {
            seen.add(value);
        }

        void release() {
            request(Long.MAX_VALUE);
        }
    }

    @Test
    void aFullExecutionBufferRaisesTheAlarmDisconnectsAndTheVenueResendsWhatWasNotDeliveredOnce(@TempDir Path t) {
        SessionConfig config = v.session("alice", KrakenEndpoint.SPOT_TRADING, v.alice)
                .withEventBuffer(BUFFER, Duration.ofMillis(300));
        Stalled stalled = new Stalled();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (TestJournal journal = new TestJournal(t.resolve("journal"));
             KrakenClient client = v.client(List.of(config), journal,
                     TestVenue.env(TestVenue.ALICE_KEY, TestVenue.ALICE_SECRET), dir.resolve("store"), null, meters)) {
            KrakenSession s = client.session("alice");
            s.orderEvents().subscribe(stalled);
            try (Recorder<SessionEvent> events = new Recorder<>(s.sessionEvents(), journal);
                 Recorder<Event> orders = new Recorder<>(s.orderEvents(), journal)) {
                client.start();
                awaitLogon(events, 1);
                List<String> ids = new ArrayList<>();
                for (int i = 0; i <= BUFFER; i++) { // one report more than the buffer holds
                    String id = clOrdId(v);
                    ids.add(id);
                    s.send(limit(v, id, Side.BUY, "0.001", Integer.toString(1000 + i))).block(WAIT);
                }
                SessionEvent.Disconnected down = events.await(SessionEvent.Disconnected.class, e -> true);
                assertThat(down.reason()).contains("event buffer full");
                assertThat(s.bufferAlarmCount()).isPositive();
                assertThat(count(meters, SessionMeters.BUFFER_ALARMS)).isEqualTo(s.bufferAlarmCount());
                assertThat(count(meters, SessionMeters.OVERFLOW_DISCONNECTS)).isEqualTo(1);
                assertThat(stalled.seen).isEmpty();
                // Every report is on disk although none was delivered.
                Awaitility.await().atMost(WAIT).until(() -> journal.of("alice", Direction.IN, ExecutionReport.class)
                        .size() == BUFFER + 1);

                stalled.release();
                awaitLogon(events, 2);
                Awaitility.await().atMost(WAIT).until(() -> stalled.seen.size() >= BUFFER + 1
                        && orders.seen.size() >= BUFFER + 1);
                // The disconnect was not clean, so the venue's cancel-on-disconnect cancelled the orders too: the
                // undelivered NEW and every cancel arrive by resend, each delivered and journaled exactly once.
                Awaitility.await().atMost(WAIT).until(() -> stalled.seen.size() >= 2 * (BUFFER + 1));
                for (String id : ids) {
                    for (ExecType type : List.of(ExecType.NEW, ExecType.CANCELED)) {
                        assertThat(stalled.seen).as(id + " " + type).filteredOn(e -> e instanceof ExecutionReport r
                                && id.equals(r.clOrdId()) && r.execType() == type).hasSize(1);
                        assertThat(orders.count(ExecutionReport.class, e -> id.equals(e.clOrdId())
                                && e.execType() == type)).as(id + " " + type).isEqualTo(1);
                        assertThat(journal.of("alice", Direction.IN, ExecutionReport.class))
                                .filteredOn(e -> id.equals(e.clOrdId()) && e.execType() == type).as(id).hasSize(1);
                    }
                }
                assertThat(stalled.seen).hasSize(2 * (BUFFER + 1));
                assertThat(stalled.seen.subList(0, BUFFER + 1)).as("in the venue's order")
                        .extracting(e -> ((ExecutionReport) e).clOrdId()).containsExactlyElementsOf(ids);
                assertThat(journal.records("alice", Direction.IN)).filteredOn(r -> r.type() == RecordType.EXECUTION_REPORT)
                        .extracting(JournalRecord::seqNum).doesNotHaveDuplicates().isSorted();
                assertThat(events.count(SessionEvent.ResendRequested.class, e -> !e.byVenue())).isPositive();
                assertThat(orders.notJournaledFirst).isEmpty();

                assertThat(count(meters, SessionMeters.OVERFLOW_DISCONNECTS)).as("one disconnect").isEqualTo(1);
                double ok = meters.get(SessionMeters.LOGONS).tags("session", "alice", "result", "success").counter()
                        .count();
                double attempts = meters.get(SessionMeters.LOGONS).tag("session", "alice").counters().stream()
                        .mapToDouble(c -> c.count()).sum();
                assertThat(ok).isEqualTo(2);
                assertThat(count(meters, SessionMeters.RECONNECT_ATTEMPTS)).as("every attempt after the first")
                        .isEqualTo(attempts - 1).isPositive();
                assertThat(meters.get(SessionMeters.LOGGED_ON).tag("session", "alice").gauge().value()).isEqualTo(1);
            } finally {
                stalled.dispose();
            }
        }
    }
}
