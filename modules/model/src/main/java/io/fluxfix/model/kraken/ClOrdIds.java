package io.fluxfix.model.kraken;

/**
 * Kraken's two ClOrdID formats. Spot accepts an ever-increasing positive integer of at most 18 characters
 * (for example a microsecond timestamp) or a COMB UUID; Derivatives requires a COMB UUID: a v4 UUID whose
 * first 48 bits (the first two groups) are the time in 10-µs units since the Unix epoch.
 */
public final class ClOrdIds {

    public static final int MAX_NUMERIC_LENGTH = 18;
    public static final int UUID_LENGTH = 36;

    private ClOrdIds() {
    }

    /** 1–18 decimal digits with a value above zero. */
    public static boolean isNumeric(CharSequence id) {
        int n = id.length();
        if (n == 0 || n > MAX_NUMERIC_LENGTH) {
            return false;
        }
        boolean nonZero = false;
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            nonZero |= c != '0';
        }
        return nonZero;
    }

    /** Canonical UUID text: 8-4-4-4-12 hexadecimal digits. */
    public static boolean isUuid(CharSequence id) {
        if (id.length() != UUID_LENGTH) {
            return false;
        }
        for (int i = 0; i < UUID_LENGTH; i++) {
            char c = id.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The numeric value of a numeric ClOrdID. */
    public static long numericValue(CharSequence id) {
        long v = 0;
        for (int i = 0; i < id.length(); i++) {
            v = v * 10 + (id.charAt(i) - '0');
        }
        return v;
    }

    /** The time in a COMB UUID: its first 48 bits, in 10-µs units since the epoch. */
    public static long combTime10us(CharSequence uuid) {
        return hex(uuid, 0, 8) << 16 | hex(uuid, 9, 13);
    }

    /**
     * The low 48 bits of a ClOrdID's value: the last 12 hex digits of a UUID, or the low 48 bits of a numeric
     * id. Kraken documents that exactly this much of a UUID ClOrdID is recoverable from its ExecIDs.
     */
    public static long low48(CharSequence id) {
        if (isUuid(id)) {
            return hex(id, 24, 36);
        }
        // isNumeric and numericValue in one pass (an engine asks this for every ClOrdID it reports on).
        int n = id.length();
        if (n > 0 && n <= MAX_NUMERIC_LENGTH) {
            long v = 0;
            int i = 0;
            for (; i < n; i++) {
                char c = id.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                v = v * 10 + (c - '0');
            }
            if (i == n && v != 0) {
                return v & 0xFFFF_FFFF_FFFFL;
            }
        }
        throw new IllegalArgumentException("not a Kraken ClOrdID: " + id);
    }

    private static long hex(CharSequence s, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            v = v << 4 | Character.digit(s.charAt(i), 16);
        }
        return v;
    }
}
