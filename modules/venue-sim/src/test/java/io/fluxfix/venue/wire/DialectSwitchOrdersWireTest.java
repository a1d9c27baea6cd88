package io.fluxfix.venue.wire;

import io.fluxfix.model.Market;
import io.fluxfix.testkit.fix.FixConnection;
import io.fluxfix.testkit.fix.FixMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.fluxfix.venue.wire.VenueFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spot orders under the non-default settings of Kraken's open points: no 150=0 before an immediate fill,
 * sequential ExecIDs, an account-wide mass cancel, a daily rollover of 5 s whose Logout cancels like any
 * other, and 44 on a trailing-stop-limit as an absolute limit price.
 */
class DialectSwitchOrdersWireTest extends WireTestBase {

    @Override
    Map<String, String> overrides() {
        return Map.of("dialect.execution-report.new-before-immediate-fill", "false",
                "dialect.execution-report.exec-id-scheme", "sequential",
                "dialect.mass-cancel.scope", "account",
                "dialect.rollover.cancel-on-disconnect", "true",
                "dialect.rollover.downtime", "5s",
                "dialect.trailing-stop-limit.price", "absolute");
    }

    @Test
    void anOrderThatTradesOnArrivalGetsItsFillWithoutANewReportFirst() {
        try (FixConnection a = alice(); FixConnection b = bob()) {
            String sell = limit(b, "2", "0.001", "84000");
            assertThat(awaitReport(b, sell, "0").get(39)).as("an order that rests is acknowledged").isEqualTo("0");

            String buy = limit(a, "1", "0.001", "84000");
            FixMessage fill = awaitReport(a, buy, "F");
            assertThat(fill.get(39)).isEqualTo("2");
            assertThat(fill.get(37)).isNotEmpty();
            List<FixMessage> reports = a.received().stream()
                    .filter(m -> m.msgType().equals("8") && buy.equals(m.get(11))).toList();
            assertThat(reports).as("the fill is the order's first report").first().isSameAs(fill);
            assertThat(reports).noneMatch(m -> "0".equals(m.get(150)));
            awaitReport(b, sell, "F");
        }
    }

    @Test
    void aTrailingStopLimitsPriceIsItsLimitAsSent() {
        try (FixConnection a = alice(); FixConnection b = bob()) {
            String trailing = f.clOrdId();
            a.send("D", "11=" + trailing + "|55=BTC/USD|54=2|40=V|99=1000|44=78500|38=0.01|59=1|60=" + f.transactTime());
            assertThat(awaitReport(a, trailing, "0").get(58)).isEqualTo("sell 0.01 BTC/USD @ trailing stop +1000 -> limit 78500");
            for (String px : new String[]{"80000", "79000"}) {
                String bid = limit(a, "1", "0.001", px);
                awaitReport(a, bid, "0");
                awaitReport(b, limit(b, "2", "0.001", px), "F");
            }
            FixMessage fired = awaitReport(a, trailing, "D");
            assertThat(fired.get(1102)).isEqualTo("79000");
            assertThat(fired.get(44)).as("not 79000 − 78500").isEqualTo("78500");
        }
    }

    @Test
    void execIdsAreASequencePerSession() {
        try (FixConnection a = alice(); FixConnection b = bob()) {
            String bobs = limit(b, "2", "0.001", "90000");
            assertThat(awaitReport(b, bobs, "0").get(17)).isEqualTo("EXEC1:TRD001");
            String first = limit(a, "1", "0.001", "84000");
            assertThat(awaitReport(a, first, "0").get(17)).as("alice's own counter").isEqualTo("EXEC1:TRD001");
            String second = limit(a, "1", "0.001", "84100");
            assertThat(awaitReport(a, second, "0").get(17)).isEqualTo("EXEC2:TRD001");
            String cancel = f.clOrdId();
            a.send("F", "11=" + cancel + "|41=" + first + "|54=1|55=BTC/USD|60=" + f.transactTime());
            assertThat(awaitReport(a, cancel, "4").get(17)).isEqualTo("EXEC3:TRD001");
            String bobsCancel = f.clOrdId();
            b.send("F", "11=" + bobsCancel + "|41=" + bobs + "|54=2|55=BTC/USD|60=" + f.transactTime());
            assertThat(awaitReport(b, bobsCancel, "4").get(17)).isEqualTo("EXEC2:TRD001");
        }
    }

