package io.fluxfix.journal.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The last few strings decoded from record bytes, so that reading the same symbol or session name again
 * returns the same String instead of a new one. Eight slots, replaced round-robin; the slot that answered last
 * is tried first (give each field its own cache and a replay of one stream finds it at the first compare).
 * Not thread-safe.
 */
public final class Utf8Cache {

    private static final int SLOTS = 8;

    private final byte[][] bytes = new byte[SLOTS][];
    private final String[] strings = new String[SLOTS];
    private int next;
    /** The slot that answered the last call. */
    private int last;

    /** The string of {@code buf[offset .. offset + length)} as UTF-8. */
    public String get(byte[] buf, int offset, int length) {
        if (matches(last, buf, offset, length)) {
            return strings[last];
        }
        for (int i = 0; i < SLOTS; i++) {
            if (matches(i, buf, offset, length)) {
                last = i;
                return strings[i];
            }
        }
        String s = new String(buf, offset, length, StandardCharsets.UTF_8);
        bytes[next] = Arrays.copyOfRange(buf, offset, offset + length);
        strings[next] = s;
        last = next;
        next = (next + 1) % SLOTS;
        return s;
    }

    private boolean matches(int slot, byte[] buf, int offset, int length) {
        byte[] b = bytes[slot];
        return b != null && b.length == length && Arrays.equals(b, 0, length, buf, offset, offset + length);
    }
}
