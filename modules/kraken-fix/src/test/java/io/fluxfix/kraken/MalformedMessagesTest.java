package io.fluxfix.kraken;

import io.fluxfix.kraken.DecodeException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import quickfix.Message;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Each deliberately bad message of {@code examples/malformed.txt} gives the typed error its {@code expect}
 * header names — the reason, the tag, and so the FIX answer — and never an unchecked exception.
 */
class MalformedMessagesTest {

    private final KrakenFixParser parser = new KrakenFixParser();
    private final KrakenDecoder decoder = new KrakenDecoder();

    static List<ExampleCorpus.Example> malformed() {
        return ExampleCorpus.load("malformed.txt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void givesTheTypedErrorTheStandardAsksFor(ExampleCorpus.Example example) {
        String[] expect = example.headers().get("expect").split(" ");
        DecodeException e = catchThrowableOfType(DecodeException.class, () -> parseAndDecode(example.raw()));
        assertThat(e).as("%s must fail", example.id()).isNotNull();
        switch (expect[0]) {
            case "GARBLED_BODY_LENGTH":
                assertGarbled(e, "BodyLength");
                break;
            case "GARBLED_CHECKSUM":
                assertGarbled(e, "CheckSum");
                break;
            case "TRUNCATED":
                assertGarbled(e, "truncated");
                break;
            case "UNSUPPORTED_MSG_TYPE":
                assertThat(e.reason()).isEqualTo(Reason.INVALID_MSG_TYPE);
                assertThat(e.reason().answer()).isEqualTo(DecodeException.Answer.SESSION_REJECT);
                break;
            default:
                assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.valueOf(expect[0]));
                assertThat(e.tag()).as(e.getMessage()).isEqualTo(Integer.parseInt(expect[1]));
                assertThat(e.getMessage()).contains(Integer.toString(e.tag()));
        }
    }

    @Test
    void everyReasonInTheCorpusIsCovered() {
        assertThat(malformed()).extracting(x -> x.headers().get("expect").split(" ")[0]).contains(
                "GARBLED_BODY_LENGTH", "GARBLED_CHECKSUM", "TRUNCATED", "REQUIRED_TAG_MISSING", "VALUE_INCORRECT",
                "INCORRECT_DATA_FORMAT", "CONDITIONALLY_REQUIRED_MISSING", "INCORRECT_NUM_IN_GROUP",
                "UNSUPPORTED_MSG_TYPE");
    }

    @Test
    void aMissingFieldReadsLikeKrakensOwnReject() {
        DecodeException e = catchThrowableOfType(DecodeException.class,
                () -> parseAndDecode(find("nos-missing-side").raw()));
        // Kraken: 58=Missing mandatory field: Side (54), 373=1, 371=54
        assertThat(e.getMessage()).isEqualTo("Missing mandatory field: Side (54)");
        assertThat(e.reason().sessionRejectReason()).hasToString("REQUIRED_TAG_MISSING");
        assertThat(e.msgType()).isEqualTo("D");
    }

    @Test
    void aMessageOfTheWrongDirectionIsRefusedAsUnsupported() throws Exception {
        Message er = parser.parse(ExampleCorpus.load("kraken-examples.txt").stream()
                .filter(x -> x.id().equals("er-spot-new")).findFirst().orElseThrow().raw());
        assertThatThrownBy(() -> decoder.decodeCommand(er))
                .isInstanceOfSatisfying(DecodeException.class,
                        d -> assertThat(d.reason()).isEqualTo(Reason.UNSUPPORTED_MESSAGE));
    }

    @Test
    void garbageNeverEscapesAsAnUncheckedException() {
        String good = find("nos-missing-side").raw();
        for (int cut = 0; cut < good.length(); cut++) {
            String broken = good.substring(0, cut);
            DecodeException e = catchThrowableOfType(DecodeException.class, () -> parseAndDecode(broken));
            assertThat(e).as("prefix of %d chars", cut).isNotNull();
        }
    }

    private void parseAndDecode(String raw) throws DecodeException {
        Message m = parser.parse(raw);
        String type = KrakenDecoder.msgType(m);
        if ("DFGHqVxg".contains(type)) {
            decoder.decodeCommand(m);
        } else {
            decoder.decode(m, new io.fluxfix.model.event.Stamp(0, 0, 0));
        }
    }

    private static void assertGarbled(DecodeException e, String detail) {
        assertThat(e.reason()).isEqualTo(Reason.GARBLED);
        assertThat(e.reason().answer()).isEqualTo(DecodeException.Answer.IGNORE);
        assertThat(e.getMessage()).contains(detail);
    }

    private static ExampleCorpus.Example find(String id) {
        return malformed().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    }
}
