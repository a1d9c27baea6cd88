package io.fluxfix.testkit.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxfix.testkit.fixtures.KrakenFixtures;
import io.fluxfix.testkit.fix.FixMessage.Field;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FixMessageTest {

    /** Kraken's documented Logon (docs.kraken.com, FIX logon), as the brief for FixConnection quotes it. */
    static final String KRAKEN_LOGON =
            "8=FIX.4.4|9=77|35=A|34=1|49=KRAKEN-TRD|56=CLIENT|52=20260407-14:32:01.000|98=0|108=30|141=Y|10=179|";

    @Test
    void framingGivesTheBodyLengthAndCheckSumOfKrakensDocumentedLogon() {
        FixMessage framed = FixMessage.frame("FIX.4.4",
                "35=A|34=1|49=KRAKEN-TRD|56=CLIENT|52=20260407-14:32:01.000|98=0|108=30|141=Y|");

        assertThat(framed.toString()).isEqualTo(KRAKEN_LOGON);
        assertThat(framed.bytes()).isEqualTo(KRAKEN_LOGON.replace('|', '\u0001').getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void framingRebuildsKrakensChecksumExampleAndFindsTheOneWrongCheckSumInIt() {
        List<String> documented = KrakenFixtures.lines(KrakenFixtures.FIX_CHECKSUM_EXAMPLE);
        assertThat(documented).hasSize(5);
        for (String line : documented) {
            FixMessage message = FixMessage.parse(line);
            String body = message.fields().stream()
                    .filter(f -> f.tag() != 8 && f.tag() != 9 && f.tag() != 10)
                    .map(f -> f.tag() + "=" + f.value())
                    .collect(Collectors.joining("|"));

            FixMessage rebuilt = FixMessage.frame(message.get(8), body);

            assertThat(rebuilt.get(9)).isEqualTo(message.get(9));
            if (message.msgType().equals("V")) {
                // Kraken's page prints 10=170 for its MarketDataRequest, but its bytes sum to 163 (mod 256);
                // the other four documented checksums are right. A venue must not copy that 170.
                assertThat(message.get(10)).isEqualTo("170");
                assertThat(rebuilt.get(10)).isEqualTo("163");
                assertThat(rebuilt).hasToString(line.replace("|10=170|", "|10=163|"));
            } else {
                assertThat(rebuilt).hasToString(line);
            }
        }
    }

    @Test
    void readsFieldsInWireOrderWithRepeatsAndAbsentTags() {
        FixMessage m = FixMessage.parse("8=FIX.4.4|9=40|35=W|34=7|55=BTC/USD|268=2|269=0|270=1.5|269=1|270=2.5|10=000|");

        assertThat(m.msgType()).isEqualTo("W");
        assertThat(m.seqNum()).isEqualTo(7);
        assertThat(m.get(270)).isEqualTo("1.5");
        assertThat(m.getAll(269)).containsExactly("0", "1");
        assertThat(m.getAll(999)).isEmpty();
        assertThat(m.get(58)).isNull();
        assertThat(m.fields()).startsWith(new Field(8, "FIX.4.4"), new Field(9, "40"), new Field(35, "W"))
                .endsWith(new Field(10, "000")).hasSize(11);
    }

    @Test
    void seqNumSaysWhatIsWrong() {
        assertThatThrownBy(() -> FixMessage.parse("35=0|").seqNum())
                .isInstanceOf(IllegalStateException.class).hasMessage("no 34 MsgSeqNum in 35=0|");
        assertThatThrownBy(() -> FixMessage.parse("35=0|34=x|").seqNum())
                .isInstanceOf(IllegalStateException.class).hasMessage("34 MsgSeqNum is not a number in 35=0|34=x|");
    }

    @Test
    void toStringMasksUsernamePasswordAndNonceButTheValuesStayReadable() {
        FixMessage logon = FixMessage.parse("8=FIX.4.4|9=1|35=A|553=api-key|554=c2lnbmF0dXJl|5025=1712500321000|"
                + "98=0|10=000|");

        assertThat(logon.toString())
                .isEqualTo("8=FIX.4.4|9=1|35=A|553=********|554=********|5025=********|98=0|10=000|");
        assertThat(logon.get(554)).isEqualTo("c2lnbmF0dXJl");
        assertThat(logon.fields().get(4)).hasToString("554=********");
        assertThat(new String(logon.bytes(), StandardCharsets.US_ASCII)).contains("554=c2lnbmF0dXJl");
    }

    @Test
    void parsesSohOrPipes() {
        FixMessage soh = FixMessage.parse("35=0\u000158=a|b\u0001");
        FixMessage pipes = FixMessage.parse("35=0|58=ab");

        assertThat(soh.get(58)).isEqualTo("a|b");
        assertThat(pipes.get(58)).isEqualTo("ab");
        assertThat(pipes.bytes()).isEqualTo("35=0\u000158=ab\u0001".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void keepsEveryByteThroughIso88591() {
        byte[] wire = {'5', '8', '=', (byte) 0xE9, (byte) 0xFF, 1};

        FixMessage m = FixMessage.parse(wire);

        assertThat(m.get(58)).isEqualTo("\u00E9\u00FF");
        assertThat(m.bytes()).isEqualTo(wire);
    }

    @Test
    void refusesWhatIsNotTagEqualsValueAndMasksSecretsInTheComplaint() {
        assertThatThrownBy(() -> FixMessage.parse("554=secret|garbage|"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 2 is not tag=value: 554=********|garbage|");
        assertThatThrownBy(() -> FixMessage.parse("=x|")).hasMessageContaining("field 1 is not tag=value");
        assertThatThrownBy(() -> FixMessage.parse("1234567890=x|")).hasMessageContaining("field 1 is not tag=value");
        assertThatThrownBy(() -> FixMessage.parse("35=0\u000158=x".getBytes(StandardCharsets.US_ASCII)))
                .hasMessage("the last field is not ended by SOH: 35=0|58=x");
        assertThatThrownBy(() -> FixMessage.frame("FIX.4.4", "35=0|554=pw|oops"))
                .hasMessage("not a tag=value field: 'oops' (use sendRaw for malformed messages)");
    }
}