    @Test
    void aMassCancelForTheSessionReachesEveryOrderOfTheAccount() {
        String earlier;
        try (FixConnection a = f.spot(VenueFixture.ALICE)) {
            assertThat(f.logonAlice(a, "8674=1").msgType()).isEqualTo("A");
            earlier = limit(a, "1", "0.001", "84000");
            awaitReport(a, earlier, "0");
            a.logout("done");
            a.awaitMessage("5", WAIT);
        }
        try (FixConnection a = f.spot(VenueFixture.ALICE); FixConnection b = bob()) {
            assertThat(f.logonAlice(a, "141=Y").msgType()).isEqualTo("A");
            String current = limit(a, "1", "0.001", "84100");
            awaitReport(a, current, "0");
            String bobs = awaitReport(b, limit(b, "1", "0.001", "83000"), "0").get(37);

            String mass = f.clOrdId();
            a.send("q", "11=" + mass + "|530=6|60=" + f.transactTime());
            FixMessage one = awaitReport(a, mass, "4");
            FixMessage other = awaitMatching(a, m -> m != one && m.msgType().equals("8") && mass.equals(m.get(11))
                    && "4".equals(m.get(150)));
            assertThat(Set.of(one.get(41), other.get(41))).as("530=6 reached an earlier session's order too")
                    .containsExactlyInAnyOrder(earlier, current);
            assertThat(f.venue.engine(Market.SPOT).order(bobs).isOpen()).as("another account's order").isTrue();
        }
    }

    @Test
    void theRolloverLogoutCancelsTheSessionsOrders() {
        String orderId;
        try (FixConnection a = alice()) {
            orderId = awaitReport(a, limit(a, "1", "0.001", "84000"), "0").get(37);
            f.venue.rolloverNow();
            assertThat(a.awaitMessage("5", WAIT).get(58)).isEqualTo("Daily session rollover");
            a.logout(null);
            assertThat(a.awaitDisconnect(WAIT)).isTrue();
        }
        await().atMost(WAIT).until(() -> !f.venue.engine(Market.SPOT).order(orderId).isOpen());
    }

    @Test
    void theRolloverRefusesLogonsForTheConfiguredDowntime() {
        try (FixConnection a = alice()) {
            f.venue.rolloverNow();
            a.awaitMessage("5", WAIT);
            a.logout(null);
            assertThat(a.awaitDisconnect(WAIT)).isTrue();
        }
        f.advance(Duration.ofMillis(4_900));
        f.venue.tick();
        try (FixConnection early = f.spot(VenueFixture.ALICE)) {
            FixMessage refused = f.logonAlice(early); // the fixture's logon moves the clock 1 ms: 4.901 s in
            assertThat(refused.msgType()).isEqualTo("5");
            assertThat(refused.get(58)).isEqualTo("Logon refused: daily session rollover in progress");
        }
        // the venue has finished with the refused connection (its sequence numbers included) before the clock
        // ends the rollover and resets them; under load that can take a moment
        quickfix.SessionID alice = new quickfix.SessionID("FIX.4.4", "KRAKEN-TRD", VenueFixture.ALICE);
        await().atMost(WAIT).until(() -> !quickfix.Session.lookupSession(alice).hasResponder());
        f.advance(Duration.ofMillis(100));
        f.venue.tick();
        try (FixConnection a = f.spot(VenueFixture.ALICE)) {
            FixMessage ack = f.logonAlice(a); // 5.002 s in
            assertThat(ack.msgType()).as("5 s, not the default 30 s").isEqualTo("A");
            assertThat(ack.seqNum()).isEqualTo(1);
        }
    }
}
