package io.fluxfix.venue.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxfix.model.Market;
import io.fluxfix.testkit.fix.FixConnection;
import io.fluxfix.testkit.fix.FixMessage;
import io.fluxfix.venue.admin.AdminTestClient;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.fluxfix.venue.wire.VenueFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kraken's limits as a client meets them on the wire (issue 6): the Spot counter's refusal at the documented
 * point, the error-rate safeguard's Logout (with cancel-on-disconnect and an immediate new logon), and what the
 * admin endpoint shows of both. The venue clock does not move unless the test moves it, so the counter does not
 * decay under the test's feet.
 */
class RateLimitsWireTest extends WireTestBase {

    @Test
    void aBurstOfYoungCancelsOnStarterMeetsRateLimitExceededAtTheDocumentedPoint() {
        try (FixConnection a = alice(); AdminTestClient admin = new AdminTestClient(f.venue.adminPort())) {
            List<String> placed = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String id = limit(a, "1", "0.001", "84000");
                awaitReport(a, id, "0");
                placed.add(id);
            }
            List<String> cancels = new ArrayList<>();
            for (String id : placed) {
                String cancel = f.clOrdId();
                a.send("F", "11=" + cancel + "|41=" + id + "|55=BTC/USD|54=1|60=" + f.transactTime());
                cancels.add(cancel);
            }
            // Starter: 10 adds (+1 each) and 6 cancels younger than 5 s (+8 each) make 58; a 7th would make 66 > 60.
            for (String cancel : cancels.subList(0, 6)) {
                assertThat(awaitReport(a, cancel, "4").get(39)).isEqualTo("4");
            }
            FixMessage refused = a.awaitMessage(m -> m.msgType().equals("j") && cancels.get(6).equals(m.get(379)), WAIT);
            assertThat(refused.get(380)).isEqualTo("0");
            assertThat(refused.get(372)).isEqualTo("F");
            assertThat(refused.get(58)).isEqualTo("EOrder:Rate limit exceeded");
            for (String cancel : cancels.subList(7, 10)) {
                assertThat(a.awaitMessage(m -> m.msgType().equals("j") && cancel.equals(m.get(379)), WAIT).get(58))
                        .as("each further young cancel would pass 60 too").isEqualTo("EOrder:Rate limit exceeded");
            }
            assertThat(f.venue.engine(Market.SPOT).openOrderCount("alice", "BTC/USD")).isEqualTo(4);

            JsonNode counter = admin.get("/state").json().at("/limits/spotCounters/0");
            assertThat(counter.get("owner").asText()).isEqualTo("alice");
            assertThat(counter.get("symbol").asText()).isEqualTo("BTC/USD");
            assertThat(counter.get("value").decimalValue()).isEqualByComparingTo("58");
            assertThat(counter.get("threshold").asInt()).isEqualTo(60);
            assertThat(counter.get("refused").asLong()).isEqualTo(4);
            assertThat(admin.get("/metrics").body()).contains(
                    "venue_rate_limit_refusals_total{account=\"alice\",limit=\"spot-counter\",market=\"spot\"} 4.0");
        }
    }

    @Test
    void tooManyRejectsInOneSecondLogTheSessionOutAndItMayLogOnAgainAtOnce() {
        String resting;
        int next;
        try (FixConnection a = alice()) {
            resting = awaitReport(a, limit(a, "1", "0.001", "84000"), "0").get(37);
            // dialect.error-rate.max-per-second is 10: the 11th reject within a second is one too many
            for (int i = 0; i < 11; i++) {
                a.send("F", "11=" + f.clOrdId() + "|41=" + f.clOrdId() + "|55=BTC/USD|54=1|60=" + f.transactTime());
            }
            FixMessage logout = a.awaitMessage("5", WAIT);
            assertThat(logout.get(58)).isEqualTo(
                    "Disconnected: error rate exceeded (more than 10 rejected messages in one second)");
            assertThat(a.received().stream().filter(m -> m.msgType().equals("j"))).hasSize(11);
            assertThat(a.awaitDisconnect(WAIT)).isTrue();
            next = a.msgSeqNum();
        }
        await().atMost(WAIT).until(() -> !f.venue.engine(Market.SPOT).order(resting).isOpen());

        try (FixConnection a = f.spot(VenueFixture.ALICE).msgSeqNum(next);
             AdminTestClient admin = new AdminTestClient(f.venue.adminPort())) {
            assertThat(f.logonAlice(a).msgType()).as("the account may log on again at once").isEqualTo("A");
            String id = limit(a, "1", "0.001", "84000");
            assertThat(awaitReport(a, id, "0")).isNotNull();
            JsonNode errors = admin.get("/state").json().at("/limits/errorRates/0");
            assertThat(errors.get("session").asText()).isEqualTo("FIX.4.4:KRAKEN-TRD->ALICE");
            assertThat(errors.get("total").asLong()).isEqualTo(11);
            assertThat(errors.get("disconnects").asLong()).isEqualTo(1);
            assertThat(admin.get("/metrics").body())
                    .contains("venue_forced_disconnects_total{reason=\"error_rate\",session=\"ALICE\"} 1.0");
        }
    }

    @Test
    void errorsSpreadOverMoreThanASecondDoNotDisconnect() {
        try (FixConnection a = alice()) {
            for (int i = 0; i < 30; i++) {
                String cancel = f.clOrdId();
                a.send("F", "11=" + cancel + "|41=" + f.clOrdId() + "|55=BTC/USD|54=1|60=" + f.transactTime());
                a.awaitMessage(m -> m.msgType().equals("j") && cancel.equals(m.get(379)), WAIT);
                f.advance(java.time.Duration.ofMillis(101)); // ten a second at most
            }
            String id = limit(a, "1", "0.001", "84000");
            assertThat(awaitReport(a, id, "0")).as("still logged on").isNotNull();
            assertThat(a.received()).noneMatch(m -> m.msgType().equals("5"));
        }
    }
}
