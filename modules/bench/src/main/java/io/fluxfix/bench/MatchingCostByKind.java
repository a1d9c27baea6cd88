package io.fluxfix.bench;

import io.fluxfix.bench.MatchingWorkload.Kind;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.venue.engine.MatchingEngine;

import java.lang.management.ManagementFactory;
import java.util.EnumMap;
import java.util.Map;

/**
 * Splits {@link MatchingBenchmark}'s figures by kind of request: mean time, bytes allocated and reports sent per
 * add, cancel and aggressive order, over the same replays of {@link MatchingWorkload}, once with each of the
 * benchmark's sinks — the engine's view read as it is ({@code view}), then every report converted to an
 * {@link ExecutionReport} ({@code reports}). A diagnostic, not a benchmark: each request is timed with
 * {@code System.nanoTime} (tens of ns of its own) and the allocation counter, so the totals run a little above
 * JMH's. Run with
 * {@code java -cp modules/bench/target/benchmarks.jar io.fluxfix.bench.MatchingCostByKind [replays]}.
 */
public final class MatchingCostByKind {

    private MatchingCostByKind() {
    }

    public static void main(String[] args) {
        int replays = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        MatchingWorkload w = MatchingWorkload.generate(MatchingWorkload.DEFAULT_SEED);
        long[] reports = new long[1];
        Object[] last = new Object[1];
        long[] fold = new long[1];
        MatchingEngine.Output view = (compId, e) -> {
            reports[0]++;
            // What the benchmark's view sink reads, kept so it cannot be skipped.
            fold[0] += e.execIdValue() ^ e.cumQty() ^ e.leavesQty() ^ e.cumCost() ^ e.lastQty() ^ e.lastPx()
                    ^ e.lastCost() ^ e.tradeSeq() ^ e.execType().ordinal() ^ e.ordStatus().ordinal()
                    ^ e.order().orderId().length() ^ e.clOrdId().length();
        };
        MatchingEngine.Output converted = (compId, e) -> {
            reports[0]++;
            last[0] = e.toExecutionReport();
        };
        System.out.println("sink: view (the engine's work; reports read as the engine's view)");
        measure(w, replays, view, reports);
        System.out.println();
        System.out.println("sink: reports (plus every report converted to an ExecutionReport)");
        measure(w, replays, converted, reports);
        if (!(last[0] instanceof ExecutionReport) || fold[0] == 0) {
            throw new IllegalStateException("no reports");
        }
    }

    private static void measure(MatchingWorkload w, int replays, MatchingEngine.Output out, long[] reports) {
        int warmup = replays / 2;
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long me = Thread.currentThread().getId();
        Map<Kind, long[]> sums = new EnumMap<>(Kind.class); // count, nanos, bytes, reports
        for (int r = 0; r < replays; r++) {
            MatchingEngine engine = w.newEngine();
            w.replay(engine, 0, w.prefixLength(), out);
            for (int i = w.prefixLength(); i < w.length(); i++) {
                long bytes = threads.getThreadAllocatedBytes(me);
                long sent = reports[0];
                long t0 = System.nanoTime();
                w.apply(engine, i, out);
                long t1 = System.nanoTime();
                if (r >= warmup) {
                    long[] s = sums.computeIfAbsent(w.kind(i), k -> new long[4]);
                    s[0]++;
                    s[1] += t1 - t0;
                    s[2] += threads.getThreadAllocatedBytes(me) - bytes;
                    s[3] += reports[0] - sent;
                }
            }
        }
        long n = 0;
        long nanos = 0;
        long bytes = 0;
        long sent = 0;
        System.out.printf("%-17s %7s %9s %9s %9s%n", "kind", "share", "ns/req", "B/req", "reports");
        for (Map.Entry<Kind, long[]> e : sums.entrySet()) {
            long[] s = e.getValue();
            n += s[0];
            nanos += s[1];
            bytes += s[2];
            sent += s[3];
        }
        for (Map.Entry<Kind, long[]> e : sums.entrySet()) {
            long[] s = e.getValue();
            System.out.printf("%-17s %6.1f%% %9.0f %9.0f %9.2f%n", e.getKey(), 100.0 * s[0] / n, (double) s[1] / s[0],
                    (double) s[2] / s[0], (double) s[3] / s[0]);
        }
        System.out.printf("%-17s %6.1f%% %9.0f %9.0f %9.2f   (%.0f B per report; %,.0f requests/s)%n", "all", 100.0,
                (double) nanos / n, (double) bytes / n, (double) sent / n, (double) bytes / sent, n / (nanos / 1e9));
    }
}
