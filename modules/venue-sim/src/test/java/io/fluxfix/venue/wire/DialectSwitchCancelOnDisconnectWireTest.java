package io.fluxfix.venue.wire;

import io.fluxfix.model.Market;
import io.fluxfix.testkit.fix.FixConnection;
import io.fluxfix.testkit.fix.FixMessage;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.fluxfix.venue.wire.VenueFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cancel-on-disconnect under the non-default settings of Kraken's open points: 8674 ignored (onboarding fixed
 * CoD on), a clean Logout that cancels nothing, and CoD cancels whose ExecutionReports are never sent.
 */
class DialectSwitchCancelOnDisconnectWireTest extends WireTestBase {

    @Override
    Map<String, String> overrides() {
        return Map.of("dialect.cod.honour-logon-tag", "false",
                "dialect.cod.on-clean-logout", "false",
                "dialect.cod.cancel-reports", "not-sent");
    }

    @Test
    void logonTag8674IsIgnoredAndADroppedConnectionStillCancels() {
        String orderId;
        try (FixConnection a = f.spot(VenueFixture.ALICE)) {
            assertThat(f.logonAlice(a, "8674=1").msgType()).isEqualTo("A");
            orderId = awaitReport(a, limit(a, "1", "0.001", "84000"), "0").get(37);
        } // closed without a Logout: the transport dropped
        await().atMost(WAIT).until(() -> !f.venue.engine(Market.SPOT).order(orderId).isOpen());
    }

    @Test
    void aCleanLogoutLeavesTheOrdersOpenButADroppedConnectionCancels() {
        String keptId;
        String kept;
        int next;
        try (FixConnection a = alice()) {
            keptId = limit(a, "1", "0.001", "84000");
            kept = awaitReport(a, keptId, "0").get(37);
            a.logout("done");
            a.awaitMessage("5", WAIT);
            assertThat(a.awaitDisconnect(WAIT)).isTrue();
            next = a.msgSeqNum();
        }
        // The gateway handles a disconnect under the market's lock: once it shows alice logged off, CoD is done.
        await().atMost(WAIT).until(() -> f.venue.gateway().withLock(Market.SPOT, () -> !loggedOn(VenueFixture.ALICE)));
        assertThat(f.venue.engine(Market.SPOT).order(kept).isOpen()).as("a clean Logout cancels nothing").isTrue();

        String dropped;
        try (FixConnection b = bob()) {
            dropped = awaitReport(b, limit(b, "2", "0.001", "90000"), "0").get(37);
        } // dropped
        await().atMost(WAIT).until(() -> !f.venue.engine(Market.SPOT).order(dropped).isOpen());

        try (FixConnection a = f.spot(VenueFixture.ALICE).msgSeqNum(next)) {
            assertThat(f.logonAlice(a).msgType()).isEqualTo("A");
            String status = f.clOrdId();
            a.send("H", "11=" + status + "|37=" + kept + "|55=BTC/USD");
            FixMessage st = awaitReport(a, status, "I");
            assertThat(st.get(39)).as("still open after the clean Logout").isEqualTo("0");
            assertThat(st.get(41)).isEqualTo(keptId);
        }
    }

    @Test
    void theReportsOfCancelOnDisconnectAreNeverSent() {
        String id;
        String orderId;
        int next;
        int lastFromVenue;
        try (FixConnection a = alice()) {
            id = limit(a, "1", "0.001", "84000");
            FixMessage ack = awaitReport(a, id, "0");
            orderId = ack.get(37);
            lastFromVenue = ack.seqNum();
            next = a.msgSeqNum();
        } // dropped
        await().atMost(WAIT).until(() -> !f.venue.engine(Market.SPOT).order(orderId).isOpen());

        try (FixConnection again = f.spot(VenueFixture.ALICE).msgSeqNum(next)) {
            FixMessage ack = f.logonAlice(again);
            assertThat(ack.msgType()).isEqualTo("A");
            assertThat(ack.seqNum()).as("the cancel took no sequence number").isEqualTo(lastFromVenue + 1);
            again.send("2", "7=1|16=0");
            FixMessage replayed = awaitMatching(again, m -> m.msgType().equals("8") && "Y".equals(m.get(43)));
            assertThat(replayed.get(150)).isEqualTo("0");
            assertThat(replayed.get(11)).isEqualTo(id);
            // the client learns of the cancel by asking
            String status = f.clOrdId();
            again.send("H", "11=" + status + "|37=" + orderId + "|55=BTC/USD");
            assertThat(awaitReport(again, status, "I").get(39)).isEqualTo("4");
            assertThat(again.received()).as("no 150=4, neither by resend nor otherwise")
                    .noneMatch(m -> m.msgType().equals("8") && "4".equals(m.get(150)));
        }
    }

    private boolean loggedOn(String compId) {
        return f.venue.gateway().sessions().stream()
                .filter(s -> compId.equals(s.get("compId")) && "spot".equals(s.get("market")))
                .map(s -> (Boolean) s.get("loggedOn"))
                .findFirst().orElseThrow();
    }
}
