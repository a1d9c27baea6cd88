package io.fluxfix.session;

import io.fluxfix.journal.Journal.Direction;
import io.fluxfix.journal.JournalRecord;
import io.fluxfix.journal.RecordType;
import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.OrdStatus;
import io.fluxfix.model.Side;
import io.fluxfix.model.command.OrderStatusRequest;
import io.fluxfix.model.config.ConfigException;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.model.kraken.TradingDay;
import io.fluxfix.session.internal.SessionMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.fluxfix.session.Recorder.WAIT;
import static io.fluxfix.session.Recorder.awaitLogon;
import static io.fluxfix.session.Recorder.clOrdId;
import static io.fluxfix.session.Recorder.limit;
import static io.fluxfix.session.Recorder.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Logon failures, backoff, cancel-on-disconnect with resend, a forced gap, and the daily rollover. */
class ReconnectAndResendTest {

    @TempDir
    static Path tls;
    @TempDir
    Path dir;
    TestVenue v;

    /** A venue per test: these tests cut connections, force gaps and roll the day over. */
    @BeforeEach
    void venue() {
        v = new TestVenue(tls, dir.resolve("venue"), "RCN");
    }

    @AfterEach
    void stop() {
        v.close();
    }

    private KrakenClient alice(TestJournal journal) {
        return v.client(List.of(v.session("alice", KrakenEndpoint.SPOT_TRADING, v.alice)), journal,
                TestVenue.env(TestVenue.ALICE_KEY, TestVenue.ALICE_SECRET), dir.resolve("store"), null);
    }

    @Test
    void aCutSocketLetsTheVenueCancelAndTheReportsArriveByResendAfterTheReconnect(@TempDir Path t) throws Exception {
        try (TestJournal journal = new TestJournal(t.resolve("journal"));
             KrakenClient client = alice(journal)) {
            KrakenSession s = client.session("alice");
            try (Recorder<SessionEvent> events = new Recorder<>(s.sessionEvents(), journal);
                 Recorder<Event> orders = new Recorder<>(s.orderEvents(), journal)) {
                client.start();
                awaitLogon(events, 1);
                String id = clOrdId(v);
                s.send(limit(v, id, Side.BUY, "0.001", "1000")).block(WAIT);
                report(orders, id, ExecType.NEW);

                s.fix().cutConnection();
                events.await(SessionEvent.Disconnected.class, e -> true);
                awaitLogon(events, 2);
                ExecutionReport canceled = report(orders, id, ExecType.CANCELED);
                assertThat(events.count(SessionEvent.ResendRequested.class, e -> !e.byVenue())).isPositive();
                assertThat(events.count(SessionEvent.SequenceGap.class, e -> true)).isPositive();
                // Delivered once and journaled once, with the MsgSeqNum the venue first gave it.
                assertThat(orders.count(ExecutionReport.class, e -> id.equals(e.clOrdId()))).isEqualTo(2);
                List<JournalRecord> reports = journal.records("alice", Direction.IN).stream()
                        .filter(r -> r.type() == RecordType.EXECUTION_REPORT).toList();
                assertThat(reports).extracting(JournalRecord::payload).containsExactly(
                        report(orders, id, ExecType.NEW), canceled);
                assertThat(reports.get(1).seqNum()).isEqualTo(canceled.stamp().seqNum())
                        .isGreaterThan(reports.get(0).seqNum());
                assertThat(orders.notJournaledFirst).isEmpty();
                assertThat(events.notJournaledFirst).isEmpty();
            }
        }
    }

