package io.fluxfix.venue.wire;

import io.fluxfix.testkit.fix.FixConnection;
import io.fluxfix.testkit.fix.FixMessage;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spot refusals under the non-default settings of Kraken's open points: a BusinessMessageReject that names the
 * rejected message in 45 and puts its ClOrdID before the error in 58 (the older page generation), and an
 * ExecutionReport 150=I 39=8 for the status of an unknown order.
 */
class DialectSwitchRejectsWireTest extends WireTestBase {

    @Override
    Map<String, String> overrides() {
        return Map.of("dialect.bmr.ref-seq-num", "rejected-message",
                "dialect.bmr.text-format", "clordid-prefixed",
                "dialect.order-status.unknown-order", "rejected-report");
    }

    @Test
    void aBusinessRejectNamesTheRejectedMessageAndItsClOrdId() {
        try (FixConnection a = alice()) {
            awaitReport(a, limit(a, "1", "0.001", "84000"), "0"); // the reject below is not the session's first message
            int seq = a.msgSeqNum();
            String tooBig = limit(a, "1", "100", "84000");
            FixMessage j = awaitMatching(a, m -> m.msgType().equals("j") && tooBig.equals(m.get(379)));
            assertThat(j.get(45)).as("the rejected message's 34").isEqualTo(Integer.toString(seq));
            assertThat(j.get(58)).isEqualTo(tooBig + " : EOrder:Insufficient funds");
            assertThat(j.get(380)).isEqualTo("0");
            assertThat(j.get(372)).isEqualTo("D");

            int cancelSeq = a.msgSeqNum();
            String cancel = f.clOrdId();
            a.send("F", "11=" + cancel + "|41=" + f.clOrdId() + "|54=1|55=BTC/USD|60=" + f.transactTime());
            FixMessage unknown = awaitMatching(a, m -> m.msgType().equals("j") && cancel.equals(m.get(379)));
            assertThat(unknown.get(45)).isEqualTo(Integer.toString(cancelSeq));
            assertThat(unknown.get(58)).isEqualTo(cancel + " : EOrder:Unknown order");
            assertThat(unknown.get(380)).isEqualTo("101");
        }
    }

    @Test
    void theStatusOfAnUnknownOrderIsARejectedExecutionReport() {
        try (FixConnection a = alice()) {
            String status = f.clOrdId();
            a.send("H", "11=" + status + "|37=OAAAAA-AAAAA-AAAAAA|55=BTC/USD");
            FixMessage er = awaitReport(a, status, "I");
            assertThat(er.get(39)).isEqualTo("8");
            assertThat(er.get(37)).isEqualTo("OAAAAA-AAAAA-AAAAAA");
            assertThat(er.get(58)).isEqualTo("EOrder:Unknown order");
            assertThat(er.get(55)).isEqualTo("BTC/USD");
            assertThat(a.received()).noneMatch(m -> m.msgType().equals("j"));
        }
    }
}
