package io.fluxfix.config;

import io.fluxfix.model.config.ConfigException;
import io.fluxfix.model.config.ConfigKey;
import io.fluxfix.model.config.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class YamlConfigTest {

    @TempDir
    Path dir;

    @Test
    void nestedMapsBecomeDottedKeysAndScalarsKeepTheirText() throws Exception {
        Path f = Files.writeString(dir.resolve("venue.yaml"), """
                venue:
                  port-base: 14000
                  tls: true
                accounts:
                  demo:
                    balances:
                      BTC: 10.00000000
                      USD: 1000000
                instruments:
                  spot:
                    BTC/USD: {price-precision: 1, tick-size: 0.1}
                symbols: [BTC/USD, ETH/USD]
                version: 08
                """);
        ConfigSource src = YamlConfig.load(f);
        assertThat(src.get("venue.port-base")).contains("14000");
        assertThat(src.get("accounts.demo.balances.BTC")).contains("10.00000000");
        assertThat(src.get("instruments.spot.BTC/USD.tick-size")).contains("0.1");
        assertThat(src.get("symbols.1")).contains("ETH/USD");
        assertThat(src.get("version")).as("no octal").contains("08");
        assertThat(src.children("accounts")).containsExactly("demo");
        assertThat(ConfigKey.bool("tls", false, "").read(src.under("venue"))).isTrue();
        assertThat(src.origin()).isEqualTo(f.toString());
    }

    @Test
    void syntaxErrorsAndDuplicatesAreOneLineWithThePlace() {
        assertThatThrownBy(() -> YamlConfig.parse("bad.yaml", "a:\n  b: 1\n c: [unclosed\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("bad.yaml: line ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> YamlConfig.parse("dup.yaml", "a: 1\na: 2\n"))
                .hasMessageStartingWith("dup.yaml: line 2")
                .hasMessageContaining("duplicate key a");
        assertThatThrownBy(() -> YamlConfig.parse("list.yaml", "- a\n- b\n"))
                .hasMessage("list.yaml: (root): expected a map of keys, got a list");
    }

    @Test
    void aMissingFileNamesItself() {
        assertThatThrownBy(() -> YamlConfig.load(dir.resolve("nope.yaml")))
                .hasMessage(dir.resolve("nope.yaml") + ": (file): not found");
    }

    @Test
    void emptyFilesAndEmptyValues() {
        assertThat(YamlConfig.parse("e.yaml", "").keys()).isEmpty();
        assertThat(YamlConfig.parse("e.yaml", "a:\n").get("a")).contains("");
    }
}
