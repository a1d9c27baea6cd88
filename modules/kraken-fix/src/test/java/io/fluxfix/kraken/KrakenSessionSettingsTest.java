package io.fluxfix.kraken;

import io.fluxfix.model.config.ConfigException;
import io.fluxfix.model.config.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.SessionID;
import quickfix.SessionSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KrakenSessionSettingsTest {

    @TempDir
    Path dir;

    @Test
    void sixEndpointsFromASmallTypedConfig() throws Exception {
        Path trust = Files.writeString(dir.resolve("trust.p12"), "not really a store, only needs to exist");
        Map<String, String> yaml = new HashMap<>();
        for (KrakenEndpoint e : KrakenEndpoint.values()) {
            String name = e.name().toLowerCase().replace('_', '-');
            yaml.put("sessions." + name + ".endpoint", name);
            yaml.put("sessions." + name + ".environment", "production");
            yaml.put("sessions." + name + ".sender-comp-id", e.market() == io.fluxfix.model.Market.SPOT ? "CLIENT" : "CLIENT-DRV");
            yaml.put("sessions." + name + ".tls.trust-store", trust.toString());
        }
        ConfigSource src = ConfigSource.of("config/prod.yaml", yaml);
        List<KrakenSessionConfig> configs = new ArrayList<>();
        for (KrakenEndpoint e : KrakenEndpoint.values()) {
            String name = e.name().toLowerCase().replace('_', '-');
            configs.add(KrakenSessionConfig.read(name, src.under("sessions." + name), DialectOptions.DEFAULTS));
        }
        SessionSettings s = KrakenSessionSettings.build(configs, DialectOptions.DEFAULTS, "config/prod.yaml");

        for (KrakenSessionConfig c : configs) {
            SessionID id = KrakenSessionSettings.sessionId(c);
            assertThat(s.getString(id, "SocketConnectHost")).isEqualTo("fix.kraken.com");
            assertThat(s.getString(id, "SocketConnectPort")).isEqualTo(Integer.toString(4000 + c.endpoint().portOffset()));
            assertThat(s.getString(id, "TargetCompID")).isEqualTo(c.endpoint().targetCompId());
            assertThat(s.getString(id, "StartTime")).isEqualTo("22:00:00");
            assertThat(s.getString(id, "EndTime")).isEqualTo("22:00:00");
            assertThat(s.getString(id, "TimeZone")).isEqualTo("UTC");
            assertThat(s.getString(id, "HeartBtInt")).isEqualTo("60");
            assertThat(s.getString(id, "DataDictionary")).isEqualTo(KrakenDictionary.RESOURCE);
            assertThat(s.getString(id, "SocketUseSSL")).isEqualTo("Y");
            assertThat(s.getString(id, "SocketTrustStore")).isEqualTo(trust.toString());
            assertThat(s.getString(id, "EndpointIdentificationAlgorithm")).isEqualTo("HTTPS");
            assertThat(s.getString(id, "EnabledProtocols")).contains("TLSv1.3");
        }
        assertThat(configs).extracting(c -> KrakenSessionSettings.sessionId(c)).doesNotHaveDuplicates();
        assertThat(configs.stream().filter(c -> c.targetCompId().equals("KRAKEN-MD")))
                .as("L2 and L3 share CompIDs; the qualifier keeps them apart").hasSize(2);
    }

    @Test
    void localVenueDefaultsAndTls13Only() throws Exception {
        Path trust = Files.writeString(dir.resolve("t.p12"), "x");
        ConfigSource src = ConfigSource.of("config/local.yaml", Map.of(
                "endpoint", "spot-trading", "sender-comp-id", "DEMO", "port-base", "14000",
                "tls.trust-store", trust.toString(), "quickfixj.SocketTcpNoDelay", "Y"));
        DialectOptions tls13 = DialectOptions.from(ConfigSource.of("d", Map.of("dialect.tls.min-version", "tls-1-3")));
        KrakenSessionConfig c = KrakenSessionConfig.read("spot-trading", src, tls13);
        SessionSettings s = KrakenSessionSettings.build(List.of(c), tls13, "config/local.yaml");
        SessionID id = KrakenSessionSettings.sessionId(c);
        assertThat(s.getString(id, "SocketConnectHost")).isEqualTo("localhost");
        assertThat(s.getString(id, "SocketConnectPort")).isEqualTo("14001");
        assertThat(s.getString(id, "EnabledProtocols")).isEqualTo("TLSv1.3");
        assertThat(s.getString(id, "SocketTcpNoDelay")).as("expert pass-through").isEqualTo("Y");
        assertThat(c.cancelOnDisconnect()).isTrue();
    }

    @Test
    void refusesAMissingTrustStoreWithOneLine() {
        ConfigSource src = ConfigSource.of("config/local.yaml", Map.of(
                "sessions.spot-trading.endpoint", "spot-trading", "sessions.spot-trading.sender-comp-id", "DEMO",
                "sessions.spot-trading.tls.trust-store", dir.resolve("nope.p12").toString()));
        KrakenSessionConfig c = KrakenSessionConfig.read("spot-trading", src.under("sessions.spot-trading"),
                DialectOptions.DEFAULTS);
        assertThatThrownBy(() -> KrakenSessionSettings.build(List.of(c), DialectOptions.DEFAULTS, "config/local.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config/local.yaml: sessions.spot-trading.tls.trust-store: trust store ")
                .hasMessageEndingWith("is missing or unreadable")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void tlsWithoutATrustStoreIsAConfigError() {
        ConfigSource src = ConfigSource.of("f.yaml", Map.of("s.endpoint", "spot-trading", "s.sender-comp-id", "X"));
        assertThatThrownBy(() -> KrakenSessionConfig.read("s", src.under("s"), DialectOptions.DEFAULTS))
                .hasMessage("f.yaml: s.tls.trust-store: required with TLS (a trust store holding the venue's certificate)");
    }

    @Test
    void badValuesAndUnknownKeysNameTheKey() {
        ConfigSource typo = ConfigSource.of("f.yaml", Map.of("s.endpoint", "spot-trading", "s.sender-comp-id", "X",
                "s.tls.enabled", "false", "s.hearbeat", "30s"));
        assertThatThrownBy(() -> KrakenSessionConfig.read("s", typo.under("s"), DialectOptions.DEFAULTS))
                .hasMessage("f.yaml: s.hearbeat: unknown key");
        ConfigSource fraction = ConfigSource.of("f.yaml", Map.of("endpoint", "spot-trading", "sender-comp-id", "X",
                "tls.enabled", "false", "heartbeat", "1500ms"));
        assertThatThrownBy(() -> KrakenSessionConfig.read("s", fraction, DialectOptions.DEFAULTS))
                .hasMessageContaining("heartbeat: must be a positive whole number of seconds");
        ConfigSource endpoint = ConfigSource.of("f.yaml", Map.of("endpoint", "spot", "sender-comp-id", "X"));
        assertThatThrownBy(() -> KrakenSessionConfig.read("s", endpoint, DialectOptions.DEFAULTS))
                .hasMessageStartingWith("f.yaml: endpoint: expected one of spot-market-data | spot-trading");
    }

    @Test
    void plainTcpIsPossibleForDebugging() throws Exception {
        ConfigSource src = ConfigSource.of("f.yaml", Map.of("endpoint", "derivatives-market-data-l3",
                "sender-comp-id", "X-DRV", "tls.enabled", "false"));
        KrakenSessionConfig c = KrakenSessionConfig.read("drv-l3", src, DialectOptions.DEFAULTS);
        SessionSettings s = KrakenSessionSettings.build(List.of(c), DialectOptions.DEFAULTS, "f.yaml");
        assertThat(s.getString(KrakenSessionSettings.sessionId(c), "SocketUseSSL")).isEqualTo("N");
        assertThat(c.port()).isEqualTo(4004);
        assertThat(c.targetCompId()).isEqualTo("KRAKEN-DRV-MD");
    }
}
