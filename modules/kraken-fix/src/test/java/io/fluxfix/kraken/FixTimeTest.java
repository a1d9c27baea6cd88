package io.fluxfix.kraken;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

class FixTimeTest {

    @Test
    void readsKrakensFormats() {
        assertThat(FixTime.parseTimestamp("20260407-14:32:05.122")).isEqualTo(nanos("2026-04-07T14:32:05.122Z"));
        assertThat(FixTime.parseTimestamp("20260408-14:32:05")).isEqualTo(nanos("2026-04-08T14:32:05Z"));
        assertThat(FixTime.parseTimestamp("20240229-00:00:00.123456789")).isEqualTo(nanos("2024-02-29T00:00:00.123456789Z"));
        assertThat(FixTime.parseTimeOnly("13:49:07.307")).isEqualTo(((13 * 60 + 49) * 60 + 7) * 1_000_000_000L + 307_000_000L);
        assertThat(FixTime.parseIso("2026-02-03T10:24:34.650069468Z")).isEqualTo(nanos("2026-02-03T10:24:34.650069468Z"));
        assertThat(FixTime.parseEntryTime("20260203-10:24:34.650069")).isEqualTo(FixTime.parseTimeOnly("10:24:34.650069"));
    }

    @Test
    void writesMillisecondsForTimestampsAndTheNeededPrecisionForTimesOfDay() {
        assertThat(FixTime.formatTimestamp(nanos("2026-04-07T14:32:05.122999Z"))).isEqualTo("20260407-14:32:05.122");
        assertThat(FixTime.formatTimeOnly(FixTime.parseTimeOnly("09:30:15.313"))).isEqualTo("09:30:15.313");
        assertThat(FixTime.formatTimeOnly(FixTime.parseTimeOnly("09:30:15.313001"))).isEqualTo("09:30:15.313001");
        assertThat(FixTime.formatIso(nanos("2026-02-03T10:24:34.65Z"))).isEqualTo("2026-02-03T10:24:34.650000000Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026040714:32:05", "20261307-14:32:05", "20260230-14:32:05", "20260407-24:00:00",
            "20260407-14:32:05.", "20260407-14:32:05.1234567890", "20260407-14:3x:05", ""})
    void refusesWhatIsNotAUtcTimestamp(String text) {
        assertThatThrownBy(() -> FixTime.parseTimestamp(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 2026L, 0xBEEFL})
    void agreesWithJavaTimeOverThreeCenturies(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS");
        for (int i = 0; i < 20_000; i++) {
            // 1900..2262: epoch nanoseconds in a long end in April 2262.
            long millis = r.nextLong(-2_208_988_800_000L, 9_222_000_000_000L);
            String expected = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000),
                    Math.floorMod(millis, 1000) * 1_000_000, ZoneOffset.UTC).format(fmt);
            String written = FixTime.formatTimestamp(millis * 1_000_000);
            if (!written.equals(expected) || FixTime.parseTimestamp(expected) != millis * 1_000_000) {
                fail("seed " + seed + ": " + millis + " ms wrote " + written + ", expected " + expected);
            }
        }
    }

    /**
     * The byte parsers {@link FastIncrementalDecoder} uses must accept exactly what the CharSequence parsers
     * accept, with the same value: valid times and timestamps, then each with one character replaced (digits out
     * of range, separators, signs) or cut short.
     */
    @ParameterizedTest
    @ValueSource(longs = {3L, 77L})
    void byteParsersAcceptExactlyWhatTheTextParsersAccept(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        // separators, signs, letters, and bytes either side of the digits' nibble and of the sign bit
        String alphabet = "0123456789:.-/ 9Z\u0000\u007F\u00B0\u00B9\u00FF?@";
        for (int i = 0; i < 20_000; i++) {
            long nanos = r.nextLong(-2_208_988_800_000_000_000L, 4_102_444_800_000_000_000L);
            String fraction = r.nextInt(3) == 0 ? "" : "." + Long.toString(1_000_000_000L + r.nextInt(1_000_000_000))
                    .substring(1, 2 + r.nextInt(9)); // 1 to 9 digits
            String ts = FixTime.formatTimestamp(nanos).substring(0, 17) + fraction;
            String time = ts.substring(9);
            for (String text : new String[] {ts, time, ts.substring(0, 17), mutate(r, ts, alphabet),
                    mutate(r, time, alphabet), ts.substring(0, r.nextInt(ts.length() + 1)),
                    time.substring(0, r.nextInt(time.length() + 1)) + (r.nextBoolean() ? "" : "1234567890")}) {
                byte[] b = ("|" + text + "|").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                int from = 1;
                int to = b.length - 1;
                assertThat(FixTime.timestamp(b, from, to)).as("timestamp '%s'", text)
                        .isEqualTo(orInvalid(() -> FixTime.parseTimestamp(text)));
                assertThat(FixTime.entryTime(b, from, to)).as("entry time '%s'", text)
                        .isEqualTo(orInvalid(() -> FixTime.parseEntryTime(text)));
            }
        }
    }

    private static String mutate(SplittableRandom r, String s, String alphabet) {
        char[] c = s.toCharArray();
        c[r.nextInt(c.length)] = alphabet.charAt(r.nextInt(alphabet.length()));
        return new String(c);
    }

    private static long orInvalid(java.util.function.LongSupplier parse) {
        try {
            return parse.getAsLong();
        } catch (IllegalArgumentException e) {
            return FixTime.INVALID;
        }
    }

    private static long nanos(String iso) {
        Instant i = Instant.parse(iso);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
