package io.fluxfix.venue.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SelfSignedTlsTest {

    private static final Duration YEAR = Duration.ofDays(365);

    /** Made once: each keytool run starts a JVM and takes seconds on a busy machine. */
    @TempDir
    static Path shared;

    static Instant sharedMadeAfter;
    static SelfSignedTls sharedTls;

    @TempDir
    Path tmp;

    @BeforeAll
    static void makeOneSet() {
        sharedMadeAfter = Instant.now();
        sharedTls = SelfSignedTls.ensure(shared.resolve("data/venue"), YEAR, Clock.systemUTC());
    }

    @AfterAll
    static void forgetTheSet() {
        sharedTls = null;
    }

    /** A copy of the shared set in this test's own directory, as a previous start would have left it. */
    private Path copyOfSharedSet() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("copy"));
        for (String name : List.of("venue-key.p12", "venue-key.password", "trust.p12")) {
            Files.copy(shared.resolve("data/venue").resolve(name), dir.resolve(name));
        }
        return dir;
    }

    @Test
    void makesALoadableKeyStoreAndATrustStoreHoldingOnlyItsCertificate() throws Exception {
        Path dir = shared.resolve("data/venue");
        Instant before = sharedMadeAfter;
        SelfSignedTls tls = sharedTls;

        assertThat(tls.generated()).isTrue();
        assertThat(tls.keyStore()).isEqualTo(dir.toAbsolutePath().resolve("venue-key.p12"));
        assertThat(tls.trustStore()).isEqualTo(dir.toAbsolutePath().resolve("trust.p12"));
        // Nothing else is left behind: no scratch directory, no exported certificate, no keytool output.
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("venue-key.p12", "venue-key.password", "trust.p12");
        }

        KeyStore keys = load(tls.keyStore(), tls.keyStorePassword());
        assertThat(Collections.list(keys.aliases())).containsExactly("venue");
        assertThat(keys.isKeyEntry("venue")).isTrue();
        assertThat(keys.getKey("venue", tls.keyStorePassword()).getAlgorithm()).isEqualTo("RSA");
        X509Certificate cert = (X509Certificate) keys.getCertificate("venue");
        assertThat(((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(cert.getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(cert.getNotBefore().toInstant()).isBetween(before.minus(Duration.ofMinutes(6)), before);
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(cert.getNotBefore().toInstant().plus(YEAR));
        assertThat(tls.validUntil()).isEqualTo(cert.getNotAfter().toInstant());

        KeyStore trust = load(tls.trustStore(), "changeit".toCharArray());
        List<String> trusted = Collections.list(trust.aliases());
        assertThat(trusted).hasSize(1);
        assertThat(trust.isCertificateEntry(trusted.get(0))).isTrue();
        assertThat(trust.getCertificate(trusted.get(0))).isEqualTo(cert);
        assertThat(tls.trustStorePassword()).isEqualTo("changeit".toCharArray());

        assertThat(tls.certificateSha256())
                .matches("([0-9A-F]{2}:){31}[0-9A-F]{2}")
                .isEqualTo(SelfSignedTls.sha256(cert));
    }

    @Test
    void keepsTheKeyAndItsPasswordToTheOwner() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        Path dir = shared.resolve("data/venue");
        SelfSignedTls tls = sharedTls;

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("venue-key.password"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.keyStore())))
                .isEqualTo("rw-------");
        String password = Files.readString(dir.resolve("venue-key.password"), StandardCharsets.UTF_8);
        assertThat(password).isEqualTo(new String(tls.keyStorePassword())).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void aSecondCallReusesTheFiles() throws Exception {
        SelfSignedTls first = sharedTls;
        byte[] keyStoreBytes = Files.readAllBytes(first.keyStore());

        SelfSignedTls second = SelfSignedTls.ensure(shared.resolve("data/venue"), YEAR, Clock.systemUTC());

        assertThat(second.generated()).isFalse();
        assertThat(second.certificateSha256()).isEqualTo(first.certificateSha256());
        assertThat(second.keyStorePassword()).isEqualTo(first.keyStorePassword());
        assertThat(Files.readAllBytes(second.keyStore())).isEqualTo(keyStoreBytes);
    }

    @Test
    void replacesACertificateWithLessThanADayLeftUsingTheGivenClock() throws Exception {
        SelfSignedTls first = SelfSignedTls.ensure(tmp, Duration.ofDays(30), Clock.systemUTC());
        char[] firstPassword = first.keyStorePassword();

        Instant nearTheEnd = first.validUntil().minus(Duration.ofHours(23));
        SelfSignedTls renewed = SelfSignedTls.ensure(tmp, Duration.ofDays(30), Clock.fixed(nearTheEnd, ZoneOffset.UTC));

        assertThat(renewed.generated()).isTrue();
        assertThat(renewed.certificateSha256()).isNotEqualTo(first.certificateSha256());
        assertThat(renewed.keyStorePassword()).isNotEqualTo(firstPassword);
        X509Certificate cert = certificate(renewed);
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(nearTheEnd.minus(Duration.ofMinutes(5)));
        assertThat(renewed.validUntil()).isEqualTo(nearTheEnd.minus(Duration.ofMinutes(5)).plus(Duration.ofDays(30)));

        // With a day and an hour left, the same files are still good.
        Instant aDayAndAnHourLeft = renewed.validUntil().minus(Duration.ofHours(25));
        SelfSignedTls kept = SelfSignedTls.ensure(tmp, Duration.ofDays(30), Clock.fixed(aDayAndAnHourLeft, ZoneOffset.UTC));
        assertThat(kept.generated()).isFalse();
        assertThat(kept.certificateSha256()).isEqualTo(renewed.certificateSha256());
    }

    @Test
    void replacesAnExpiredCertificateWhenTheClockIsFarInTheFuture() throws Exception {
        SelfSignedTls first = sharedTls;
        Instant farFuture = Instant.now().plus(Duration.ofDays(20 * 365));

        SelfSignedTls renewed = SelfSignedTls.ensure(copyOfSharedSet(), YEAR, Clock.fixed(farFuture, ZoneOffset.UTC));

        assertThat(renewed.generated()).isTrue();
        assertThat(renewed.certificateSha256()).isNotEqualTo(first.certificateSha256());
        assertThat(renewed.validUntil()).isAfter(farFuture.plus(Duration.ofDays(364)));
    }

    @Test
    void replacesACertificateThatStartsAfterTheClock() throws Exception {
        SelfSignedTls first = sharedTls;

        SelfSignedTls earlier = SelfSignedTls.ensure(copyOfSharedSet(), YEAR,
                Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC));

        assertThat(earlier.generated()).isTrue();
        assertThat(earlier.certificateSha256()).isNotEqualTo(first.certificateSha256());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damage")
    void replacesAnIncompleteOrDamagedSet(String what, Damage damage) throws Exception {
        Path dir = copyOfSharedSet();
        damage.apply(dir);

        SelfSignedTls renewed = SelfSignedTls.ensure(dir, YEAR, Clock.systemUTC());

        assertThat(renewed.generated()).isTrue();
        assertThat(renewed.certificateSha256()).isNotEqualTo(sharedTls.certificateSha256());
        assertThat(load(renewed.keyStore(), renewed.keyStorePassword()).isKeyEntry("venue")).isTrue();
        assertThat(load(renewed.trustStore(), "changeit".toCharArray()).size()).isEqualTo(1);
    }

    interface Damage {
        void apply(Path dir) throws Exception;
    }

    static Stream<Arguments> damage() {
        return Stream.of(
                Arguments.of("lost password file", (Damage) dir -> Files.delete(dir.resolve("venue-key.password"))),
                Arguments.of("wrong password", (Damage) dir ->
                        Files.writeString(dir.resolve("venue-key.password"), "not-the-password")),
                Arguments.of("garbage trust store", (Damage) dir -> Files.write(dir.resolve("trust.p12"), new byte[] {1, 2, 3})),
                Arguments.of("trust store with another certificate", (Damage) dir ->
                        writeTrustStore(dir, someCaCertificate())),
                Arguments.of("empty trust store", (Damage) dir -> writeTrustStore(dir, null)),
                Arguments.of("key store without the venue's key", (Damage) dir -> {
                    char[] password = Files.readString(dir.resolve("venue-key.password")).toCharArray();
                    KeyStore keys = load(dir.resolve("venue-key.p12"), password);
                    keys.deleteEntry("venue");
                    try (OutputStream out = Files.newOutputStream(dir.resolve("venue-key.p12"))) {
                        keys.store(out, password);
                    }
                }));
    }

    private static void writeTrustStore(Path dir, Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        if (certificate != null) {
            trust.setCertificateEntry("other", certificate);
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve("trust.p12"))) {
            trust.store(out, "changeit".toCharArray());
        }
    }

    /** A certificate that is not ours, without making one: the first CA the JDK trusts. */
    private static Certificate someCaCertificate() throws Exception {
        KeyStore cacerts = KeyStore.getInstance(Path.of(System.getProperty("java.home"), "lib/security/cacerts").toFile(),
                "changeit".toCharArray());
        return cacerts.getCertificate(cacerts.aliases().nextElement());
    }

    @Test
    void toStringShowsWhereAndWhatButNoPassword() {
        SelfSignedTls tls = sharedTls;

        assertThat(tls.toString())
                .contains("venue-key.p12", "trust.p12", tls.certificateSha256(), "generated=true")
                .doesNotContain(new String(tls.keyStorePassword()))
                .doesNotContain("changeit");
    }

    @Test
    void refusesAValidityThatWouldBeReplacedTomorrow() {
        assertThatThrownBy(() -> SelfSignedTls.ensure(tmp, Duration.ofHours(47), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("validity must be at least 2 days (a certificate with less than 1 day left is replaced),"
                        + " got PT47H");
    }

    @Test
    void roundsTheValidityUpToWholeDays() throws Exception {
        SelfSignedTls tls = SelfSignedTls.ensure(tmp, Duration.ofDays(2).plusHours(1), Clock.systemUTC());

        X509Certificate cert = certificate(tls);
        assertThat(Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()))
                .isEqualTo(Duration.ofDays(3));
    }

    @Test
    void aFailingKeytoolIsOneLineWithItsOutputAndNoPassword() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        String secret = "s3cret-value";

        assertThatThrownBy(() -> SelfSignedTls.keytool(work, Map.of(SelfSignedTls.KEY_PASS_ENV, secret),
                List.of(secret), "-list", "-keystore", "missing.p12", "-storetype", "PKCS12",
                "-storepass:env", SelfSignedTls.KEY_PASS_ENV))
                .isInstanceOf(TlsSetupException.class)
                .hasMessageStartingWith("keytool -list failed (exit 1): keytool error: ")
                .hasMessageContaining("missing.p12")
                .hasMessageNotContaining(secret)
                .hasMessageNotContaining("\n");
    }

    @Test
    void reportsADirectoryItCannotCreate() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");

        assertThatThrownBy(() -> SelfSignedTls.ensure(file.resolve("data"), YEAR, Clock.systemUTC()))
                .isInstanceOf(TlsSetupException.class)
                .hasMessageStartingWith("cannot prepare TLS files in " + file.resolve("data"))
                .hasMessageNotContaining("\n");
    }

    private static X509Certificate certificate(SelfSignedTls tls) throws Exception {
        return (X509Certificate) load(tls.keyStore(), tls.keyStorePassword()).getCertificate("venue");
    }

    private static KeyStore load(Path file, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }
}
