package io.fluxfix.venue;

import io.fluxfix.kraken.LogonSignature;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.Market;
import io.fluxfix.model.config.ConfigException;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.testkit.docs.RepoDocs;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VenueConfigTest {

    @Test
    void theShippedLocalConfigHasTheDocumentedDemoAccounts() {
        VenueConfig c = VenueConfig.load(RepoDocs.repoRoot().resolve("config/venue-local.yaml"));
        assertThat(c.portBase()).isEqualTo(4000);
        assertThat(c.adminPort()).isEqualTo(4010);
        assertThat(c.tls()).isTrue();
        assertThat(c.accounts()).extracting(AccountConfig::spotCompId)
                .containsExactly("DEMO", "DEMO2", "MARKET-MAKER", "MARKET-TAKER");
        assertThat(c.accounts()).extracting(AccountConfig::derivativesCompId)
                .startsWith("DEMO-DRV", "DEMO2-DRV");
        assertThat(c.accounts()).extracting(AccountConfig::apiKey).startsWith("demo-key", "demo2-key");
        assertThat(c.accounts()).extracting(AccountConfig::tier).containsOnly(RateTier.STARTER);
        // the background market is on, trading from the two accounts after the demo ones
        assertThat(c.background().synthetic()).isTrue();
        assertThat(c.instruments().values()).allSatisfy(i -> assertThat(i.referencePrice()).isNotNull());
        // the secrets are base64 of demo-secret / demo2-secret: they sign exactly like ApiSecret.ofBase64 of those
        assertThat(LogonSignature.sign("demo-key", c.accounts().get(0).apiSecret(), 1, "DEMO", "KRAKEN-TRD", "1"))
                .isEqualTo(LogonSignature.sign("demo-key", io.fluxfix.kraken.ApiSecret.ofBase64(
                        java.util.Base64.getEncoder().encodeToString("demo-secret".getBytes())), 1, "DEMO", "KRAKEN-TRD", "1"));
        assertThat(c.accounts().get(0).balances()).containsEntry("USD", Decimal.parse("1000000"));
        assertThat(c.instruments()).containsKeys("BTC/USD", "ETH/USD", "PF_XBTUSD", "PF_ETHUSD");
        assertThat(c.instruments().get("BTC/USD").market()).isEqualTo(Market.SPOT);
        assertThat(c.instruments().get("BTC/USD").base()).isEqualTo("BTC");
        assertThat(c.instruments().get("PF_XBTUSD").quote()).isEqualTo("USD");
        assertThat(c.assetDecimals("USD")).isEqualTo(4);
        assertThat(c.accounts().get(0).toString()).doesNotContain("ZGVtby1zZWNyZXQ");
    }

    @Test
    void badConfigurationIsOneLineNamingTheKey() {
        Map<String, String> base = new HashMap<>(Map.of(
                "accounts.a.spot-comp-id", "A", "accounts.a.api-key", "k", "accounts.a.api-secret", "c2VjcmV0",
                "instruments.BTC/USD.price-precision", "1", "instruments.BTC/USD.qty-precision", "8",
                "instruments.BTC/USD.tick-size", "0.1", "instruments.BTC/USD.qty-min", "0.0001"));
        assertThat(VenueConfig.read(ConfigSource.of("v.yaml", base)).accounts()).hasSize(1);

        assertRefused(base, "venue.prot-base", "1", "v.yaml: venue.prot-base: unknown key");
        assertRefused(base, "acounts.x", "1", "v.yaml: acounts: unknown section");
        assertRefused(base, "instruments.BTC/USD.tick-size", "0.05",
                "v.yaml: instruments.BTC/USD.tick-size: 0.05 has more decimals than the precision 1");
        assertRefused(base, "accounts.b.spot-comp-id", "A", "v.yaml: accounts.b.api-key: required but not set");
        Map<String, String> dup = new HashMap<>(base);
        dup.putAll(Map.of("accounts.b.spot-comp-id", "A", "accounts.b.api-key", "k2", "accounts.b.api-secret", "c2VjcmV0"));
        assertThatThrownBy(() -> VenueConfig.read(ConfigSource.of("v.yaml", dup)))
                .hasMessage("v.yaml: accounts.b.spot-comp-id: 'A' is used by another account");
        assertRefused(base, "accounts.a.api-secret", "***", "v.yaml: accounts.a.api-secret: the API secret is not valid base64");
        assertRefused(base, "accounts.a.balances.USD", "lots", "v.yaml: accounts.a.balances.USD: expected a decimal number, got 'lots'");
        assertRefused(base, "accounts.a.balances.USD", "100000000000",
                "v.yaml: accounts.a.balances.USD: 100000000000 is too large to count at the asset's 8 decimals (at most 922337203)");
        assertRefused(base, "dialect.bmr.ref-seq-num", "sometimes",
                "v.yaml: dialect.bmr.ref-seq-num: expected one of zero | rejected-message, got 'sometimes'");
        // the venue.* keys are read first: a file holding only a bad port base is reported for it
        assertThatThrownBy(() -> VenueConfig.read(ConfigSource.of("v.yaml", Map.of("venue.port-base", "http"))))
                .hasMessageStartingWith("v.yaml: venue.port-base: ");
        // dialect choices the venue cannot model yet stop start-up instead of being ignored
        assertRefused(base, "dialect.rollover.mode", "reset-in-session",
                "v.yaml: dialect.rollover.mode: the local venue supports only 'logout' so far");
        assertRefused(base, "dialect.symbol.spot-bitcoin", "xbt", "v.yaml: dialect.symbol.spot-bitcoin: ");
        assertRefused(base, "dialect.symbol.accept-bitcoin-alias", "true", "v.yaml: dialect.symbol.accept-bitcoin-alias: ");
        // Kraken's rate limits
        assertRefused(base, "venue.rate-limits.spot.cancel-age-costs", "5:8, 3:6",
                "v.yaml: venue.rate-limits.spot.cancel-age-costs: '3:6': bounds must be positive and ascending");
        assertRefused(base, "venue.rate-limits.spot.amend-age-costs", "five:3",
                "v.yaml: venue.rate-limits.spot.amend-age-costs: expected age-below-seconds:cost pairs");
        assertRefused(base, "venue.rate-limits.spot.pro.decay", "0.0000001",
                "v.yaml: venue.rate-limits.spot.pro.decay: at most 6 decimals, got 0.0000001");
        Map<String, String> domain = new HashMap<>(base);
        domain.putAll(Map.of("accounts.a.domain", "house", "accounts.b.spot-comp-id", "B", "accounts.b.api-key", "k2",
                "accounts.b.api-secret", "c2VjcmV0", "accounts.b.domain", "house", "accounts.b.tier", "pro"));
        assertThatThrownBy(() -> VenueConfig.read(ConfigSource.of("v.yaml", domain)))
                .hasMessage("v.yaml: accounts.b.tier: 'pro' differs from account 'a' of the same domain 'house': "
                        + "one domain pools one tier's limits");
    }

    private static void assertRefused(Map<String, String> base, String key, String value, String message) {
        Map<String, String> m = new HashMap<>(base);
        m.put(key, value);
        assertThatThrownBy(() -> VenueConfig.read(ConfigSource.of("v.yaml", m)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
