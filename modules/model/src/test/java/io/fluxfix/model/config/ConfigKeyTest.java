package io.fluxfix.model.config;

import io.fluxfix.model.Market;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigKeyTest {

    private static final ConfigKey<Integer> PORT = ConfigKey.integer("port", 4001, 1, 65535, "TCP port");
    private static final ConfigKey<String> SENDER = ConfigKey.string("sender-comp-id", null, "our CompID");
    private static final ConfigKey<Market> MARKET = ConfigKey.enumeration("market", Market.class, Market.SPOT, "engine");
    private static final ConfigKey<Duration> HEARTBEAT = ConfigKey.duration("heartbeat", Duration.ofSeconds(30), "hb");
    private static final ConfigKey<Boolean> TLS = ConfigKey.bool("tls", true, "use TLS");
    private static final ConfigKey<LocalTime> ROLLOVER = ConfigKey.timeOfDay("rollover", LocalTime.of(22, 0), "rollover");
    private static final ConfigKey<Path> STORE = ConfigKey.path("store", "data/store", "where");

    @Test
    void readsTypedValuesAndDefaults() {
        ConfigSource src = ConfigSource.of("config/x.yaml", Map.of(
                "port", "4101", "sender-comp-id", "CLIENT", "market", "derivatives", "heartbeat", "250ms",
                "tls", "no", "rollover", "21:30"));
        assertThat(PORT.read(src)).isEqualTo(4101);
        assertThat(SENDER.read(src)).isEqualTo("CLIENT");
        assertThat(MARKET.read(src)).isEqualTo(Market.DERIVATIVES);
        assertThat(HEARTBEAT.read(src)).isEqualTo(Duration.ofMillis(250));
        assertThat(TLS.read(src)).isFalse();
        assertThat(ROLLOVER.read(src)).isEqualTo(LocalTime.of(21, 30));
        assertThat(STORE.read(src)).isEqualTo(Path.of("data/store"));
        assertThat(PORT.read(ConfigSource.empty("d"))).isEqualTo(4001);
    }

    @Test
    void aBadValueIsOneLineNamingTheFileAndTheFullKey() {
        ConfigSource src = ConfigSource.of("config/local.yaml", Map.of("sessions.spot.port", "http")).under("sessions.spot");
        assertThatThrownBy(() -> PORT.read(src))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config/local.yaml: sessions.spot.port: expected an integer, got 'http'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> PORT.read(ConfigSource.of("f", Map.of("port", "70000"))))
                .hasMessage("f: port: expected 1..65535, got 70000");
        assertThatThrownBy(() -> MARKET.read(ConfigSource.of("f", Map.of("market", "bonds"))))
                .hasMessage("f: market: expected one of spot | derivatives, got 'bonds'");
        assertThatThrownBy(() -> HEARTBEAT.read(ConfigSource.of("f", Map.of("heartbeat", "30"))))
                .hasMessageContaining("f: heartbeat: expected a duration");
    }

    @Test
    void aRequiredKeyMustBeSet() {
        assertThatThrownBy(() -> SENDER.read(ConfigSource.empty("config/local.yaml")))
                .hasMessage("config/local.yaml: sender-comp-id: required but not set");
    }

    @Test
    void unknownKeysAreRefusedNotIgnored() {
        ConfigSource src = ConfigSource.of("f.yaml", Map.of("port", "1", "prot", "2"));
        assertThatThrownBy(() -> ConfigKey.rejectUnknown(src, List.of(PORT, SENDER)))
                .hasMessage("f.yaml: prot: unknown key");
    }

    @Test
    void aFilteredSourceHidesOtherPartsFromTheUnknownKeyCheckButStillReadsThem() {
        ConfigSource src = ConfigSource.of("f.yaml", Map.of("port", "1", "quickfixj.SocketTcpNoDelay", "Y"));
        ConfigSource ours = src.filtered(k -> !k.startsWith("quickfixj."));
        ConfigKey.rejectUnknown(ours, List.of(PORT));
        assertThat(ours.keys()).containsExactly("port");
        assertThat(ours.get("quickfixj.SocketTcpNoDelay")).contains("Y");
        assertThatThrownBy(() -> ConfigKey.rejectUnknown(src, List.of(PORT)))
                .hasMessage("f.yaml: quickfixj.SocketTcpNoDelay: unknown key");
    }

    @Test
    void decimalsAndChildren() {
        ConfigKey<io.fluxfix.model.Decimal> fee = ConfigKey.decimal("fee", "0.0026", "0", "taker fee");
        ConfigSource src = ConfigSource.of("f.yaml", Map.of("accounts.demo.fee", "0.0016", "accounts.demo.key", "k",
                "accounts.demo2.key", "k2", "accounts.x", "y"));
        assertThat(fee.read(src.under("accounts.demo"))).isEqualTo(io.fluxfix.model.Decimal.parse("0.0016"));
        assertThat(fee.read(src.under("accounts.demo2")).toString()).isEqualTo("0.0026");
        assertThatThrownBy(() -> fee.read(ConfigSource.of("f.yaml", Map.of("fee", "-1"))))
                .hasMessage("f.yaml: fee: expected at least 0, got -1");
        assertThat(src.children("accounts")).containsExactly("demo", "demo2", "x");
        assertThat(src.children("")).containsExactly("accounts");
    }

    @Test
    void rendersTheDocumentationTable() {
        String block = ConfigDocs.block("demo", List.of(PORT, SENDER));
        assertThat(block).isEqualTo("""
                <!-- keys:demo -->
                | key | type | default | what it does |
                |---|---|---|---|
                | `port` | integer 1..65535 | `4001` | TCP port |
                | `sender-comp-id` | string | *required* | our CompID |
                <!-- /keys:demo -->""");
    }
}
