package io.fluxfix.orders;

import io.fluxfix.journal.ChronicleJournal;
import io.fluxfix.journal.JournalReader;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.OrdStatus;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.model.event.Stamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Restart on a journal written as a session writes it: orders, ids, positions and the rate model come back. */
class RebuildTest {

    @Test
    void theJournalGivesBackOrdersIdsPositionsAndTheCounterThenTheVenueIsAskedBeforeNewOrders(@TempDir Path dir) {
        NewOrder filled;
        NewOrder open;
        NewOrder unanswered;
        CancelOrder lateCancel;
        long t0;
        try (SinkFixture f = new SinkFixture(); ChronicleJournal journal = ChronicleJournal.open(dir)) {
            t0 = f.nanos();
            filled = f.buy("1", "80000");
            open = f.buy("0.5", "79000");
            unanswered = f.buy("0.2", "78000");
            lateCancel = f.cancel(filled);
            journal.appendInbound("spot", new SessionEvent.LoggedOn(new Stamp(t0, 1, 1), "spot", 30, false));
            journal.appendOutbound("spot", t0, 1, 2, filled);
            journal.appendOutbound("spot", t0, 1, 3, open);
            journal.appendInbound("spot", f.spot.ack(filled, "O-1", t0));
            journal.appendInbound("spot", f.spot.report(filled, filled.clOrdId(), null, "O-1", ExecType.TRADE,
                    OrdStatus.FILLED, "1", "0", "1", "80000", List.of(), t0, null));
            journal.appendInbound("spot", f.spot.ack(open, "O-2", t0));
            // a cancel of the filled order: the venue charged it (nothing, the order was gone) and refused it
            journal.appendOutbound("spot", t0, 1, 4, lateCancel);
            journal.appendOutbound("spot", t0, 1, 5, unanswered);
        }
        try (SinkFixture f = new SinkFixture(); JournalReader reader = JournalReader.open(dir)) {
            f.spot.drop();
            f.now.set(java.time.Instant.ofEpochSecond(0, t0).plusSeconds(1));
            assertThat(f.sink.rebuild(reader)).isEqualTo(8);
            assertThat(f.sink.order(filled.clOrdId()).state()).isEqualTo(OrderState.FILLED);
            assertThat(f.sink.order(open.clOrdId()).state()).isEqualTo(OrderState.NEW);
            assertThat(f.sink.order(unanswered.clOrdId()).state()).isEqualTo(OrderState.PENDING_NEW);
            assertThat(f.sink.positions().get("BTC/USD")).isEqualByComparingTo(Decimal.ofLong(1));
            // 3 adds (a cancel of a filled order costs nothing), one second of Starter decay
            assertThat(f.sink.spotCounters().get("BTC/USD")).isEqualByComparingTo(Decimal.ofLong(2));
            assertThat(f.sink.reconciling()).isTrue();
            assertThat(f.sink.submit("spot", filled).reason()).isEqualTo(Decision.Reason.DUPLICATE_CLORDID);
            assertThat(f.sink.submit("spot", fresh(f)).reason()).isEqualTo(Decision.Reason.RECONCILING);

            f.spot.logOn();
            // the acknowledged open order is asked at once (the unanswered one after the venue's replay had its
            // chance); it was placed by the dead process, so 35=F cannot reach it: a mass cancel 530=7 follows
            assertThat(f.spot.sent).hasSize(2);
            assertThat(f.spot.sent.get(0)).isInstanceOf(io.fluxfix.model.command.OrderStatusRequest.class);
            assertThat(f.spot.sent.get(1)).isInstanceOf(io.fluxfix.model.command.MassCancel.class);
            f.spot.emit(f.spot.report(open, f.spot.sent.get(0).clOrdId(), open.clOrdId(), "O-2", ExecType.ORDER_STATUS,
                    OrdStatus.NEW, "0", "0.5", null, null, List.of(), f.nanos(), null));
            assertThat(f.sink.reconciling()).isTrue();
            // the venue's replay names the other one: it is asked by its order id at once
            f.spot.emit(f.spot.report(unanswered, unanswered.clOrdId(), null, "O-3", ExecType.NEW, OrdStatus.NEW, "0",
                    "0.2", null, null, List.of(), f.nanos(), null));
            assertThat(f.sink.reconciling()).isTrue();
            var asked = f.spot.last(io.fluxfix.model.command.OrderStatusRequest.class);
            assertThat(asked.orderId()).isEqualTo("O-3");
            f.spot.emit(f.spot.report(unanswered, asked.clOrdId(), unanswered.clOrdId(), "O-3", ExecType.ORDER_STATUS,
                    OrdStatus.NEW, "0", "0.2", null, null, List.of(), f.nanos(), null));
            assertThat(f.sink.reconciling()).isFalse();
            assertThat(f.events(SinkEvent.Reconciled.class)).hasSize(1);
            f.spot.emit(f.spot.report(open, f.spot.sent.get(1).clOrdId(), open.clOrdId(), "O-2", ExecType.CANCELED,
                    OrdStatus.CANCELED, "0", "0", null, null, List.of(), f.nanos(), null));
            assertThat(f.sink.order(open.clOrdId()).state()).isEqualTo(OrderState.CANCELED);
            f.advance(Duration.ofSeconds(1));
            assertThat(f.sink.submit("spot", fresh(f)).sent()).isTrue();
        }
    }

