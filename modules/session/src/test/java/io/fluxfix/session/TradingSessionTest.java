package io.fluxfix.session;

import io.fluxfix.journal.Journal.Direction;
import io.fluxfix.journal.JournalRecord;
import io.fluxfix.journal.RecordType;
import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.AmendOrder;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.testkit.LeakCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

import java.nio.file.Path;
import java.util.List;

import static io.fluxfix.session.Recorder.WAIT;
import static io.fluxfix.session.Recorder.awaitLogon;
import static io.fluxfix.session.Recorder.clOrdId;
import static io.fluxfix.session.Recorder.limit;
import static io.fluxfix.session.Recorder.report;
import static org.assertj.core.api.Assertions.assertThat;

/** Orders end to end against the local venue over TLS: place, amend, cancel, fills between two accounts. */
@LeakCheck(scope = LeakCheck.Scope.CLASS)
class TradingSessionTest {

    @TempDir
    static Path dir;
    static TestVenue v;

    @BeforeAll
    static void venue() {
        v = new TestVenue(dir.resolve("tls"), dir.resolve("venue"), "TRD");
    }

    @AfterAll
    static void stop() {
        v.close();
    }

    @Test
    void placesAmendsAndCancelsJournalingEachCommandWithItsSeqNumAndEachReportBeforeItIsEmitted(@TempDir Path t) {
        try (TestJournal journal = new TestJournal(t.resolve("journal"));
             KrakenClient client = v.client(List.of(v.session("alice", KrakenEndpoint.SPOT_TRADING, v.alice)),
                journal, TestVenue.env(TestVenue.ALICE_KEY, TestVenue.ALICE_SECRET), dir.resolve("store"), null)) {
            KrakenSession s = client.session("alice");
            try (Recorder<SessionEvent> events = new Recorder<>(s.sessionEvents(), journal);
                 Recorder<Event> orders = new Recorder<>(s.orderEvents(), journal)) {
                client.start();
                assertThat(awaitLogon(events, 1).sequenceReset()).isTrue();

                String id = clOrdId(v);
                StepVerifier.create(s.send(limit(v, id, Side.BUY, "0.001", "84000"))).verifyComplete();
                ExecutionReport placed = report(orders, id, ExecType.NEW);
                String amendId = clOrdId(v);
                AmendOrder amend = new AmendOrder(amendId, id, placed.orderId(), "BTC/USD", Side.BUY,
                        Decimal.parse("0.002"), null, OrdType.LIMIT, TimeInForce.GOOD_TILL_CANCEL,
                        Decimal.parse("83500"), null, false, Long.MIN_VALUE, v.now.get().toEpochMilli() * 1_000_000L);
                StepVerifier.create(s.send(amend)).verifyComplete();
                ExecutionReport amended = report(orders, amendId, ExecType.REPLACED);
                assertThat(amended.orderId()).isEqualTo(placed.orderId());
                String cancelId = clOrdId(v);
                StepVerifier.create(s.send(new CancelOrder(cancelId, amendId, null, "BTC/USD", Side.BUY,
                        v.now.get().toEpochMilli() * 1_000_000L))).verifyComplete();
                report(orders, cancelId, ExecType.CANCELED);

                assertThat(orders.notJournaledFirst).isEmpty();
                assertThat(events.notJournaledFirst).isEmpty();
                List<JournalRecord> out = journal.records("alice", Direction.OUT);
                assertThat(out).extracting(JournalRecord::type)
                        .containsExactly(RecordType.NEW_ORDER, RecordType.AMEND_ORDER, RecordType.CANCEL_ORDER);
                assertThat(out).extracting(JournalRecord::seqNum).containsExactly(2L, 3L, 4L);
                assertThat(out).extracting(JournalRecord::sessionDay).containsOnly(placed.stamp().sessionDay());
                assertThat(out.get(1).payload()).isEqualTo(amend);
                ExecutionReport canceled = report(orders, cancelId, ExecType.CANCELED);
                List<JournalRecord> reports = journal.records("alice", Direction.IN).stream()
                        .filter(r -> r.type() == RecordType.EXECUTION_REPORT).toList();
                assertThat(reports).extracting(JournalRecord::payload).containsExactly(placed, amended, canceled);
                assertThat(reports).extracting(JournalRecord::seqNum).containsExactly(placed.stamp().seqNum(),
                        amended.stamp().seqNum(), canceled.stamp().seqNum());
                assertThat(journal.of("alice", Direction.IN, ExecutionReport.class))
                        .extracting(ExecutionReport::execType)
                        .containsExactly(ExecType.NEW, ExecType.REPLACED, ExecType.CANCELED);
            }
        }
    }

