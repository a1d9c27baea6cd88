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
    /** The bytes and string of the slot that answered the last call, held directly (no slot arrays read). */
    private byte[] lastBytes;
    private String lastString;
    /** The first (up to) eight of {@link #lastBytes}, little-endian, zero above them: a short name in one compare. */
    private long lastWord;

    /** Calls of {@link #get}: a reader that compares with the last string itself calls it only on a change. */
    int lookups;

    /** The string of {@code buf[offset .. offset + length)} as UTF-8. */
    public String get(byte[] buf, int offset, int length) {
        lookups++;
        byte[] lb = lastBytes;
        if (lb != null && lb.length == length && sameBytes(lb, buf, offset, length)) {
            return lastString;
        }
        for (int i = 0; i < SLOTS; i++) {
            if (matches(i, buf, offset, length)) {
                return answer(i);
            }
        }
        String s = new String(buf, offset, length, StandardCharsets.UTF_8);
        bytes[next] = Arrays.copyOfRange(buf, offset, offset + length);
        strings[next] = s;
        int slot = next;
        next = (next + 1) % SLOTS;
        return answer(slot);
    }

    /** The bytes of the string the last call returned (null before the first); not to be changed. */
    byte[] lastBytes() {
        return lastBytes;
    }

    /** The string the last call returned. */
    String lastString() {
        return lastString;
    }

    /** {@link #lastBytes}' first eight bytes (fewer when shorter, the rest zero) as one little-endian long. */
    long lastWord() {
        return lastWord;
    }

    private String answer(int slot) {
        byte[] b = bytes[slot];
        if (b != lastBytes) {
            lastBytes = b;
            lastWord = word(b);
        }
        lastString = strings[slot];
        return lastString;
    }

    private static long word(byte[] b) {
        long w = 0;
        for (int i = Math.min(b.length, 8) - 1; i >= 0; i--) {
            w = w << 8 | (b[i] & 0xFF);
        }
        return w;
    }

    /**
     * {@code a} equals {@code buf[offset .. offset + a.length)}; a plain loop: the names compared here are a few
     * bytes long, below the length where the vectorized compare of {@code Arrays.equals} pays off.
     */
    private static boolean sameBytes(byte[] a, byte[] buf, int offset, int length) {
        if (offset < 0 || length > buf.length - offset) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (a[i] != buf[offset + i]) {
                return false;
            }
        }
        return true;
    }

    private boolean matches(int slot, byte[] buf, int offset, int length) {
        byte[] b = bytes[slot];
        return b != null && b.length == length && Arrays.equals(b, 0, length, buf, offset, offset + length);
    }
}
