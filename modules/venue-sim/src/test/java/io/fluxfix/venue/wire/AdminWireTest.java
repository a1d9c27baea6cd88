package io.fluxfix.venue.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxfix.testkit.fix.FixConnection;
import io.fluxfix.testkit.fix.FixMessage;
import io.fluxfix.venue.admin.AdminTestClient;
import org.junit.jupiter.api.Test;

import static io.fluxfix.venue.wire.VenueFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** The admin endpoint of a running venue: what it shows, and what its actions change on the FIX side. */
class AdminWireTest extends WireTestBase {

    @Test
    void stateShowsSessionsOpenOrdersAndBalances() {
        try (FixConnection a = alice(); AdminTestClient admin = new AdminTestClient(f.venue.adminPort())) {
            assertThat(f.venue.adminPort()).isEqualTo(f.venue.config().portBase() + 10);
            String id = limit(a, "1", "0.5", "84000");
            String orderId = awaitReport(a, id, "0").get(37);
            JsonNode state = admin.get("/state").json();
            JsonNode alice = find(state.get("sessions"), "compId", "ALICE");
            assertThat(alice.get("loggedOn").asBoolean()).isTrue();
            JsonNode order = state.at("/openOrders/alice/BTC~1USD/0");
            assertThat(order.get("orderId").asText()).isEqualTo(orderId);
            assertThat(order.get("clOrdId").asText()).isEqualTo(id);
            assertThat(order.get("leaves").decimalValue()).isEqualByComparingTo("0.5");
            assertThat(state.at("/instruments/BTC~1USD/bids/0/price").decimalValue()).isEqualByComparingTo("84000");
            // 0.5 × 84000 plus the 0.26 % taker fee is held
            assertThat(state.at("/accounts/alice/balances/USD/available").decimalValue())
                    .isEqualByComparingTo("957890.8");
            assertThat(state.at("/accounts/alice/derivatives/collateral").decimalValue()).isEqualByComparingTo("1000000");
        }
    }

    @Test
    void theTradingModeOfAnInstrumentChangesOrderEntry() {
        try (FixConnection a = alice(); AdminTestClient admin = new AdminTestClient(f.venue.adminPort())) {
            assertThat(admin.post("/instruments/BTC%2FUSD/status", "{\"status\":\"cancel_only\"}").status()).isEqualTo(200);
            limit(a, "1", "0.001", "84000");
            assertThat(a.awaitMessage("j", WAIT).get(58)).isEqualTo("EService:Market in cancel_only mode");
            assertThat(admin.post("/instruments/BTC%2FUSD/status", "{\"status\":\"online\"}").status()).isEqualTo(200);
            String id = limit(a, "1", "0.001", "84000");
            assertThat(awaitReport(a, id, "0")).isNotNull();
            assertThat(admin.post("/instruments/BTC%2FUSD/status", "{\"status\":\"sideways\"}").status()).isEqualTo(400);
            assertThat(admin.post("/trading-mode", "{\"mode\":\"maintenance\"}").status()).isEqualTo(200);
            limit(a, "1", "0.001", "84000");
            FixMessage j = a.awaitMessage(m -> m.msgType().equals("j") && "EService:Unavailable".equals(m.get(58)), WAIT);
            assertThat(j.get(380)).isEqualTo("0");
        }
    }

    @Test
    void rolloverNowLogsSessionsOut() {
        try (FixConnection a = alice(); AdminTestClient admin = new AdminTestClient(f.venue.adminPort())) {
            assertThat(admin.post("/rollover", "").status()).isEqualTo(202);
            assertThat(a.awaitMessage("5", WAIT).get(58)).isEqualTo("Daily session rollover");
        }
    }

    @Test
    void metricsCountWhatHappened() {
        try (FixConnection a = alice(); FixConnection b = bob(); AdminTestClient admin = new AdminTestClient(f.venue.adminPort())) {
            awaitReport(b, limit(b, "2", "0.1", "84000"), "0");
            awaitReport(a, limit(a, "1", "0.1", "84000"), "F");
            limit(a, "1", "100", "84000");
            a.awaitMessage("j", WAIT);
            String metrics = admin.get("/metrics").body();
            assertThat(metrics).contains("venue_orders_total{market=\"spot\",ord_type=\"limit\"} 2.0");
            assertThat(metrics).contains("venue_fills_total{market=\"spot\"} 2.0");
            assertThat(metrics).contains("venue_rejects_total{kind=\"business\",reason=\"other\",session=\"ALICE\"} 1.0");
            assertThat(metrics).contains("venue_sessions_logged_on 2.0");
            assertThat(metrics).contains("venue_logons_total{result=\"accepted\",session=\"ALICE\"} 1.0");
        }
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.get(field).asText())) {
                return n;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }
}
