package io.fluxfix.kraken;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The time formats of Kraken's FIX dialect, to and from epoch nanoseconds, without allocation on the parse
 * side: UTCTimestamp {@code YYYYMMDD-HH:MM:SS[.fff]} (tags 52, 60, 62, 126, 168), UTCTimeOnly
 * {@code HH:MM:SS[.fff]} (273) and ISO-8601 {@code YYYY-MM-DDTHH:MM:SS.fffffffffZ} (5060, 5273). Fractions
 * of 1 to 9 digits are read; timestamps are written with milliseconds, as Kraken does.
 */
public final class FixTime {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_DAY = 86_400L * NANOS_PER_SECOND;

    private FixTime() {
    }

    /** {@code YYYYMMDD-HH:MM:SS[.f{1,9}]} to epoch nanoseconds. */
    public static long parseTimestamp(CharSequence s) {
        int n = s.length();
        if (n < 17 || s.charAt(8) != '-') {
            throw bad(s, "YYYYMMDD-HH:MM:SS[.sss]");
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 4, 6);
        int day = digits(s, 6, 8);
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            throw bad(s, "a valid date");
        }
        return epochDay(year, month, day) * NANOS_PER_DAY + timeOfDay(s, 9, n);
    }

    /** {@code HH:MM:SS[.f{1,9}]} to nanoseconds of the day. */
    public static long parseTimeOnly(CharSequence s) {
        return timeOfDay(s, 0, s.length());
    }

    /**
     * A Kraken MDEntryTime: a time of day, or (as Kraken's L3 guide describes it) a full timestamp, of which
     * the time of day is kept.
     */
    public static long parseEntryTime(CharSequence s) {
        if (s.length() >= 17 && s.charAt(8) == '-') {
            return Math.floorMod(parseTimestamp(s), NANOS_PER_DAY);
        }
        return parseTimeOnly(s);
    }

    /** {@code YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z} to epoch nanoseconds. */
    public static long parseIso(CharSequence s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(n - 1) != 'Z') {
            throw bad(s, "YYYY-MM-DDTHH:MM:SS[.fffffffff]Z");
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            throw bad(s, "a valid date");
        }
        return epochDay(year, month, day) * NANOS_PER_DAY + timeOfDay(s, 11, n - 1);
    }

    public static String formatTimestamp(long epochNanos) {
        StringBuilder sb = new StringBuilder(21);
        appendTimestamp(sb, epochNanos);
        return sb.toString();
    }

    /** Appends {@code YYYYMMDD-HH:MM:SS.sss} (milliseconds; finer digits are dropped). */
    public static void appendTimestamp(StringBuilder sb, long epochNanos) {
        appendTimestamp(sb, epochNanos, 3);
    }

    /** {@code YYYYMMDD-HH:MM:SS}, the form Kraken documents for ExpireTime (126); fractions are dropped. */
    public static String formatTimestampSeconds(long epochNanos) {
        StringBuilder sb = new StringBuilder(17);
        appendTimestamp(sb, epochNanos, 0);
        return sb.toString();
    }

    private static void appendTimestamp(StringBuilder sb, long epochNanos, int decimals) {
        long day = Math.floorDiv(epochNanos, NANOS_PER_DAY);
        long nod = Math.floorMod(epochNanos, NANOS_PER_DAY);
        appendDate(sb, day, false);
        sb.append('-');
        appendTime(sb, nod, decimals);
    }

    /** {@code HH:MM:SS.sss}, or with 6 or 9 decimals when the value has sub-millisecond digits. */
    public static String formatTimeOnly(long nanosOfDay) {
        StringBuilder sb = new StringBuilder(18);
        int decimals = nanosOfDay % 1_000 != 0 ? 9 : nanosOfDay % 1_000_000 != 0 ? 6 : 3;
        appendTime(sb, nanosOfDay, decimals);
        return sb.toString();
    }

    /** {@code YYYY-MM-DDTHH:MM:SS.fffffffffZ}, always with nine decimals. */
    public static String formatIso(long epochNanos) {
        StringBuilder sb = new StringBuilder(30);
        long day = Math.floorDiv(epochNanos, NANOS_PER_DAY);
        appendDate(sb, day, true);
        sb.append('T');
        appendTime(sb, Math.floorMod(epochNanos, NANOS_PER_DAY), 9);
        sb.append('Z');
        return sb.toString();
    }

    // --- straight from message bytes (FastIncrementalDecoder) ------------------------------------------

    /** Returned by the byte parsers for text they do not accept; the CharSequence parsers then say why. */
    static final long INVALID = Long.MIN_VALUE + 1;

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ZEROS = 0x3030_3030_3030_3030L;
    private static final long SIXES = 0x0606_0606_0606_0606L;
    private static final long HIGH_NIBBLES = 0xF0F0_F0F0_F0F0_F0F0L;
    /** HH:MM:SS read little-endian: the colons are bytes 2 and 5, the digits the others. */
    private static final long COLONS_MASK = 0x0000_FF00_00FF_0000L;
    private static final long COLONS = 0x0000_3A00_003A_0000L;
    private static final long TIME_DIGITS = ~COLONS_MASK;

    private static final long[] FRACTION_SCALE = {
            1_000_000_000L, 100_000_000L, 10_000_000L, 1_000_000L, 100_000L, 10_000L, 1_000L, 100L, 10L, 1L};

    /**
     * {@link #parseEntryTime} of the ASCII bytes {@code b[from, to)}, or {@link #INVALID} when it is not a valid
     * time: accepts exactly what {@link #parseEntryTime} accepts, with no CharSequence and no allocation.
     */
    static long entryTime(byte[] b, int from, int to) {
        if (to - from >= 17 && b[from + 8] == '-') {
            long t = timestamp(b, from, to);
            return t == INVALID ? INVALID : Math.floorMod(t, NANOS_PER_DAY);
        }
        return timeOfDay(b, from, to);
    }

    /** {@link #parseTimestamp} of the ASCII bytes {@code b[from, to)}, or {@link #INVALID}. */
    static long timestamp(byte[] b, int from, int to) {
        if (to - from < 17 || b[from + 8] != '-') {
            return INVALID;
        }
        // YYYYMMDD: eight digits in one read (see timeOfDay)
        long w = (long) LONG_LE.get(b, from);
        if (!allDigits(w, -1L)) {
            return INVALID;
        }
        long pairs = pairs(w - ZEROS);
        int century = (int) (pairs & 0xFF);
        int yy = (int) (pairs >>> 16 & 0xFF);
        int month = (int) (pairs >>> 32 & 0xFF);
        int day = (int) (pairs >>> 48 & 0xFF);
        if (month < 1 || month > 12 || day < 1) {
            return INVALID;
        }
        int year = century * 100 + yy;
        if (day > daysInMonth(year, month)) {
            return INVALID;
        }
        long time = timeOfDay(b, from + 9, to);
        return time == INVALID ? INVALID : epochDay(year, month, day) * NANOS_PER_DAY + time;
    }

    /** {@code HH:MM:SS[.f{1,9}]} in {@code b[from, to)} to nanoseconds of the day, or {@link #INVALID}. */
    static long timeOfDay(byte[] b, int from, int to) {
        int n = to - from;
        if (n < 8) {
            return INVALID;
        }
        // HH:MM:SS in one little-endian read: the colons checked in place, the six digits checked and paired
        // together (byte i holds the i-th character)
        long w = (long) LONG_LE.get(b, from);
        if ((w & COLONS_MASK) != COLONS || !allDigits(w, TIME_DIGITS)) {
            return INVALID;
        }
        long pairs = pairs((w & TIME_DIGITS) - (ZEROS & TIME_DIGITS));
        int h = (int) (pairs & 0xFF);
        int m = (int) (pairs >>> 24 & 0xFF);
        int sec = (int) (pairs >>> 48 & 0xFF);
        if (h > 23 || m > 59 || sec > 60) {
            return INVALID;
        }
        long nanos = 0;
        if (n > 8) {
            int frac = n - 9;
            if (b[from + 8] != '.' || frac < 1 || frac > 9) {
                return INVALID;
            }
            for (int i = from + 9; i < to; i++) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    return INVALID;
                }
                nanos = nanos * 10 + d;
            }
            nanos *= FRACTION_SCALE[frac];
        }
        return ((h * 60L + m) * 60L + sec) * NANOS_PER_SECOND + nanos;
    }

    /**
     * Whether every byte of {@code w} that {@code mask} selects is an ASCII digit: its high nibble is 3 and stays 3
     * when 6 is added (0x3A..0x3F become 0x40..0x45; no byte carries into the next, as each is at most 0x3F then).
     */
    private static boolean allDigits(long w, long mask) {
        long d = w & mask;
        long threes = ZEROS & mask;
        return (d & HIGH_NIBBLES) == threes && ((d + SIXES) & mask & HIGH_NIBBLES) == threes;
    }

    /**
     * Digit values 0..9 per byte to two-digit numbers: byte i of the result is {@code 10 * byte i + byte i+1}
     * (at most 99, so nothing carries between bytes); read at the first byte of each pair.
     */
    private static long pairs(long digits) {
        return digits * 10 + (digits >>> 8);
    }

    // --- internals -------------------------------------------------------------------------------------

    private static long timeOfDay(CharSequence s, int from, int to) {
        if (to - from < 8 || s.charAt(from + 2) != ':' || s.charAt(from + 5) != ':') {
            throw bad(s, "HH:MM:SS[.sss]");
        }
        int h = digits(s, from, from + 2);
        int m = digits(s, from + 3, from + 5);
        int sec = digits(s, from + 6, from + 8);
        // FIX allows a leap second (60).
        if (h > 23 || m > 59 || sec > 60) {
            throw bad(s, "a valid time of day");
        }
        long nanos = 0;
        int p = from + 8;
        if (p < to) {
            if (s.charAt(p) != '.' || to - p - 1 < 1 || to - p - 1 > 9) {
                throw bad(s, "a fraction of 1 to 9 digits");
            }
            int frac = to - p - 1;
            nanos = digits(s, p + 1, to);
            for (int i = frac; i < 9; i++) {
                nanos *= 10;
            }
        }
        return ((h * 60L + m) * 60L + sec) * NANOS_PER_SECOND + nanos;
    }

    private static int digits(CharSequence s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw bad(s, "digits at position " + i);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static IllegalArgumentException bad(CharSequence s, String expected) {
        return new IllegalArgumentException("'" + s + "' is not " + expected);
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
    static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    private static int daysInMonth(int year, int month) {
        switch (month) {
            case 2:
                return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    private static void appendDate(StringBuilder sb, long epochDay, boolean dashes) {
        // civil_from_days
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) {
            y++;
        }
        pad(sb, y, 4);
        if (dashes) {
            sb.append('-');
        }
        pad(sb, m, 2);
        if (dashes) {
            sb.append('-');
        }
        pad(sb, d, 2);
    }

    private static void appendTime(StringBuilder sb, long nanosOfDay, int decimals) {
        long secs = nanosOfDay / NANOS_PER_SECOND;
        long frac = nanosOfDay % NANOS_PER_SECOND;
        pad(sb, secs / 3600, 2);
        sb.append(':');
        pad(sb, secs / 60 % 60, 2);
        sb.append(':');
        pad(sb, secs % 60, 2);
        if (decimals > 0) {
            sb.append('.');
            pad(sb, frac / pow10(9 - decimals), decimals);
        }
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    // Zero-padded digits straight into the builder: no String per component.
    private static void pad(StringBuilder sb, long v, int width) {
        long p = pow10(width - 1);
        for (int i = 0; i < width; i++) {
            sb.append((char) ('0' + v / p % 10));
            p /= 10;
        }
    }
}
