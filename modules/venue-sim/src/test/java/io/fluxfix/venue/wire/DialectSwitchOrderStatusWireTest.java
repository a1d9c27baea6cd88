package io.fluxfix.venue.wire;

import io.fluxfix.testkit.fix.FixConnection;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dialect.error-rate.unknown-order-status: error}: "Unknown order" answers to 35=H count like any 35=j. */
class DialectSwitchOrderStatusWireTest extends WireTestBase {

    @Override
    Map<String, String> overrides() {
        return Map.of("dialect.error-rate.unknown-order-status", "error");
    }

    @Test
    void elevenUnknownOrderAnswersInOneSecondDisconnect() {
        try (FixConnection a = alice()) {
            for (int i = 0; i < 11; i++) {
                a.send("H", "11=" + f.clOrdId() + "|55=BTC/USD");
            }
            assertThat(a.awaitMessage("5", VenueFixture.WAIT).get(58)).startsWith("Disconnected: error rate exceeded");
            assertThat(a.received().stream().filter(m -> m.msgType().equals("j"))).hasSize(11);
        }
    }
}