    @Test
    void twoAccountsCrossAndBothSeeTheirFills(@TempDir Path t) {
        // Two clients in one process, as two FluxFix runners would be: each session has its own credentials.
        try (TestJournal journal = new TestJournal(t.resolve("journal"));
             KrakenClient a = v.client(List.of(v.session("alice", KrakenEndpoint.SPOT_TRADING, v.alice)), journal,
                TestVenue.env(TestVenue.ALICE_KEY, TestVenue.ALICE_SECRET), dir.resolve("store"), null);
             KrakenClient b = v.client(List.of(v.session("bob", KrakenEndpoint.SPOT_TRADING, v.bob)), journal,
                     TestVenue.env(TestVenue.BOB_KEY, TestVenue.BOB_SECRET), dir.resolve("store"), null)) {
            try (Recorder<SessionEvent> ea = new Recorder<>(a.session("alice").sessionEvents(), journal);
                 Recorder<SessionEvent> eb = new Recorder<>(b.session("bob").sessionEvents(), journal);
                 Recorder<Event> oa = new Recorder<>(a.session("alice").orderEvents(), journal);
                 Recorder<Event> ob = new Recorder<>(b.session("bob").orderEvents(), journal)) {
                a.start();
                b.start();
                awaitLogon(ea, 1);
                awaitLogon(eb, 1);
                String sell = clOrdId(v);
                a.session("alice").send(limit(v, sell, Side.SELL, "0.01", "90000")).block(WAIT);
                report(oa, sell, ExecType.NEW);
                String buy = clOrdId(v);
                b.session("bob").send(limit(v, buy, Side.BUY, "0.004", "90000")).block(WAIT);
                ExecutionReport bobFill = report(ob, buy, ExecType.TRADE);
                ExecutionReport aliceFill = report(oa, sell, ExecType.TRADE);
                assertThat(bobFill.lastQty()).isEqualTo(Decimal.parse("0.004"));
                assertThat(aliceFill.lastPx()).isEqualTo(Decimal.parse("90000"));
                assertThat(journal.of("alice", Direction.IN, ExecutionReport.class)).contains(aliceFill);
                assertThat(journal.of("bob", Direction.IN, ExecutionReport.class)).contains(bobFill);
                assertThat(journal.of("bob", Direction.OUT, NewOrder.class)).extracting(NewOrder::clOrdId)
                        .containsExactly(buy);
                assertThat(oa.notJournaledFirst).isEmpty();
                assertThat(ob.notJournaledFirst).isEmpty();
            }
        }
    }

    @Test
    void aCommandWhileNotLoggedOnErrorsAndLeavesNothingInTheJournal(@TempDir Path t) {
        try (TestJournal journal = new TestJournal(t.resolve("journal"));
             KrakenClient client = v.client(List.of(v.session("alice", KrakenEndpoint.SPOT_TRADING, v.alice)),
                journal, TestVenue.env(TestVenue.ALICE_KEY, TestVenue.ALICE_SECRET), dir.resolve("store"), null)) {
            StepVerifier.create(client.session("alice").send(limit(v, clOrdId(v), Side.BUY, "0.001", "1000")))
                    .expectError(SessionNotLoggedOnException.class).verify(WAIT);
            assertThat(journal.records()).noneMatch(r -> r.direction() == Direction.OUT);
        }
    }
}