    // ---- an order journaled and never acknowledged (the process died before it left, or before its ack) ----

    /** A NewOrder in the journal, and the journal's time. */
    private record Journaled(NewOrder order, long t0) {
    }

    /** Writes a journal in which one NewOrder left (was journaled) and nothing came back. */
    private static Journaled journalUnacknowledged(Path dir) {
        try (SinkFixture w = new SinkFixture(); ChronicleJournal journal = ChronicleJournal.open(dir)) {
            NewOrder order = w.buy("0.2", "78000");
            long t0 = w.nanos();
            journal.appendInbound("spot", new SessionEvent.LoggedOn(new Stamp(t0, 1, 1), "spot", 30, false));
            journal.appendOutbound("spot", t0, 1, 2, order);
            return new Journaled(order, t0);
        }
    }

    /** A restarted sink on that journal, logged on again at {@code t0} + 1 s; nothing is asked at once. */
    private static SinkFixture restarted(Path dir, long t0) {
        SinkFixture f = new SinkFixture("orders.ack-timeout", "2s");
        f.spot.drop();
        f.now.set(java.time.Instant.ofEpochSecond(0, t0).plusSeconds(1));
        try (JournalReader reader = JournalReader.open(dir)) {
            f.sink.rebuild(reader);
        }
        assertThat(f.sink.reconciling()).isTrue();
        f.spot.logOn();
        assertThat(f.spot.sent).as("the venue's replay (and the session's resend) come first").isEmpty();
        return f;
    }

    /** After ack-timeout the order is asked by its own ClOrdID (it has no order id): the only status request. */
    private static io.fluxfix.model.command.OrderStatusRequest askedByClOrdId(SinkFixture f, NewOrder lost) {
        f.advance(Duration.ofMillis(1999));
        assertThat(f.spot.sent).isEmpty();
        f.advance(Duration.ofMillis(1));
        assertThat(f.spot.sent).hasSize(1);
        var asked = (io.fluxfix.model.command.OrderStatusRequest) f.spot.sent.get(0);
        assertThat(asked.clOrdId()).isEqualTo(lost.clOrdId());
        assertThat(asked.orderId()).isNull();
        return asked;
    }

    @Test
    void anUnacknowledgedOrderTheVenueDoesNotKnowIsSettledAsNeverPlacedAndItsClOrdIdStaysUsed(@TempDir Path dir) {
        Journaled j = journalUnacknowledged(dir);
        NewOrder lost = j.order();
        try (SinkFixture f = restarted(dir, j.t0())) {
            assertThat(f.sink.order(lost.clOrdId()).state()).isEqualTo(OrderState.PENDING_NEW);
            var asked = askedByClOrdId(f, lost);
            assertThat(f.sink.submit("spot", fresh(f)).reason()).as("the gate holds until it is settled")
                    .isEqualTo(Decision.Reason.RECONCILING);
            f.spot.emit(new io.fluxfix.model.event.BusinessReject(f.spot.stamp(), 0,
                    io.fluxfix.model.event.MessageKind.ORDER_STATUS, asked.clOrdId(),
                    io.fluxfix.model.event.BusinessRejectReason.UNKNOWN_ORDER, "EOrder:Unknown order"));

            OrderView v = f.sink.order(lost.clOrdId());
            assertThat(v.state()).isEqualTo(OrderState.REJECTED);
            assertThat(v.rejectLayer()).isEqualTo(RejectLayer.NOT_RECEIVED);
            assertThat(v.reason())
                    .isEqualTo("not received by the venue (status request answered: EOrder:Unknown order)");
            assertThat(v.orderId()).isNull();
            assertThat(f.sink.reconciling()).isFalse();
            assertThat(f.sink.inFlight()).isZero();
            assertThat(f.sink.submit("spot", lost).reason()).as("burnt: never sent again")
                    .isEqualTo(Decision.Reason.DUPLICATE_CLORDID);
            assertThat(f.sink.submit("spot", fresh(f)).sent()).isTrue();
            assertThat(f.spot.sent.stream().filter(NewOrder.class::isInstance)
                    .filter(n -> n.clOrdId().equals(lost.clOrdId()))).isEmpty();
        }
    }

