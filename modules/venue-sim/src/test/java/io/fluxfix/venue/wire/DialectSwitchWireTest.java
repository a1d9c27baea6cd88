package io.fluxfix.venue.wire;

import io.fluxfix.testkit.fix.FixConnection;
import io.fluxfix.testkit.fix.FixMessage;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The venue's answers under the non-default settings of Kraken's open points (the defaults are covered by the
 * other wire tests): engine refusals as an acknowledged order cancelled at once, and a 35=j for a mass cancel
 * that finds nothing open.
 */
class DialectSwitchWireTest extends WireTestBase {

    @Override
    Map<String, String> overrides() {
        return Map.of("dialect.engine-reject.form", "unsolicited-cancel",
                "dialect.mass-cancel.none-open", "business-reject");
    }

    @Test
    void engineChecksAnswerWithAnAcknowledgementThenAnUnsolicitedCancel() {
        try (FixConnection a = alice()) {
            // 100 BTC at 84000 needs 8.4 M USD; alice has 1 M
            String tooBig = limit(a, "1", "100", "84000");
            FixMessage ack = awaitReport(a, tooBig, "0");
            FixMessage cancel = awaitReport(a, tooBig, "4");
            assertThat(cancel.get(37)).isEqualTo(ack.get(37)).startsWith("O");
            assertThat(cancel.get(39)).isEqualTo("4");
            assertThat(cancel.get(58)).isEqualTo("EOrder:Insufficient funds");
            assertThat(cancel.get(151)).isEqualTo("0");

            String tiny = limit(a, "1", "0.00001", "84000");
            assertThat(awaitReport(a, tiny, "4").get(58)).isEqualTo("EOrder:Order minimum not met");

            // a format-level problem is still a 35=j: the switch covers only the engine's own checks
            String offTick = limit(a, "1", "0.001", "84000.05");
            FixMessage j = awaitMatching(a, m -> m.msgType().equals("j") && offTick.equals(m.get(379)));
            assertThat(j.get(58)).isIn("EOrder:Tick size check failed", "EOrder:Invalid price");
            assertThat(a.received()).noneMatch(m -> m.msgType().equals("8") && offTick.equals(m.get(11)));

            // the cancelled order is known to the venue afterwards, like any order of the day
            String status = f.clOrdId();
            a.send("H", "11=" + status + "|37=" + ack.get(37) + "|55=BTC/USD");
            assertThat(awaitReport(a, status, "I").get(39)).isEqualTo("4");
        }
    }

    @Test
    void aMassCancelThatFindsNothingGetsABusinessReject() {
        try (FixConnection a = alice()) {
            String mass = f.clOrdId();
            a.send("q", "11=" + mass + "|530=7|60=" + f.transactTime());
            FixMessage j = awaitMatching(a, m -> m.msgType().equals("j") && mass.equals(m.get(379)));
            assertThat(j.get(380)).isEqualTo("0");
            assertThat(j.get(372)).isEqualTo("q");
            assertThat(j.get(58)).isEqualTo("EOrder:Unknown order");
        }
    }
}