    @Test
    void aForcedGapIsFilledByResendAndWhatTheJournalHoldsIsNeitherJournaledNorDeliveredTwice(@TempDir Path t)
            throws Exception {
        try (TestJournal journal = new TestJournal(t.resolve("journal"));
             KrakenClient client = alice(journal)) {
            KrakenSession s = client.session("alice");
            try (Recorder<SessionEvent> events = new Recorder<>(s.sessionEvents(), journal);
                 Recorder<Event> orders = new Recorder<>(s.orderEvents(), journal)) {
                client.start();
                awaitLogon(events, 1);
                String first = clOrdId(v);
                s.send(limit(v, first, Side.BUY, "0.001", "1000")).block(WAIT);
                report(orders, first, ExecType.NEW);
                String second = clOrdId(v);
                s.send(limit(v, second, Side.BUY, "0.001", "1001")).block(WAIT);
                report(orders, second, ExecType.NEW);

                s.fix().forgetInbound(2); // as if the two reports had been lost on the way
                String third = clOrdId(v);
                s.send(limit(v, third, Side.BUY, "0.001", "1002")).block(WAIT);
                report(orders, third, ExecType.NEW);
                events.await(SessionEvent.ResendRequested.class, e -> !e.byVenue());
                SessionEvent.SequenceGap gap = events.await(SessionEvent.SequenceGap.class, e -> true);
                assertThat(gap.received()).isGreaterThanOrEqualTo(gap.expected());
                Awaitility.await().atMost(WAIT).until(() -> !s.fix().isLoggedOn() || s.isLoggedOn());
                // The replayed reports carry PossDup: recognised from the journal, not delivered again.
                String fourth = clOrdId(v);
                s.send(limit(v, fourth, Side.BUY, "0.001", "1003")).block(WAIT);
                report(orders, fourth, ExecType.NEW);
                for (String id : List.of(first, second, third)) {
                    assertThat(orders.count(ExecutionReport.class, e -> id.equals(e.clOrdId()))).as(id).isEqualTo(1);
                    assertThat(journal.of("alice", Direction.IN, ExecutionReport.class))
                            .filteredOn(e -> id.equals(e.clOrdId())).as(id).hasSize(1);
                }
                List<Long> seqs = journal.records("alice", Direction.IN).stream()
                        .filter(r -> r.type() == RecordType.EXECUTION_REPORT).map(JournalRecord::seqNum).toList();
                assertThat(seqs).hasSize(4).doesNotHaveDuplicates().isSorted();
                assertThat(events.count(SessionEvent.LoggedOn.class, e -> true)).isEqualTo(1);
            }
        }
    }

