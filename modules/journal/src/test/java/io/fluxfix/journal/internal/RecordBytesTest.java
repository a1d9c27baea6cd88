package io.fluxfix.journal.internal;

import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The primitive encodings of a record read back exactly, and a damaged record fails cleanly. */
class RecordBytesTest {

    private final RecordWriter out = new RecordWriter(4); // tiny: every test also exercises growth
    private final RecordSource in = new RecordSource();

    private RecordSource written() {
        return in.load(out.array(), out.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "BTC/USD", "ünïcode", "€ 3 bytes", "emoji 🚀 needs a surrogate pair", "日本語"})
    void stringsRoundTripAsUtf8(String s) {
        out.writeUtf8(s);
        out.writeUtf8(null);
        RecordSource r = written();
        assertThat(r.readUtf8()).isEqualTo(s);
        assertThat(r.readUtf8()).isNull();
        assertThat(r.readRemaining()).isZero();
        assertThat(out.length()).isEqualTo(1 + s.getBytes(StandardCharsets.UTF_8).length + 1);
    }

    /** The one-pass ASCII path (under 127 chars) and the two-pass path write the same bytes as the JDK. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 128, 300})
    void stringsAroundTheOnePassLimitEncodeLikeTheJdk(int chars) {
        for (String tail : new String[] {"", "é", "€", "🚀"}) {
            String s = "x".repeat(chars) + tail;
            String mid = tail + "y".repeat(chars);
            for (String v : new String[] {s, mid}) {
                out.clear();
                out.writeUtf8(v);
                byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
                RecordWriter expected = new RecordWriter();
                expected.writeVarLong(utf8.length + 1L);
                assertThat(java.util.Arrays.copyOf(out.array(), out.length()))
                        .startsWith(java.util.Arrays.copyOf(expected.array(), expected.length()))
                        .endsWith(utf8)
                        .hasSize(expected.length() + utf8.length);
                assertThat(written().readUtf8()).isEqualTo(v);
            }
        }
    }

    /**
     * The writer remembers the bytes of the last short strings it wrote, by identity: the same String written
     * again, strings whose hashes share a slot, and equal but distinct Strings all read back as written.
     */
    @Test
    void stringsWrittenAgainReadBackTheSame() {
        Random rnd = new Random(11);
        String[] pool = new String[64];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = i % 7 == 0 ? "ü" + i : i % 5 == 0 ? "x".repeat(20 + i) : "B8400" + i + ".5";
        }
        String[] order = new String[2_000];
        for (int i = 0; i < order.length; i++) {
            String s = pool[rnd.nextInt(pool.length)];
            order[i] = rnd.nextBoolean() ? s : new String(s); // an equal String that is another instance
            out.writeUtf8(order[i]);
        }
        RecordSource r = written();
        for (String s : order) {
            assertThat(r.readUtf8()).isEqualTo(s);
        }
        assertThat(r.readRemaining()).isZero();
    }

    /**
     * Strings of every length up to past the one-byte limit, ASCII (copied from the String's own bytes in words
     * and a tail) or with one Latin-1 or wider char at the start, the middle or the end (each must be encoded, not
     * copied), each written fresh, then again from the writer's memory (copied in words), then without the
     * memory, after every length of prefix: the JDK's UTF-8 bytes every time, and whatever a copy writes past a
     * string is written over by what comes next.
     */
    @Test
    void stringsOfEveryLengthAndAlignmentAreTheJdksUtf8() {
        for (int chars = 0; chars <= 130; chars++) {
            String ascii = "abcdefghijklmnopqrstuvwxyz0123456789".repeat(4).substring(0, chars);
            List<String> variants = new ArrayList<>(List.of(ascii));
            for (String odd : new String[] {"é", "\u00ff", "\u0100", "€"}) {
                if (chars > 0) {
                    variants.add(odd + ascii.substring(1));
                    variants.add(ascii.substring(0, chars / 2) + odd + ascii.substring(chars / 2 + 1));
                    variants.add(ascii.substring(0, chars - 1) + odd);
                }
            }
            for (String s : variants) {
                for (int prefix = 0; prefix < 8; prefix++) {
                    RecordWriter w = new RecordWriter(1 + prefix);
                    ByteArrayOutputStream expected = new ByteArrayOutputStream();
                    for (int k = 0; k < prefix; k++) {
                        w.writeByte((byte) 0x7E);
                        expected.write(0x7E);
                    }
                    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                    for (int pass = 0; pass < 3; pass++) {
                        if (pass < 2) {
                            w.writeUtf8(s); // fresh, then remembered
                        } else {
                            w.writeUtf8Unique(s);
                        }
                        w.writeByte((byte) 0x55); // over any scratch the copy left
                        RecordWriter length = new RecordWriter();
                        length.writeVarLong(utf8.length + 1L);
                        expected.write(length.array(), 0, length.length());
                        expected.writeBytes(utf8);
                        expected.write(0x55);
                    }
                    assertThat(Arrays.copyOf(w.array(), w.length())).as("\"%s\" after %d bytes", s, prefix)
                            .isEqualTo(expected.toByteArray());
                }
            }
        }
    }

    /**
     * Where a String's own bytes cannot be had (no {@code --add-opens java.base/java.lang}, or compact strings
     * off), every string goes char by char: the same bytes as the JDK's UTF-8 for every length, ASCII or not.
     */
    @Test
    void theCharByCharPathWritesTheJdksUtf8() {
        for (int chars = 0; chars <= 300; chars++) {
            String ascii = "0123456789abcdefghijklmnopqrstuvwxyz".repeat(9).substring(0, chars);
            for (String s : new String[] {ascii, ascii + "é", "€" + ascii, ascii + "🚀", ascii + "\uD800"}) {
                byte[] a = new byte[RecordWriter.utf8Bound(s) + RecordWriter.SLACK];
                int end = RecordWriter.putUtf8Chars(a, 0, s);
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                RecordWriter length = new RecordWriter();
                length.writeVarLong(utf8.length + 1L);
                byte[] expected = Arrays.copyOf(length.array(), length.length() + utf8.length);
                System.arraycopy(utf8, 0, expected, length.length(), utf8.length);
                assertThat(Arrays.copyOf(a, end)).as("%d chars: %s", chars, s).isEqualTo(expected);
            }
        }
    }

    /**
     * A remembered string is copied in whole words, past its end: the room {@code reserve} adds keeps that inside
     * the array whatever the capacity and position (else an index error), and the bytes stay the string's.
     */
    @Test
    void rememberedStringsCopiedInWordsStayInsideAnyBuffer() {
        for (String s : new String[] {"", "1", "USD", "BTC/USD", "1744036325000000", "x".repeat(30)}) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            for (int capacity = 1; capacity <= 48; capacity++) {
                for (int prefix = 0; prefix <= capacity; prefix++) {
                    RecordWriter w = new RecordWriter(capacity);
                    w.writeUtf8(s);
                    w.clear();
                    for (int k = 0; k < prefix; k++) {
                        w.writeByte((byte) 1);
                    }
                    w.writeUtf8(s); // from memory, at the very end of what the buffer holds
                    assertThat(Arrays.copyOfRange(w.array(), prefix + 1, w.length())).isEqualTo(utf8);
                }
            }
        }
    }

    @Test
    void aLoneSurrogateBecomesAQuestionMarkLikeTheJdkWritesIt() {
        String s = "a\uD800b";
        out.writeUtf8(s);
        assertThat(written().readUtf8()).isEqualTo(new String(s.getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, -1, 63, -64, 64, 127, 128, 840_001, -840_001, Long.MAX_VALUE, Long.MIN_VALUE})
    void numbersRoundTrip(long v) {
        out.writeSignedVarLong(v);
        out.writeVarLong(v);
        out.writeLong(v);
        out.writeInt((int) v);
        RecordSource r = written();
        assertThat(r.readSignedVarLong()).isEqualTo(v);
        assertThat(r.readVarLong()).isEqualTo(v);
        assertThat(r.readLong()).isEqualTo(v);
        assertThat(r.readInt()).isEqualTo((int) v);
    }

    /** A unique value (ExecID, TradeID) is written without the recent-string memory, in the same bytes. */
    @ParameterizedTest
    @ValueSource(strings = {"", "EXEC003:TRD001", "ünïcode", "🚀",
        "a long ExecID, longer than the one-byte length of the one-pass path: 0123456789 0123456789 0123456789 0123456789 0123456789"})
    void uniqueStringsAreWrittenLikeAnyString(String s) {
        RecordWriter remembered = new RecordWriter(4);
        for (int i = 0; i < 3; i++) { // again and again: the remembered copy and the fresh encoding agree
            out.writeUtf8Unique(s);
            out.writeUtf8Unique(null);
            remembered.writeUtf8(s);
            remembered.writeUtf8(null);
        }
        assertThat(java.util.Arrays.copyOf(out.array(), out.length()))
                .isEqualTo(java.util.Arrays.copyOf(remembered.array(), remembered.length()));
        RecordSource r = written();
        for (int i = 0; i < 3; i++) {
            assertThat(r.readUtf8()).isEqualTo(s);
            assertThat(r.readUtf8()).isNull();
        }
    }

    /**
     * The combined writes (one capacity check for several fields, or one reservation and a put) write exactly
     * the bytes of the single writes they stand for, at any position of a buffer that has to grow.
     */
    @Test
    void combinedWritesAreTheSingleWritesBytes() {
        Random random = new Random(13);
        RecordWriter single = new RecordWriter(4);
        for (int i = 0; i < 500; i++) {
            long a = random.nextLong() >> random.nextInt(64);
            long b = random.nextLong();
            long c = random.nextInt(3) - 1;
            byte x = (byte) random.nextInt();
            byte y = (byte) random.nextInt();
            int n = random.nextInt();
            switch (i % 4) {
                case 0 -> {
                    byteAndSignedVarLong(out, x, a);
                    single.writeByte(x);
                    single.writeSignedVarLong(a);
                }
                case 1 -> {
                    out.writeBytesLongIntLong(x, y, (byte) (x ^ y), a, n, b);
                    single.writeByte(x);
                    single.writeByte(y);
                    single.writeByte((byte) (x ^ y));
                    single.writeLong(a);
                    single.writeInt(n);
                    single.writeLong(b);
                }
                case 2 -> {
                    byteAndSignedVarLong(out, y, c);
                    single.writeByte(y);
                    single.writeSignedVarLong(c);
                }
                default -> {
                    out.writeBytes2(x, y);
                    single.writeByte(x);
                    single.writeByte(y);
                }
            }
            if (i % 7 == 0) { // an odd-length string between them: the combined writes land at unaligned positions
                out.writeUtf8("BTC/USD");
                single.writeUtf8("BTC/USD");
            }
        }
        assertThat(java.util.Arrays.copyOf(out.array(), out.length()))
                .isEqualTo(java.util.Arrays.copyOf(single.array(), single.length()));
    }

    /** A decimal's scale and mantissa as the encoders write them: one reservation, one put. */
    private static void byteAndSignedVarLong(RecordWriter w, byte b, long v) {
        byte[] a = w.reserve(1 + RecordWriter.MAX_VARLONG);
        w.position(RecordWriter.putByteAndSignedVarLong(a, w.position(), b, v));
    }

    @Test
    void seededRandomValuesRoundTrip() {
        long seed = 7;
        Random random = new Random(seed);
        long[] values = random.longs(1000).toArray();
        for (long v : values) {
            out.writeSignedVarLong(v >> random.nextInt(64));
        }
        Random again = new Random(seed);
        again.longs(1000).toArray();
        RecordSource r = written();
        for (long v : values) {
            assertThat(r.readSignedVarLong()).as("seed %d", seed).isEqualTo(v >> again.nextInt(64));
        }
    }

    @Test
    void aRecordCutShortFailsWithACorruptRecordError() {
        out.writeLong(1);
        out.writeUtf8("BTC/USD");
        RecordSource cut = in.load(out.array(), out.length() - 3);
        cut.readLong();
        assertThatThrownBy(cut::readUtf8).isInstanceOf(RecordSource.CorruptRecordException.class);
        assertThatThrownBy(() -> in.load(out.array(), 5).readLong())
                .isInstanceOf(RecordSource.CorruptRecordException.class).hasMessageContaining("early");
    }

    /** The written record copied to native memory; {@code read} gets a source pointed at it (released after). */
    private void inNativeMemory(int length, java.util.function.Consumer<RecordSource> read) {
        inNativeMemory(out, length, read);
    }

    /** {@code written}'s record copied to native memory, as {@link #inNativeMemory(int, java.util.function.Consumer)}. */
    private static void inNativeMemory(RecordWriter written, int length, java.util.function.Consumer<RecordSource> read) {
        Bytes<Void> memory = Bytes.allocateDirect(Math.max(1, written.length()));
        try {
            memory.write(written.array(), 0, written.length());
            read.accept(new RecordSource().point(memory.addressForRead(0), length));
        } finally {
            memory.releaseLast();
        }
    }

    @Test
    void aRecordReadWhereItLiesInNativeMemoryReadsAsItsCopyDoes() {
        String[] strings = {"", "BTC/USD", "ünïcode", "emoji 🚀 needs a surrogate pair", "日本語", null};
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            out.writeByte((byte) i);
            out.writeInt(random.nextInt());
            out.writeLong(random.nextLong());
            out.writeSignedVarLong(random.nextLong() >> random.nextInt(64));
            out.writeUtf8(strings[i % strings.length]);
            out.writeUtf8(strings[(i + 1) % strings.length]);
        }
        RecordSource copy = written();
        Utf8Cache copyCache = new Utf8Cache();
        Utf8Cache nativeCache = new Utf8Cache();
        inNativeMemory(out.length(), place -> {
            for (int i = 0; i < 200; i++) {
                assertThat(place.readByte()).isEqualTo(copy.readByte());
                assertThat(place.readInt()).isEqualTo(copy.readInt());
                assertThat(place.readLong()).isEqualTo(copy.readLong());
                assertThat(place.readSignedVarLong()).isEqualTo(copy.readSignedVarLong());
                assertThat(place.readUtf8(nativeCache)).isEqualTo(copy.readUtf8(copyCache));
                long at = place.skipUtf8();
                assertThat(place.utf8At(at)).isEqualTo(copy.readUtf8());
            }
            assertThat(place.readRemaining()).isZero();
            assertThat(copy.readRemaining()).isZero();
        });
    }

    @Test
    void aRecordInNativeMemoryCutShortFailsWithACorruptRecordErrorAndReadsNothingPastIt() {
        out.writeLong(1);
        out.writeUtf8("BTC/USD");
        out.writeLong(2); // the "next record": never read
        inNativeMemory(8 + 1 + 7 - 3, cut -> {
            cut.readLong();
            assertThatThrownBy(cut::readUtf8).isInstanceOf(RecordSource.CorruptRecordException.class);
        });
        inNativeMemory(5, cut -> assertThatThrownBy(cut::readLong)
                .isInstanceOf(RecordSource.CorruptRecordException.class).hasMessageContaining("early"));
        inNativeMemory(8 + 1 + 7, whole -> {
            whole.readLong();
            assertThat(whole.readUtf8()).isEqualTo("BTC/USD");
            assertThatThrownBy(whole::readLong).as("the record ends before the next one")
                    .isInstanceOf(RecordSource.CorruptRecordException.class);
            whole.clear();
            assertThat(whole.readRemaining()).as("cleared: nothing left pointing at the memory").isZero();
        });
    }
    /**
     * A varint of every length (1 to 10 bytes) read at every distance from the record's end, where the reader
     * takes eight bytes at once and where it cannot: the same value, the same position after it, and a varint cut
     * by the record's end fails.
     */
    @Test
    void varintsOfEveryLengthReadTheSameAtEveryDistanceFromTheEnd() {
        for (int bytes = 1; bytes <= 10; bytes++) {
            long v = bytes == 10 ? -1L : (1L << (7 * bytes)) - 1 - 0x55; // the largest of its length, bits mixed
            if (bytes == 1) {
                v = 0x2A;
            }
            for (int after = 0; after <= 9; after++) {
                RecordWriter w = new RecordWriter(4);
                w.writeVarLong(v);
                w.writeSignedVarLong(-v >> 1);
                for (int k = 0; k < after; k++) {
                    w.writeByte((byte) 0xFF); // high bits set: no varint may end in them
                }
                RecordSource r = new RecordSource().load(w.array(), w.length());
                assertThat(r.readVarLong()).as("%d bytes, %d after", bytes, after).isEqualTo(v);
                assertThat(r.readSignedVarLong()).as("%d bytes, %d after", bytes, after).isEqualTo(-v >> 1);
                assertThat(r.readRemaining()).isEqualTo(after);
                if (after > 0) {
                    assertThatThrownBy(r::readVarLong).isInstanceOf(RecordSource.CorruptRecordException.class)
                            .hasMessageContaining("early");
                }
                RecordWriter cutW = new RecordWriter(4);
                cutW.writeVarLong(v);
                if (bytes > 1) {
                    RecordSource cut = new RecordSource().load(cutW.array(), cutW.length() - 1);
                    assertThatThrownBy(cut::readVarLong).isInstanceOf(RecordSource.CorruptRecordException.class)
                            .hasMessageContaining("early");
                }
            }
        }
        byte[] eleven = new byte[16];
        java.util.Arrays.fill(eleven, (byte) 0x80);
        assertThatThrownBy(() -> new RecordSource().load(eleven, 16).readVarLong())
                .isInstanceOf(RecordSource.CorruptRecordException.class).hasMessageContaining("ten bytes");
    }

    /**
     * Strings read through a cache, where they lie in native memory and from a copy: names of the same length
     * that differ only in their first, a middle or their last byte (in and after the eight-byte steps of the
     * compare) are each read as themselves, however they alternate.
     */
    @Test
    void cachedStringsOfTheSameLengthAreNeverTakenForOneAnother() {
        String[] names = {"BTC/USD", "ETH/USD", "BTC/USE", "XBT/USD-perpetual", "XBT/USD-perpetuaL",
            "XBT/USE-perpetual", "xBT/USD-perpetual", "BTC/USD", "", "BTC/USD", "12345678", "12345679"};
        Random random = new Random(5);
        String[] sequence = new String[300];
        for (int i = 0; i < sequence.length; i++) {
            sequence[i] = random.nextInt(3) == 0 ? sequence[Math.max(0, i - 1)] : names[random.nextInt(names.length)];
            if (sequence[i] == null) {
                sequence[i] = names[0];
            }
            out.writeUtf8(sequence[i]);
        }
        Utf8Cache copyCache = new Utf8Cache();
        RecordSource copy = written();
        for (String expected : sequence) {
            assertThat(copy.readUtf8(copyCache)).isEqualTo(expected);
        }
        Utf8Cache nativeCache = new Utf8Cache();
        inNativeMemory(out.length(), place -> {
            for (String expected : sequence) {
                assertThat(place.readUtf8(nativeCache)).isEqualTo(expected);
            }
        });
    }
    /**
     * Names of up to eight bytes (the session, request id and symbol of every market-data record) are compared
     * against the cache's last one in a single read masked to their length when eight bytes of the record follow
     * them, byte by byte when fewer do: names differing only in their first, a middle or their last byte are each
     * read as themselves at every distance 0-9 from the record's end, with bytes after them that would match a
     * too-wide compare; a name repeated is recognised without a lookup in the cache.
     */
    @Test
    void shortCachedNamesAreComparedToTheirLengthOnlyAtEveryDistanceFromTheEnd() {
        for (int len = 1; len <= 8; len++) {
            for (int at : new int[] {0, len / 2, len - 1}) {
                char[] chars = "BTC/USD!".substring(0, len).toCharArray();
                String a = new String(chars);
                chars[at]++;
                String b = new String(chars);
                String[] sequence = {a, b, b, a, a, b, "", a, b};
                for (int after = 0; after <= 9; after++) {
                    RecordWriter w = new RecordWriter(8);
                    for (String name : sequence) {
                        w.writeUtf8(name);
                        w.writeByte((byte) (name.isEmpty() ? 'x' : name.charAt(0))); // a too-wide mask sees these
                    }
                    w.writeUtf8(b);
                    for (int k = 0; k < after; k++) {
                        w.writeByte((byte) 'D');
                    }
                    RecordSource copy = new RecordSource().load(w.array(), w.length());
                    Utf8Cache copyCache = new Utf8Cache();
                    Utf8Cache nativeCache = new Utf8Cache();
                    inNativeMemory(w, w.length(), place -> {
                        for (String name : sequence) {
                            assertThat(copy.readUtf8(copyCache)).as("%s after %s", name, a).isEqualTo(name);
                            assertThat(place.readUtf8(nativeCache)).as("%s after %s", name, a).isEqualTo(name);
                            copy.readByte();
                            place.readByte();
                        }
                        assertThat(copy.readUtf8(copyCache)).isEqualTo(b);
                        assertThat(place.readUtf8(nativeCache)).isEqualTo(b);
                    });
                    // A repeated name is answered by the compare with the last one, not looked up again.
                    assertThat(copyCache.lookups).as("lookups, %d bytes, %d after", len, after).isEqualTo(7);
                    assertThat(nativeCache.lookups).as("lookups, %d bytes, %d after", len, after).isEqualTo(7);
                }
            }
        }
    }
}
