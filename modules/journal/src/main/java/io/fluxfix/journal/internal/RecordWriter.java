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
 * plus one (0 for null) and the UTF-8 bytes (ASCII, the usual case, is copied char by char).
 */
public final class RecordWriter {

    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buf;
    private int pos;
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

    public void writeByte(byte b) {
        ensure(1);
        buf[pos++] = b;
    }

    public void writeBoolean(boolean b) {
        writeByte(b ? (byte) 1 : (byte) 0);
    }

    public void writeInt(int v) {
        ensure(4);
        INT.set(buf, pos, v);
        pos += 4;
    }

    public void writeLong(long v) {
        ensure(8);
        LONG.set(buf, pos, v);
        pos += 8;
    }

    /** Two bytes ({@link #writeByte} twice) with one capacity check. */
    public void writeBytes2(byte b0, byte b1) {
        ensure(2);
        byte[] a = buf;
        int p = pos;
        a[p] = b0;
        a[p + 1] = b1;
        pos = p + 2;
    }

    /** Three longs ({@link #writeLong} thrice) with one capacity check. */
    public void writeLongs3(long l0, long l1, long l2) {
        ensure(24);
        byte[] a = buf;
        int p = pos;
        LONG.set(a, p, l0);
        LONG.set(a, p + 8, l1);
        LONG.set(a, p + 16, l2);
        pos = p + 24;
    }

    /** An unsigned varint; negative values take ten bytes. */
    public void writeVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    /** A zigzag varint: small magnitudes of either sign stay short. */
    public void writeSignedVarLong(long v) {
        writeVarLong((v << 1) ^ (v >> 63));
    }

    /**
     * A byte then a zigzag varint ({@link #writeByte} then {@link #writeSignedVarLong}, the same bytes) with one
     * capacity check: a decimal's scale and mantissa.
     */
    public void writeByteAndSignedVarLong(byte b, long v) {
        ensure(11);
        byte[] a = buf;
        int p = pos;
        a[p++] = b;
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
            a[p++] = (byte) ((z & 0x7F) | 0x80);
            z >>>= 7;
        }
        a[p++] = (byte) z;
        pos = p;
    }

    /**
     * Three bytes, a long, an int and a long ({@link #writeByte} thrice, {@link #writeLong}, {@link #writeInt},
     * {@link #writeLong}: the same bytes) with one capacity check: the fixed part of a record's header.
     */
    public void writeBytesLongIntLong(byte b0, byte b1, byte b2, long l0, int i0, long l1) {
        ensure(23);
        byte[] a = buf;
        int p = pos;
        a[p] = b0;
        a[p + 1] = b1;
        a[p + 2] = b2;
        LONG.set(a, p + 3, l0);
        INT.set(a, p + 11, i0);
        LONG.set(a, p + 15, l1);
        pos = p + 23;
    }

    public void writeUtf8(String s) {
        if (s == null) {
            writeByte((byte) 0);
            return;
        }
        int slot = s.hashCode() & (RECENT - 1); // a String keeps its hash: free after the first time
        if (recent[slot] == s) { // this very String again (a session name, symbol, level id): copy its bytes
            int n = recentBytes[slot * RECENT_BYTES]; // length + 1 = the bytes written, length byte included
            ensure(n);
            System.arraycopy(recentBytes, slot * RECENT_BYTES, buf, pos, n);
            pos += n;
            return;
        }
        int start = pos;
        writeUtf8Chars(s);
        int n = pos - start;
        if (n <= RECENT_BYTES && buf[start] == n) { // short: its length fits the one byte, so it is remembered
            System.arraycopy(buf, start, recentBytes, slot * RECENT_BYTES, n);
            recent[slot] = s;
        }
    }

    /**
     * {@link #writeUtf8}'s bytes without its recent-string memory: for a value that is new in every record (an
     * ExecID, a TradeID), whose hash would be computed only to miss, and whose copy would evict a string that
     * does come back (the session, the symbol).
     */
    public void writeUtf8Unique(String s) {
        if (s == null) {
            writeByte((byte) 0);
        } else {
            writeUtf8Chars(s);
        }
    }

    private void writeUtf8Chars(String s) {
        int chars = s.length();
        if (chars < 127) { // one pass for the usual short ASCII string: length byte, then the chars
            ensure(chars + 1);
            int start = pos;
            byte[] b = buf;
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
                pos = p;
                return;
            }
            // not ASCII: write it again below, from the start
        }
        int bytes = utf8Length(s, chars);
        writeVarLong(bytes + 1L);
        ensure(bytes);
        if (bytes == chars) { // ASCII, but for lone surrogates (one '?' byte each)
            for (int i = 0; i < chars; i++) {
                char c = s.charAt(i);
                buf[pos++] = c < 0x80 ? (byte) c : (byte) '?';
            }
            return;
        }
        for (int i = 0; i < chars; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[pos++] = (byte) c;
            } else if (c < 0x800) {
                buf[pos++] = (byte) (0xC0 | (c >> 6));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[pos++] = (byte) (0xF0 | (cp >> 18));
                buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                buf[pos++] = '?'; // a lone surrogate, as String.getBytes(UTF_8) writes it
            } else {
                buf[pos++] = (byte) (0xE0 | (c >> 12));
                buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
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
