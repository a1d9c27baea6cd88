package io.fluxfix.venue.wire;

import io.fluxfix.model.Market;
import io.fluxfix.testkit.fix.FixConnection;
import io.fluxfix.testkit.fix.FixMessage;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.fluxfix.venue.wire.VenueFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Kraken's session rules on the wire: cancel-on-disconnect, cancel scope, mass cancel, status, amend priority. */
class SessionRulesWireTest extends WireTestBase {

    @Override
    Map<String, String> overrides() {
        return Map.of("accounts.carol.spot-comp-id", "CAROL", "accounts.carol.api-key", "carol-key",
                "accounts.carol.api-secret", "Y2Fyb2wtc2VjcmV0", "accounts.carol.balances.BTC", "10",
                "accounts.carol.balances.USD", "1000000");
    }

    @Test
    void aDroppedConnectionCancelsTheSessionsOrdersAndTheCancelsAreReplayedOnReconnect() {
        String id;
        String orderId;
        int next;
        try (FixConnection a = alice()) {
            id = limit(a, "1", "0.001", "84000");
            orderId = awaitReport(a, id, "0").get(37);
            next = a.msgSeqNum();
        } // closed without a Logout: the transport dropped
        await().atMost(WAIT).until(() -> !f.venue.engine(Market.SPOT).order(orderId).isOpen());

        try (FixConnection again = f.spot(VenueFixture.ALICE).msgSeqNum(next)) {
            FixMessage ack = f.logonAlice(again);
            assertThat(ack.msgType()).isEqualTo("A");
            // the venue's sequence has moved past the ack we saw: ask for what we missed
            again.send("2", "7=2|16=0");
            FixMessage cancel = awaitMatching(again, m -> m.msgType().equals("8") && "4".equals(m.get(150)));
            assertThat(cancel.get(43)).isEqualTo("Y");
            assertThat(cancel.get(122)).isNotNull();
            assertThat(cancel.get(37)).isEqualTo(orderId);
            assertThat(cancel.get(11)).isEqualTo(id);
            assertThat(cancel.get(58)).isEqualTo("Order canceled on disconnect");
        }
    }

    @Test
    void cancelOnDisconnectCanBeSwitchedOffAtLogonAndACleanLogoutCancelsByDefault() {
        String kept;
        String cancelled;
        try (FixConnection a = f.spot(VenueFixture.ALICE)) {
            assertThat(f.logonAlice(a, "8674=1").msgType()).isEqualTo("A");
            kept = awaitReport(a, limit(a, "1", "0.001", "84000"), "0").get(37);
            a.logout("done");
            a.awaitMessage("5", WAIT);
        }
        try (FixConnection b = bob()) {
            cancelled = awaitReport(b, limit(b, "1", "0.001", "83000"), "0").get(37);
            b.logout("done");
            b.awaitMessage("5", WAIT);
        }
        await().atMost(WAIT).until(() -> !f.venue.engine(Market.SPOT).order(cancelled).isOpen());
        assertThat(f.venue.engine(Market.SPOT).order(kept).isOpen()).as("8674=1").isTrue();
    }

