package io.fluxfix.journal.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable byte array a record is encoded into before it is copied into the queue in one piece. Plain array
 * stores are several times cheaper than field-by-field writes into Chronicle's bounds- and lifecycle-checked
 * {@code Bytes}, which is what keeps an append well under a microsecond.
 *
 * <p>Encodings (little-endian): {@code int} and {@code long} fixed width; {@link #writeVarLong} an unsigned
 * LEB128 varint; {@link #writeSignedVarLong} a zigzag varint; a string is a varint of its UTF-8 byte length
 * plus one (0 for null) and the UTF-8 bytes (short ASCII, the usual case, copied from the String's own bytes when
 * it keeps one byte per char: {@code Latin1Strings}).
 */
public final class RecordWriter {

    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buf;
    private int pos;
    /** The end of the room {@link #reserve} last made: {@link #position(int)} may not go past it. */
    private int reservedEnd;
    /**
     * The last short strings written, by slot of their hash, with their encoding (length byte and chars)
     * in {@link #recentBytes}: the same String instances come back record after record (session, symbol,
     * MDReqID, the ids of busy levels), and an identity check plus one copy beats a pass over the chars.
     * 64 slots: an ExecutionReport alone brings eight strings (session, ClOrdID, OrderID, ExecID, symbol, fee
     * currency, TradeID, ...), which in 16 slots evicted each other record after record (two pairs of them share
     * a slot of 16, and every new ExecID lands on one of the others).
     */
    private static final int RECENT = 64;
    private static final int RECENT_BYTES = 32;
    private final String[] recent = new String[RECENT];
    private final byte[] recentBytes = new byte[RECENT * RECENT_BYTES];

    public RecordWriter() {
        this(512);
    }

    public RecordWriter(int capacity) {
        buf = new byte[capacity];
    }

    public void clear() {
        pos = 0;
    }

    /** The encoded bytes are {@code array()[0 .. length())}. */
    public byte[] array() {
        return buf;
    }

    public int length() {
        return pos;
    }

    /**
     * Makes room for {@code bound} more bytes and returns the array to write them into from {@link #position()}:
     * for an encoder that writes a whole record (or a run of fields) through a local position with the
     * {@code put*} methods below, one capacity check instead of one per field, then sets {@link #position(int)}.
     * The array is valid until the next call that may grow it. A put may write up to {@link #SLACK} bytes of
     * scratch past the position it returns (a remembered string is copied in whole words); the room for them
     * comes on top of {@code bound}, and the next put writes over them.
     */
    public byte[] reserve(int bound) {
        ensure(bound + SLACK);
        reservedEnd = pos + bound;
        return buf;
    }

    public int position() {
        return pos;
    }

    /** Where the next write goes: the position a run of {@code put*} calls into {@link #reserve}'s array ended at. */
    public void position(int p) {
        if (p < pos || p > reservedEnd) { // an encoder's bound too small: fail rather than rely on luck
            throw new IllegalStateException("position " + p + " outside the room reserved, " + pos + ".." + reservedEnd);
        }
        pos = p;
    }

    public void writeByte(byte b) {
        ensure(1);
        buf[pos++] = b;
    }

    public void writeBoolean(boolean b) {
        writeByte(b ? (byte) 1 : (byte) 0);
    }

    public void writeInt(int v) {
        ensure(4);
        pos = putInt(buf, pos, v);
    }

    public void writeLong(long v) {
        ensure(8);
        pos = putLong(buf, pos, v);
    }

    /** Two bytes ({@link #writeByte} twice) with one capacity check. */
    public void writeBytes2(byte b0, byte b1) {
        ensure(2);
        pos = putBytes2(buf, pos, b0, b1);
    }

    /** An unsigned varint; negative values take ten bytes. */
    public void writeVarLong(long v) {
        ensure(MAX_VARLONG);
        pos = putVarLong(buf, pos, v);
    }

    /** A zigzag varint: small magnitudes of either sign stay short. */
    public void writeSignedVarLong(long v) {
        writeVarLong((v << 1) ^ (v >> 63));
    }

    /**
     * Three bytes, a long, an int and a long ({@link #writeByte} thrice, {@link #writeLong}, {@link #writeInt},
     * {@link #writeLong}: the same bytes) with one capacity check: the fixed part of a record's header.
     */
    public void writeBytesLongIntLong(byte b0, byte b1, byte b2, long l0, int i0, long l1) {
        ensure(23);
        pos = putBytesLongIntLong(buf, pos, b0, b1, b2, l0, i0, l1);
    }

    public void writeUtf8(String s) {
        byte[] a = reserve(utf8Bound(s));
        pos = putUtf8(a, pos, s);
    }

    /**
     * {@link #writeUtf8}'s bytes without its recent-string memory: for a value that is new in every record (an
     * ExecID, a TradeID), whose hash would be computed only to miss, and whose copy would evict a string that
     * does come back (the session, the symbol).
     */
    public void writeUtf8Unique(String s) {
        byte[] a = reserve(utf8Bound(s));
        pos = putUtf8Unique(a, pos, s);
    }

    // ------------------------------------------------------------ writes at a position, into reserved room
    // Each writes at p of a (an array from reserve(), with room for what it writes) and returns the position
    // after. The same bytes as the write* methods above, which are these plus a capacity check.

    /** Scratch bytes a put may write past its end, which {@link #reserve} adds to the room asked for. */
    public static final int SLACK = 8;

    /** Bytes a varint takes at most. */
    public static final int MAX_VARLONG = 10;

    /** Bytes {@link #putUtf8} (and {@link #putUtf8Unique}) may write for {@code s}: its room to reserve. */
    public static int utf8Bound(String s) {
        // UTF-8 takes at most three bytes per char (a surrogate pair: four for two), the length varint at most 5
        return s == null ? 1 : 3 * s.length() + 5;
    }

    public static int putByte(byte[] a, int p, byte b) {
        a[p] = b;
        return p + 1;
    }

    public static int putBytes2(byte[] a, int p, byte b0, byte b1) {
        a[p] = b0;
        a[p + 1] = b1;
        return p + 2;
    }

    public static int putInt(byte[] a, int p, int v) {
        INT.set(a, p, v);
        return p + 4;
    }

    public static int putLong(byte[] a, int p, long v) {
        LONG.set(a, p, v);
        return p + 8;
    }

    /** Three bytes, a long, an int and a long: the fixed part of a record's header (23 bytes). */
    public static int putBytesLongIntLong(byte[] a, int p, byte b0, byte b1, byte b2, long l0, int i0, long l1) {
        a[p] = b0;
        a[p + 1] = b1;
        a[p + 2] = b2;
        LONG.set(a, p + 3, l0);
        INT.set(a, p + 11, i0);
        LONG.set(a, p + 15, l1);
        return p + 23;
    }

    public static int putVarLong(byte[] a, int p, long v) {
        while ((v & ~0x7FL) != 0) {
            a[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        a[p++] = (byte) v;
        return p;
    }

    /** A byte then a zigzag varint: a decimal's scale and mantissa (at most 11 bytes). */
    public static int putByteAndSignedVarLong(byte[] a, int p, byte b, long v) {
        a[p] = b;
        return putVarLong(a, p + 1, (v << 1) ^ (v >> 63));
    }

    /** {@link #writeUtf8} at p: a String written moments ago by this writer is copied from its memory. */
    public int putUtf8(byte[] a, int p, String s) {
        if (s == null) {
            a[p] = 0;
            return p + 1;
        }
        int slot = s.hashCode() & (RECENT - 1); // a String keeps its hash: free after the first time
        if (recent[slot] == s) { // this very String again (a session name, symbol, level id): copy its bytes
            int from = slot * RECENT_BYTES;
            int n = recentBytes[from]; // length + 1 = the bytes written, length byte included
            copyWords(recentBytes, from, a, p, n);
            return p + n;
        }
        int end = putUtf8Unique(a, p, s);
        int n = end - p;
        if (n <= RECENT_BYTES && a[p] == n) { // short: its length fits the one byte, so it is remembered
            System.arraycopy(a, p, recentBytes, slot * RECENT_BYTES, n);
            recent[slot] = s;
        }
        return end;
    }

    /** {@link #writeUtf8Unique} at p. */
    public static int putUtf8Unique(byte[] a, int p, String s) {
        if (s == null) {
            a[p] = 0;
            return p + 1;
        }
        int chars = s.length();
        if (chars < 127) { // the usual short ASCII string: its one length byte, then its bytes as they are
            byte[] latin1 = Latin1Strings.of(s);
            if (latin1 != null && copyAscii(latin1, chars, a, p + 1)) {
                a[p] = (byte) (chars + 1);
                return p + 1 + chars;
            }
        }
        return putUtf8Chars(a, p, s); // out of line: keeps the path above small enough to inline
    }

    /**
     * Copies n bytes (at most 32) from {@code src[from..]} to {@code dst[to..]} in 8-byte words: up to 7 bytes
     * of scratch past them, from the source's own 32-byte slot, within the destination's slack.
     */
    private static void copyWords(byte[] src, int from, byte[] dst, int to, int n) {
        for (int i = 0; i < n; i += 8) {
            LONG.set(dst, to + i, (long) LONG.get(src, from + i));
        }
    }

    /**
     * Copies the n bytes of {@code src} to {@code dst[to..]} eight at a time, and tells whether they were all
     * ASCII (if not, what was copied is to be written over).
     */
    private static boolean copyAscii(byte[] src, int n, byte[] dst, int to) {
        long or = 0;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            long w = (long) LONG.get(src, i);
            or |= w;
            LONG.set(dst, to + i, w);
        }
        if (i < n) {
            if (n >= 8) { // the tail as the last word, overlapping what was copied
                long w = (long) LONG.get(src, n - 8);
                or |= w;
                LONG.set(dst, to + n - 8, w);
            } else {
                for (; i < n; i++) {
                    byte c = src[i];
                    or |= c; // sign-extended: a byte from 0x80 up sets bit 7 too
                    dst[to + i] = c;
                }
            }
        }
        return (or & 0x8080808080808080L) == 0;
    }

    /**
     * Any string, char by char: one pass if it turns out ASCII and short, else its UTF-8 length first. The path
     * of every string where the JDK's own bytes cannot be had (package-private for the test of that case).
     */
    static int putUtf8Chars(byte[] b, int start, String s) {
        int chars = s.length();
        if (chars < 127) { // one pass for a short ASCII string that does not keep one byte per char
            int p = start + 1;
            int i = 0;
            for (; i < chars; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                b[p++] = (byte) c;
            }
            if (i == chars) {
                b[start] = (byte) (chars + 1);
                return p;
            }
            // not ASCII: write it again below, from the start
        }
        int bytes = utf8Length(s, chars);
        int p = putVarLong(b, start, bytes + 1L);
        if (bytes == chars) { // ASCII, but for lone surrogates (one '?' byte each)
            for (int i = 0; i < chars; i++) {
                char c = s.charAt(i);
                b[p++] = c < 0x80 ? (byte) c : (byte) '?';
            }
            return p;
        }
        for (int i = 0; i < chars; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                b[p++] = '?'; // a lone surrogate, as String.getBytes(UTF_8) writes it
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return p;
    }

    private static int utf8Length(String s, int chars) {
        int n = chars;
        for (int i = 0; i < chars; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    n += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < chars
                        && Character.isLowSurrogate(s.charAt(i + 1))) {
                    n += 2; // 4 bytes for 2 chars
                    i++;
                } else if (!Character.isSurrogate(c)) {
                    n += 2;
                }
            }
        }
        return n;
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }
}
