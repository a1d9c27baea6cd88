package io.fluxfix.kraken;

import io.fluxfix.kraken.DialectOptions.Availability;
import io.fluxfix.kraken.DialectOptions.RefSeqNum;
import io.fluxfix.kraken.DialectOptions.RejectAt;
import io.fluxfix.kraken.DialectOptions.TlsVersion;
import io.fluxfix.model.config.ConfigDocs;
import io.fluxfix.testkit.docs.RepoDocs;
import io.fluxfix.model.config.ConfigException;
import io.fluxfix.model.config.ConfigKey;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.model.kraken.ClOrdIdRules;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DialectOptionsTest {

    private static final String ORIGIN = "config/local.yaml";

    // A dialect key as it may appear in prose; the look-behind keeps "kraken-dialect.md" out.
    private static final Pattern DOC_KEY = Pattern.compile("(?<![A-Za-z0-9_./-])dialect(?:\\.[a-z0-9][a-z0-9-]*)+");

    private static final Pattern KEY_SHAPE = Pattern.compile("dialect(?:\\.[a-z0-9]+(?:-[a-z0-9]+)*){2,}");

    // ---- the key set -----------------------------------------------------------------------------------

    @Test
    void keysAreUniqueAndShapedLikeDialectKeys() {
        List<String> names = DialectOptions.KEYS.stream().map(ConfigKey::name).collect(Collectors.toList());
        assertThat(names).doesNotHaveDuplicates();
        assertThat(names).allSatisfy(n -> assertThat(n).matches(KEY_SHAPE));
        assertThat(DialectOptions.KEYS).allSatisfy(k -> assertThat(k.required()).as(k.name()).isFalse());
    }

    @Test
    void everyDeclaredKeyConstantIsListedInKeys() throws IllegalAccessException {
        Set<ConfigKey<?>> declared = new HashSet<>();
        for (Field f : DialectOptions.class.getDeclaredFields()) {
            int m = f.getModifiers();
            if (f.getType() == ConfigKey.class && Modifier.isPublic(m) && Modifier.isStatic(m) && Modifier.isFinal(m)) {
                declared.add((ConfigKey<?>) f.get(null));
            }
        }
        assertThat(DialectOptions.KEYS).containsExactlyInAnyOrderElementsOf(declared);
    }

    // ---- the document ----------------------------------------------------------------------------------

    @Test
    void everyKeyIsDocumentedWithItsDefault() {
        String doc = dialectDoc();
        List<String> missing = new ArrayList<>();
        for (ConfigKey<?> k : DialectOptions.KEYS) {
            String cell = "`" + k.name() + "`, default `" + k.defaultText() + "`";
            if (!doc.contains(cell)) {
                missing.add(cell);
            }
        }
        assertThat(missing).as("switch cells missing from docs/kraken-dialect.md").isEmpty();
    }

    @Test
    void everyDialectKeyNamedInTheDocExists() {
        Set<String> known = DialectOptions.KEYS.stream().map(ConfigKey::name).collect(Collectors.toSet());
        Set<String> named = new TreeSet<>();
        Matcher m = DOC_KEY.matcher(dialectDoc());
        while (m.find()) {
            named.add(m.group());
        }
        assertThat(named).as("dialect keys named in docs/kraken-dialect.md").isNotEmpty();
        assertThat(named).as("keys named in docs/kraken-dialect.md but not declared").isSubsetOf(known);
    }

    @Test
    void appendixIsTheRenderedKeyTable() {
        RepoDocs.checkBlock("docs/kraken-dialect.md", ConfigDocs.block("dialect", DialectOptions.KEYS));
    }

    // ---- reading ---------------------------------------------------------------------------------------

    @Test
    void defaultsAreWhatAnEmptySourceReads() {
        DialectOptions empty = DialectOptions.from(ConfigSource.empty("defaults"));
        assertThat(DialectOptions.DEFAULTS).isEqualTo(empty).hasSameHashCodeAs(empty);
        assertThat(DialectOptions.DEFAULTS.bmrRefSeqNum()).isEqualTo(RefSeqNum.ZERO);
        assertThat(DialectOptions.DEFAULTS.derivativesAmend()).isEqualTo(Availability.UNSUPPORTED);
        assertThat(DialectOptions.DEFAULTS.rolloverDowntime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(DialectOptions.DEFAULTS.clOrdIdRules()).isEqualTo(ClOrdIdRules.KRAKEN);
    }

    @Test
    void keysOutsideTheDialectAreLeftAlone() {
        ConfigSource source = ConfigSource.of(ORIGIN, Map.of(
                "sessions.spot-trading.port", "4001",
                "dialectical", "x"));
        assertThat(DialectOptions.from(source)).isEqualTo(DialectOptions.DEFAULTS);
    }

    @Test
    void overridesAreRead() {
        ConfigSource source = ConfigSource.of(ORIGIN, Map.of(
                "dialect.tls.min-version", "tls-1-3",
                "dialect.bmr.ref-seq-num", "REJECTED_MESSAGE",
                "dialect.derivatives.amend", "supported",
                "dialect.cod.on-clean-logout", "no",
                "dialect.rate-limit.reject-at", "reached",
                "dialect.derivatives-bucket.capacity", " 250 ",
                "dialect.rollover.downtime", "45s",
                "dialect.clordid.window-for-numeric", "true"));
        DialectOptions o = DialectOptions.from(source);

        assertThat(o.tlsMinVersion()).isEqualTo(TlsVersion.TLS_1_3);
        assertThat(o.tlsMinVersion().protocolName()).isEqualTo("TLSv1.3");
        assertThat(o.bmrRefSeqNum()).isEqualTo(RefSeqNum.REJECTED_MESSAGE);
        assertThat(o.derivativesAmend()).isEqualTo(Availability.SUPPORTED);
        assertThat(o.codOnCleanLogout()).isFalse();
        assertThat(o.rateLimitRejectAt()).isEqualTo(RejectAt.REACHED);
        assertThat(o.derivativesBucketCapacity()).isEqualTo(250);
        assertThat(o.rolloverDowntime()).isEqualTo(Duration.ofSeconds(45));
        assertThat(o.get(DialectOptions.CLORDID_WINDOW_FOR_NUMERIC)).isTrue();
        assertThat(o.clOrdIdRules().windowForNumeric()).isTrue();
        // untouched keys keep their defaults
        assertThat(o.derivativesOrderStatus()).isEqualTo(DialectOptions.DEFAULTS.derivativesOrderStatus());
        assertThat(o).isNotEqualTo(DialectOptions.DEFAULTS);
        assertThat(o.toString()).contains("dialect.bmr.ref-seq-num=rejected-message", "dialect.rollover.downtime=45s");
    }

    @Test
    void aNestedSourceReadsTheSameKeys() {
        ConfigSource root = ConfigSource.of(ORIGIN, Map.of("venue.dialect.mass-cancel.scope", "account"));
        DialectOptions o = DialectOptions.from(root.under("venue"));
        assertThat(o.massCancelScope()).isEqualTo(DialectOptions.MassCancelReach.ACCOUNT);
    }

    // ---- refusing bad configuration --------------------------------------------------------------------

    @Test
    void aBadValueNamesTheFileAndTheFullKeyOnOneLine() {
        ConfigSource source = ConfigSource.of(ORIGIN, Map.of("dialect.tls.min-version", "tls-1-1"));
        assertThatThrownBy(() -> DialectOptions.from(source))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.origin()).isEqualTo(ORIGIN);
                    assertThat(e.key()).isEqualTo("dialect.tls.min-version");
                    assertThat(e.getMessage())
                            .doesNotContain("\n")
                            .startsWith(ORIGIN + ": dialect.tls.min-version: ")
                            .contains("tls-1-1");
                });
    }

    @Test
    void anOutOfRangeNumberIsRefused() {
        ConfigSource source = ConfigSource.of(ORIGIN, Map.of("dialect.derivatives-bucket.capacity", "0"));
        assertThatThrownBy(() -> DialectOptions.from(source))
                .isInstanceOf(ConfigException.class)
                .hasMessage(ORIGIN + ": dialect.derivatives-bucket.capacity: expected 1..1000000, got 0");
    }

    @Test
    void aBadValueUnderANestedPrefixNamesTheKeyAsWritten() {
        ConfigSource root = ConfigSource.of(ORIGIN, Map.of("venue.dialect.cod.on-clean-logout", "maybe"));
        assertThatThrownBy(() -> DialectOptions.from(root.under("venue")))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("venue.dialect.cod.on-clean-logout"));
    }

    @Test
    void anUnknownDialectKeyIsRefused() {
        ConfigSource source = ConfigSource.of(ORIGIN, Map.of(
                "dialect.foo", "bar",
                "dialect.tls.min-version", "tls-1-3"));
        assertThatThrownBy(() -> DialectOptions.from(source))
                .isInstanceOf(ConfigException.class)
                .hasMessage(ORIGIN + ": dialect.foo: unknown key");
    }

    @Test
    void aMisspeltDialectKeyIsRefused() {
        ConfigSource source = ConfigSource.of(ORIGIN, Map.of("dialect.bmr.ref-seqnum", "zero"));
        assertThatThrownBy(() -> DialectOptions.from(source))
                .isInstanceOf(ConfigException.class)
                .hasMessage(ORIGIN + ": dialect.bmr.ref-seqnum: unknown key");
    }

    @Test
    void aScalarDialectEntryIsRefused() {
        ConfigSource source = ConfigSource.of(ORIGIN, Map.of("dialect", "kraken"));
        assertThatThrownBy(() -> DialectOptions.from(source))
                .isInstanceOf(ConfigException.class)
                .hasMessage(ORIGIN + ": dialect: unknown key");
    }

    @Test
    void aTimeoutGraceNotAboveTheTestRequestGraceIsRefused() {
        ConfigSource source = ConfigSource.of(ORIGIN, Map.of(
                "dialect.heartbeat.test-request-grace-percent", "60",
                "dialect.heartbeat.timeout-grace-percent", "60"));
        assertThatThrownBy(() -> DialectOptions.from(source))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("dialect.heartbeat.timeout-grace-percent");
                    assertThat(e.getMessage()).doesNotContain("\n");
                });
    }

    @Test
    void getRefusesAKeyThatIsNotADialectKey() {
        ConfigKey<String> other = ConfigKey.string("sessions.spot-trading.host", "localhost", "not ours");
        assertThatThrownBy(() -> DialectOptions.DEFAULTS.get(other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sessions.spot-trading.host");
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private static String dialectDoc() {
        return RepoDocs.read("docs/kraken-dialect.md");
    }
}
