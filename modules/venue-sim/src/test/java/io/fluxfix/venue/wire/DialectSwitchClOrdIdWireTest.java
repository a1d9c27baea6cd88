package io.fluxfix.venue.wire;

import io.fluxfix.testkit.fix.FixConnection;
import io.fluxfix.testkit.fix.FixMessage;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.fluxfix.venue.wire.VenueFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spot ClOrdID rules under the non-default settings of Kraken's open points: the ±120 s window applied to
 * numeric ids too, numeric ids that need not increase, ids remembered for one connection only, and a reused id
 * refused with a session-level Reject.
 */
class DialectSwitchClOrdIdWireTest extends WireTestBase {

    private static final long WINDOW_MICROS = 120_000_000L;

    @Override
    Map<String, String> overrides() {
        return Map.of("dialect.clordid.window-for-numeric", "true",
                "dialect.clordid.require-increasing", "false",
                "dialect.clordid.scope", "connection",
                "dialect.clordid.duplicate-reject", "session-reject");
    }

    @Test
    void aNumericClOrdIdFarFromVenueTimeIsRefused() {
        try (FixConnection a = alice()) {
            long venueMicros = f.now.get().toEpochMilli() * 1000;
            for (long offset : new long[]{-WINDOW_MICROS - 1_000_000, WINDOW_MICROS + 1_000_000}) {
                int seq = a.msgSeqNum();
                send(a, Long.toString(venueMicros + offset));
                FixMessage r = awaitMatching(a, m -> m.msgType().equals("3") && Integer.toString(seq).equals(m.get(45)));
                assertThat(r.get(373)).isEqualTo("5");
                assertThat(r.get(371)).isEqualTo("11");
                assertThat(r.get(372)).isEqualTo("D");
                assertThat(r.get(58)).isEqualTo("ClOrdID invalid value (timestamp is out of date)");
            }
            String within = Long.toString(venueMicros - WINDOW_MICROS + 1_000_000);
            send(a, within);
            awaitReport(a, within, "0");
            assertThat(a.received()).noneMatch(m -> m.msgType().equals("8") && !within.equals(m.get(11)));
        }
    }

    @Test
    void aSmallerNumericClOrdIdIsAccepted() {
        try (FixConnection a = alice()) {
            String first = f.clOrdId();
            send(a, first);
            awaitReport(a, first, "0");
            String smaller = Long.toString(Long.parseLong(first) - 1_000);
            send(a, smaller);
            awaitReport(a, smaller, "0");
            assertThat(a.received()).noneMatch(m -> m.msgType().equals("3") || m.msgType().equals("j"));
        }
    }

    @Test
    void aClOrdIdOfAnEarlierConnectionCanBeUsedAgain() {
        String id = f.clOrdId();
        int next;
        try (FixConnection a = alice()) {
            send(a, id);
            awaitReport(a, id, "0");
            a.logout("done");
            a.awaitMessage("5", WAIT);
            next = a.msgSeqNum();
        }
        try (FixConnection a = f.spot(VenueFixture.ALICE).msgSeqNum(next)) {
            assertThat(f.logonAlice(a).msgType()).isEqualTo("A");
            send(a, id);
            FixMessage ack = awaitReport(a, id, "0");
            assertThat(ack.get(39)).isEqualTo("0");
            assertThat(a.received()).noneMatch(m -> m.msgType().equals("3") || m.msgType().equals("j"));
        }
    }

    @Test
    void aReusedClOrdIdGetsASessionReject() {
        try (FixConnection a = alice()) {
            String id = f.clOrdId();
            send(a, id);
            awaitReport(a, id, "0");
            int seq = a.msgSeqNum();
            send(a, id);
            FixMessage r = awaitMatching(a, m -> m.msgType().equals("3"));
            assertThat(r.get(45)).isEqualTo(Integer.toString(seq));
            assertThat(r.get(373)).isEqualTo("5");
            assertThat(r.get(371)).isEqualTo("11");
            assertThat(r.get(372)).isEqualTo("D");
            assertThat(r.get(58)).isEqualTo("ClOrdID already used in this session");
            assertThat(a.received()).noneMatch(m -> m.msgType().equals("j"));
        }
    }

    /** A Spot limit buy resting well below the market, under the given ClOrdID. */
    private void send(FixConnection c, String clOrdId) {
        c.send("D", "11=" + clOrdId + "|55=BTC/USD|54=1|40=2|44=84000|38=0.001|59=1|60=" + f.transactTime());
    }
}
