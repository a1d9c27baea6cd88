package io.fluxfix.kraken;

import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.model.event.Stamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import quickfix.Field;
import quickfix.FieldMap;
import quickfix.Group;
import quickfix.Message;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example message of Kraken's documentation (fix-dialect.md, collected in
 * {@code examples/kraken-examples.txt}) validates against the dictionary, decodes into the model and encodes
 * back to the same body fields. Headers are the session's business and are not compared.
 *
 * <p>Two documented normalisations: a MarketDataRequest carrying its symbol without the 146 group (Kraken's
 * Spot example) comes back in the group form, and the MDEntryTypes of a request come back in bid, offer,
 * trade order — both mean the same to Kraken.
 */
class ExampleRoundTripTest {

    private static final Stamp STAMP = new Stamp(1_775_572_325_000_000_000L, 20_551, 7);

    private final KrakenFixParser parser = new KrakenFixParser();
    private final KrakenDecoder decoder = new KrakenDecoder();
    private final KrakenEncoder encoder = new KrakenEncoder();

    static List<ExampleCorpus.Example> examples() {
        return ExampleCorpus.load("kraken-examples.txt");
    }

    @Test
    void theCorpusHoldsEveryDocumentedExample() {
        assertThat(examples()).hasSizeGreaterThanOrEqualTo(55);
        assertThat(examples()).extracting(e -> e.headers().get("direction")).doesNotContainNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void decodesAndEncodesBackToTheSameFields(ExampleCorpus.Example example) throws Exception {
        Message original = parser.parse(example.raw());
        Message encoded = roundTrip(original, example.headers().get("direction"));

        assertThat(encoded.getHeader().getString(KrakenTags.MSG_TYPE))
                .isEqualTo(original.getHeader().getString(KrakenTags.MSG_TYPE));
        assertThat(body(encoded)).as(example.id()).containsExactlyElementsOf(body(normalised(original)));
        // What we encode is itself valid Kraken FIX.
        KrakenDictionary.get().validate(withHeaderOf(original, encoded), true);
    }

    private Message roundTrip(Message m, String direction) throws Exception {
        String type = m.getHeader().getString(KrakenTags.MSG_TYPE);
        switch (type) {
            case "A": {
                Message out = KrakenEncoder.message("A");
                KrakenLogon.readFrom(m).writeTo(out);
                return out;
            }
            case "2":
            case "4":
            case "5": {
                SessionEvent e = decoder.decodeSession(m, STAMP, "test", direction.startsWith("venue"));
                return encoder.encode(e);
            }
            default:
                if (direction.equals("client-to-venue")) {
                    return encoder.encode(decoder.decodeCommand(m));
                }
                Event e = decoder.decode(m, STAMP);
                return encoder.encode(e);
        }
    }

    @Test
    void theSnapshotOfAnEmptyBookCarries268ZeroAndPassesTheDictionary() throws Exception {
        Message w = encoder.encode(new io.fluxfix.model.event.MarketDataSnapshot(STAMP, "md-1", "BTC/USD", List.of()));
        assertThat(w.getInt(KrakenTags.NO_MD_ENTRIES)).isZero();
        Message framed = KrakenEncoder.message("W");
        framed.getHeader().setString(KrakenTags.BEGIN_STRING, "FIX.4.4");
        framed.getHeader().setString(KrakenTags.SENDER_COMP_ID, "KRAKEN-MD");
        framed.getHeader().setString(KrakenTags.TARGET_COMP_ID, "CLIENT");
        framed.getHeader().setString(KrakenTags.MSG_SEQ_NUM, "2");
        framed.getHeader().setString(KrakenTags.SENDING_TIME, "20260407-14:32:05.000");
        framed.setFields(w);
        KrakenDictionary.get().validate(parser.parse(framed.toString()), true);
        assertThat(((io.fluxfix.model.event.MarketDataSnapshot) decoder.decode(parser.parse(framed.toString()), STAMP))
                .entries()).isEmpty();
    }

    /** Applies the two documented normalisations to a parsed MarketDataRequest. */
    private static Message normalised(Message m) throws Exception {
        if (!m.getHeader().getString(KrakenTags.MSG_TYPE).equals("V")) {
            return m;
        }
        Message copy = (Message) m.clone();
        if (copy.isSetField(KrakenTags.SYMBOL)) {
            Group g = new Group(KrakenTags.NO_RELATED_SYM, KrakenTags.SYMBOL);
            g.setString(KrakenTags.SYMBOL, copy.getString(KrakenTags.SYMBOL));
            copy.removeField(KrakenTags.SYMBOL);
            copy.addGroup(g);
        }
        List<String> types = new ArrayList<>();
        for (Group g : copy.getGroups(KrakenTags.NO_MD_ENTRY_TYPES)) {
            types.add(g.getString(KrakenTags.MD_ENTRY_TYPE));
        }
        types.sort(Comparator.naturalOrder());
        copy.removeGroup(KrakenTags.NO_MD_ENTRY_TYPES);
        for (String t : types) {
            Group g = new Group(KrakenTags.NO_MD_ENTRY_TYPES, KrakenTags.MD_ENTRY_TYPE);
            g.setString(KrakenTags.MD_ENTRY_TYPE, t);
            copy.addGroup(g);
        }
        return copy;
    }

    /** The body as "tag=value" in wire order, groups expanded in place. */
    static List<String> body(FieldMap map) {
        List<String> out = new ArrayList<>();
        for (Iterator<Field<?>> it = map.iterator(); it.hasNext(); ) {
            Field<?> f = it.next();
            out.add(f.getTag() + "=" + f.getObject());
            if (map.hasGroup(f.getTag())) {
                for (Group g : map.getGroups(f.getTag())) {
                    out.add("{");
                    out.addAll(body(g));
                    out.add("}");
                }
            }
        }
        return out;
    }

    private static Message withHeaderOf(Message original, Message body) throws Exception {
        Message m = (Message) body.clone();
        m.getHeader().setFields(original.getHeader());
        return new KrakenFixParser().parse(m.toString());
    }
}
