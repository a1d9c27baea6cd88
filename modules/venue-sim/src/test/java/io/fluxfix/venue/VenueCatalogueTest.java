package io.fluxfix.venue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.Market;
import io.fluxfix.testkit.docs.RepoDocs;
import io.fluxfix.testkit.fixtures.KrakenFixtures;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped instrument catalogue is Kraken's: every Spot pair of {@code config/venue-local.yaml} has the price
 * and quantity precision, tick and order minimum of Kraken's REST AssetPairs data, found under its FIX name.
 */
class VenueCatalogueTest {

    @Test
    void everySpotPairHasKrakensPrecisionsAndMinimums() throws Exception {
        VenueConfig config = VenueConfig.load(RepoDocs.repoRoot().resolve("config/venue-local.yaml"));
        JsonNode pairs = new ObjectMapper().readTree(KrakenFixtures.text(KrakenFixtures.REST_ASSET_PAIRS));
        pairs = pairs.has("result") ? pairs.get("result") : pairs;
        int checked = 0;
        for (VenueInstrument i : config.instruments().values()) {
            if (i.market() != Market.SPOT) {
                continue;
            }
            JsonNode kraken = byWsName(pairs, i.symbol().replace("BTC", "XBT"));
            assertThat(kraken).as("%s is one of Kraken's pairs", i.symbol()).isNotNull();
            assertThat(i.pricePrecision()).as("%s price precision", i.symbol()).isEqualTo(kraken.get("pair_decimals").asInt());
            assertThat(i.qtyPrecision()).as("%s quantity precision", i.symbol()).isEqualTo(kraken.get("lot_decimals").asInt());
            assertThat(i.instrument().tickSize()).as("%s tick", i.symbol()).isEqualTo(Decimal.of(1, i.pricePrecision()));
            assertThat(i.instrument().qtyMin().compareTo(Decimal.parse(kraken.get("ordermin").asText())))
                    .as("%s order minimum", i.symbol()).isZero();
            checked++;
        }
        assertThat(checked).as("realistic Spot pairs beyond the two of Kraken's examples").isGreaterThanOrEqualTo(5);
        assertThat(config.instruments()).containsKeys("BTC/USD", "ETH/USD", "PF_XBTUSD", "PF_ETHUSD");
    }

    private static JsonNode byWsName(JsonNode pairs, String wsName) {
        for (Iterator<Map.Entry<String, JsonNode>> it = pairs.fields(); it.hasNext(); ) {
            JsonNode p = it.next().getValue();
            if (wsName.equals(p.path("wsname").asText())) {
                return p;
            }
        }
        return null;
    }
}
