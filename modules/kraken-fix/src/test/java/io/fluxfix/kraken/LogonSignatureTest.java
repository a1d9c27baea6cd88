package io.fluxfix.kraken;

import org.junit.jupiter.api.Test;
import quickfix.Message;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class LogonSignatureTest {

    private static final ApiSecret SECRET = ApiSecret.ofBase64("c2VjcmV0");
    private static final ApiSecret KRAKEN_DOC_SECRET = ApiSecret.ofBase64(
            "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==");

    @Test
    void firstVectorOfTheDialectSpec() {
        assertThat(LogonSignature.signedInput("APIKEY", 7, "CLIENT", "KRAKEN-TRD", "1724512345678"))
                .isEqualTo("35=A\u000134=7\u000149=CLIENT\u000156=KRAKEN-TRD\u0001553=APIKEY\u00011724512345678");
        assertThat(LogonSignature.sign("APIKEY", SECRET, 7, "CLIENT", "KRAKEN-TRD", "1724512345678"))
                .isEqualTo("MwX+M7nvuHXxD5aGI/TFpghXxg2iblxXYyz7lRzLCPMA4UJYI3osNrUKWCiI3fDnOLkEQ5WKSK58Mp3nvu1Klw==");
    }

    @Test
    void secondVectorOfTheDialectSpec() {
        assertThat(LogonSignature.sign("MYAPIKEY", KRAKEN_DOC_SECRET, 1, "MYCOMPID", "KRAKEN-TRD", "1688736075072"))
                .isEqualTo("/3DNjLMRtKPAagq1tYKbmY6zuqMA4/6B0GcbQr+IB0wJWwT/nzMrmiGMDI9eg9TMMU0n4QJA8RpQEH2I6JQquQ==");
    }

    @Test
    void verifiesExactlyTheSignedFields() {
        String pw = LogonSignature.sign("APIKEY", SECRET, 7, "CLIENT", "KRAKEN-TRD", "1724512345678");
        assertThat(LogonSignature.verify(pw, "APIKEY", SECRET, 7, "CLIENT", "KRAKEN-TRD", "1724512345678")).isTrue();
        assertThat(LogonSignature.verify(pw, "APIKEY", SECRET, 8, "CLIENT", "KRAKEN-TRD", "1724512345678")).isFalse();
        assertThat(LogonSignature.verify(pw, "APIKEY", SECRET, 7, "CLIENT", "KRAKEN-DRV-TRD", "1724512345678")).isFalse();
        assertThat(LogonSignature.verify(pw, "APIKEY", SECRET, 7, "CLIENT", "KRAKEN-TRD", "1724512345679")).isFalse();
        assertThat(LogonSignature.verify(pw, "APIKEY", ApiSecret.ofBase64("c2VjcmV1"), 7, "CLIENT", "KRAKEN-TRD",
                "1724512345678")).isFalse();
        assertThat(LogonSignature.verify("not base64!", "APIKEY", SECRET, 7, "CLIENT", "KRAKEN-TRD", "1")).isFalse();
    }

    @Test
    void theVenueChecksKeySignatureAndNonceWindow() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.ofEpochMilli(1_724_512_345_678L));
        LogonVerifier verifier = new LogonVerifier(now::get, LogonVerifier.KRAKEN_NONCE_WINDOW, true,
                key -> Optional.ofNullable(Map.of("APIKEY", SECRET).get(key)));
        KrakenLogon logon = KrakenLogon.marketData(30, false)
                .signed("APIKEY", SECRET, 7, "CLIENT", "KRAKEN-TRD", "1724512345678");

        assertThat(verifier.verify(logon, 7, "CLIENT", "KRAKEN-TRD")).isEqualTo(LogonVerifier.Verdict.VALID);
        assertThat(verifier.verify(logon, 7, "CLIENT", "KRAKEN-TRD"))
                .as("a replayed nonce").isEqualTo(LogonVerifier.Verdict.NONCE_NOT_INCREASING);
        assertThat(verifier.verify(logon, 8, "CLIENT", "KRAKEN-TRD")).isEqualTo(LogonVerifier.Verdict.BAD_SIGNATURE);

        now.set(now.get().plusMillis(5_002));
        KrakenLogon later = KrakenLogon.marketData(30, false)
                .signed("APIKEY", SECRET, 1, "CLIENT", "KRAKEN-TRD", "1724512345679");
        assertThat(verifier.verify(later, 1, "CLIENT", "KRAKEN-TRD"))
                .isEqualTo(LogonVerifier.Verdict.NONCE_OUT_OF_WINDOW);
        assertThat(LogonVerifier.Verdict.NONCE_OUT_OF_WINDOW.text()).startsWith("Logon failed:");

        KrakenLogon stranger = KrakenLogon.marketData(30, false)
                .signed("OTHER", SECRET, 1, "CLIENT", "KRAKEN-TRD", Long.toString(now.get().toEpochMilli()));
        assertThat(verifier.verify(stranger, 1, "CLIENT", "KRAKEN-TRD")).isEqualTo(LogonVerifier.Verdict.UNKNOWN_KEY);
        assertThat(verifier.verify(KrakenLogon.marketData(30, false), 1, "CLIENT", "KRAKEN-TRD"))
                .isEqualTo(LogonVerifier.Verdict.MISSING_CREDENTIALS);
    }

    @Test
    void theNonceWindowIsInclusive() {
        InstantSource clock = () -> Instant.ofEpochMilli(10_000);
        LogonVerifier verifier = new LogonVerifier(clock, Duration.ofSeconds(5), false, k -> Optional.of(SECRET));
        for (long nonce : new long[]{5_000, 15_000}) {
            KrakenLogon l = KrakenLogon.marketData(30, false).signed("K", SECRET, 1, "C", "KRAKEN-TRD", Long.toString(nonce));
            assertThat(verifier.verify(l, 1, "C", "KRAKEN-TRD")).isEqualTo(LogonVerifier.Verdict.VALID);
        }
        KrakenLogon l = KrakenLogon.marketData(30, false).signed("K", SECRET, 1, "C", "KRAKEN-TRD", "15001");
        assertThat(verifier.verify(l, 1, "C", "KRAKEN-TRD")).isEqualTo(LogonVerifier.Verdict.NONCE_OUT_OF_WINDOW);
    }

    @Test
    void logonFieldsRoundTripAndNeverPrintTheCredentials() throws Exception {
        KrakenLogon logon = new KrakenLogon(30, true, null, null, null, false, true, "MD-1", null)
                .signed("APIKEY", SECRET, 1, "CLIENT", "KRAKEN-TRD", "1724512345678");
        Message m = KrakenEncoder.message("A");
        logon.writeTo(m);
        assertThat(m.getString(KrakenTags.CANCEL_ORDERS_ON_DISCONNECT)).isEqualTo("1");
        assertThat(m.getString(KrakenTags.FORCE_RESET_CL_ORD_ID)).isEqualTo("Y");
        assertThat(KrakenLogon.readFrom(m)).isEqualTo(logon);

        assertThat(logon.toString()).doesNotContain("APIKEY").doesNotContain(logon.password())
                .doesNotContain("1724512345678").contains(FixMasking.MASK);
        assertThat(SECRET.toString()).doesNotContain("c2VjcmV0").doesNotContain("secret");
    }

    @Test
    void aBadSecretIsRefusedWithoutEchoingIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApiSecret.ofBase64("not*base64*SECRETVALUE"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("SECRETVALUE");
    }
}
