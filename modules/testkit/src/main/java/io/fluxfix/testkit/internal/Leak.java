package io.fluxfix.testkit.internal;

/**
 * One leaked resource.
 *
 * @param description one line (and, for a thread, its top frames) naming what leaked
 * @param detail      a throwable that shows more, such as a dropped error, added as suppressed to the failure; or null
 */
public record Leak(String description, Throwable detail) {

    public static Leak of(String description) {
        return new Leak(description, null);
    }
}
