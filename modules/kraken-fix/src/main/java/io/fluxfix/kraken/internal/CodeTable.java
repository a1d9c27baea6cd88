package io.fluxfix.kraken.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * A two-way table between a model enum and its FIX codes. One-character codes (most of them) decode through
 * an array indexed by the character, so decoding allocates nothing and does not hash.
 */
public final class CodeTable<E extends Enum<E>> {

    private final String name;
    private final String[] codes;
    private final Object[] byChar = new Object[128];
    private final Map<String, E> byString = new HashMap<>();

    public CodeTable(String name, Class<E> type) {
        this.name = name;
        this.codes = new String[type.getEnumConstants().length];
    }

    public CodeTable<E> map(E value, String code) {
        codes[value.ordinal()] = code;
        if (code.length() == 1 && code.charAt(0) < 128) {
            byChar[code.charAt(0)] = value;
        } else {
            byString.put(code, value);
        }
        return this;
    }

    /** The FIX code of {@code value}. */
    public String code(E value) {
        String c = codes[value.ordinal()];
        if (c == null) {
            throw new IllegalArgumentException(name + " " + value + " has no FIX code in Kraken's dialect");
        }
        return c;
    }

    /** The value for {@code code}, or null if the dialect has no such code. */
    @SuppressWarnings("unchecked")
    public E decode(String code) {
        if (code.length() == 1) {
            char c = code.charAt(0);
            return c < 128 ? (E) byChar[c] : null;
        }
        return byString.get(code);
    }

    /** The value for a one-character code, or null; allocates nothing. */
    @SuppressWarnings("unchecked")
    public E decode(char code) {
        return code < 128 ? (E) byChar[code] : null;
    }
}
