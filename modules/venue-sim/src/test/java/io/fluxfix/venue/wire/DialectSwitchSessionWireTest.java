package io.fluxfix.venue.wire;

import io.fluxfix.kraken.ApiSecret;
import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.kraken.LogonSignature;
import io.fluxfix.testkit.fix.FixConnection;
import io.fluxfix.testkit.fix.FixMessage;
import io.fluxfix.venue.tls.SelfSignedTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SystemTime;
import quickfix.SystemTimeSource;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import static io.fluxfix.venue.wire.VenueFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The session layer under the non-default settings of Kraken's open points: refused logons closed without a
 * word, resends that replay every application message, gap fills without 43/122 (Kraken's example), TLS 1.2
 * accepted, and shorter heartbeat graces (on QuickFIX/J's clock, moved by hand: nobody waits for a heartbeat).
 */
class DialectSwitchSessionWireTest extends WireTestBase {

    @Override
    Map<String, String> overrides() {
        return Map.of("dialect.logon.failure-reply", "close",
                "dialect.resend.replay", "all-application",
                "dialect.gap-fill.poss-dup", "false",
                "dialect.tls.min-version", "tls-1-2",
                "dialect.heartbeat.test-request-grace-percent", "0",
                "dialect.heartbeat.timeout-grace-percent", "10");
    }

    @AfterEach
    void realTimeForQuickFixJ() {
        SystemTime.setTimeSource(null);
    }

    @Test
    void aRefusedLogonIsClosedWithoutALogout() {
        try (FixConnection c = f.spot(VenueFixture.ALICE)) {
            String nonce = Long.toString(f.now.get().toEpochMilli());
            c.logon("553=alice-key|554=bm90IHRoZSBzaWduYXR1cmU=|5025=" + nonce);
            assertThat(c.awaitDisconnect(WAIT)).isTrue();
            assertThat(c.received()).as("a bad signature: no Logout, just the close").isEmpty();
        }
        try (FixConnection c = f.spot("MALLORY")) {
            c.logon();
            assertThat(c.awaitDisconnect(WAIT)).isTrue();
            assertThat(c.received()).as("an unknown CompID: no Logout, just the close").isEmpty();
        }
        try (FixConnection a = f.spot(VenueFixture.BOB)) {
            assertThat(f.logonBob(a).msgType()).as("a good logon is still acknowledged").isEqualTo("A");
        }
    }

    @Test
    void aResendReplaysEveryApplicationMessageAndGapFillsWithoutPossDup() {
        try (FixConnection a = alice()) {
            a.send("1", "112=ping");
            assertThat(a.awaitMessage("0", WAIT).get(112)).isEqualTo("ping"); // 34=2
            String id = limit(a, "1", "0.001", "84000");
            awaitReport(a, id, "0"); // 34=3
            String tooBig = limit(a, "1", "100", "84000");
            a.awaitMessage("j", WAIT); // 34=4, an insufficient-funds reject

            a.send("2", "7=1|16=0");
            FixMessage gap = a.awaitMessage(m -> m.msgType().equals("4") && m.seqNum() == 1, WAIT);
            assertThat(gap.get(123)).isEqualTo("Y");
            assertThat(gap.get(36)).as("the Logon and the Heartbeat are gap-filled").isEqualTo("3");
            assertThat(gap.get(43)).as("no PossDupFlag, as in Kraken's example").isNull();
            assertThat(gap.get(122)).as("no OrigSendingTime, as in Kraken's example").isNull();
            FixMessage er = a.awaitMessage(m -> m.msgType().equals("8") && m.seqNum() == 3, WAIT);
            assertThat(er.get(43)).isEqualTo("Y");
            assertThat(er.get(11)).isEqualTo(id);
            FixMessage reject = a.awaitMessage(m -> m.msgType().equals("j") && m.seqNum() == 4, WAIT);
            assertThat(reject.get(43)).as("the 35=j is replayed, not gap-filled").isEqualTo("Y");
            assertThat(reject.get(122)).isNotNull();
            assertThat(reject.get(379)).isEqualTo(tooBig);
            assertThat(a.received()).filteredOn(m -> m.msgType().equals("4")).hasSize(1);
        }
    }

    @Test
    void aTls12ClientIsAcceptedAndLogsOn() throws Exception {
        KeyStore trust = KeyStore.getInstance(f.trustStore.toFile(), SelfSignedTls.TRUST_STORE_PASSWORD.toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory()
                .createSocket("localhost", f.port(KrakenEndpoint.SPOT_TRADING))) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.setEnabledProtocols(new String[]{"TLSv1.2"});
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");

            f.advance(Duration.ofMillis(1));
            String nonce = Long.toString(f.now.get().toEpochMilli());
            String password = LogonSignature.sign("alice-key", ApiSecret.ofBase64(VenueFixture.SECRET_A), 1,
                    VenueFixture.ALICE, "KRAKEN-TRD", nonce);
            FixMessage logon = FixMessage.frame(FixConnection.FIX44, "35=A|34=1|49=ALICE|56=KRAKEN-TRD|52="
                    + FixConnection.utcTimestamp(Instant.now()) + "|98=0|108=30|553=alice-key|554=" + password
                    + "|5025=" + nonce);
            OutputStream out = socket.getOutputStream();
            out.write(logon.bytes());
            out.flush();
            FixMessage ack = readMessage(socket.getInputStream());
            assertThat(ack.msgType()).isEqualTo("A");
            assertThat(ack.get(56)).isEqualTo(VenueFixture.ALICE);
        }
    }

    @Test
    void heartbeatGracesDecideWhenTheVenueSendsATestRequestAndWhenItGivesUp() throws IOException {
        // QuickFIX/J's own clock, frozen and moved by hand; Session.next() is what its timer calls every second.
        AtomicLong millis = new AtomicLong(System.currentTimeMillis());
        SystemTime.setTimeSource(new SystemTimeSource() {
            @Override
            public long getTime() {
                return millis.get();
            }

            @Override
            public LocalDateTime getNow() {
                return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis.get()), ZoneOffset.UTC);
            }
        });
        try (FixConnection a = alice()) { // 108=30
            Session session = Session.lookupSession(new SessionID("FIX.4.4", "KRAKEN-TRD", VenueFixture.ALICE));
            // The ack can reach us a moment before QuickFIX/J counts its own Logon as sent.
            await().atMost(WAIT).until(session::isLoggedOn);
            millis.addAndGet(31_000); // past 1.0 x HeartBtInt of silence, short of the default 1.5 x
            session.next();
            FixMessage testRequest = a.awaitMessage(m -> m.msgType().equals("1") || m.msgType().equals("0"), WAIT);
            assertThat(testRequest.msgType()).as("grace 0 %: a TestRequest, not a Heartbeat").isEqualTo("1");
            assertThat(testRequest.get(112)).isNotEmpty();

            millis.addAndGet(3_000); // 34 s of silence: past 1.1 x HeartBtInt, short of the default 2.4 x
            session.next();
            assertThat(a.awaitDisconnect(WAIT)).as("grace 10 %: the venue gives the connection up").isTrue();
            assertThat(a.received()).noneMatch(m -> m.msgType().equals("5"));
        }
    }

    /** Reads one FIX message, up to and including its 10=CheckSum field. */
    private static FixMessage readMessage(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int fieldStart = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the venue closed the connection after " + bytes.size() + " bytes");
            }
            bytes.write(b);
            if (b == FixMessage.SOH) {
                byte[] all = bytes.toByteArray();
                if (all.length - fieldStart > 3 && all[fieldStart] == '1' && all[fieldStart + 1] == '0'
                        && all[fieldStart + 2] == '=') {
                    return FixMessage.parse(all);
                }
                fieldStart = all.length;
            }
        }
    }
}
