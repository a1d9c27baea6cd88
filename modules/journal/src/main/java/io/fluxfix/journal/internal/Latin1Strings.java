package io.fluxfix.journal.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The bytes a String keeps its chars in, when it keeps one byte per char (Latin-1, the JDK's compact strings):
 * an ASCII string is then copied into a record with one {@code arraycopy} instead of char by char. Needs
 * {@code --add-opens java.base/java.lang} (FluxFix's JVM flags have it); without it, or on a JDK whose String
 * does not hold such an array, {@link #of} answers null and writers take the char-by-char path.
 */
final class Latin1Strings {

    private static final VarHandle VALUE = valueHandle();

    private Latin1Strings() {
    }

    /**
     * The String's own byte array if it holds one byte per char, else null. Never written to: the String is
     * immutable and shares this array.
     */
    static byte[] of(String s) {
        if (VALUE == null) {
            return null;
        }
        byte[] value = (byte[]) VALUE.get(s);
        return value.length == s.length() ? value : null; // two bytes per char (UTF-16) otherwise
    }

    private static VarHandle valueHandle() {
        try {
            VarHandle h = MethodHandles.privateLookupIn(String.class, MethodHandles.lookup())
                    .findVarHandle(String.class, "value", byte[].class);
            // this JDK's String must keep "ab" as those two bytes, and "ā" in more than one byte per char
            byte[] ab = (byte[]) h.get("ab");
            byte[] wide = (byte[]) h.get("\u0101");
            return ab.length == 2 && ab[0] == 'a' && ab[1] == 'b' && wide.length != 1 ? h : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
