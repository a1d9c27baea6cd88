package io.fluxfix.venue.wire;

import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.testkit.fix.FixConnection;
import io.fluxfix.testkit.fix.FixMessage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static io.fluxfix.venue.wire.VenueFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** Market data under the non-default settings of Kraken's open points: no Spot L3, and L3's 5041 per level. */
class DialectSwitchMarketDataWireTest extends WireTestBase {

    @Override
    Map<String, String> overrides() {
        return Map.of("dialect.market-data.spot-l3-enabled", "false",
                "dialect.market-data.l3-checksum", "per-level");
    }

    @Test
    void spotLevel3IsNotServedAndDerivativesLevel3ChecksumsTheLevels() {
        try (FixConnection spotL3 = f.connect(KrakenEndpoint.SPOT_MARKET_DATA_L3, VenueFixture.ALICE)) {
            spotL3.logon();
            assertThat(spotL3.awaitMessage("5", WAIT).get(58)).isEqualTo("Level 3 market data is available for Derivatives only");
        }
        try (FixConnection b = bobDerivatives();
             FixConnection l3 = f.connect(KrakenEndpoint.DERIVATIVES_MARKET_DATA_L3, VenueFixture.ALICE_DRV)) {
            l3.logon();
            l3.awaitMessage("A", WAIT);
            awaitReport(b, futures(b, "2", "1", "84000"), "0");
            l3.send("V", "262=d3|263=1|264=10|265=1|266=N|267=2|269=0|269=1|146=1|55=PF_XBTUSD");
            l3.awaitMessage("W", WAIT);
            awaitReport(b, futures(b, "2", "2", "84000"), "0");
            FixMessage x = l3.awaitMessage("X", WAIT);
            // per level: one level 84000 × 3 (price precision 0, quantity precision 4) — not the two orders
            MarketDataWireTest.Book level = new MarketDataWireTest.Book();
            level.asks.put(new BigDecimal("84000"), new BigDecimal("3"));
            assertThat(Long.parseLong(x.get(5041))).isEqualTo(level.crc(0, 4));
        }
    }
}
