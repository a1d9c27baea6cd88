package io.fluxfix.journal.internal;

import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.UnsafeMemory;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads what a {@link RecordWriter} wrote: either a record copied into this reusable array ({@link #load}) or one
 * read where it lies in native memory ({@link #point}, a document in a mapped cycle file, while it stays mapped).
 * Both go through the same reads — an object (the array, or null for native memory) and an offset — so the one
 * decoder ({@link RecordCodec}) serves both. Every read checks the record's bounds, so a damaged record fails
 * with {@link CorruptRecordException} instead of reading into its neighbour.
 */
public final class RecordSource {

    private static final UnsafeMemory MEMORY = UnsafeMemory.MEMORY;
    private static final long ARRAY_BASE = Jvm.arrayByteBaseOffset();
    /** The format is little-endian; the raw reads below are in the machine's order. */
    private static final boolean SWAP = ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN;

    private byte[] buf = new byte[512];
    /** {@code buf}, or null while reading native memory. */
    private Object base = buf;
    /** Where byte 0 of the record is: {@code ARRAY_BASE} in {@code buf}, or a native address. */
    private long origin = ARRAY_BASE;
    /** For strings read from native memory: their bytes are copied here first. */
    private byte[] scratch = new byte[64];
    private int pos;
    private int limit;

    /** Copies the rest of {@code in} (one queue document) in and starts reading it. */
    public RecordSource load(BytesIn<?> in) {
        int n = (int) Math.min(in.readRemaining(), Integer.MAX_VALUE);
        if (n > buf.length) {
            buf = new byte[Math.max(n, buf.length * 2)];
        }
        in.read(buf, 0, n);
        return start(n);
    }

    /**
     * Starts reading the document {@code scanner} moved to: where it lies in the mapped file when it lies in the
     * chunk mapped now (see {@link #point}: valid until the scanner moves on), else a copy.
     */
    public RecordSource load(QueueScanner scanner) {
        long address = scanner.address();
        return address != 0 ? point(address, scanner.length()) : load(scanner.bytes());
    }

    /** Starts reading {@code bytes[0 .. length)}. */
    public RecordSource load(byte[] bytes, int length) {
        if (length > buf.length) {
            buf = new byte[Math.max(length, buf.length * 2)];
        }
        System.arraycopy(bytes, 0, buf, 0, length);
        return start(length);
    }

    private RecordSource start(int length) {
        base = buf;
        origin = ARRAY_BASE;
        pos = 0;
        limit = length;
        return this;
    }

    /**
     * Starts reading the {@code length} bytes at native {@code address} where they are, without a copy. They must
     * stay there (mapped, unchanged) for as long as this record is read — also by a {@link RecordFrame} filled
     * from it — until the next load, {@link #point} or {@link #clear}.
     */
    public RecordSource point(long address, int length) {
        if (address == 0 || length < 0) {
            throw new IllegalArgumentException("no record at address " + address + " of " + length + " bytes");
        }
        base = null;
        origin = address;
        pos = 0;
        limit = length;
        return this;
    }

    /** Forgets the record (and any native memory {@link #point} was given): an empty record in the array. */
    public void clear() {
        start(0);
    }

    // Native memory (a null base) is read through the address-only calls: the compiler then knows the access is
    // off the heap and need not order it against every other memory access, as it must one whose base may be
    // an object or null (a replay reads only native memory, so only that branch is compiled hot).
    private static byte readByte(Object base, long at) {
        return base == null ? MEMORY.readByte(at) : MEMORY.readByte(base, at);
    }

    private static short readShort(Object base, long at) {
        return base == null ? MEMORY.readShort(at) : MEMORY.readShort(base, at);
    }

    private static int readInt(Object base, long at) {
        return base == null ? MEMORY.readInt(at) : MEMORY.readInt(base, at);
    }

    private static long readLong(Object base, long at) {
        return base == null ? MEMORY.readLong(at) : MEMORY.readLong(base, at);
    }

    private static int le(int v) {
        return SWAP ? Integer.reverseBytes(v) : v;
    }

    private static long le(long v) {
        return SWAP ? Long.reverseBytes(v) : v;
    }

    public int readRemaining() {
        return limit - pos;
    }

    public byte readByte() {
        need(1);
        return readByte(base, origin + pos++);
    }

    public boolean readBoolean() {
        return readByte() != 0;
    }

    public int readInt() {
        need(4);
        int v = le(readInt(base, origin + pos));
        pos += 4;
        return v;
    }

    public long readLong() {
        need(8);
        long v = le(readLong(base, origin + pos));
        pos += 8;
        return v;
    }

    /** {@link #readByte} without its bounds check: only after {@link #readRemaining} was checked for it. */
    byte rawByte() {
        return readByte(base, origin + pos++);
    }

    /** {@link #readInt} without its bounds check: only after {@link #readRemaining} was checked for it. */
    int rawInt() {
        int v = le(readInt(base, origin + pos));
        pos += 4;
        return v;
    }

    /** {@link #readLong} without its bounds check: only after {@link #readRemaining} was checked for it. */
    long rawLong() {
        long v = le(readLong(base, origin + pos));
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
        return readByte(base, origin + offset);
    }

    /**
     * The next two bytes in one read (fewer raw-memory accesses, each of which the compiler may not move other
     * reads past): the first in bits 0-7, the second in bits 8-15.
     */
    int readTwoBytes() {
        need(2);
        int v = twoBytesAt(pos);
        pos += 2;
        return v;
    }

    /** The two bytes at {@code offset} of this record (checked by the caller to be in it), as {@link #readTwoBytes}. */
    int twoBytesAt(int offset) {
        short v = readShort(base, origin + offset);
        return (SWAP ? Short.reverseBytes(v) : v) & 0xFFFF;
    }

    /** The long at {@code offset} of this record (checked by the caller to be in it). */
    long longAt(int offset) {
        return le(readLong(base, origin + offset));
    }

    public long readVarLong() {
        // The position in a local, written back once: a field updated per byte makes every byte wait for the
        // store of the one before.
        Object b = base;
        long o = origin;
        int p = pos;
        int end = limit;
        if (end - p >= 8) {
            // Eight bytes at once: the varint is the bytes up to the first without its high bit, when that is
            // among these eight (a price or size: 2 to 5 bytes); its 7-bit groups are packed by shifts, with no
            // branch per byte to mispredict.
            long w = le(readLong(b, o + p));
            if ((w & 0x80) == 0) { // one byte: every string length and entry count of a market-data record
                pos = p + 1;
                return w & 0x7F;
            }
            long stops = ~w & 0x8080808080808080L;
            if (stops != 0) {
                int bits = Long.numberOfTrailingZeros(stops) + 1; // 8 * the varint's bytes
                long x = w & (-1L >>> (64 - bits)) & 0x7F7F7F7F7F7F7F7FL;
                x = (x & 0x007F007F007F007FL) | ((x & 0x7F007F007F007F00L) >>> 1);
                x = (x & 0x00003FFF00003FFFL) | ((x & 0x3FFF00003FFF0000L) >>> 2);
                x = (x & 0x000000000FFFFFFFL) | ((x & 0x0FFFFFFF00000000L) >>> 4);
                pos = p + (bits >>> 3);
                return x;
            }
        }
        long v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (p >= end) {
                throw new CorruptRecordException("record ends 1 bytes early");
            }
            byte x = readByte(b, o + p++);
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
        String s = string(pos, len);
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
        String s;
        byte[] last = cache.lastBytes();
        if (last != null && last.length == len && sameAs(last, cache.lastWord(), pos, len)) {
            // The string of the last call, compared where the bytes lie: no copy out of native memory.
            s = cache.lastString();
        } else if (base != null) {
            s = cache.get(buf, pos, len);
        } else {
            s = cache.get(copied(pos, len), 0, len);
        }
        pos += len;
        return s;
    }

    /**
     * {@code a} (of {@code length} bytes; {@code firstWord}: its first eight as {@link Utf8Cache#lastWord}) equals
     * this record's {@code length} bytes at {@code offset}.
     */
    private boolean sameAs(byte[] a, long firstWord, int offset, int length) {
        if (length <= 8 && limit - offset >= 8) {
            // A short name with eight bytes of the record from it (a session, request id or symbol: the entries
            // follow): one read masked to its length, no loop over its bytes.
            long mask = length == 0 ? 0 : -1L >>> (64 - 8 * length);
            return (le(readLong(base, origin + offset)) & mask) == firstWord;
        }
        Object b = base;
        long at = origin + offset;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            if (readLong(b, at + i) != MEMORY.readLong(a, ARRAY_BASE + i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (readByte(b, at + i) != a[i]) {
                return false;
            }
        }
        return true;
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
        return at < 0 ? null : string((int) (at >>> 32), (int) at);
    }

    private String string(int offset, int length) {
        return base != null ? new String(buf, offset, length, StandardCharsets.UTF_8)
                : new String(copied(offset, length), 0, length, StandardCharsets.UTF_8);
    }

    /** {@code length} bytes of the native record from {@code offset}, copied to the start of {@link #scratch}. */
    private byte[] copied(int offset, int length) {
        if (length > scratch.length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        MEMORY.copyMemory(origin + offset, scratch, ARRAY_BASE, length);
        return scratch;
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
