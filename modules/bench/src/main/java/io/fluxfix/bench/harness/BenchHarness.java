package io.fluxfix.bench.harness;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The end-to-end benchmarks behind {@code fluxfix bench NAME}: each runs one workload, prints its figures beside
 * its anchor, measured in the same run, and the goal the issue set. Goals are goals, not gates: nothing here
 * asserts a figure. {@code --smoke} runs a few seconds' version that shows the benchmark works (the test suite
 * uses it); its figures mean little.
 */
public final class BenchHarness {

    /** A benchmark: prints what it measured. */
    @FunctionalInterface
    interface Bench {
        void run(boolean smoke, PrintWriter out) throws Exception;
    }

    private static final Map<String, Bench> BENCHES = new TreeMap<>(Map.of(
            "replay", ReplayThroughput::run,
            "md-ingest", MarketDataIngest::run,
            "tick-to-order", TickToOrder::run,
            "round-trip", OrderRoundTrip::run));

    /** The benchmarks' names, for the command's help. */
    public static final String NAMES_TEXT = String.join(", ", BENCHES.keySet());

    private BenchHarness() {
    }

    /** Runs benchmark {@code name}; an unknown name is an {@link IllegalArgumentException} naming the known ones. */
    public static void run(String name, boolean smoke, PrintWriter out) throws Exception {
        Bench b = BENCHES.get(name);
        if (b == null) {
            throw new IllegalArgumentException("no benchmark '" + name + "' (there are: " + NAMES_TEXT + ")");
        }
        out.printf("bench %s%s: %d cores, JDK %s, load average %s%n", name, smoke ? " (smoke)" : "",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), loadAverage());
        out.flush();
        b.run(smoke, out);
        out.flush();
    }

    static String loadAverage() {
        double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.2f", l);
    }

    /** For picocli's completion candidates. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.copyOf(BENCHES.keySet()).iterator();
        }
    }
}
