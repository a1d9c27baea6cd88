package io.fluxfix.venue.wire;

import io.fluxfix.model.Market;
import io.fluxfix.testkit.fix.FixConnection;
import io.fluxfix.testkit.fix.FixMessage;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.fluxfix.venue.wire.VenueFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** A venue restart within the trading day keeps books, balances and sequence numbers, and loses no report. */
class RestartWireTest extends WireTestBase {

    @Test
    void aRestartKeepsTheBookAndTheSessionsSequenceNumbers() {
        String keptId;
        String keptOrder;
        String codOrder;
        int next;
        try (FixConnection a = f.spot(VenueFixture.ALICE)) {
            assertThat(f.logonAlice(a, "8674=1").msgType()).isEqualTo("A");
            keptId = limit(a, "1", "0.001", "84000");
            keptOrder = awaitReport(a, keptId, "0").get(37);
            a.logout("bye");
            a.awaitMessage("5", WAIT);
            next = a.msgSeqNum();
        }
        try (FixConnection b = bob()) {
            codOrder = awaitReport(b, limit(b, "2", "0.002", "85000"), "0").get(37);
            // bob is still logged on when the venue stops
            restart();
        }
        assertThat(f.venue.engine(Market.SPOT).order(keptOrder).isOpen()).as("8674=1 order kept").isTrue();
        assertThat(f.venue.engine(Market.SPOT).order(codOrder).isOpen()).as("bob's connection was lost").isFalse();

        try (FixConnection a = f.spot(VenueFixture.ALICE).msgSeqNum(next)) {
            FixMessage ack = f.logonAlice(a);
            assertThat(ack.msgType()).as("the venue still expects 34=" + next).isEqualTo("A");
            assertThat(ack.seqNum()).isGreaterThan(1);
            a.send("2", "7=2|16=0");
            FixMessage resent = a.awaitMessage(m -> m.msgType().equals("8") && keptId.equals(m.get(11)), WAIT);
            assertThat(resent.get(43)).isEqualTo("Y");
            String cancel = f.clOrdId();
            a.send("q", "11=" + cancel + "|530=7|60=" + f.transactTime());
            assertThat(awaitReport(a, cancel, "4").get(37)).as("the book came back").isEqualTo(keptOrder);
        }
    }

    @Test
    void aRestartReplaysFillsIntoBalances() {
        try (FixConnection a = alice(); FixConnection b = bob()) {
            awaitReport(b, limit(b, "2", "0.5", "84000"), "0");
            awaitReport(a, limit(a, "1", "0.5", "84000"), "F");
        }
        Map<String, Map<String, io.fluxfix.model.Decimal[]>> before = f.venue.engine(Market.SPOT).balances();
        restart();
        Map<String, Map<String, io.fluxfix.model.Decimal[]>> after = f.venue.engine(Market.SPOT).balances();
        assertThat(after.get("alice").get("BTC")[0]).isEqualTo(before.get("alice").get("BTC")[0]);
        assertThat(after.get("bob").get("USD")[0]).isEqualTo(before.get("bob").get("USD")[0]);
    }

    private void restart() {
        f.close();
        f = new VenueFixture(tls, data, Map.of("venue.port-base",
                Integer.toString(f.venue.config().portBase())));
    }
}
