package io.fluxfix.testkit.fix;

import static io.fluxfix.testkit.fix.FakeFixServer.read;
import static io.fluxfix.testkit.fix.FakeFixServer.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FixConnectionTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    /** For waits that must time out: long enough for bytes on loopback to arrive if they were going to. */
    private static final Duration SHORT = Duration.ofMillis(200);
    private static final Instant KRAKEN_EXAMPLE_TIME = Instant.parse("2026-04-07T14:32:01Z");

    private FakeFixServer server;
    private FixConnection fix;
    private Socket peer;

    @BeforeEach
    void connect() throws Exception {
        server = FakeFixServer.plain();
        fix = FixConnection.plain("localhost", server.port());
        peer = server.awaitClient();
    }

    @AfterEach
    void closeAll() throws Exception {
        fix.close();
        server.close();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Sending

    @Test
    void writesKrakensDocumentedLogonByteForByte() throws Exception {
        fix.senderCompId("KRAKEN-TRD").targetCompId("CLIENT").msgSeqNum(1).heartBtInt(30)
                .clock(Clock.fixed(KRAKEN_EXAMPLE_TIME, ZoneOffset.UTC));

        FixMessage sent = fix.logon("141=Y");

        byte[] expected = wire(FixMessageTest.KRAKEN_LOGON);
        assertThat(read(peer, expected.length)).isEqualTo(expected);
        assertThat(sent.bytes()).isEqualTo(expected);
        assertThat(fix.msgSeqNum()).isEqualTo(2);
    }

    @Test
    void writesTheHeaderInKrakensOrderAndCountsSequenceNumbers() throws Exception {
        fix.clock(Clock.fixed(Instant.parse("2026-04-07T14:32:01.123456Z"), ZoneOffset.UTC)).msgSeqNum(41);
        FixFramer wire = framer(peer);

        fix.send("D", "11=1712500321000|55=BTC/USD|54=1", "38=0.5", "40=2|44=68000.1|");
        fix.send("0");

        assertThat(wire.next()).hasToString(FixMessage.frame("FIX.4.4", "35=D|34=41|49=CLIENT|56=KRAKEN-TRD"
                + "|52=20260407-14:32:01.123|11=1712500321000|55=BTC/USD|54=1|38=0.5|40=2|44=68000.1|").toString());
        FixMessage heartbeat = wire.next();
        assertThat(heartbeat.seqNum()).isEqualTo(42);
        assertThat(heartbeat.fields()).extracting(FixMessage.Field::tag).containsExactly(8, 9, 35, 34, 49, 56, 52, 10);
        assertThat(fix.msgSeqNum()).isEqualTo(43);
    }

    @Test
    void aLowerOrHigherSequenceNumberCanBeSetForTheNextMessage() throws Exception {
        FixFramer wire = framer(peer);

        fix.send("0");
        fix.msgSeqNum(1).send("0");
        fix.msgSeqNum(100).send("0");

        assertThat(List.of(wire.next().seqNum(), wire.next().seqNum(), wire.next().seqNum())).containsExactly(1, 1, 100);
    }

    @Test
    void putsExtraHeaderFieldsAfterSendingTime() throws Exception {
        fix.clock(Clock.fixed(KRAKEN_EXAMPLE_TIME, ZoneOffset.UTC));
        String original = FixConnection.utcTimestamp(KRAKEN_EXAMPLE_TIME.minusSeconds(60));

        FixMessage sent = fix.sendWithHeader("43=Y|122=" + original, "D", "11=7");

        assertThat(framer(peer).next()).hasToString(sent.toString());
        assertThat(sent.toString()).contains("|52=20260407-14:32:01.000|43=Y|122=20260407-14:31:01.000|11=7|10=");
    }

    @Test
    void logsOnAndOutWithTheUsualFields() throws Exception {
        FixFramer wire = framer(peer);

        fix.heartBtInt(5).logon("553=key", "554=sig", "5025=1");
        fix.logout("bye");
        fix.logout(null);

        FixMessage logon = wire.next();
        assertThat(logon.toString()).contains("|98=0|108=5|553=********|554=********|5025=********|10=");
        assertThat(wire.next().toString()).contains("|35=5|").contains("|58=bye|");
        assertThat(wire.next().get(58)).isNull();
    }

    @Test
    void sendRawWritesExactlyWhatItIsGiven() throws Exception {
        fix.sendRaw("8=FIX.4.4|9=999|35=0|10=000|");
        fix.sendRaw(new byte[] {'x', 0, (byte) 0xFF});

        byte[] expected = wire("8=FIX.4.4|9=999|35=0|10=000|x\u0000\u00FF");
        assertThat(read(peer, expected.length)).isEqualTo(expected);
        assertThat(fix.msgSeqNum()).isEqualTo(1);
    }

    @Test
    void refusesToBuildAMalformedMessage() {
        assertThatThrownBy(() -> fix.send("D", "11")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a tag=value field: '11' (use sendRaw for malformed messages)");
        assertThatThrownBy(() -> fix.send("")).hasMessage("not a MsgType: ''");
        assertThatThrownBy(() -> fix.send("A|98=0")).hasMessage("not a MsgType: 'A|98=0'");
        assertThat(fix.msgSeqNum()).isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Receiving

    @Test
    void framesSeveralMessagesThatArriveInOneWrite() throws Exception {
        write(peer, wire(venue("0", 2) + venue("1", 3, "112=ping") + venue("0", 4, "112=ping")));

        assertThat(fix.awaitMessage("0", WAIT).seqNum()).isEqualTo(2);
        assertThat(fix.awaitMessage("1", WAIT).get(112)).isEqualTo("ping");
        assertThat(fix.awaitMessage("0", WAIT).seqNum()).isEqualTo(4);
        assertThat(fix.received()).extracting(FixMessage::seqNum).containsExactly(2, 3, 4);
    }

    @Test
    void framesAMessageThatArrivesInPieces() throws Exception {
        byte[] logon = wire(FixMessageTest.KRAKEN_LOGON);

        write(peer, Arrays.copyOfRange(logon, 0, 20));
        // Not a whole message yet: the wait times out, and gives the reader time to take in the first piece.
        assertThatThrownBy(() -> fix.awaitMessage("A", SHORT)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Received 0 messages.");
        write(peer, Arrays.copyOfRange(logon, 20, 90));
        write(peer, Arrays.copyOfRange(logon, 90, logon.length));

        assertThat(fix.awaitMessage("A", WAIT).bytes()).isEqualTo(logon);
    }

    @Test
    void awaitReturnsTheNextMatchAndKeepsTheOthersForLater() throws Exception {
        write(peer, wire(venue("0", 2) + venue("A", 3, "98=0|108=30") + venue("0", 4)));

        assertThat(fix.awaitMessage("A", WAIT).seqNum()).isEqualTo(3);
        assertThat(fix.awaitMessage("0", WAIT).seqNum()).isEqualTo(2);
        assertThat(fix.awaitMessage(m -> m.seqNum() > 3, WAIT).seqNum()).isEqualTo(4);
        assertThatThrownBy(() -> fix.awaitMessage("0", SHORT)).isInstanceOf(AssertionError.class);
        assertThat(fix.received()).hasSize(3);
    }

    @Test
    void aTimeoutListsEverythingReceivedWithSecretsMasked() throws Exception {
        write(peer, wire(venue("A", 1, "98=0|108=30|554=signature") + venue("0", 2)));
        fix.awaitMessage("0", WAIT);

        assertThatThrownBy(() -> fix.awaitMessage("5", SHORT))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("No 35=5 from localhost:" + server.port() + " within 200 ms. Received 2 messages:")
                .hasMessageContaining("  1: 8=FIX.4.4|9=")
                .hasMessageContaining("|554=********|")
                .hasMessageContaining("  2: 8=FIX.4.4|9=")
                .hasMessageNotContaining("signature");
        assertThat(fix.received().get(0).get(554)).isEqualTo("signature");
        assertThatThrownBy(() -> fix.awaitMessage(m -> false, SHORT))
                .hasMessageStartingWith("No matching message from localhost:");
    }

    @Test
    void anAwaitFailsAtOnceWhenThePeerHasGone() throws Exception {
        write(peer, wire(venue("5", 2, "58=bye")));
        peer.close();

        long start = System.nanoTime();
        assertThatThrownBy(() -> fix.awaitMessage("A", Duration.ofSeconds(60)))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("No 35=A from localhost:" + server.port()
                        + ": the peer closed the connection. Received 1 message:");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);
        assertThat(fix.awaitMessage("5", WAIT).get(58)).isEqualTo("bye");
    }

    @Test
    void awaitDisconnectIsTrueWhenThePeerCloses() throws Exception {
        assertThat(fix.awaitDisconnect(SHORT)).isFalse();

        peer.close();

        assertThat(fix.awaitDisconnect(WAIT)).isTrue();
    }

    @Test
    void awaitDisconnectIsFalseWhenThisSideClosed() {
        fix.close();

        assertThat(fix.awaitDisconnect(WAIT)).isFalse();
    }

    @Test
    void aPeerClosingInsideAMessageIsADisconnectThatSaysSo() throws Exception {
        write(peer, Arrays.copyOf(wire(venue("0", 2)), 30));
        peer.close();

        assertThat(fix.awaitDisconnect(WAIT)).isTrue();
        assertThatThrownBy(() -> fix.awaitMessage("0", WAIT))
                .hasMessageContaining("the peer closed the connection; the stream ended inside a message after 30 bytes");
    }

    @Test
    void garbledInputStopsTheReaderAndEveryWaitSaysWhy() throws Exception {
        write(peer, wire(venue("0", 2) + FixMessageTest.KRAKEN_LOGON.replace("10=179", "10=180")));

        assertThat(fix.awaitMessage("0", WAIT).seqNum()).isEqualTo(2);
        assertThatThrownBy(() -> fix.awaitMessage("A", Duration.ofSeconds(60)))
                .hasMessageContaining("garbled input: 10 CheckSum is 180, the bytes sum to 179");
        assertThatThrownBy(() -> fix.awaitDisconnect(WAIT))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Reading from localhost:" + server.port()
                        + " stopped before any disconnect: garbled input");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Closing

    @Test
    void closeStopsTheReaderThreadAndClosesTheSocket() throws Exception {
        assertThat(readerThreads(server.port())).hasSize(1);

        fix.close();

        assertThat(readerThreads(server.port())).isEmpty();
        assertThat(FakeFixServer.clientClosed(peer)).isTrue();
        fix.close();
        assertThatThrownBy(() -> fix.send("0")).isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot send to localhost:" + server.port() + ": ");
    }

    @Test
    void theReaderThreadEndsByItselfWhenThePeerCloses() throws Exception {
        Thread reader = readerThreads(server.port()).get(0);

        peer.close();

        assertThat(fix.awaitDisconnect(WAIT)).isTrue();
        reader.join(WAIT.toMillis());
        assertThat(reader.isAlive()).isFalse();
        assertThat(reader.isDaemon()).isTrue();
    }

    @Test
    void connectingToAClosedPortFailsClearly() throws Exception {
        int port;
        try (FakeFixServer gone = FakeFixServer.plain()) {
            port = gone.port();
        }

        assertThatThrownBy(() -> FixConnection.plain("localhost", port))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot connect to localhost:" + port + ": Connection refused");
        assertThat(readerThreads(port)).isEmpty();
    }

    @Test
    void toStringShowsThePeerAndTheSession() {
        assertThat(fix.msgSeqNum(7)).hasToString("FixConnection[localhost:" + server.port()
                + ", CLIENT->KRAKEN-TRD, next 34=7, received 0]");
    }

    // ---------------------------------------------------------------------------------------------------------

    /** A message as the venue would send it, with a correct length and checksum; piped, secrets in clear. */
    private static String venue(String msgType, int seqNum, String... body) {
        String fields = body.length == 0 ? "" : "|" + String.join("|", body);
        byte[] bytes = FixMessage.frame("FIX.4.4", "35=" + msgType + "|34=" + seqNum + "|49=KRAKEN-TRD|56=CLIENT"
                + "|52=20260407-14:32:01.000" + fields).bytes();
        return new String(bytes, StandardCharsets.ISO_8859_1).replace('\u0001', '|');
    }

    static byte[] wire(String piped) {
        return piped.replace('|', '\u0001').getBytes(StandardCharsets.ISO_8859_1);
    }

    static FixFramer framer(Socket socket) throws IOException {
        socket.setSoTimeout((int) WAIT.toMillis());
        return new FixFramer(new BufferedInputStream(socket.getInputStream()));
    }

    static List<Thread> readerThreads(int port) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("fix-connection-reader-" + port))
                .toList();
    }
}