    @Test
    void theStandardUnknownOrderStatusReportSettlesItTheSameWay(@TempDir Path dir) {
        Journaled j = journalUnacknowledged(dir);
        NewOrder lost = j.order();
        try (SinkFixture f = restarted(dir, j.t0())) {
            askedByClOrdId(f, lost);
            // dialect.order-status.unknown-order: rejected-report — ER 150=I 39=8 with a placeholder order id
            f.spot.emit(f.spot.report(lost, lost.clOrdId(), null, "NONE", ExecType.ORDER_STATUS, OrdStatus.REJECTED,
                    "0", "0", null, null, List.of(), f.nanos(), "EOrder:Unknown order"));
            OrderView v = f.sink.order(lost.clOrdId());
            assertThat(v.state()).isEqualTo(OrderState.REJECTED);
            assertThat(v.rejectLayer()).isEqualTo(RejectLayer.NOT_RECEIVED);
            assertThat(v.orderId()).as("the placeholder is no order id").isNull();
            assertThat(f.sink.reconciling()).isFalse();
        }
    }

    @Test
    void anUnacknowledgedOrderTheVenueKnowsTakesTheStateOfItsStatusReport(@TempDir Path dir) {
        Journaled j = journalUnacknowledged(dir);
        NewOrder arrived = j.order();
        try (SinkFixture f = restarted(dir, j.t0())) {
            askedByClOrdId(f, arrived);
            f.spot.emit(f.spot.report(arrived, arrived.clOrdId(), null, "O-7", ExecType.ORDER_STATUS,
                    OrdStatus.PARTIALLY_FILLED, "0.05", "0.15", null, "78000", List.of(), f.nanos(), null)); // 6=78000
            OrderView v = f.sink.order(arrived.clOrdId());
            assertThat(v.state()).isEqualTo(OrderState.PARTIALLY_FILLED);
            assertThat(v.orderId()).isEqualTo("O-7");
            assertThat(v.leavesQty()).isEqualByComparingTo(Decimal.parse("0.15"));
            assertThat(f.sink.positions().get("BTC/USD")).isEqualByComparingTo(Decimal.parse("0.05"));
            assertThat(f.sink.reconciling()).isFalse();
            assertThat(f.sink.inFlight()).isZero();
            assertThat(f.spot.sent.stream().filter(NewOrder.class::isInstance)).as("never re-sent").isEmpty();
        }
    }

    @Test
    void aStatusAnswerThatNeverComesLeavesTheOrderPendingAndItIsAskedAgainNeverReSent(@TempDir Path dir) {
        Journaled j = journalUnacknowledged(dir);
        NewOrder silent = j.order();
        try (SinkFixture f = restarted(dir, j.t0())) {
            askedByClOrdId(f, silent);
            f.advance(Duration.ofMillis(1999));
            assertThat(f.spot.sent).hasSize(1);
            f.advance(Duration.ofMillis(1));
            assertThat(f.spot.sent).as("asked again after ack-timeout").hasSize(2)
                    .allMatch(c -> c instanceof io.fluxfix.model.command.OrderStatusRequest s
                            && s.clOrdId().equals(silent.clOrdId()));
            f.advance(Duration.ofSeconds(2));
            assertThat(f.spot.sent).hasSize(3).noneMatch(NewOrder.class::isInstance);
            assertThat(f.sink.order(silent.clOrdId()).state()).as("never an invented reject")
                    .isEqualTo(OrderState.PENDING_NEW);
            assertThat(f.sink.reconciling()).isTrue();
            assertThat(f.events(SinkEvent.StatusRequested.class)).hasSize(3);

            f.spot.emit(f.spot.report(silent, silent.clOrdId(), null, "O-8", ExecType.ORDER_STATUS, OrdStatus.NEW,
                    "0", "0.2", null, null, List.of(), f.nanos(), null));
            assertThat(f.sink.order(silent.clOrdId()).state()).isEqualTo(OrderState.NEW);
            assertThat(f.sink.reconciling()).isFalse();
        }
    }

    private static NewOrder fresh(SinkFixture f) {
        return NewOrder.limit(f.sink.nextClOrdId(io.fluxfix.model.Market.SPOT), "BTC/USD", io.fluxfix.model.Side.BUY,
                Decimal.parse("0.1"), Decimal.parse("80000"), io.fluxfix.model.TimeInForce.GOOD_TILL_CANCEL, null,
                f.nanos());
    }
}
