package io.fluxfix.testkit.internal;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import net.openhft.chronicle.core.io.AbstractCloseable;
import net.openhft.chronicle.core.io.Closeable;

/**
 * Fails a scope that leaves a Chronicle closeable (a queue, an appender, a tailer, a mapped file) open, using
 * Chronicle's own closeable tracing, as Chronicle's {@code QueueTestCommon} does.
 *
 * <p>Chronicle traces closeables in one JVM-wide set that {@code enableCloseableTracing()} replaces with an empty
 * one, and {@code assertCloseablesClosed()} checks, and closes, everything in it. So that a test's check neither
 * forgets nor closes the queue its class opened in {@code @BeforeAll}, each scope gets its own set, and the
 * enclosing scope's set is put back when the scope ends. Chronicle has no public way to read or restore the set,
 * so that is done by reflection; should a Chronicle upgrade move the field, each scope still gets a fresh set, but
 * resources opened in {@code @BeforeAll} are no longer checked (and the testkit's own tests fail). Only loaded
 * when Chronicle is on the test's class path.
 */
public final class ChronicleCloseableProbe implements LeakProbe {

    private static final AtomicReference<Object> TRACED_SET = tracedSet();

    @Override
    public Watch start(Watch enclosing, LeakCheckSettings settings) {
        Object enclosingSet = TRACED_SET == null ? null : TRACED_SET.get();
        AbstractCloseable.enableCloseableTracing();
        return ignored -> {
            // Read before the assertion, which closes what it finds.
            String openTypes = openTypes();
            try {
                AbstractCloseable.assertCloseablesClosed();
                return List.of();
            } catch (AssertionError notClosed) {
                return List.of(new Leak(describe(openTypes, notClosed), notClosed));
            } finally {
                if (TRACED_SET != null) {
                    TRACED_SET.set(enclosingSet);
                }
            }
        };
    }

    /**
     * Chronicle's own report names only the closeables no other open one refers to, which leaves out a queue
     * (it and its stores refer to each other), so the description lists every type still open instead.
     */
    private static String describe(String openTypes, AssertionError notClosed) {
        String what = openTypes;
        if (what.isEmpty()) {
            List<String> reported = new ArrayList<>();
            for (Throwable each : notClosed.getSuppressed()) {
                reported.add(each.getMessage());
            }
            what = String.join(", ", reported);
        }
        return "Chronicle closeables left open (the check has closed them): " + what
                + "; run with -Djvm.resource.tracing=true to record where each was created";
    }

    /** The types of the traced closeables not yet closing, with a count where there are several. */
    private static String openTypes() {
        Object traced = TRACED_SET == null ? null : TRACED_SET.get();
        if (!(traced instanceof Set<?> set)) {
            return "";
        }
        Map<String, Integer> counts = new TreeMap<>();
        synchronized (set) { // Chronicle's set is a synchronizedSet: iterate under its lock
            for (Object each : set) {
                if (each instanceof Closeable closeable && !closeable.isClosing()) {
                    String name = each.getClass().getName();
                    counts.merge(name.substring(name.lastIndexOf('.') + 1), 1, Integer::sum);
                }
            }
        }
        List<String> types = new ArrayList<>();
        counts.forEach((type, count) -> types.add(count == 1 ? type : type + " x" + count));
        return String.join(", ", types);
    }

    @SuppressWarnings("unchecked")
    private static AtomicReference<Object> tracedSet() {
        try {
            Field field = Class.forName("net.openhft.chronicle.core.internal.CloseableUtils", true,
                    AbstractCloseable.class.getClassLoader()).getDeclaredField("CLOSEABLES");
            field.setAccessible(true);
            return (AtomicReference<Object>) field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
