package io.fluxfix.kraken;

/**
 * Hides credentials in FIX text before it reaches a log, a journal or a message store: the values of 553
 * (API key), 554 (password) and 5025 (nonce) become {@value #MASK}. Works on wire text (SOH) and on the
 * {@code |}-separated form of logs and documentation.
 */
public final class FixMasking {

    public static final String MASK = "********";

    private FixMasking() {
    }

    public static boolean isSecret(int tag) {
        return tag == KrakenTags.USERNAME || tag == KrakenTags.PASSWORD || tag == KrakenTags.NONCE;
    }

    /** {@code raw} with every secret value masked; the text is returned as it is when it holds none. */
    public static String mask(CharSequence raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.toString();
        if (s.indexOf("553=") < 0 && s.indexOf("554=") < 0 && s.indexOf("5025=") < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            // i is at the start of a field
            int eq = s.indexOf('=', i);
            int end = nextSeparator(s, i);
            if (eq < 0 || eq > end) {
                out.append(s, i, Math.min(n, end + 1));
                i = end + 1;
                continue;
            }
            int tag = parseTag(s, i, eq);
            out.append(s, i, eq + 1);
            out.append(isSecret(tag) ? MASK : s.substring(eq + 1, end));
            if (end < n) {
                out.append(s.charAt(end));
            }
            i = end + 1;
        }
        return out.toString();
    }

    /** {@value #MASK} for a present value, null for an absent one. */
    static String maskValue(String value) {
        return value == null ? null : MASK;
    }

    private static int nextSeparator(String s, int from) {
        for (int j = from; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\u0001' || c == '|') {
                return j;
            }
        }
        return s.length();
    }

    private static int parseTag(String s, int from, int to) {
        int tag = 0;
        for (int j = from; j < to; j++) {
            char c = s.charAt(j);
            if (c < '0' || c > '9' || to - from > 9) {
                return -1;
            }
            tag = tag * 10 + (c - '0');
        }
        return to > from ? tag : -1;
    }
}
