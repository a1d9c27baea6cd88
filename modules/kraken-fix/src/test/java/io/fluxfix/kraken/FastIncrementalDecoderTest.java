package io.fluxfix.kraken;

import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.Stamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FastIncrementalDecoder} against the reference path ({@link KrakenFixParser} + {@link KrakenDecoder}):
 * the same increment for every 35=X of the example corpus and for seeded random ones, and the same
 * {@link DecodeException} reason and tag for seeded random damage — never an unchecked exception.
 */
class FastIncrementalDecoderTest {

    private static final Stamp STAMP = new Stamp(1_775_572_325_000_000_000L, 20_550, 7);
    private static final long[] SEEDS = {1, 2, 3, 42, 7_919, 1_000_003, 0xFEEDL, 0xC0FFEEL};

    private final KrakenFixParser parser = new KrakenFixParser();
    private final KrakenDecoder reference = new KrakenDecoder();
    private final FastIncrementalDecoder fast = new FastIncrementalDecoder();

    static List<ExampleCorpus.Example> increments() {
        return ExampleCorpus.load("kraken-examples.txt").stream().filter(e -> e.piped().contains("|35=X|")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("increments")
    void decodesEveryCorpusIncrementAsTheReferenceDoes(ExampleCorpus.Example example) throws Exception {
        assertSame(example.raw(), "corpus " + example.id());
    }

    @Test
    void theCorpusHasIncrements() {
        assertThat(increments()).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void decodesFromAnOffsetIntoALargerBuffer() throws Exception {
        String raw = increments().get(0).raw();
        byte[] msg = raw.getBytes(StandardCharsets.ISO_8859_1);
        byte[] big = new byte[msg.length + 20];
        System.arraycopy(msg, 0, big, 7, msg.length);
        assertThat(fast.decode(big, 7, msg.length, STAMP)).isEqualTo(referenceDecode(raw));
    }

    @Test
    void anotherMessageTypeIsNotDecoded() throws Exception {
        String w = ExampleCorpus.load("kraken-examples.txt").stream().filter(e -> e.piped().contains("|35=W|"))
                .findFirst().orElseThrow().raw();
        DecodeException e = decodeFailure(w);
        assertThat(e.reason()).isEqualTo(DecodeException.Reason.UNSUPPORTED_MESSAGE);
        assertThat(e.tag()).isEqualTo(35);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomIncrementsDecodeAsTheReferenceDoes(long seed) throws Exception {
        Random rnd = new Random(seed);
        for (int i = 0; i < 300; i++) {
            String raw = RandomIncrements.frame(RandomIncrements.body(rnd));
            assertSame(raw, "seed " + seed + " message " + i);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomDamageIsAnsweredAsTheReferenceAnswersIt(long seed) throws Exception {
        Random rnd = new Random(seed);
        for (int i = 0; i < 400; i++) {
            List<String[]> fields = RandomIncrements.body(rnd);
            RandomIncrements.Damaged d = RandomIncrements.damage(rnd, fields);
            assertSame(d.raw(), "seed " + seed + " message " + i + " (" + d.what() + ")");
        }
    }

    /** The CheckSum's byte sum, eight bytes at a time in blocks, equals the plain sum for any bytes and length. */
    @Test
    void theByteSumIsThePlainSumOfUnsignedBytesAtAnyLengthAndOffset() {
        Random rnd = new Random(11);
        byte[] b = new byte[9_000];
        for (int round = 0; round < 2_000; round++) {
            if (round % 100 == 0) { // all 0xFF now and then: the largest lanes a block can hold
                Arrays.fill(b, round % 200 == 0 ? (byte) 0xFF : 0);
            } else {
                rnd.nextBytes(b);
            }
            int from = rnd.nextInt(16);
            int to = from + (round < 100 ? round : rnd.nextInt(b.length - from + 1));
            int expected = 0;
            for (int i = from; i < to; i++) {
                expected += b[i] & 0xFF;
            }
            assertThat(FastIncrementalDecoder.byteSum(b, from, to)).as("bytes [%d, %d)", from, to).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "8=FIX.4.4", "8=FIX.4.4\u00019=", "8=FIX.4.4\u00019=5\u000135=X\u000110=000\u0001",
            "8=FIX.4.2\u00019=5\u000135=X\u000110=000\u0001", "\u0001\u0001\u0001\u0001\u0001\u0001\u0001\u0001"})
    void truncatedTextIsGarbled(String raw) throws Exception {
        assertSame(raw, "text '" + raw.replace('\u0001', '|') + "'");
        assertThat(decodeFailure(raw).reason()).isEqualTo(DecodeException.Reason.GARBLED);
    }

    /**
     * The MDEntryID cache: ids that share their first and last eight bytes (L3 order ids often do) each decode to
     * their own text however they alternate, an id seen again is the same String (the cache's point), and ids of
     * 1 to 7 bytes and longer than the cache keeps (31) decode right too.
     */
    @Test
    void entryIdsThatShareTheirEndsDecodeToTheirOwnText() throws Exception {
        String[] ids = {"OABCDEFGH-1-IJKLMNOP", "OABCDEFGH-2-IJKLMNOP", "OABCDEFGH-12-IJKLMNOP", "B1", "B1.5",
                "O" + "7".repeat(40), "O" + "7".repeat(39) + "8", "B84000.1", "B84000.1"};
        Random rnd = new Random(11);
        MdEntryIdsSeen seen = new MdEntryIdsSeen();
        for (int i = 0; i < 2_000; i++) {
            String id = ids[rnd.nextInt(ids.length)];
            List<String[]> fields = new ArrayList<>(List.of(new String[]{"35", "X"}, new String[]{"49", "KRAKEN-MD"},
                    new String[]{"56", "MYCOMPID"}, new String[]{"34", "7"},
                    new String[]{"52", "20250303-14:13:24.208"}, new String[]{"55", "BTC/USD"},
                    new String[]{"268", "1"}, new String[]{"279", "0"}, new String[]{"269", "0"},
                    new String[]{"278", id}, new String[]{"270", "84000.1"}, new String[]{"271", "0.5"}));
            String raw = RandomIncrements.frame(fields);
            assertSame(raw, "id " + id);
            String decoded = fast.decode(raw, STAMP).entries().get(0).entryId();
            assertThat(decoded).isEqualTo(id);
            seen.check(decoded);
        }
        assertThat(seen.kept).as("ids the cache keeps come back as the String decoded before").isGreaterThan(1_000);
    }

    /** Counts the decoded ids of at most 31 bytes that came back as the very String decoded the time before. */
    private static final class MdEntryIdsSeen {
        private final java.util.Map<String, String> last = new java.util.HashMap<>();
        int kept;

        void check(String decoded) {
            String before = last.put(decoded, decoded);
            if (before == decoded && decoded.length() < 32) {
                kept++;
            }
        }
    }

    static long[] seeds() {
        return SEEDS;
    }

    private void assertSame(String raw, String what) throws Exception {
        MarketDataIncrement expected = null;
        DecodeException expectedError = null;
        try {
            expected = referenceDecode(raw);
        } catch (DecodeException e) {
            expectedError = e;
        }
        MarketDataIncrement actual = null;
        DecodeException actualError = null;
        try {
            actual = fast.decode(raw, STAMP);
        } catch (DecodeException e) {
            actualError = e;
        }
        String shown = what + ": " + raw.replace('\u0001', '|');
        if (expectedError != null) {
            assertThat(actualError).as("%s must fail as the reference does: %s %s", shown, expectedError.reason(),
                    expectedError.getMessage()).isNotNull();
            assertThat(actualError.reason()).as("%s: reference says %s", shown, expectedError.getMessage())
                    .isEqualTo(expectedError.reason());
            assertThat(actualError.tag()).as("%s: reference says %s", shown, expectedError.getMessage())
                    .isEqualTo(expectedError.tag());
            assertThat(actualError.msgType()).as(shown).isEqualTo(expectedError.msgType());
        } else {
            assertThat(actualError).as("%s must decode", shown).isNull();
            assertThat(actual).as(shown).isEqualTo(expected);
            // Decimal equality is numeric: the written scale must match too
            assertThat(actual.toString()).as(shown).isEqualTo(expected.toString());
        }
    }

    private MarketDataIncrement referenceDecode(String raw) throws DecodeException {
        return (MarketDataIncrement) reference.decode(parser.parse(raw), STAMP);
    }

    private DecodeException decodeFailure(String raw) {
        try {
            fast.decode(raw, STAMP);
        } catch (DecodeException e) {
            return e;
        }
        throw new AssertionError("decoded: " + raw);
    }

    /** Seeded random Kraken 35=X messages, and seeded damage to them. */
    static final class RandomIncrements {

        private static final String[] SYMBOLS = {"BTC/USD", "ETH/USD", "PF_ETHUSD", "TSLAx/USD"};
        private static final String[] OPTIONAL_HEADER = {"43", "97", "122", "369", "50", "57"};

        private RandomIncrements() {
        }

        /** The fields between BodyLength and CheckSum, as [tag, value] pairs. */
        static List<String[]> body(Random rnd) {
            List<String[]> header = new ArrayList<>();
            header.add(f("49", rnd.nextBoolean() ? "KRAKEN-MD" : "KRAKEN-DRV-MD"));
            header.add(f("56", "MYCOMPID"));
            header.add(f("34", Integer.toString(1 + rnd.nextInt(1_000_000))));
            header.add(f("52", "20250303-14:13:" + two(rnd.nextInt(60)) + "." + three(rnd.nextInt(1000))));
            if (rnd.nextInt(8) == 0) {
                header.add(f("43", "N"));
            }
            if (rnd.nextInt(8) == 0) {
                header.add(f("369", Integer.toString(rnd.nextInt(100))));
            }
            java.util.Collections.shuffle(header, rnd); // Kraken's examples put 56 before 49
            List<String[]> fields = new ArrayList<>();
            fields.add(f("35", "X"));
            fields.addAll(header);
            if (rnd.nextInt(6) != 0) {
                fields.add(f("55", SYMBOLS[rnd.nextInt(SYMBOLS.length)]));
            }
            if (rnd.nextInt(6) != 0) {
                fields.add(f("262", Integer.toString(rnd.nextInt(20))));
            }
            // now and then a long message (1-4 KiB): the CheckSum's byte sum runs over more than one block
            int n = rnd.nextInt(10) == 0 ? 20 + rnd.nextInt(60) : rnd.nextInt(12);
            fields.add(f("268", Integer.toString(n)));
            for (int i = 0; i < n; i++) {
                List<String[]> entry = new ArrayList<>();
                boolean trade = rnd.nextInt(5) == 0;
                entry.add(f("269", trade ? "2" : Integer.toString(rnd.nextInt(2))));
                if (rnd.nextInt(5) != 0) {
                    entry.add(f("278", (rnd.nextBoolean() ? "B" : "O") + decimal(rnd)));
                }
                if (rnd.nextInt(7) != 0) {
                    entry.add(f("270", decimal(rnd)));
                }
                if (rnd.nextInt(7) != 0) {
                    entry.add(f("271", decimal(rnd)));
                }
                int time = rnd.nextInt(4);
                if (time == 1) {
                    entry.add(f("273", two(rnd.nextInt(24)) + ":" + two(rnd.nextInt(60)) + ":" + two(rnd.nextInt(60))
                            + "." + three(rnd.nextInt(1000))));
                } else if (time == 2) {
                    entry.add(f("273", "20250303-" + two(rnd.nextInt(24)) + ":42:27.208"));
                }
                if (rnd.nextInt(4) == 0) {
                    entry.add(f("5060", "2025-03-03T14:13:24." + nanos(rnd) + "Z"));
                    entry.add(f("5273", "2025-03-03T14:13:2" + rnd.nextInt(10) + "." + nanos(rnd) + "Z"));
                }
                if (trade) {
                    entry.add(f("40", rnd.nextBoolean() ? "1" : "2"));
                    entry.add(f("2446", rnd.nextBoolean() ? "1" : "2"));
                }
                java.util.Collections.shuffle(entry, rnd); // members may come in any order after 279
                fields.add(f("279", Integer.toString(rnd.nextInt(3))));
                fields.addAll(entry);
            }
            if (rnd.nextBoolean()) {
                fields.add(f("5041", Long.toString(rnd.nextLong() & 0xFFFF_FFFFL)));
            }
            return fields;
        }

        record Damaged(String raw, String what) {
        }

        static Damaged damage(Random rnd, List<String[]> fields) {
            List<String[]> d = new ArrayList<>();
            for (String[] x : fields) {
                d.add(x.clone());
            }
            int at = 1 + rnd.nextInt(d.size() - 1); // never MsgType itself
            String[] victim = d.get(at);
            String what;
            switch (rnd.nextInt(14)) {
                case 0:
                    d.remove(at);
                    what = "removed " + victim[0];
                    break;
                case 1:
                    d.add(at, victim.clone());
                    what = "repeated " + victim[0];
                    break;
                case 2:
                    victim[1] = "";
                    what = "emptied " + victim[0];
                    break;
                case 3:
                    victim[1] = garbage(rnd);
                    what = "garbage in " + victim[0];
                    break;
                case 4:
                    victim[1] = victim[1] + garbage(rnd);
                    what = "suffix on " + victim[0];
                    break;
                case 5: {
                    String[] u = f(new String[]{"58", "44", "9999", "5999", "11", "1", "0"}[rnd.nextInt(7)], "7");
                    d.add(at, u);
                    what = "inserted " + u[0];
                    break;
                }
                case 6:
                    for (String[] x : d) {
                        if (x[0].equals("268")) {
                            x[1] = Integer.toString(Integer.parseInt(x[1]) + (rnd.nextBoolean() ? 1 : -1));
                        }
                    }
                    what = "miscounted 268";
                    break;
                case 7: {
                    String[] h = d.remove(1 + rnd.nextInt(3));
                    d.add(h);
                    what = "moved header " + h[0] + " to the end";
                    break;
                }
                case 8:
                    return new Damaged(frame(d).replace("\u000110=", "\u000110=9"), "long checksum");
                case 9: {
                    String raw = frame(d);
                    int cs = raw.lastIndexOf("\u000110=") + 4;
                    return new Damaged(raw.substring(0, cs) + (char) ('0' + (raw.charAt(cs) - '0' + 1) % 10)
                            + raw.substring(cs + 1), "wrong checksum");
                }
                case 10: {
                    String raw = frame(d);
                    return new Damaged(raw.substring(0, rnd.nextInt(raw.length())), "truncated");
                }
                case 11:
                    victim[1] = "-" + victim[1];
                    what = "negated " + victim[0];
                    break;
                case 12:
                    victim[0] = victim[0] + "x";
                    what = "bad tag " + victim[0];
                    break;
                default:
                    victim[1] = victim[1].length() > 1 ? victim[1].substring(1) : victim[1] + "0";
                    what = "shortened " + victim[0];
                    break;
            }
            return new Damaged(frame(d), what);
        }

        private static String garbage(Random rnd) {
            String[] g = {"A", "1.2.3", "x", "99999999999999999999", "0.1234567890123456789", "12:00", "Q", "3", "-",
                    "2025-13-01T00:00:00Z", "25:61:00.000", " ", "1e5", "4294967296"};
            return g[rnd.nextInt(g.length)];
        }

        static String frame(List<String[]> fields) {
            StringBuilder b = new StringBuilder();
            for (String[] x : fields) {
                b.append(x[0]).append('=').append(x[1]).append('\u0001');
            }
            String body = b.toString();
            String head = "8=FIX.4.4\u00019=" + body.length() + "\u0001";
            int sum = 0;
            for (char c : (head + body).toCharArray()) {
                sum += c;
            }
            return head + body + "10=" + three(sum & 0xFF) + "\u0001";
        }

        private static String decimal(Random rnd) {
            long mantissa = switch (rnd.nextInt(4)) {
                case 0 -> rnd.nextInt(10);
                case 1 -> rnd.nextInt(100_000);
                case 2 -> rnd.nextLong() & 0xFFFF_FFFFL;
                default -> rnd.nextLong() & 0x00FF_FFFF_FFFF_FFFFL;
            };
            int scale = rnd.nextInt(10);
            String digits = Long.toString(mantissa);
            if (scale == 0) {
                return digits;
            }
            while (digits.length() <= scale) {
                digits = "0" + digits;
            }
            return digits.substring(0, digits.length() - scale) + "." + digits.substring(digits.length() - scale);
        }

        private static String nanos(Random rnd) {
            String n = Integer.toString(rnd.nextInt(1_000_000_000));
            return "000000000".substring(n.length()) + n;
        }

        private static String two(int v) {
            return v < 10 ? "0" + v : Integer.toString(v);
        }

        private static String three(int v) {
            return v < 10 ? "00" + v : v < 100 ? "0" + v : Integer.toString(v);
        }

        private static String[] f(String tag, String value) {
            return new String[]{tag, value};
        }
    }
}
