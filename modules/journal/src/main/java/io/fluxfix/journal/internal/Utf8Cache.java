package io.fluxfix.journal.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The last few strings decoded from record bytes, so that reading the same symbol or session name again
 * returns the same String instead of a new one. Eight slots, replaced round-robin. Not thread-safe.
 */
public final class Utf8Cache {

    private static final int SLOTS = 8;

    private final byte[][] bytes = new byte[SLOTS][];
    private final String[] strings = new String[SLOTS];
    private int next;

    /** The string of {@code buf[offset .. offset + length)} as UTF-8. */
    public String get(byte[] buf, int offset, int length) {
        for (int i = 0; i < SLOTS; i++) {
            byte[] b = bytes[i];
            if (b != null && b.length == length && Arrays.equals(b, 0, length, buf, offset, offset + length)) {
                return strings[i];
            }
        }
        String s = new String(buf, offset, length, StandardCharsets.UTF_8);
        bytes[next] = Arrays.copyOfRange(buf, offset, offset + length);
        strings[next] = s;
        next = (next + 1) % SLOTS;
        return s;
    }
}
