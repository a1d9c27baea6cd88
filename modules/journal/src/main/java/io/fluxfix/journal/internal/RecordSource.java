package io.fluxfix.journal.internal;

import net.openhft.chronicle.bytes.BytesIn;

import java.nio.charset.StandardCharsets;

/**
 * Reads what a {@link RecordWriter} wrote. A record is first copied out of the queue into this reusable array;
 * every read checks the record's bounds, so a damaged record fails with {@link CorruptRecordException}
 * instead of reading into its neighbour.
 */
public final class RecordSource {

    private byte[] buf = new byte[512];
    private int pos;
    private int limit;

    /** Copies the rest of {@code in} (one queue document) in and starts reading it. */
    public RecordSource load(BytesIn<?> in) {
        int n = (int) Math.min(in.readRemaining(), Integer.MAX_VALUE);
        if (n > buf.length) {
            buf = new byte[Math.max(n, buf.length * 2)];
        }
        in.read(buf, 0, n);
        pos = 0;
        limit = n;
        return this;
    }

    /** Starts reading {@code bytes[0 .. length)}. */
    public RecordSource load(byte[] bytes, int length) {
        if (length > buf.length) {
            buf = new byte[Math.max(length, buf.length * 2)];
        }
        System.arraycopy(bytes, 0, buf, 0, length);
        pos = 0;
        limit = length;
        return this;
    }

    public int readRemaining() {
        return limit - pos;
    }

    public byte readByte() {
        need(1);
        return buf[pos++];
    }

    public boolean readBoolean() {
        return readByte() != 0;
    }

    public int readInt() {
        need(4);
        int v = (int) RecordWriter.INT.get(buf, pos);
        pos += 4;
        return v;
    }

    public long readLong() {
        need(8);
        long v = (long) RecordWriter.LONG.get(buf, pos);
        pos += 8;
        return v;
    }

    /** {@link #readByte} without its bounds check: only after {@link #readRemaining} was checked for it. */
    byte rawByte() {
        return buf[pos++];
    }

    /** {@link #readInt} without its bounds check: only after {@link #readRemaining} was checked for it. */
    int rawInt() {
        int v = (int) RecordWriter.INT.get(buf, pos);
        pos += 4;
        return v;
    }

    /** {@link #readLong} without its bounds check: only after {@link #readRemaining} was checked for it. */
    long rawLong() {
        long v = (long) RecordWriter.LONG.get(buf, pos);
        pos += 8;
        return v;
    }

    /** Skips {@code n} bytes, which must be there; returns where they started. */
    int skip(int n) {
        need(n);
        int at = pos;
        pos += n;
        return at;
    }

    /** The byte at {@code offset} of this record (checked by the caller to be in it). */
    byte byteAt(int offset) {
        return buf[offset];
    }

    /** The long at {@code offset} of this record (checked by the caller to be in it). */
    long longAt(int offset) {
        return (long) RecordWriter.LONG.get(buf, offset);
    }

    public long readVarLong() {
        // The position in a local, written back once: a field updated per byte makes every byte wait for the
        // store of the one before.
        byte[] b = buf;
        int p = pos;
        int end = limit;
        long v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (p >= end) {
                throw new CorruptRecordException("record ends 1 bytes early");
            }
            byte x = b[p++];
            v |= (long) (x & 0x7F) << shift;
            if (x >= 0) {
                pos = p;
                return v;
            }
        }
        throw new CorruptRecordException("varint longer than ten bytes");
    }

    public long readSignedVarLong() {
        long z = readVarLong();
        return (z >>> 1) ^ -(z & 1);
    }

    public String readUtf8() {
        int len = utf8Length();
        if (len < 0) {
            return null;
        }
        String s = new String(buf, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    /** The length of the string that starts here (its prefix read), -1 for null. */
    private int utf8Length() {
        long n = readVarLong();
        if (n == 0) {
            return -1;
        }
        long len = n - 1;
        if (len > limit - pos) {
            throw new CorruptRecordException("string of " + len + " bytes with " + (limit - pos) + " left");
        }
        return (int) len;
    }

    /**
     * Like {@link #readUtf8()}, but returns {@code cache}'s String when it has seen these bytes: a replay reads
     * the same few symbols and session names in every record.
     */
    public String readUtf8(Utf8Cache cache) {
        int len = utf8Length();
        if (len < 0) {
            return null;
        }
        String s = cache.get(buf, pos, len);
        pos += len;
        return s;
    }

    /**
     * Skips a string written by {@link RecordWriter#writeUtf8}; returns its position ({@code offset << 32 |
     * length}) for {@link #utf8At}, or -1 for null.
     */
    public long skipUtf8() {
        int len = utf8Length();
        if (len < 0) {
            return -1;
        }
        long at = (long) pos << 32 | len;
        pos += len;
        return at;
    }

    /** The string {@link #skipUtf8} returned the position of, while this record is loaded. */
    public String utf8At(long at) {
        return at < 0 ? null : new String(buf, (int) (at >>> 32), (int) at, StandardCharsets.UTF_8);
    }

    private void need(int n) {
        if (limit - pos < n) {
            throw new CorruptRecordException("record ends " + (n - (limit - pos)) + " bytes early");
        }
    }

    /** A record that cannot be decoded: cut short or damaged. */
    public static final class CorruptRecordException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        CorruptRecordException(String message) {
            super("corrupt journal record: " + message);
        }
    }
}
