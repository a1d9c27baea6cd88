package io.fluxfix.venue.wire;

import io.fluxfix.testkit.fix.FixConnection;
import io.fluxfix.testkit.fix.FixMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.fluxfix.venue.wire.VenueFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input gets the FIX 4.4 answer (a Reject with its reason, or — for a garbled frame — silence, with the
 * sequence number not consumed), never a crash or a stuck session; one noisy session does not hold up another.
 */
class BadInputWireTest extends WireTestBase {

    @Test
    void garbageBytesAreSkippedAndTheSessionStaysUp() {
        try (FixConnection a = alice()) {
            a.sendRaw("this is not FIX at all|\u0000\u00ff|8=FIX.4.4|9=5|garbage|".getBytes(StandardCharsets.ISO_8859_1));
            assertAlive(a, "after-garbage");
        }
    }

    @Test
    void aWrongCheckSumOrBodyLengthIsIgnoredWithoutConsumingTheSequenceNumber() {
        try (FixConnection a = alice()) {
            int seq = a.msgSeqNum();
            String id = f.clOrdId();
            String body = "35=D|34=" + seq + "|49=ALICE|56=KRAKEN-TRD|52=" + FixConnection.utcTimestamp(java.time.Instant.now())
                    + "|11=" + id + "|55=BTC/USD|54=1|40=2|44=84000|38=0.001|59=1|60=" + f.transactTime() + "|";
            String good = FixMessage.frame("FIX.4.4", body).toString();
            String wrongSum = good.substring(0, good.length() - 4) + (good.endsWith("000|") ? "001|" : "000|");
            a.sendRaw(wrongSum);
            // A BodyLength shorter than the body: the frame's CheckSum is not where it claims, so it is garbled.
            // (A longer one makes any FIX decoder wait for bytes that were never sent: framing cannot tell.)
            int length = Integer.parseInt(good.replaceFirst("(?s).*?\\|9=(\\d+)\\|.*", "$1"));
            a.sendRaw(good.replaceFirst("\\|9=\\d+\\|", "|9=" + (length - 5) + "|"));
            // Neither was taken: the same sequence number is still expected, and the order was never seen.
            a.msgSeqNum(seq);
            assertAlive(a, "after-garbled");
            assertThat(a.received()).noneMatch(m -> id.equals(m.get(11)) || m.msgType().equals("3"));
        }
    }

    @Test
    void undefinedAndRepeatedTagsAndBadValuesGetSessionRejectsWithTheirReasons() {
        try (FixConnection a = alice()) {
            a.send("D", order() + "|9999=x");
            FixMessage undefined = a.awaitMessage(m -> m.msgType().equals("3") && "9999".equals(m.get(371)), WAIT);
            assertThat(undefined.get(373)).isIn("0", "2", "3");

            a.send("D", order() + "|54=2");
            FixMessage repeated = a.awaitMessage(m -> m.msgType().equals("3") && "13".equals(m.get(373)), WAIT);
            assertThat(repeated.get(371)).isEqualTo("54");

            a.send("D", order().replace("|59=1", "|59=9"));
            FixMessage badTif = a.awaitMessage(m -> m.msgType().equals("3") && "59".equals(m.get(371)), WAIT);
            assertThat(badTif.get(373)).isEqualTo("5");
            assertThat(badTif.get(58)).isEqualTo("Invalid value for tag 59: TimeInForce");

            a.send("D", order().replace("|38=0.001", "|38=lots"));
            FixMessage badFormat = a.awaitMessage(m -> m.msgType().equals("3") && "38".equals(m.get(371)), WAIT);
            assertThat(badFormat.get(373)).isEqualTo("6");

            a.sendWithHeader("", "D", order() + "|34=99");
            FixMessage headerInBody = a.awaitMessage(m -> m.msgType().equals("3") && "34".equals(m.get(371)), WAIT);
            assertThat(headerInBody.get(373)).as("a header tag again in the body").isIn("13", "14");
            assertThat(repeated.get(58)).isEqualTo("Tag appears more than once: Side (54)");
            assertAlive(a, "after-rejects");
        }
    }

    @Test
    void conditionallyRequiredFieldsGetABusinessReject() {
        try (FixConnection a = alice()) {
            String id = f.clOrdId();
            a.send("D", "11=" + id + "|55=BTC/USD|54=1|40=2|38=0.001|59=1|60=" + f.transactTime());
            FixMessage j = a.awaitMessage("j", WAIT);
            assertThat(j.get(380)).isEqualTo("5");
            assertThat(j.get(379)).isEqualTo(id);
            assertThat(j.get(58)).contains("Price (44)");
        }
    }

    @Test
    void aNoisySessionDoesNotHoldUpAnotherAndTheErrorRateSafeguardLogsItOut() {
        try (FixConnection a = alice(); FixConnection b = bob()) {
            // eleven bad orders in a burst: one more reject in a second than dialect.error-rate.max-per-second
            for (int i = 0; i < 11; i++) {
                a.send("D", order().replace("|59=1", "|59=9"));
            }
            String id = limit(b, "1", "0.001", "84000");
            assertThat(awaitReport(b, id, "0")).isNotNull();
            assertThat(a.awaitMessage("5", WAIT).get(58)).startsWith("Disconnected: error rate exceeded");
            assertThat(a.awaitDisconnect(WAIT)).isTrue();
            assertThat(a.received().stream().filter(m -> m.msgType().equals("3"))).hasSize(11);
            assertAlive(b, "still-here");
        }
    }

    private String order() {
        return "11=" + f.clOrdId() + "|55=BTC/USD|54=1|40=2|44=84000|38=0.001|59=1|60=" + f.transactTime();
    }

    private static void assertAlive(FixConnection c, String id) {
        c.send("1", "112=" + id);
        assertThat(c.awaitMessage(m -> m.msgType().equals("0") && id.equals(m.get(112)), WAIT)).isNotNull();
    }
}
