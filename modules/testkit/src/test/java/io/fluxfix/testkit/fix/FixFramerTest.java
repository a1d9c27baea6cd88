package io.fluxfix.testkit.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FixFramerTest {

    private static final String LOGON = FixMessageTest.KRAKEN_LOGON;
    private static final String HEARTBEAT =
            FixMessage.frame("FIX.4.4", "35=0|34=2|49=KRAKEN-TRD|56=CLIENT|52=20260407-14:32:31.000|").toString();

    @Test
    void framesSeveralMessagesDeliveredInOneRead() throws IOException {
        FixFramer framer = new FixFramer(new ByteArrayInputStream(wire(LOGON + HEARTBEAT + LOGON)));

        assertThat(framer.next()).hasToString(LOGON);
        assertThat(framer.next()).hasToString(HEARTBEAT);
        assertThat(framer.next()).hasToString(LOGON);
        assertThat(framer.next()).isNull();
    }

    @Test
    void framesMessagesDeliveredOneByteAtATime() throws IOException {
        FixFramer framer = new FixFramer(new Trickle(wire(LOGON + HEARTBEAT), 1));

        assertThat(framer.next()).hasToString(LOGON);
        assertThat(framer.next()).hasToString(HEARTBEAT);
        assertThat(framer.next()).isNull();
    }

    @Test
    void framesMessagesDeliveredInOddSizedChunks() throws IOException {
        FixFramer framer = new FixFramer(new Trickle(wire(HEARTBEAT + LOGON + HEARTBEAT), 13));

        assertThat(framer.next()).hasToString(HEARTBEAT);
        assertThat(framer.next()).hasToString(LOGON);
        assertThat(framer.next()).hasToString(HEARTBEAT);
        assertThat(framer.next()).isNull();
    }

    @Test
    void keepsTheExactBytes() throws IOException {
        assertThat(new FixFramer(new ByteArrayInputStream(wire(LOGON))).next().bytes()).isEqualTo(wire(LOGON));
    }

    @Test
    void refusesAWrongCheckSum() {
        assertThatThrownBy(() -> frame(LOGON.replace("10=179", "10=178")))
                .isInstanceOf(FixFramer.Garbled.class)
                .hasMessageStartingWith("10 CheckSum is 178, the bytes sum to 179 after 99 bytes: 8=FIX.4.4|9=77|");
    }

    @Test
    void refusesABodyLengthThatDoesNotReachTheCheckSum() {
        assertThatThrownBy(() -> frame(LOGON.replace("9=77", "9=76")))
                .isInstanceOf(FixFramer.Garbled.class)
                .hasMessageStartingWith("9 BodyLength 76 does not end on a field boundary");
        assertThatThrownBy(() -> frame(LOGON.replace("9=77", "9=78")))
                .isInstanceOf(FixFramer.Garbled.class)
                .hasMessageStartingWith("9 BodyLength 78 does not end on a field boundary");
        assertThatThrownBy(() -> frame(LOGON.replace("9=77", "9=71")))
                .isInstanceOf(FixFramer.Garbled.class)
                .hasMessageStartingWith("expected 10=nnn after the 71 body bytes, got '141=Y|1'");
    }

    @Test
    void refusesWhatDoesNotStartWithBeginStringAndBodyLength() {
        assertThatThrownBy(() -> frame("garbage|")).isInstanceOf(FixFramer.Garbled.class)
                .hasMessage("expected 8=..., got 'garbage' after 8 bytes: garbage|");
        assertThatThrownBy(() -> frame("8=FIX.4.4|35=A|")).isInstanceOf(FixFramer.Garbled.class)
                .hasMessageStartingWith("expected 9=..., got '35=A'");
        assertThatThrownBy(() -> frame("8=FIX.4.4|9=x|")).isInstanceOf(FixFramer.Garbled.class)
                .hasMessageStartingWith("9 BodyLength 'x' is not a number");
        assertThatThrownBy(() -> frame("8=|9=5|")).isInstanceOf(FixFramer.Garbled.class)
                .hasMessageStartingWith("empty 8 BeginString");
        assertThatThrownBy(() -> frame("8=" + "X".repeat(40))).isInstanceOf(FixFramer.Garbled.class)
                .hasMessageStartingWith("no SOH within 32 bytes of a 8= field");
    }

    @Test
    void refusesABodyThatIsNotTagEqualsValueMaskingSecrets() {
        // FixMessage.frame refuses to build this, so give it its length and checksum by hand.
        String body = "35=A|554=pw|junk|";
        String head = "8=FIX.4.4|9=" + body.length() + "|";
        byte[] bytes = wire(head + body);
        String withTrailer = head + body + String.format("10=%03d|", FixMessage.checksum(bytes, 0, bytes.length));

        assertThatThrownBy(() -> frame(withTrailer)).isInstanceOf(FixFramer.Garbled.class)
                .hasMessageStartingWith("field 5 is not tag=value after 39 bytes: 8=FIX.4.4|9=17|35=A|554=********|")
                .hasMessageNotContaining("554=pw");
    }

    @Test
    void tellsATruncatedMessageFromACleanEnd() throws IOException {
        assertThat(new FixFramer(new ByteArrayInputStream(new byte[0])).next()).isNull();
        assertThatThrownBy(() -> frame(LOGON.substring(0, 40)))
                .isInstanceOf(FixFramer.Truncated.class)
                .hasMessage("the stream ended inside a message after 40 bytes: " + LOGON.substring(0, 40));
    }

    private static FixMessage frame(String piped) throws IOException {
        return new FixFramer(new ByteArrayInputStream(wire(piped))).next();
    }

    private static byte[] wire(String piped) {
        return piped.replace('|', '\u0001').getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Hands out at most {@code chunk} bytes per read, as a slow network would. */
    private static final class Trickle extends InputStream {
        private final ByteArrayInputStream in;
        private final int chunk;

        Trickle(byte[] bytes, int chunk) {
            this.in = new ByteArrayInputStream(bytes);
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, chunk));
        }
    }
}
