package io.fluxfix.bench;

import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The latency of every invocation, for the benchmarks whose target is a percentile of a sub-microsecond operation.
 * The benchmark method times its body with {@link System#nanoTime()} and hands the time to {@link #record(long)};
 * at the end of each iteration the percentiles of that iteration's invocations are published as JMH secondary
 * results, in nanoseconds: {@code :p50}, {@code :p90}, {@code :p99}, {@code :p99.9} as the fields {@link #p50},
 * {@link #p90}, {@link #p99}, {@link #p999}, and {@link #calls}. JMH keeps them per iteration in its JSON
 * ({@code -rf json}) but its summary line <em>adds</em> such counters over the iterations (divide by {@code Cnt});
 * so each iteration also prints its percentiles in one line, and at the end of the fork one line gives the
 * percentiles of all its measured invocations together:
 * <pre>
 * every call, iteration: 2,541,327 calls, p50 354 ns, p90 565 ns, p99 787 ns, p99.9 12,800 ns, max ...
 * every call, fork (measured iterations): ...
 * </pre>
 *
 * <p>Why not JMH's {@code Mode.SampleTime}: in JMH 1.37 its percentiles of such operations are biased high, by a
 * lot. It times every 2<sup>k</sup>-th invocation and, each time it holds 20 samples per millisecond of the
 * iteration, halves every bucket of its histogram and doubles k — but a bucket holding one sample keeps it (the
 * halving never takes 1 to 0), and k starts again from 0 every iteration (the generated code assigns the grown
 * mask to a parameter, so it is lost). For a ~0.5 µs operation an iteration halves about six times; the rare slow
 * invocations, each alone in its bucket, keep their weight while the bulk loses 2<sup>6</sup>, and the reported
 * p99 lands among them. Replaying JMH's rule over the very latencies recorded here (all 1.5 M appends of an
 * iteration, timed one by one) gave p99 2.3–15 µs and a mean 2–3× the true one where the true p99 was
 * 0.9–1.0 µs (docs/benchmarks.md, "The journal"). Its sampling is not random either: the low bits of its linear
 * congruential generator select exactly every 2<sup>k</sup>-th invocation, so a workload with a power-of-two
 * period (Chronicle's index entry every 256th record, a benchmark alternating two commands) is timed at one
 * phase only.
 *
 * <p>Timing every call costs two {@code nanoTime} reads (~20 ns each on this machine's TSC clock, inside the
 * figure, as in {@code SampleTime}) and one histogram update (outside it). Values are kept to three significant
 * digits up to 10 s.
 */
@AuxCounters(AuxCounters.Type.EVENTS)
@State(Scope.Thread)
public class EveryCall {

    private static final long HIGHEST = TimeUnit.SECONDS.toNanos(10);

    /** Percentiles of this iteration's invocations, ns (published at the end of the iteration). */
    public double p50;
    public double p90;
    public double p99;
    public double p999;
    /** Invocations timed in this iteration. */
    public double calls;

    private final Histogram histogram = new Histogram(HIGHEST, 3);
    private final Histogram measured = new Histogram(HIGHEST, 3);
    private boolean measuring;

    @Setup(Level.Iteration)
    public void reset(IterationParams iteration) {
        reset();
        measuring = iteration.getType() == IterationType.MEASUREMENT;
    }

    void reset() {
        histogram.reset();
    }

    /** One invocation's time, in ns. */
    public void record(long nanos) {
        histogram.recordValue(Math.min(Math.max(nanos, 0), HIGHEST));
    }

    @TearDown(Level.Iteration)
    public void publish() {
        p50 = histogram.getValueAtPercentile(50);
        p90 = histogram.getValueAtPercentile(90);
        p99 = histogram.getValueAtPercentile(99);
        p999 = histogram.getValueAtPercentile(99.9);
        calls = histogram.getTotalCount();
        if (measuring) {
            measured.add(histogram);
            System.out.println("every call, iteration: " + line(histogram));
        }
    }

    @TearDown(Level.Trial)
    public void publishFork() {
        if (measured.getTotalCount() > 0) {
            System.out.println("every call, fork (measured iterations): " + line(measured));
        }
    }

    static String line(Histogram h) {
        return String.format(Locale.ROOT, "%,d calls, p50 %,d ns, p90 %,d ns, p99 %,d ns, p99.9 %,d ns, max %,d ns",
                h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getMaxValue());
    }
}
