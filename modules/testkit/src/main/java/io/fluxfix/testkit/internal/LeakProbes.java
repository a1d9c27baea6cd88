package io.fluxfix.testkit.internal;

import java.util.ArrayList;
import java.util.List;

/** The probes that apply to a test, depending on which libraries its class path has. */
public final class LeakProbes {

    private LeakProbes() {
    }

    /**
     * Threads are always checked; the others only when their library is visible to the test's class loader. The
     * probe classes that use a library are only loaded in that case, so the extension runs without any of them.
     */
    public static List<LeakProbe> available(ClassLoader testClassLoader) {
        List<LeakProbe> probes = new ArrayList<>();
        // Threads first: their grace lets a finishing thread close the session or queue it owns before those
        // probes look.
        probes.add(new ThreadLeakProbe());
        if (present("quickfix.Session", testClassLoader)) {
            probes.add(new QuickFixSessionProbe());
        }
        if (present("net.openhft.chronicle.core.io.AbstractCloseable", testClassLoader)) {
            probes.add(new ChronicleCloseableProbe());
        }
        if (present("reactor.core.publisher.Hooks", testClassLoader)) {
            probes.add(new ReactorDropProbe());
        }
        return probes;
    }

    private static boolean present(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
