package io.fluxfix.testkit.internal;

import java.util.List;

/** One kind of resource a test can leak: threads, QuickFIX/J sessions, Chronicle closeables, Reactor signals. */
public interface LeakProbe {

    /**
     * Starts watching a scope (a test class or a test).
     *
     * @param enclosing the same probe's watch over the enclosing scope, or {@code null}; a watch that reports a leak
     *                  tells it, so the enclosing scope does not report the same leak again
     * @param settings  what {@code @LeakCheck} says for this scope
     */
    Watch start(Watch enclosing, LeakCheckSettings settings);

    /** Watches one scope. Finished once; the watches of nested scopes are finished innermost first. */
    interface Watch {
        /** Ends the scope and returns what it leaked, waiting up to the settings' grace for resources to go away. */
        List<Leak> finish(LeakCheckSettings settings);
    }
}
