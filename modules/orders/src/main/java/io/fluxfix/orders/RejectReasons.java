package io.fluxfix.orders;

import java.util.HashSet;
import java.util.Set;

/**
 * The venue's reject texts as the {@code reason} tag of {@code fluxfix.orders.venue.rejects}, kept to a bounded set
 * so a metrics backend never sees one time series per message: runs of digits become {@code #} (a session reject
 * names its tag or value, e.g. {@code "Value is incorrect (out of range) for this tag, field=44"}), a text is cut to
 * {@value #MAX_LENGTH} characters, and once {@value #MAX_REASONS} distinct reasons have been seen every new one is counted as
 * {@value #OTHER}. Kraken's own texts ({@code EOrder:Insufficient funds}, ...) are a short fixed list and keep
 * their words. Not thread-safe: the sink calls it under its lock.
 */
final class RejectReasons {

    static final int MAX_REASONS = 64;
    static final int MAX_LENGTH = 80;
    static final String OTHER = "other";

    private final Set<String> seen = new HashSet<>();

    String tag(String text) {
        if (text == null) {
            return "";
        }
        String t = normalise(text);
        if (seen.contains(t)) {
            return t;
        }
        if (seen.size() >= MAX_REASONS) {
            return OTHER;
        }
        seen.add(t);
        return t;
    }

    static String normalise(String text) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_LENGTH));
        for (int i = 0; i < text.length() && b.length() < MAX_LENGTH; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (b.length() == 0 || b.charAt(b.length() - 1) != '#') {
                    b.append('#');
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
