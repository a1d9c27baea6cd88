package io.fluxfix.venue.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stores work for what they are for: a TLS 1.3 handshake to localhost with host-name verification on. */
class SelfSignedTlsHandshakeTest {

    private static final int TIMEOUT_MILLIS = 10_000;
    private static final byte[] GREETING = "venue says hello".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path dir;

    static SelfSignedTls tls;

    @BeforeAll
    static void makeStores() {
        tls = SelfSignedTls.ensure(dir, Duration.ofDays(7), Clock.systemUTC());
    }

    @AfterAll
    static void forget() {
        tls = null;
    }

    @Test
    void aClientTrustingOnlyTheTrustStoreCompletesATls13HandshakeWithLocalhost() throws Exception {
        try (OneShotServer server = new OneShotServer()) {
            try (SSLSocket client = connect(trustStore(), "localhost", server.port())) {
                client.startHandshake();

                assertThat(client.getSession().getProtocol()).isEqualTo("TLSv1.3");
                assertThat(SelfSignedTls.sha256(client.getSession().getPeerCertificates()[0]))
                        .isEqualTo(tls.certificateSha256());
                assertThat(client.getInputStream().readNBytes(GREETING.length)).isEqualTo(GREETING);
            }
            assertThat(server.result()).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void theIpAddressInTheCertificateAlsoPassesHostNameVerification() throws Exception {
        try (OneShotServer server = new OneShotServer()) {
            try (SSLSocket client = connect(trustStore(), "127.0.0.1", server.port())) {
                client.startHandshake();
                assertThat(client.getInputStream().readNBytes(GREETING.length)).isEqualTo(GREETING);
            }
            assertThat(server.result()).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void aClientWithAnEmptyTrustStoreFailsTheHandshake() throws Exception {
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        try (OneShotServer server = new OneShotServer()) {
            try (SSLSocket client = connect(empty, "localhost", server.port())) {
                // JSSE refuses before it even looks at the certificate: a trust manager needs an anchor.
                assertThatThrownBy(client::startHandshake)
                        .isInstanceOf(SSLException.class)
                        .hasMessageContaining("trustAnchors parameter must be non-empty");
            }
            assertThatThrownBy(server::result).hasMessage("server failed");
        }
    }

    @Test
    void aClientTrustingOnlyTheJdksPublicAuthoritiesFailsTheHandshake() throws Exception {
        try (OneShotServer server = new OneShotServer()) {
            try (SSLSocket client = connect(null, "localhost", server.port())) {
                assertThatThrownBy(client::startHandshake)
                        .isInstanceOf(SSLHandshakeException.class)
                        .hasMessageContaining("PKIX path building failed");
            }
            assertThatThrownBy(server::result).hasMessage("server failed");
        }
    }

    @Test
    void aClientExpectingAnotherHostFailsTheHandshake() throws Exception {
        try (OneShotServer server = new OneShotServer()) {
            try (SSLSocket client = connect(trustStore(), "venue.example", server.port())) {
                assertThatThrownBy(client::startHandshake)
                        .isInstanceOf(SSLHandshakeException.class)
                        .hasMessageContaining("No subject alternative DNS name matching venue.example");
            }
            assertThatThrownBy(server::result).hasMessage("server failed");
        }
    }

    private static KeyStore trustStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.trustStore())) {
            store.load(in, tls.trustStorePassword());
        }
        return store;
    }

    /**
     * Connects to 127.0.0.1 whatever {@code host} says, trusting {@code trust} (null: the JDK's cacerts), and
     * layers TLS on top with {@code host} as the name to verify: so "localhost" cannot resolve to ::1, where
     * nothing listens, and "venue.example" needs no DNS.
     */
    private static SSLSocket connect(KeyStore trust, String host, int port) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
            plain.setSoTimeout(TIMEOUT_MILLIS);
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setProtocols(new String[] {"TLSv1.3"});
            socket.setSSLParameters(parameters);
            return socket;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** Accepts one TLS connection on its own thread, says hello, and reports the protocol or the failure. */
    private static final class OneShotServer implements AutoCloseable {
        private final SSLServerSocket serverSocket;
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private final Thread thread;

        OneShotServer() throws Exception {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(tls.keyStore())) {
                keys.load(in, tls.keyStorePassword());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, tls.keyStorePassword());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            serverSocket = (SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
            serverSocket.setEnabledProtocols(new String[] {"TLSv1.3"});
            serverSocket.setSoTimeout(TIMEOUT_MILLIS);
            thread = new Thread(this::serveOne, "tls-test-server-" + serverSocket.getLocalPort());
            thread.start();
        }

        int port() {
            return serverSocket.getLocalPort();
        }

        private void serveOne() {
            try (SSLSocket socket = (SSLSocket) serverSocket.accept()) {
                socket.setSoTimeout(TIMEOUT_MILLIS);
                socket.startHandshake();
                socket.getOutputStream().write(GREETING);
                socket.getOutputStream().flush();
                result.complete(socket.getSession().getProtocol());
                // Wait for the client to finish reading and close, so our close_notify does not race its read.
                socket.getInputStream().read();
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        String result() throws Exception {
            try {
                return result.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new Exception("server failed", e.getCause());
            }
        }

        @Override
        public void close() throws Exception {
            serverSocket.close();
            thread.join(TIMEOUT_MILLIS);
        }
    }
}
