package io.fluxfix.testkit;

import io.fluxfix.testkit.internal.Leak;
import io.fluxfix.testkit.internal.LeakCheckSettings;
import io.fluxfix.testkit.internal.LeakProbe;
import io.fluxfix.testkit.internal.LeakProbes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaks a thread, a QuickFIX/J session or a Chronicle closeable, or during which Reactor dropped
 * a signal; the resources are those of the test's class path.
 *
 * <p>What was alive is recorded before the class ({@code beforeAll}, ahead of the class's {@code @BeforeAll}) and
 * before each test ({@code beforeEach}, ahead of its {@code @BeforeEach}); after each test (after its
 * {@code @AfterEach}) and after the class (after its {@code @AfterAll}) whatever is new must be gone, after a grace
 * period for things still shutting down. A leak reported for a test is not reported again for its class.
 *
 * <p>Register it by auto-detection ({@code junit.jupiter.extensions.autodetection.enabled=true}), with
 * {@link LeakCheck}, or with {@code @ExtendWith(LeakCheckExtension.class)}. The checks assume the tests of a JVM
 * run one at a time, which is JUnit's default.
 */
public final class LeakCheckExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            LeakCheckExtension.class);
    private static final String CLASS_WATCHES = "class";
    private static final String TEST_WATCHES = "test";

    @Override
    public void beforeAll(ExtensionContext context) {
        // Looked up before ours is stored: for a @Nested class this finds the enclosing class's watches.
        start(context, CLASS_WATCHES, LeakCheckSettings.forClass(context));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        LeakCheckSettings settings = LeakCheckSettings.forTest(context);
        if (settings.scope() == LeakCheck.Scope.TEST) {
            start(context, TEST_WATCHES, settings);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        finish(context, TEST_WATCHES, LeakCheckSettings.forTest(context),
                "test " + context.getRequiredTestMethod().getName() + "()");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        finish(context, CLASS_WATCHES, LeakCheckSettings.forClass(context),
                "class " + context.getRequiredTestClass().getName() + " (between @BeforeAll and @AfterAll)");
    }

    private static void start(ExtensionContext context, String key, LeakCheckSettings settings) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        // Store.get also searches the enclosing contexts, so a test finds its class's watches here.
        ScopeWatches enclosing = store.get(CLASS_WATCHES, ScopeWatches.class);
        ScopeWatches watches = new ScopeWatches();
        // Stored first: should a probe fail to start, the after-callback still finishes those that did.
        store.put(key, watches);
        for (LeakProbe probe : LeakProbes.available(context.getRequiredTestClass().getClassLoader())) {
            LeakProbe.Watch around = enclosing == null ? null : enclosing.byProbe.get(probe.getClass());
            watches.byProbe.put(probe.getClass(), probe.start(around, settings));
        }
    }

    private static void finish(ExtensionContext context, String key, LeakCheckSettings settings, String scope) {
        // remove() only looks at this context, so a test never finishes its class's watches.
        ScopeWatches watches = context.getStore(NAMESPACE).remove(key, ScopeWatches.class);
        if (watches == null) {
            return; // scope CLASS for this test, or the extension was registered after this scope began
        }
        List<Leak> leaks = new ArrayList<>();
        RuntimeException broken = null;
        for (LeakProbe.Watch watch : watches.byProbe.values()) {
            try {
                leaks.addAll(watch.finish(settings));
            } catch (RuntimeException e) {
                // Finish the other watches anyway: each puts back JVM-wide state the next test depends on.
                if (broken == null) {
                    broken = e;
                } else {
                    broken.addSuppressed(e);
                }
            }
        }
        if (broken != null) {
            throw broken;
        }
        if (!leaks.isEmpty()) {
            throw failure(scope, settings, leaks);
        }
    }

    private static AssertionError failure(String scope, LeakCheckSettings settings, List<Leak> leaks) {
        String newline = System.lineSeparator();
        StringBuilder message = new StringBuilder("Leak check failed for ").append(scope).append(": ")
                .append(leaks.size()).append(leaks.size() == 1 ? " leak" : " leaks")
                .append(" (threads and sessions had ").append(settings.grace().toMillis()).append(" ms to go away)");
        for (Leak leak : leaks) {
            message.append(newline).append("  - ").append(leak.description());
        }
        message.append(newline).append("Stop threads and close sessions and queues before the test ends; a dropped "
                + "Reactor signal is one an operator lost. For a thread that belongs to the whole class or JVM, see "
                + "@LeakCheck(allowThreads, scope).");
        AssertionError error = new AssertionError(message.toString());
        leaks.stream().map(Leak::detail).filter(d -> d != null).forEach(error::addSuppressed);
        return error;
    }

    /** The watches over one scope, by probe type, in the order the probes are finished. */
    private static final class ScopeWatches {
        final Map<Class<?>, LeakProbe.Watch> byProbe = new LinkedHashMap<>();
    }
}
