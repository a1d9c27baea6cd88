package io.fluxfix.testkit.fix;

import static io.fluxfix.testkit.fix.FixConnectionTest.framer;
import static io.fluxfix.testkit.fix.FixConnectionTest.readerThreads;
import static io.fluxfix.testkit.fix.FixConnectionTest.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixConnectionTlsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final char[] PASSWORD = TestCertificates.PASSWORD.toCharArray();

    @TempDir
    static Path dir;

    /** Names localhost only, not 127.0.0.1, so that host-name verification has something to refuse. */
    static TestCertificates certificates;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = TestCertificates.make(dir, "dns:localhost");
    }

    @Test
    void speaksFixOverTls13ToAServerItsTrustStoreVouchesFor() throws Exception {
        try (FakeFixServer server = FakeFixServer.tls(certificates.keyStore(), PASSWORD, "TLSv1.3", "TLSv1.2");
                FixConnection fix = FixConnection.tls("localhost", server.port(), certificates.trustStore(),
                        TestCertificates.PASSWORD)) {
            SSLSocket peer = (SSLSocket) server.awaitClient();
            assertThat(peer.getSession().getProtocol()).isEqualTo("TLSv1.3");

            FixMessage logon = fix.logon();
            assertThat(framer(peer).next().bytes()).isEqualTo(logon.bytes());

            FakeFixServer.write(peer, wire(FixMessageTest.KRAKEN_LOGON));
            assertThat(fix.awaitMessage("A", WAIT)).hasToString(FixMessageTest.KRAKEN_LOGON);

            peer.close();
            assertThat(fix.awaitDisconnect(WAIT)).isTrue();
        }
    }

    @Test
    void acceptsATls12OnlyServer() throws Exception {
        try (FakeFixServer server = FakeFixServer.tls(certificates.keyStore(), PASSWORD, "TLSv1.2");
                FixConnection fix = FixConnection.tls("localhost", server.port(), certificates.trustStore(),
                        TestCertificates.PASSWORD)) {
            SSLSocket peer = (SSLSocket) server.awaitClient();

            assertThat(peer.getSession().getProtocol()).isEqualTo("TLSv1.2");
            fix.send("0");
            assertThat(framer(peer).next().msgType()).isEqualTo("0");
        }
    }

    @Test
    void checksTheHostNameAgainstTheCertificate() throws Exception {
        try (FakeFixServer server = FakeFixServer.tls(certificates.keyStore(), PASSWORD, "TLSv1.3")) {
            assertThatThrownBy(() -> FixConnection.tls("127.0.0.1", server.port(), certificates.trustStore(),
                    TestCertificates.PASSWORD))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageStartingWith("TLS handshake with 127.0.0.1:" + server.port() + " failed: ")
                    .hasMessageContaining("No subject alternative names matching IP address 127.0.0.1")
                    .hasCauseInstanceOf(SSLHandshakeException.class);
            server.awaitFailure();
            assertThat(readerThreads(server.port())).isEmpty();
        }
    }

    @Test
    void trustsNothingButItsTrustStore() throws Exception {
        Path empty = TestCertificates.emptyTrustStore(dir);
        try (FakeFixServer server = FakeFixServer.tls(certificates.keyStore(), PASSWORD, "TLSv1.3")) {
            assertThatThrownBy(() -> FixConnection.tls("localhost", server.port(), empty, TestCertificates.PASSWORD))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(SSLException.class);
            server.awaitFailure();
        }
    }

    @Test
    void refusesAMissingTrustStoreBeforeConnecting() {
        Path missing = dir.resolve("missing.p12");

        assertThatThrownBy(() -> FixConnection.tls("localhost", 1, missing, TestCertificates.PASSWORD))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("trust store " + missing + " does not exist");
    }

    @Test
    void closeStopsTheReaderEvenWhileItWaitsForTlsRecords() throws Exception {
        try (FakeFixServer server = FakeFixServer.tls(certificates.keyStore(), PASSWORD, "TLSv1.3")) {
            FixConnection fix = FixConnection.tls("localhost", server.port(), certificates.trustStore(),
                    TestCertificates.PASSWORD);
            server.awaitClient();
            assertThat(readerThreads(server.port())).hasSize(1);

            fix.close();

            assertThat(readerThreads(server.port())).isEmpty();
            assertThat(fix.awaitDisconnect(WAIT)).isFalse();
        }
    }
}
