package io.fluxfix.venue.wire;

import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.testkit.fix.FixConnection;
import io.fluxfix.testkit.fix.FixMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.fluxfix.venue.wire.VenueFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** Kraken's trading logon, over TLS, byte by byte: success, and each way it fails. */
class LogonWireTest {

    @TempDir
    static Path tls;
    @TempDir
    Path data;
    private VenueFixture f;

    @BeforeAll
    static void certificate() {
        // made once for the class; each venue reuses it
        io.fluxfix.venue.tls.SelfSignedTls.ensure(tls, Duration.ofDays(30), java.time.Clock.systemUTC());
    }

    @BeforeEach
    void start() {
        f = new VenueFixture(tls, data, Map.of());
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aSignedLogonIsAcknowledgedAsKrakenDoes() {
        try (FixConnection c = f.spot(VenueFixture.ALICE)) {
            FixMessage ack = f.logonAlice(c, "141=Y");
            assertThat(ack.msgType()).isEqualTo("A");
            assertThat(ack.get(49)).isEqualTo("KRAKEN-TRD");
            assertThat(ack.get(56)).isEqualTo("ALICE");
            assertThat(ack.get(98)).isEqualTo("0");
            assertThat(ack.get(108)).isEqualTo("30");
            assertThat(ack.get(141)).isEqualTo("Y");
            assertThat(ack.get(553)).as("credentials are not echoed").isNull();
            assertThat(ack.get(554)).isNull();
            c.logout("bye");
            assertThat(c.awaitMessage("5", WAIT)).isNotNull();
        }
    }

    @Test
    void anUnknownCompIdGetsALogoutWithTheReason() {
        try (FixConnection c = f.spot("MALLORY")) {
            FixMessage answer = f.logonAlice(c);
            assertThat(answer.msgType()).isEqualTo("5");
            assertThat(answer.get(58)).isEqualTo("Logon failed: unknown SenderCompID MALLORY");
            assertThat(answer.get(1409)).as("no QuickFIX/J SessionStatus in Kraken's dialect").isNull();
            assertThat(c.awaitDisconnect(WAIT)).isTrue();
        }
    }

    @Test
    void anotherAccountsKeyIsRefused() {
        try (FixConnection c = f.spot(VenueFixture.ALICE)) {
            FixMessage answer = f.logonBob(c);
            assertThat(answer.msgType()).isEqualTo("5");
            assertThat(answer.get(58)).isEqualTo("Logon failed: invalid credentials");
            assertThat(c.awaitDisconnect(WAIT)).isTrue();
        }
    }

    @Test
    void aBadSignatureIsRefused() {
        try (FixConnection c = f.spot(VenueFixture.ALICE)) {
            String nonce = Long.toString(f.now.get().toEpochMilli());
            c.logon("553=alice-key|554=bm90IHRoZSBzaWduYXR1cmU=|5025=" + nonce);
            FixMessage answer = c.awaitMessage("5", WAIT);
            assertThat(answer.get(58)).isEqualTo("Logon failed: invalid credentials");
            assertThat(answer.toString()).doesNotContain("bm90IHRoZSBzaWduYXR1cmU=");
            assertThat(c.awaitDisconnect(WAIT)).isTrue();
        }
    }

    @Test
    void aStaleNonceIsRefused() {
        try (FixConnection c = f.spot(VenueFixture.ALICE)) {
            f.advance(Duration.ofSeconds(-6)); // the client's clock is 6 s behind the venue's
            String nonce = Long.toString(f.now.get().toEpochMilli());
            f.advance(Duration.ofSeconds(6));
            String pw = io.fluxfix.kraken.LogonSignature.sign("alice-key",
                    io.fluxfix.kraken.ApiSecret.ofBase64(VenueFixture.SECRET_A), 1, "ALICE", "KRAKEN-TRD", nonce);
            c.logon("553=alice-key|554=" + pw + "|5025=" + nonce);
            FixMessage answer = c.awaitMessage("5", WAIT);
            assertThat(answer.get(58)).startsWith("Logon failed: nonce outside the allowed window");
            assertThat(c.awaitDisconnect(WAIT)).isTrue();
        }
    }

    @Test
    void missingCredentialsAreRefused() {
        try (FixConnection c = f.spot(VenueFixture.ALICE)) {
            c.logon();
            assertThat(c.awaitMessage("5", WAIT).get(58)).startsWith("Logon failed: missing credentials");
            assertThat(c.awaitDisconnect(WAIT)).isTrue();
        }
    }

    @Test
    void derivativesSessionsSignWithTheirOwnTargetCompId() {
        try (FixConnection c = f.connect(KrakenEndpoint.DERIVATIVES_TRADING, VenueFixture.ALICE_DRV)) {
            FixMessage ack = f.logonAlice(c);
            assertThat(ack.msgType()).isEqualTo("A");
            assertThat(ack.get(49)).isEqualTo("KRAKEN-DRV-TRD");
        }
    }

    @Test
    void theVenueSpeaksTls13OnlyByDefault() throws Exception {
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(f.trustStore)) {
            trust.load(in, "changeit".toCharArray());
        }
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        for (String protocol : new String[]{"TLSv1.3", "TLSv1.2"}) {
            try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) ctx.getSocketFactory()
                    .createSocket("localhost", f.port(KrakenEndpoint.SPOT_TRADING))) {
                socket.setSoTimeout(5_000);
                socket.setEnabledProtocols(new String[]{protocol});
                if (protocol.equals("TLSv1.3")) {
                    socket.startHandshake();
                    assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
                } else {
                    org.assertj.core.api.Assertions.assertThatThrownBy(socket::startHandshake)
                            .isInstanceOf(javax.net.ssl.SSLException.class);
                }
            }
        }
    }

    @Test
    void plainTcpOnTheTlsPortGetsNoFixSession() {
        try (FixConnection c = FixConnection.plain("localhost", f.port(KrakenEndpoint.SPOT_TRADING))
                .senderCompId(VenueFixture.ALICE)) {
            c.logon();
            assertThat(c.awaitDisconnect(WAIT)).isTrue();
            assertThat(c.received()).noneMatch(m -> m.msgType().equals("A"));
        }
    }

    @Test
    void marketDataLogonsNeedAKnownCompIdOnly() {
        try (FixConnection c = f.connect(KrakenEndpoint.SPOT_MARKET_DATA, VenueFixture.ALICE)) {
            c.logon();
            assertThat(c.awaitMessage("A", WAIT).msgType()).as("CompID only, no credentials").isEqualTo("A");
        }
        try (FixConnection c = f.connect(KrakenEndpoint.SPOT_MARKET_DATA, "STRANGER")) {
            c.logon();
            assertThat(c.awaitMessage("5", WAIT).get(58)).isEqualTo("Unknown SenderCompID STRANGER");
        }
        try (FixConnection c = f.connect(KrakenEndpoint.SPOT_MARKET_DATA_L3, VenueFixture.BOB)) {
            c.logon();
            assertThat(c.awaitMessage("A", WAIT).msgType()).isEqualTo("A");
        }
    }
}