    @Test
    void aNewSessionCannotCancelTheLastSessionsOrdersButStatusAndMassCancelReachThem() {
        String id;
        String orderId;
        try (FixConnection a = f.spot(VenueFixture.ALICE)) {
            assertThat(f.logonAlice(a, "8674=1").msgType()).isEqualTo("A");
            id = limit(a, "1", "0.001", "84000");
            orderId = awaitReport(a, id, "0").get(37);
            a.logout("done");
            a.awaitMessage("5", WAIT);
        }
        // A new session, both sides starting again at 1 (141=Y goes with 34=1).
        try (FixConnection a = f.spot(VenueFixture.ALICE)) {
            assertThat(f.logonAlice(a, "141=Y").msgType()).isEqualTo("A");
            String byOrig = f.clOrdId();
            a.send("F", "11=" + byOrig + "|41=" + id + "|54=1|55=BTC/USD|60=" + f.transactTime());
            FixMessage j = awaitMatching(a, m -> m.msgType().equals("j") && byOrig.equals(m.get(379)));
            assertThat(j.get(380)).isEqualTo("101");
            assertThat(j.get(58)).isEqualTo("EOrder:Unknown order");
            String byId = f.clOrdId();
            a.send("F", "11=" + byId + "|37=" + orderId + "|54=1|55=BTC/USD|60=" + f.transactTime());
            assertThat(awaitMatching(a, m -> m.msgType().equals("j") && byId.equals(m.get(379))).get(380)).isEqualTo("101");

            String status = f.clOrdId();
            a.send("H", "11=" + status + "|37=" + orderId + "|55=BTC/USD");
            FixMessage st = awaitReport(a, status, "I");
            assertThat(st.get(39)).as("still open").isEqualTo("0");
            assertThat(st.get(41)).isEqualTo(id);

            String session = f.clOrdId();
            a.send("q", "11=" + session + "|530=6|60=" + f.transactTime());
            String compId = f.clOrdId();
            a.send("q", "11=" + compId + "|530=7|60=" + f.transactTime());
            FixMessage massCancel = awaitReport(a, compId, "4");
            assertThat(massCancel.get(37)).as("530=7 reaches the CompID's orders of earlier sessions").isEqualTo(orderId);
            assertThat(massCancel.get(41)).isEqualTo(id);
            assertThat(a.received()).noneMatch(m -> session.equals(m.get(11)))
                    .as("530=6 found nothing of this session: no reply");
        }
    }

    @Test
    void massCancelForOneSymbolAndForTheSession() {
        try (FixConnection a = alice()) {
            String o1 = limit(a, "1", "0.001", "84000");
            String o2 = limit(a, "2", "0.001", "90000");
            awaitReport(a, o1, "0");
            awaitReport(a, o2, "0");
            String mass = f.clOrdId();
            a.send("q", "11=" + mass + "|530=1|55=BTC/USD|60=" + f.transactTime());
            FixMessage first = awaitReport(a, mass, "4");
            FixMessage second = awaitMatching(a, m -> mass.equals(m.get(11)) && m != first && "4".equals(m.get(150)));
            assertThat(java.util.Set.of(first.get(41), second.get(41))).containsExactlyInAnyOrder(o1, o2);
            String none = f.clOrdId();
            a.send("q", "11=" + none + "|530=1|60=" + f.transactTime());
            FixMessage j = awaitMatching(a, m -> m.msgType().equals("j") && none.equals(m.get(379)));
            assertThat(j.get(380)).as("530=1 without 55").isEqualTo("5");
        }
    }

    @Test
    void anAmendKeepsQueuePriorityOnlyWhenItOnlyShrinks() {
        try (FixConnection a = alice(); FixConnection b = bob(); FixConnection c = carol()) {
            String aliceBuy = limit(a, "1", "1", "84000");
            String aliceOrder = awaitReport(a, aliceBuy, "0").get(37);
            String bobBuy = limit(b, "1", "1", "84000");
            awaitReport(b, bobBuy, "0");

            String down = f.clOrdId();
            a.send("G", "11=" + down + "|37=" + aliceOrder + "|41=" + aliceBuy + "|54=1|55=BTC/USD|60="
                    + f.transactTime() + "|38=0.5|40=2|44=84000|59=1");
            awaitReport(a, down, "5");
            String sell1 = limit(c, "2", "0.1", "84000");
            assertThat(awaitReport(a, down, "F").get(32)).as("alice kept her place").isEqualTo("0.1");
            awaitReport(c, sell1, "F");

            String up = f.clOrdId();
            a.send("G", "11=" + up + "|37=" + aliceOrder + "|41=" + down + "|54=1|55=BTC/USD|60="
                    + f.transactTime() + "|38=2|40=2|44=84000|59=1");
            awaitReport(a, up, "5");
            String sell2 = limit(c, "2", "0.1", "84000");
            assertThat(awaitReport(b, bobBuy, "F").get(32)).as("more quantity: alice went behind bob").isEqualTo("0.1");
            awaitReport(c, sell2, "F");
        }
    }

    private FixConnection carol() {
        FixConnection c = f.spot("CAROL");
        assertThat(f.logon(c, "carol-key", "Y2Fyb2wtc2VjcmV0").msgType()).isEqualTo("A");
        return c;
    }
}
