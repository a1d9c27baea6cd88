package io.fluxfix.venue.wire;

import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.testkit.fix.FixConnection;
import io.fluxfix.testkit.fix.FixMessage;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.fluxfix.venue.wire.VenueFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Derivatives trading sessions under the non-default settings of Kraken's open points: logons signed with
 * KRAKEN-TRD, Spot-only tags refused with a 35=j, camelCase reject texts, amend and order status offered, and
 * fills with 6=0.
 */
class DialectSwitchDerivativesWireTest extends WireTestBase {

    @Override
    Map<String, String> overrides() {
        return Map.of("dialect.logon.derivatives-signature-target", "kraken-trd",
                "dialect.unsupported-on-derivatives.reject", "business-reject",
                "dialect.derivatives.reject-text", "camel-case",
                "dialect.derivatives.amend", "supported",
                "dialect.derivatives.order-status", "supported",
                "dialect.derivatives.fill-avg-px", "zero",
                "dialect.derivatives.trading-session-status", "supported");
    }

    @Test
    void derivativesLogonsAreSignedWithKrakenTrd() {
        try (FixConnection d = f.connect(KrakenEndpoint.DERIVATIVES_TRADING, VenueFixture.ALICE_DRV)) {
            FixMessage ack = f.logonSigning(d, "KRAKEN-TRD", "alice-key", VenueFixture.SECRET_A);
            assertThat(ack.msgType()).isEqualTo("A");
            assertThat(ack.get(49)).isEqualTo("KRAKEN-DRV-TRD");
        }
        try (FixConnection d = f.connect(KrakenEndpoint.DERIVATIVES_TRADING, "BOB-DRV")) {
            FixMessage refused = f.logonBob(d); // signs the session's own TargetCompID, KRAKEN-DRV-TRD
            assertThat(refused.msgType()).isEqualTo("5");
            assertThat(refused.get(58)).isEqualTo("Logon failed: invalid credentials");
            assertThat(d.awaitDisconnect(WAIT)).isTrue();
        }
    }

    @Test
    void aSpotOnlyTagOnDerivativesGetsABusinessReject() {
        try (FixConnection d = aliceDrv()) {
            String fok = comb();
            d.send("D", "11=" + fok + "|55=PF_XBTUSD|54=1|40=2|44=84000|38=0.001|59=4|18=s|60=" + f.transactTime());
            FixMessage j = awaitMatching(d, m -> m.msgType().equals("j") && fok.equals(m.get(379)));
            assertThat(j.get(380)).isEqualTo("0");
            assertThat(j.get(372)).isEqualTo("D");
            assertThat(j.get(58)).startsWith("Spot only: ").contains("(59)");
            assertThat(d.received()).noneMatch(m -> m.msgType().equals("3"));
        }
    }

    @Test
    void derivativesRejectTextsAreCamelCase() {
        try (FixConnection d = aliceDrv()) {
            // 1000 contracts at 84000: far more margin than alice's collateral
            String tooBig = futures(d, "1", "1000", "84000");
            FixMessage j = awaitMatching(d, m -> m.msgType().equals("j") && tooBig.equals(m.get(379)));
            assertThat(j.get(58)).isEqualTo("insufficientAvailableFunds");
            assertThat(j.get(380)).isEqualTo("0");
        }
    }

    @Test
    void amendAndOrderStatusWorkOnDerivatives() {
        try (FixConnection d = aliceDrv()) {
            String id = futures(d, "1", "0.001", "84000");
            String orderId = awaitReport(d, id, "0").get(37);

            String amend = comb();
            d.send("G", "11=" + amend + "|37=" + orderId + "|41=" + id + "|54=1|55=PF_XBTUSD|60=" + f.transactTime()
                    + "|38=0.002|40=2|44=84000|59=1");
            FixMessage replaced = awaitReport(d, amend, "5");
            assertThat(replaced.get(37)).isEqualTo(orderId);
            assertThat(replaced.get(38)).isEqualTo("0.002");
            assertThat(replaced.get(41)).isEqualTo(id);

            String status = comb();
            d.send("H", "11=" + status + "|37=" + orderId + "|55=PF_XBTUSD");
            FixMessage st = awaitReport(d, status, "I");
            assertThat(st.get(37)).isEqualTo(orderId);
            assertThat(st.get(38)).isEqualTo("0.002");
            assertThat(st.get(151)).isEqualTo("0.002");
            assertThat(d.received()).noneMatch(m -> m.msgType().equals("j") || m.msgType().equals("3"));
        }
    }

    @Test
    void derivativesFillsCarryAvgPxZero() {
        try (FixConnection a = aliceDrv(); FixConnection b = bobDrv()) {
            String sell = futures(b, "2", "0.001", "84000");
            awaitReport(b, sell, "0");
            String buy = futures(a, "1", "0.001", "84000");
            FixMessage taker = awaitReport(a, buy, "F");
            assertThat(taker.get(6)).isEqualTo("0");
            assertThat(taker.get(31)).isEqualTo("84000");
            assertThat(taker.get(32)).isEqualTo("0.001");
            FixMessage maker = awaitReport(b, sell, "F");
            assertThat(maker.get(6)).isEqualTo("0");
            assertThat(maker.get(31)).isEqualTo("84000");
        }
    }

    @Test
    void derivativesMarketDataSessionsAnswerTradingSessionStatus() {
        try (FixConnection md = f.connect(KrakenEndpoint.DERIVATIVES_MARKET_DATA, VenueFixture.ALICE_DRV)) {
            md.logon();
            md.awaitMessage("A", WAIT);
            md.send("g", "335=TSS1|336=SESSION|263=0");
            FixMessage h = md.awaitMessage("h", WAIT);
            assertThat(h.get(335)).isEqualTo("TSS1");
            assertThat(h.get(340)).isEqualTo("2");
        }
    }

    private FixConnection aliceDrv() {
        FixConnection c = f.connect(KrakenEndpoint.DERIVATIVES_TRADING, VenueFixture.ALICE_DRV);
        assertThat(f.logonSigning(c, "KRAKEN-TRD", "alice-key", VenueFixture.SECRET_A).msgType()).isEqualTo("A");
        return c;
    }

    private FixConnection bobDrv() {
        FixConnection c = f.connect(KrakenEndpoint.DERIVATIVES_TRADING, "BOB-DRV");
        assertThat(f.logonSigning(c, "KRAKEN-TRD", "bob-key", VenueFixture.SECRET_B).msgType()).isEqualTo("A");
        return c;
    }
}
