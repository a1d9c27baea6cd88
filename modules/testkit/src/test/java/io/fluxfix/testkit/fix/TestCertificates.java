package io.fluxfix.testkit.fix;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away server key and a trust store holding its certificate, made with the running JDK's keytool. The
 * testkit cannot use venue-sim's SelfSignedTls (venue-sim's tests depend on the testkit), and a test key is
 * never committed.
 */
record TestCertificates(Path keyStore, Path trustStore) {

    static final String PASSWORD = "changeit";

    /** A certificate for CN=localhost with {@code subjectAltNames} (keytool's form: "dns:localhost"). */
    static TestCertificates make(Path dir, String subjectAltNames) throws Exception {
        Path keyStore = dir.resolve("server.p12");
        Path log = dir.resolve("keytool.out");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair",
                "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=" + subjectAltNames, "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("keytool did not finish within 60 s");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("keytool failed: " + Files.readString(log, StandardCharsets.UTF_8));
        }
        KeyStore keys = KeyStore.getInstance(keyStore.toFile(), PASSWORD.toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", keys.getCertificate("server"));
        Path trustStore = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, PASSWORD.toCharArray());
        }
        return new TestCertificates(keyStore, trustStore);
    }

    /** A PKCS12 trust store with no certificate at all. */
    static Path emptyTrustStore(Path dir) throws Exception {
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        Path file = dir.resolve("empty-trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            empty.store(out, PASSWORD.toCharArray());
        }
        return file;
    }
}
