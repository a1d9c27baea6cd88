package io.fluxfix.bench;

import io.fluxfix.orders.Decision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * {@link OrderSinkBenchmark}'s workload with only the command timed: {@code submit} — ClOrdID checks, kill switch,
 * trading status, risk, the Spot counter, the guard, the order's state, the hand-over to the session. The venue's
 * answer to it (the state machine's report half, which {@code commandAndReport} times too) is applied at the start
 * of the next invocation, before its clock starts. Same commands, reports, clock steps and rollovers. Every command
 * is timed ({@link EveryCall}). {@code commands} as in {@link OrderSinkBenchmark}: the prepared pool (cold) or
 * each command made just before it (hot, as in production). Figures in {@code docs/benchmarks.md}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// a fixed heap touched at start: see OrderSinkBenchmark's note on page faults
@Fork(value = 2, jvmArgsPrepend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class OrderSinkCommandBenchmark {

    final OrderSinkBenchmark workload = new OrderSinkBenchmark();

    @Param({"pool", "fresh"})
    public String commands = "pool";

    @Setup(Level.Trial)
    public void prepare() {
        workload.commands = commands;
        workload.prepare();
    }

    @Setup(Level.Iteration)
    public void start() {
        workload.start();
    }

    @TearDown(Level.Iteration)
    public void check() {
        workload.answer();
        workload.check();
    }

    /** One command: a new order, or the cancel of the one before. */
    @Benchmark
    public Decision command(EveryCall latency) {
        workload.answer(); // the venue's answer to the previous command, untimed
        workload.ready();
        long t0 = System.nanoTime();
        Decision d = workload.command();
        latency.record(System.nanoTime() - t0);
        return d;
    }
}