    @Test
    void aBadSecretSurfacesTheVenuesReasonAndReconnectsBackOff(@TempDir Path t) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (TestJournal journal = new TestJournal(t.resolve("journal"));
             KrakenClient client = v.client(List.of(v.session("alice", KrakenEndpoint.SPOT_TRADING, v.alice)),
                journal, TestVenue.env(TestVenue.ALICE_KEY, "d3Jvbmc="), dir.resolve("store"), null, meters)) {
            List<Long> attempts = new CopyOnWriteArrayList<>();
            KrakenSession s = client.session("alice");
            try (Recorder<SessionEvent> events = new Recorder<>(s.sessionEvents()
                    .doOnNext(e -> {
                        if (e instanceof SessionEvent.LoggingOn) {
                            attempts.add(System.nanoTime());
                        }
                    }), journal)) {
                client.start();
                Awaitility.await().atMost(WAIT).until(() -> attempts.size() >= 4);
                SessionEvent.LoggedOut out = events.await(SessionEvent.LoggedOut.class, e -> true);
                assertThat(out.byVenue()).isTrue();
                assertThat(out.reason()).containsIgnoringCase("invalid");
                assertThat(events.await(SessionEvent.Disconnected.class, e -> true).reason()).isEqualTo(out.reason());
                assertThat(journal.of("alice", Direction.IN, SessionEvent.LoggedOut.class)).contains(out);
                // backoff 1 s, then 2 s (the cap): never a tight loop
                assertThat(Duration.ofNanos(attempts.get(2) - attempts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
                assertThat(Duration.ofNanos(attempts.get(3) - attempts.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
                assertThat(s.isLoggedOn()).isFalse();
                // Every attempt the venue answered with its Logout is a refused logon; none succeeded.
                Awaitility.await().atMost(WAIT).until(() -> meters.get(SessionMeters.LOGONS)
                        .tags("session", "alice", "result", "refused").counter().count() >= 3);
                assertThat(meters.get(SessionMeters.LOGONS).tags("session", "alice", "result", "success").counter()
                        .count()).isZero();
                assertThat(meters.get(SessionMeters.RECONNECT_ATTEMPTS).tag("session", "alice").counter().count())
                        .isGreaterThanOrEqualTo(3);
                assertThat(meters.get(SessionMeters.LOGGED_ON).tag("session", "alice").gauge().value()).isZero();
            }
        }
        assertThat(meters.find(SessionMeters.LOGGED_ON).gauges()).as("closing removes the gauge").isEmpty();
    }

    @Test
    void anUnknownCompIdIsRefusedWithTheVenuesReason(@TempDir Path t) {
        try (TestJournal journal = new TestJournal(t.resolve("journal"));
             KrakenClient client = v.client(List.of(v.session("stranger", KrakenEndpoint.SPOT_TRADING, "STRANGER")),
                journal, TestVenue.env(TestVenue.ALICE_KEY, TestVenue.ALICE_SECRET), null, null)) {
            try (Recorder<SessionEvent> events = new Recorder<>(client.session("stranger").sessionEvents(), journal)) {
                client.start();
                SessionEvent.LoggedOut out = events.await(SessionEvent.LoggedOut.class, e -> true);
                assertThat(out.byVenue()).isTrue();
                assertThat(out.reason()).isNotBlank();
                assertThat(events.count(SessionEvent.LoggedOn.class, e -> true)).isZero();
            }
        }
    }

    @Test
    void startUpRefusesMissingCredentialsAndAMissingTrustStoreInOneLine(@TempDir Path t) {
        try (TestJournal journal = new TestJournal(t.resolve("journal"))) {
            refusesMissingCredentialsAndTrustStore(journal, t);
        }
    }

    private void refusesMissingCredentialsAndTrustStore(TestJournal journal, Path t) {
        assertThatThrownBy(() -> v.client(List.of(v.session("alice", KrakenEndpoint.SPOT_TRADING, v.alice)), journal,
                Map.of(), null, null)).isInstanceOf(ConfigException.class).hasMessageContaining("KRAKEN_FIX_API_KEY")
                .hasMessageNotContaining("\n");
        SessionConfig good = v.session("alice", KrakenEndpoint.SPOT_MARKET_DATA, v.alice);
        var c = good.connection();
        SessionConfig noStore = SessionConfig.of(new io.fluxfix.kraken.KrakenSessionConfig(c.name(), c.endpoint(),
                c.environment(), c.host(), c.port(), c.senderCompId(), c.targetCompId(), c.heartbeat(), false, true,
                c.reconnectInterval(), c.rolloverUtc(), new io.fluxfix.kraken.KrakenSessionConfig.Tls(true,
                t.resolve("missing.p12"), "changeit", "PKCS12", true), Map.of()));
        assertThatThrownBy(() -> v.client(List.of(noStore), journal, Map.of(), null, null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("missing.p12").hasMessageNotContaining("\n");
    }

    @Test
    void theRolloverIsExpectedTheSessionLogsOnAgainAtOneAndNothingIsLost(@TempDir Path t) {
        try (TestJournal journal = new TestJournal(t.resolve("journal"));
             KrakenClient client = alice(journal)) {
            KrakenSession s = client.session("alice");
            try (Recorder<SessionEvent> events = new Recorder<>(s.sessionEvents(), journal);
                 Recorder<Event> orders = new Recorder<>(s.orderEvents(), journal)) {
                client.start();
                awaitLogon(events, 1);
                String id = clOrdId(v);
                s.send(limit(v, id, Side.BUY, "0.001", "1000")).block(WAIT);
                report(orders, id, ExecType.NEW);

                Instant now = v.now.get();
                long untilRollover = (22 * 3600 - now.getEpochSecond() % 86_400 + 86_400) % 86_400;
                v.advance(Duration.ofSeconds(untilRollover + 1));
                int newDay = TradingDay.KRAKEN.dayOf(v.now.get().getEpochSecond() * 1_000_000_000L);
                v.venue.tick();
                SessionEvent.LoggedOut out = events.await(SessionEvent.LoggedOut.class, e -> true);
                assertThat(out.reason()).isEqualTo("Daily session rollover");
                SessionEvent.Rollover rollover = events.await(SessionEvent.Rollover.class, e -> true);
                assertThat(rollover.newSessionDay()).isEqualTo(newDay);
                // during the venue's downtime logons are refused; the backoff keeps trying
                events.await(SessionEvent.LoggedOut.class, e -> e.reason() != null && e.reason().contains("rollover in progress"));
                v.advance(Duration.ofSeconds(31));
                v.venue.tick();
                SessionEvent.LoggedOn again = awaitLogon(events, 2);
                assertThat(again.sequenceReset()).as("a new trading day starts at 1").isTrue();
                assertThat(events.count(SessionEvent.Rollover.class, e -> true)).isEqualTo(1);

                String after = clOrdId(v);
                s.send(limit(v, after, Side.BUY, "0.001", "1001")).block(WAIT);
                report(orders, after, ExecType.NEW);
                List<JournalRecord> out2 = journal.records("alice", Direction.OUT);
                assertThat(out2).hasSize(2);
                assertThat(out2.get(0).sessionDay()).isEqualTo(newDay - 1);
                assertThat(out2.get(1).sessionDay()).isEqualTo(newDay);
                assertThat(out2.get(1).seqNum()).isEqualTo(2);
                assertThat(journal.of("alice", Direction.IN, ExecutionReport.class)).extracting(ExecutionReport::clOrdId)
                        .containsExactly(id, after);
            }
        }
    }

    /** Moves the shared clock (forward) well away from 22:00 UTC, so only the venue's admin can roll the day. */
    private void awayFromTheDailyRollover() {
        long secondOfDay = v.now.get().getEpochSecond() % 86_400;
        if (secondOfDay > 21 * 3600 && secondOfDay < 23 * 3600) {
            v.advance(Duration.ofSeconds(23 * 3600 + 60 - secondOfDay)); // past it: let the venue finish its own
            v.venue.tick();
            v.advance(Duration.ofSeconds(31));
            v.venue.tick();
        }
    }

    /**
     * A new FIX store belongs to the session's clock, not to the system clock QuickFIX/J stamps it with: with the
     * shared clock two days ahead of the machine's, the first logon is no rollover, and its events carry the
     * clock's session day. (This used to hold only away from the hours around 22:00 UTC, when the tests below move
     * the clock past the rollover.)
     */
    @Test
    void aNewStoreBelongsToTheSessionsClockNotTheSystemClock(@TempDir Path t) {
        v.advance(Duration.ofDays(2));
        v.venue.tick();
        v.advance(Duration.ofSeconds(31)); // past a venue rollover window the jump may have crossed
        v.venue.tick();
        try (TestJournal journal = new TestJournal(t.resolve("journal"));
             KrakenClient client = alice(journal)) {
            KrakenSession s = client.session("alice");
            try (Recorder<SessionEvent> events = new Recorder<>(s.sessionEvents(), journal)) {
                client.start();
                SessionEvent.LoggedOn on = awaitLogon(events, 1);
                assertThat(events.count(SessionEvent.Rollover.class, e -> true)).as("no rollover at the first logon")
                        .isZero();
                assertThat(on.stamp().sessionDay())
                        .isEqualTo(TradingDay.KRAKEN.dayOf(v.now.get().getEpochSecond() * 1_000_000_000L));
            }
        }
    }

    @Test
    void theVenuesAdminRolloverAtAnyHourResetsTheSessionWhichLogsOnAgainAtOneAndNothingIsLost(@TempDir Path t) {
        awayFromTheDailyRollover();
        try (TestJournal journal = new TestJournal(t.resolve("journal"));
             KrakenClient client = alice(journal)) {
            KrakenSession s = client.session("alice");
            try (Recorder<SessionEvent> events = new Recorder<>(s.sessionEvents(), journal);
                 Recorder<Event> orders = new Recorder<>(s.orderEvents(), journal)) {
                client.start();
                awaitLogon(events, 1);
                String id = clOrdId(v);
                s.send(limit(v, id, Side.BUY, "0.001", "1000")).block(WAIT);
                ExecutionReport placed = report(orders, id, ExecType.NEW);
                int day = placed.stamp().sessionDay();
                assertThat(day).isEqualTo(TradingDay.KRAKEN.dayOf(v.now.get().getEpochSecond() * 1_000_000_000L));

                v.venue.rolloverNow(); // what POST /rollover does
                SessionEvent.LoggedOut out = events.await(SessionEvent.LoggedOut.class, e -> true);
                assertThat(out.reason()).isEqualTo("Daily session rollover");
                SessionEvent.Rollover rollover = events.await(SessionEvent.Rollover.class, e -> true);
                assertThat(rollover.newSessionDay()).as("announced by the venue, not by the clock").isEqualTo(day + 1);
                events.await(SessionEvent.LoggedOut.class, e -> e.reason() != null
                        && e.reason().contains("rollover in progress"));
                v.advance(Duration.ofSeconds(31));
                v.venue.tick();
                SessionEvent.LoggedOn again = awaitLogon(events, 2);
                assertThat(again.sequenceReset()).as("the new session day starts at 1").isTrue();
                assertThat(events.count(SessionEvent.Rollover.class, e -> true)).isEqualTo(1);

                // The order placed before is still there and its status query works on the new day.
                s.send(new OrderStatusRequest(id, placed.orderId(), "BTC/USD", Side.BUY)).block(WAIT);
                ExecutionReport status = orders.await(ExecutionReport.class,
                        e -> e.execType() == ExecType.ORDER_STATUS && placed.orderId().equals(e.orderId()));
                assertThat(status.ordStatus()).isEqualTo(OrdStatus.NEW);
                String after = clOrdId(v);
                s.send(limit(v, after, Side.BUY, "0.001", "1001")).block(WAIT);
                ExecutionReport placedAfter = report(orders, after, ExecType.NEW);

                List<JournalRecord> out2 = journal.records("alice", Direction.OUT);
                assertThat(out2).extracting(JournalRecord::type).containsExactly(RecordType.NEW_ORDER,
                        RecordType.STATUS_REQUEST, RecordType.NEW_ORDER);
                assertThat(out2).extracting(JournalRecord::sessionDay).containsExactly(day, day + 1, day + 1);
                assertThat(out2).extracting(JournalRecord::seqNum).containsExactly(2L, 2L, 3L);
                List<JournalRecord> reports = journal.records("alice", Direction.IN).stream()
                        .filter(r -> r.type() == RecordType.EXECUTION_REPORT).toList();
                assertThat(reports).extracting(JournalRecord::payload).containsExactly(placed, status, placedAfter);
                assertThat(reports).extracting(JournalRecord::sessionDay).containsExactly(day, day + 1, day + 1);
                assertThat(journal.records()).extracting(JournalRecord::sessionDay).isSorted();
                assertThat(orders.notJournaledFirst).isEmpty();
                assertThat(events.notJournaledFirst).isEmpty();
            }
        }
    }

    @Test
    void aRolloverMissedWhileDisconnectedIsRecognisedByTheVenuesLogonAtOne(@TempDir Path t) throws Exception {
        awayFromTheDailyRollover();
        try (TestJournal journal = new TestJournal(t.resolve("journal"));
             KrakenClient client = alice(journal)) {
            KrakenSession s = client.session("alice");
            try (Recorder<SessionEvent> events = new Recorder<>(s.sessionEvents(), journal);
                 Recorder<Event> orders = new Recorder<>(s.orderEvents(), journal)) {
                client.start();
                awaitLogon(events, 1);
                String id = clOrdId(v);
                s.send(limit(v, id, Side.BUY, "0.001", "1000")).block(WAIT);
                int day = report(orders, id, ExecType.NEW).stamp().sessionDay();

                s.fix().cutConnection();
                events.await(SessionEvent.Disconnected.class, e -> true);
                v.venue.rolloverNow();   // no Logout reaches the client: it is not connected
                v.advance(Duration.ofSeconds(31));
                v.venue.tick();
                // The first attempt is answered at 34=1 and refused (MsgSeqNum too low); the next starts the new day
                // at 1. The venue's numbers used by the refused attempt are gap-filled, so the venue's side of this
                // logon need not be at 1.
                SessionEvent.LoggedOn again = awaitLogon(events, 2);
                SessionEvent.Rollover rollover = events.await(SessionEvent.Rollover.class, e -> true);
                assertThat(rollover.newSessionDay()).isEqualTo(day + 1);
                assertThat(events.seen.indexOf(rollover)).isLessThan(events.seen.indexOf(again));
                assertThat(again.stamp().sessionDay()).isEqualTo(day + 1);
                assertThat(events.count(SessionEvent.Rollover.class, e -> true)).isEqualTo(1);
                String after = clOrdId(v);
                s.send(limit(v, after, Side.BUY, "0.001", "1001")).block(WAIT);
                assertThat(report(orders, after, ExecType.NEW).stamp().sessionDay()).isEqualTo(day + 1);
                assertThat(journal.records("alice", Direction.OUT)).extracting(JournalRecord::sessionDay)
                        .containsExactly(day, day + 1);
            }
        }
    }

    @Test
    void withoutVenueResetRecognitionTheLogonAtOneIsRefusedAsFixSays(@TempDir Path t) throws Exception {
        awayFromTheDailyRollover();
        try (TestJournal journal = new TestJournal(t.resolve("journal"));
             KrakenClient client = v.client(List.of(v.session("alice", KrakenEndpoint.SPOT_TRADING, v.alice)
                             .withRolloverRecognition("", false)), journal,
                     TestVenue.env(TestVenue.ALICE_KEY, TestVenue.ALICE_SECRET), dir.resolve("store"), null)) {
            KrakenSession s = client.session("alice");
            try (Recorder<SessionEvent> events = new Recorder<>(s.sessionEvents(), journal)) {
                client.start();
                awaitLogon(events, 1);
                v.venue.rolloverNow();
                v.advance(Duration.ofSeconds(31));
                v.venue.tick();
                Awaitility.await().atMost(WAIT).until(() -> events.count(SessionEvent.LoggingOn.class, e -> true) >= 3);
                assertThat(events.count(SessionEvent.Rollover.class, e -> true)).isZero();
                assertThat(events.count(SessionEvent.LoggedOn.class, e -> true)).isEqualTo(1);
            }
        }
    }
}
