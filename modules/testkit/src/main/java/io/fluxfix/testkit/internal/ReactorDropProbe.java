package io.fluxfix.testkit.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import reactor.core.publisher.Hooks;

/**
 * Fails a scope in which Reactor dropped an {@code onError} or {@code onNext} signal.
 *
 * <p>Reactor routes a signal that arrives after a subscriber terminated or was cancelled to
 * {@code Operators.onErrorDropped}/{@code onNextDropped}, which by default only logs it. In our pipeline that is a
 * lost execution report or a swallowed failure, so a test that causes one fails.
 *
 * <p>The hooks are JVM-wide. Every scope that starts resets them and installs ours, and when a nested scope ends
 * ours are installed again for the scope around it: a test may have reset them ({@code StepVerifier} does after
 * {@code verifyThenAssertThat()}), and the enclosing scope must go on being checked. When the outermost scope ends
 * they are reset. A dropped signal counts against the innermost open scope, which is the running test when tests
 * run one at a time. Only loaded when reactor-core is on the test's class path.
 */
public final class ReactorDropProbe implements LeakProbe {

    /** The open scopes, innermost first. */
    private static final Deque<ScopeDrops> OPEN_SCOPES = new ArrayDeque<>();

    /** Longer values are cut; the type and the start say enough. */
    private static final int VALUE_CHARS_SHOWN = 200;

    @Override
    public Watch start(Watch enclosing, LeakCheckSettings settings) {
        ScopeDrops scope = new ScopeDrops(!settings.allowDroppedSignals());
        synchronized (OPEN_SCOPES) {
            OPEN_SCOPES.push(scope);
            installHooks();
        }
        return ignored -> {
            synchronized (OPEN_SCOPES) {
                OPEN_SCOPES.remove(scope);
                if (OPEN_SCOPES.isEmpty()) {
                    Hooks.resetOnErrorDropped();
                    Hooks.resetOnNextDropped();
                } else {
                    installHooks();
                }
                return List.copyOf(scope.dropped);
            }
        };
    }

    private static void installHooks() {
        // Reset first: the hooks add up, and ours must be there exactly once.
        Hooks.resetOnErrorDropped();
        Hooks.resetOnNextDropped();
        Hooks.onErrorDropped(ReactorDropProbe::errorDropped);
        Hooks.onNextDropped(ReactorDropProbe::nextDropped);
    }

    private static void errorDropped(Throwable error) {
        record(new Leak("Reactor dropped an onError signal: " + error, error));
    }

    private static void nextDropped(Object value) {
        String text = String.valueOf(value);
        if (text.length() > VALUE_CHARS_SHOWN) {
            text = text.substring(0, VALUE_CHARS_SHOWN) + "...";
        }
        String type = value == null ? "null" : value.getClass().getName();
        record(Leak.of("Reactor dropped an onNext signal: " + type + " " + text));
    }

    private static void record(Leak leak) {
        synchronized (OPEN_SCOPES) {
            ScopeDrops innermost = OPEN_SCOPES.peek();
            if (innermost != null && innermost.counted) {
                innermost.dropped.add(leak);
            }
        }
    }

    private static final class ScopeDrops {
        final boolean counted;
        final List<Leak> dropped = new ArrayList<>();

        ScopeDrops(boolean counted) {
            this.counted = counted;
        }
    }
}
