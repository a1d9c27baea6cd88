package io.fluxfix.venue.wire;

import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.testkit.fix.FixConnection;
import io.fluxfix.testkit.fix.FixMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.InstantSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Kraken's ClOrdID rules as the gateway applies them, with the default switches (U-NOS, U-SR, U-LOGON 5030). */
class ClOrdIdWireTest extends WireTestBase {

    @Test
    void spotIdsAreNumericOfAtMost18DigitsAndIncreasingOrCombUuids() {
        try (FixConnection a = alice()) {
            String tooLong = "1234567890123456789";
            a.send("D", order(tooLong, "BTC/USD", "59=1"));
            FixMessage r = awaitMatching(a, m -> m.msgType().equals("3"));
            assertThat(r.get(371)).isEqualTo("11");
            assertThat(r.get(373)).isEqualTo("5");
            assertThat(r.get(58)).isEqualTo("ClOrdID must be a positive integer of at most 18 digits or a COMB UUID");

            String first = f.clOrdId();
            String second = f.clOrdId();
            a.send("D", order(second, "BTC/USD", "59=1"));
            awaitReport(a, second, "0");
            a.send("D", order(first, "BTC/USD", "59=1"));
            FixMessage smaller = awaitMatching(a, m -> m.msgType().equals("j") && first.equals(m.get(379)));
            assertThat(smaller.get(58)).isEqualTo("ClOrdID must be greater than the previous numeric ClOrdID");
            assertThat(smaller.get(380)).isEqualTo("0");

            // a COMB UUID is fine on Spot too, and may not be used twice
            String comb = comb();
            a.send("D", order(comb, "BTC/USD", "59=1"));
            awaitReport(a, comb, "0");
            a.send("D", order(comb, "BTC/USD", "59=1"));
            FixMessage reused = awaitMatching(a, m -> m.msgType().equals("j") && comb.equals(m.get(379)));
            assertThat(reused.get(58)).isEqualTo("ClOrdID already used in this session");
        }
    }

    @Test
    void usedIdsAreRememberedAcrossLogonsUntil5030() {
        String id;
        int next;
        try (FixConnection a = alice()) {
            id = f.clOrdId();
            a.send("D", order(id, "BTC/USD", "59=1"));
            awaitReport(a, id, "0");
            a.logout(null);
            a.awaitMessage("5", VenueFixture.WAIT);
            next = a.msgSeqNum();
        }
        try (FixConnection a = f.spot(VenueFixture.ALICE).msgSeqNum(next)) {
            assertThat(f.logonAlice(a).msgType()).isEqualTo("A");
            a.send("D", order(id, "BTC/USD", "59=1"));
            assertThat(awaitMatching(a, m -> m.msgType().equals("j") && id.equals(m.get(379))).get(58))
                    .isEqualTo("ClOrdID already used in this session");
            a.logout(null);
            a.awaitMessage("5", VenueFixture.WAIT);
            next = a.msgSeqNum();
        }
        try (FixConnection a = f.spot(VenueFixture.ALICE).msgSeqNum(next)) {
            assertThat(f.logonAlice(a, "5030=Y").msgType()).isEqualTo("A");
            a.send("D", order(id, "BTC/USD", "59=1"));
            assertThat(awaitReport(a, id, "0").get(11)).as("5030=Y forgot the used ids").isEqualTo(id);
        }
    }

    @Test
    void derivativesCombIdsMustBeWithinTwoMinutesOfVenueTime() {
        try (FixConnection d = f.connect(KrakenEndpoint.DERIVATIVES_TRADING, VenueFixture.ALICE_DRV)) {
            assertThat(f.logonAlice(d).msgType()).isEqualTo("A");
            InstantSource threeMinutesAgo = InstantSource.fixed(f.clock.instant().minus(Duration.ofMinutes(3)));
            String stale = comb(threeMinutesAgo);
            d.send("D", order(stale, "PF_XBTUSD", "59=1|18=s"));
            FixMessage r = awaitMatching(d, m -> m.msgType().equals("3"));
            assertThat(r.get(58)).isEqualTo("ClOrdID invalid value (timestamp is out of date)");
            assertThat(r.get(371)).isEqualTo("11");
            assertThat(r.get(373)).isEqualTo("5");

            InstantSource aMinuteAgo = InstantSource.fixed(f.clock.instant().minus(Duration.ofMinutes(1)));
            String recent = comb(aMinuteAgo);
            d.send("D", order(recent, "PF_XBTUSD", "59=1|18=s"));
            awaitReport(d, recent, "0");
        }
    }

    private String order(String clOrdId, String symbol, String tif) {
        return "11=" + clOrdId + "|55=" + symbol + "|54=1|40=2|44=50000|38=0.001|" + tif + "|60=" + f.transactTime();
    }
}
