package io.fluxfix.testkit.fix;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One FIX message as raw fields in wire order, for wire-level tests: no dictionary, no types, duplicates and
 * unknown tags kept as they came. {@link #toString()} uses {@code |} for SOH and masks the values of 553
 * (Username), 554 (Password) and 5025 (Kraken's logon nonce), so a failing test never prints a credential.
 *
 * <p>Text and bytes map one to one through ISO-8859-1, so every byte on the wire survives a round trip.
 */
public final class FixMessage {

    public static final char SOH = '\u0001';
    public static final String MASK = "********";

    /** One {@code tag=value} field. Its {@code toString()} masks a secret value. */
    public record Field(int tag, String value) {
        public Field {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return tag + "=" + (isSecret(tag) ? MASK : value);
        }
    }

    private final byte[] bytes;
    private final List<Field> fields;

    private FixMessage(byte[] bytes, List<Field> fields) {
        this.bytes = bytes;
        this.fields = fields;
    }

    /**
     * Frames {@code body} (fields from 35 on, {@code |} or SOH between them, a trailing separator optional) into
     * a complete message: {@code 8=beginString}, {@code 9=} the body's length in bytes, the body, and
     * {@code 10=} the checksum of everything before it.
     */
    public static FixMessage frame(String beginString, String body) {
        Objects.requireNonNull(beginString, "beginString");
        StringBuilder text = new StringBuilder(body.length() + 1);
        appendFields(text, body);
        byte[] bodyBytes = latin1(text);
        byte[] head = latin1("8=" + beginString + SOH + "9=" + bodyBytes.length + SOH);
        byte[] all = new byte[head.length + bodyBytes.length + 7];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bodyBytes, 0, all, head.length, bodyBytes.length);
        int sum = checksum(all, 0, head.length + bodyBytes.length);
        byte[] trailer = latin1(String.format("10=%03d%c", sum, SOH));
        System.arraycopy(trailer, 0, all, head.length + bodyBytes.length, trailer.length);
        return parse(all);
    }

    /** Splits wire bytes into fields; checks the field syntax only, not 9 BodyLength or 10 CheckSum. */
    public static FixMessage parse(byte[] wire) {
        byte[] bytes = wire.clone();
        return new FixMessage(bytes, split(new String(bytes, StandardCharsets.ISO_8859_1), SOH));
    }

    /**
     * Parses text with SOH separators, or, if it holds no SOH, with {@code |} separators (as in logs and Kraken's
     * documentation). Checks the field syntax only.
     */
    public static FixMessage parse(String text) {
        String wire = text.indexOf(SOH) >= 0 ? text : text.replace('|', SOH);
        if (!wire.isEmpty() && wire.charAt(wire.length() - 1) != SOH) {
            wire = wire + SOH;
        }
        return new FixMessage(latin1(wire), split(wire, SOH));
    }

    /** 35 MsgType, or null. */
    public String msgType() {
        return get(35);
    }

    /** 34 MsgSeqNum. */
    public int seqNum() {
        String value = get(34);
        if (value == null) {
            throw new IllegalStateException("no 34 MsgSeqNum in " + this);
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("34 MsgSeqNum is not a number in " + this);
        }
    }

    /** The value of the first field with {@code tag}, or null. */
    public String get(int tag) {
        for (Field field : fields) {
            if (field.tag() == tag) {
                return field.value();
            }
        }
        return null;
    }

    /** The values of every field with {@code tag}, in wire order (repeating groups). */
    public List<String> getAll(int tag) {
        List<String> values = new ArrayList<>();
        for (Field field : fields) {
            if (field.tag() == tag) {
                values.add(field.value());
            }
        }
        return values;
    }

    /** Every field in wire order, 8, 9 and 10 included. */
    public List<Field> fields() {
        return fields;
    }

    /** The message exactly as it was on the wire (or as parsed, with SOH separators). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** {@code 8=FIX.4.4|9=..|35=..|...|10=..|}, secrets masked. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(bytes.length + 16);
        for (Field field : fields) {
            text.append(field).append('|');
        }
        return text.toString();
    }

    static boolean isSecret(int tag) {
        // The same tags as kraken-fix's FixMasking; testkit cannot depend on kraken-fix, whose tests use it.
        return tag == 553 || tag == 554 || tag == 5025;
    }

    /** Masks secret values in raw, possibly garbled, text: for error messages about bytes that did not parse. */
    static String maskRaw(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        int start = 0;
        while (start <= raw.length()) {
            int end = raw.indexOf(SOH, start);
            String field = raw.substring(start, end < 0 ? raw.length() : end);
            int eq = field.indexOf('=');
            if (eq > 0 && isTag(field, eq) && isSecret(Integer.parseInt(field, 0, eq, 10))) {
                out.append(field, 0, eq + 1).append(MASK);
            } else {
                out.append(field);
            }
            if (end < 0) {
                break;
            }
            out.append('|');
            start = end + 1;
        }
        return out.toString();
    }

    /** Sum of the bytes modulo 256, as 10 CheckSum wants it. */
    static int checksum(byte[] bytes, int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i++) {
            sum += bytes[i] & 0xFF;
        }
        return sum & 0xFF;
    }

    static byte[] latin1(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Appends the {@code tag=value} fields of {@code fields}, each followed by SOH, checking their syntax. */
    static void appendFields(StringBuilder out, String fields) {
        String sep = fields.indexOf(SOH) >= 0 ? String.valueOf(SOH) : "|";
        int start = 0;
        while (start < fields.length()) {
            int end = fields.indexOf(sep, start);
            if (end < 0) {
                end = fields.length();
            }
            String field = fields.substring(start, end);
            if (!field.isEmpty()) {
                int eq = field.indexOf('=');
                if (eq <= 0 || !isTag(field, eq)) {
                    throw new IllegalArgumentException("not a tag=value field: '" + maskRaw(field)
                            + "' (use sendRaw for malformed messages)");
                }
                out.append(field).append(SOH);
            }
            start = end + 1;
        }
    }

    /** Text that is not a sequence of {@code tag=value} fields; the message shows it with secrets masked. */
    static final class Malformed extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final String reason;

        Malformed(String reason, String wire) {
            super(reason + ": " + maskRaw(wire));
            this.reason = reason;
        }
    }

    private static List<Field> split(String wire, char separator) {
        List<Field> fields = new ArrayList<>();
        int start = 0;
        while (start < wire.length()) {
            int end = wire.indexOf(separator, start);
            if (end < 0) {
                throw new Malformed("the last field is not ended by SOH", wire);
            }
            int eq = wire.indexOf('=', start);
            if (eq <= start || eq > end || !isTag(wire.substring(start, eq), eq - start)) {
                throw new Malformed("field " + (fields.size() + 1) + " is not tag=value", wire);
            }
            fields.add(new Field(Integer.parseInt(wire, start, eq, 10), wire.substring(eq + 1, end)));
            start = end + 1;
        }
        return List.copyOf(fields);
    }

    /** A tag is 1 to 9 ASCII digits (so it always fits an int). */
    private static boolean isTag(String text, int length) {
        if (length < 1 || length > 9) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
