package io.fluxfix.venue.wire;

import io.fluxfix.testkit.fix.FixConnection;
import io.fluxfix.testkit.fix.FixMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OrderStatusRequest (35=H) asked by an order's own ClOrdID — what a client that lost an acknowledgement (a
 * restart) has to ask by: the venue answers with the order's status, never "duplicate ClOrdID"; an order it never
 * got is "Unknown order", which is not counted towards the error-rate disconnect unless the dialect says so.
 */
class OrderStatusWireTest extends WireTestBase {

    @Test
    void anOrdersOwnClOrdIdAsksForItsStatusAsOftenAsNeededWithOrWithoutTheOrderId() {
        try (FixConnection a = alice()) {
            String id = limit(a, "1", "0.001", "84000");
            String orderId = awaitReport(a, id, "0").get(37);
            String later = limit(a, "1", "0.001", "83000"); // the ClOrdID asked about is no longer the highest
            awaitReport(a, later, "0");

            a.send("H", "11=" + id + "|55=BTC/USD");
            FixMessage first = awaitReport(a, id, "I");
            assertThat(first.get(39)).isEqualTo("0");
            assertThat(first.get(37)).isEqualTo(orderId);
            assertThat(first.get(151)).isEqualTo("0.001");

            a.send("H", "11=" + id + "|37=" + orderId + "|55=BTC/USD");
            FixMessage second = awaitMatching(a, m -> m != first && m.msgType().equals("8") && id.equals(m.get(11))
                    && "I".equals(m.get(150)));
            assertThat(second.get(39)).isEqualTo("0");
            assertThat(second.get(17)).as("a report of its own").isNotEqualTo(first.get(17));

            String cancel = f.clOrdId();
            a.send("F", "11=" + cancel + "|41=" + id + "|54=1|55=BTC/USD|60=" + f.transactTime());
            awaitReport(a, cancel, "4");
            a.send("H", "11=" + id + "|55=BTC/USD");
            FixMessage closed = awaitMatching(a, m -> m.msgType().equals("8") && id.equals(m.get(11))
                    && "I".equals(m.get(150)) && "4".equals(m.get(39)));
            assertThat(closed.get(37)).isEqualTo(orderId);
            assertThat(a.received()).as("never a duplicate-ClOrdID refusal").noneMatch(m -> m.msgType().equals("j")
                    || m.msgType().equals("3"));
        }
    }

    @Test
    void aClOrdIdTheVenueNeverGotIsAnUnknownOrderAndAskingIsNoError() {
        try (FixConnection a = alice()) {
            // more unknown-order answers in one second than the error-rate safeguard tolerates (10)
            String last = null;
            for (int i = 0; i < 12; i++) {
                last = f.clOrdId();
                a.send("H", "11=" + last + "|55=BTC/USD");
            }
            String lastId = last;
            FixMessage j = awaitMatching(a, m -> m.msgType().equals("j") && lastId.equals(m.get(379)));
            assertThat(j.get(380)).isEqualTo("101");
            assertThat(j.get(372)).isEqualTo("H");
            assertThat(j.get(58)).isEqualTo("EOrder:Unknown order");

            String id = limit(a, "1", "0.001", "84000");
            assertThat(awaitReport(a, id, "0")).as("still logged on").isNotNull();
            assertThat(a.received()).noneMatch(m -> m.msgType().equals("5"));
            assertThat(f.venue.application().errorRates()).allMatch(e -> e.total() == 0);
        }
    }
}
