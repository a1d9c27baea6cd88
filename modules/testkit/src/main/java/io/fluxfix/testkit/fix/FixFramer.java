package io.fluxfix.testkit.fix;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Cuts a byte stream into FIX messages the way a FIX engine must: {@code 8=...}, then {@code 9=n}, then exactly
 * n bytes of body, then the 7-byte {@code 10=nnn} field, whose value must be the checksum of what came before.
 * How the bytes were split into reads does not matter. Anything else is {@link Garbled}: a wire-level test
 * should hear about it, not have it skipped.
 */
final class FixFramer {

    /** Longer than any real BeginString or BodyLength field; bounds what garbage can make us buffer. */
    private static final int MAX_HEAD_FIELD = 32;
    private static final int MAX_BODY_LENGTH = 1 << 20;
    private static final int TRAILER_LENGTH = 7;

    /** The bytes were not a FIX message. The message shows what was read, secrets masked. */
    static final class Garbled extends IOException {
        private static final long serialVersionUID = 1L;

        Garbled(String reason, ByteArrayOutputStream seen) {
            super(reason + " after " + seen.size() + " bytes: "
                    + FixMessage.maskRaw(seen.toString(StandardCharsets.ISO_8859_1)));
        }
    }

    /** The stream ended inside a message. */
    static final class Truncated extends EOFException {
        private static final long serialVersionUID = 1L;

        Truncated(ByteArrayOutputStream seen) {
            super("the stream ended inside a message after " + seen.size() + " bytes: "
                    + FixMessage.maskRaw(seen.toString(StandardCharsets.ISO_8859_1)));
        }
    }

    private final InputStream in;

    /** {@code in} should be buffered: the head fields are read a byte at a time. */
    FixFramer(InputStream in) {
        this.in = in;
    }

    /** The next message, or null when the stream ends cleanly between messages. */
    FixMessage next() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream(256);
        String beginString = headField(frame, "8=", first);
        if (beginString.isEmpty()) {
            throw new Garbled("empty 8 BeginString", frame);
        }
        String length = headField(frame, "9=", in.read());
        int bodyLength = parseLength(length, frame);
        int bodyStart = frame.size();
        readExactly(frame, bodyLength);
        byte[] soFar = frame.toByteArray();
        if (bodyLength == 0 || soFar[soFar.length - 1] != FixMessage.SOH) {
            throw new Garbled("9 BodyLength " + bodyLength + " does not end on a field boundary", frame);
        }
        readExactly(frame, TRAILER_LENGTH);
        byte[] all = frame.toByteArray();
        String trailer = new String(all, bodyStart + bodyLength, TRAILER_LENGTH, StandardCharsets.ISO_8859_1);
        if (!trailer.matches("10=\\d{3}\u0001")) {
            throw new Garbled("expected 10=nnn after the " + bodyLength + " body bytes, got '"
                    + trailer.replace(FixMessage.SOH, '|') + "'", frame);
        }
        int expected = FixMessage.checksum(all, 0, bodyStart + bodyLength);
        int actual = Integer.parseInt(trailer, 3, 6, 10);
        if (actual != expected) {
            throw new Garbled(String.format("10 CheckSum is %03d, the bytes sum to %03d", actual, expected), frame);
        }
        try {
            return FixMessage.parse(all);
        } catch (FixMessage.Malformed e) {
            throw new Garbled(e.reason, frame);
        }
    }

    /**
     * Reads one head field, starting with the byte {@code b} already read, up to its SOH; checks that it starts
     * with {@code prefix} and returns its value.
     */
    private String headField(ByteArrayOutputStream frame, String prefix, int b) throws IOException {
        int start = frame.size();
        while (true) {
            if (b < 0) {
                throw new Truncated(frame);
            }
            frame.write(b);
            if (b == FixMessage.SOH) {
                break;
            }
            if (frame.size() - start > MAX_HEAD_FIELD) {
                throw new Garbled("no SOH within " + MAX_HEAD_FIELD + " bytes of a " + prefix + " field", frame);
            }
            b = in.read();
        }
        String field = new String(frame.toByteArray(), start, frame.size() - start - 1, StandardCharsets.ISO_8859_1);
        if (!field.startsWith(prefix)) {
            throw new Garbled("expected " + prefix + "..., got '" + FixMessage.maskRaw(field) + "'", frame);
        }
        return field.substring(prefix.length());
    }

    private static int parseLength(String text, ByteArrayOutputStream frame) throws Garbled {
        if (!text.matches("\\d{1,7}")) {
            throw new Garbled("9 BodyLength '" + text + "' is not a number", frame);
        }
        int length = Integer.parseInt(text);
        if (length > MAX_BODY_LENGTH) {
            throw new Garbled("9 BodyLength " + length + " is over " + MAX_BODY_LENGTH, frame);
        }
        return length;
    }

    private void readExactly(ByteArrayOutputStream frame, int count) throws IOException {
        byte[] buffer = new byte[Math.min(count, 8192)];
        int left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, Math.min(left, buffer.length));
            if (n < 0) {
                throw new Truncated(frame);
            }
            frame.write(buffer, 0, n);
            left -= n;
        }
    }
}
