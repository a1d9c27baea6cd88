package io.fluxfix.bench;

import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.venue.engine.MatchingEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Throughput of the local venue's {@link MatchingEngine} on one thread, as the venue calls it (one request at a
 * time, serialised), on the mixed stream of {@link MatchingWorkload}: passive adds, cancels of resting orders and
 * aggressive orders that trade.
 * <ul>
 *   <li>{@code mixedStream}: requests per second over whole replays of the stream's body, each on a fresh engine
 *       whose book the stream's prefix has built (not measured);</li>
 *   <li>{@code perRequest}: the same stream one request per call, every call's time sampled — the latency
 *       distribution of a request, closed-loop, including the timer's own cost (tens of ns).</li>
 * </ul>
 * What is measured is the engine's whole work for a request, including building every {@link ExecutionReport} it
 * sends (ids, decimals, texts): that is the engine's job. The reports go to a {@link Blackhole} so none of it can
 * be optimised away; the requests themselves are built beforehand. The target is at least 1 M requests per
 * second; figures and the command are in {@code docs/benchmarks.md}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// One mixedStream call replays 100,000 requests (~0.5 s on the reference VM): 2 s iterations hold several.
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3)
public class MatchingBenchmark {

    /** Whole replays: a fresh engine and book before each (not measured), then the body of the stream. */
    @State(Scope.Thread)
    public static class Day {
        MatchingWorkload workload;
        MatchingEngine engine;
        final BlackholeOutput out = new BlackholeOutput();

        @Setup(Level.Trial)
        public void generate() {
            workload = MatchingWorkload.generate(MatchingWorkload.DEFAULT_SEED);
        }

        @Setup(Level.Invocation)
        public void openBook() {
            engine = workload.newEngine();
            workload.replay(engine, 0, workload.prefixLength(), DISCARD);
        }
    }

    /** One request per call; at the end of the stream, a fresh engine and book (not measured). */
    @State(Scope.Thread)
    public static class Stream {
        MatchingWorkload workload;
        MatchingEngine engine;
        int next;
        final BlackholeOutput out = new BlackholeOutput();

        @Setup(Level.Trial)
        public void generate() {
            workload = MatchingWorkload.generate(MatchingWorkload.DEFAULT_SEED);
        }

        @Setup(Level.Invocation)
        public void openBookAtEnd() {
            if (engine == null || next == workload.length()) {
                engine = workload.newEngine();
                workload.replay(engine, 0, workload.prefixLength(), DISCARD);
                next = workload.prefixLength();
            }
        }
    }

    /** @return requests refused (zero: the test checks it) */
    @Benchmark
    @OperationsPerInvocation(MatchingWorkload.BODY_OPS)
    public int mixedStream(Day day, Blackhole bh) {
        day.out.bh = bh;
        return day.workload.replay(day.engine, day.workload.prefixLength(), day.workload.length(), day.out);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public MatchingEngine.Rejection perRequest(Stream s, Blackhole bh) {
        s.out.bh = bh;
        return s.workload.apply(s.engine, s.next++, s.out);
    }

    static final MatchingEngine.Output DISCARD = (compId, report) -> { };

    /** The sink: each report is consumed, so building it cannot be skipped. */
    static final class BlackholeOutput implements MatchingEngine.Output {
        Blackhole bh;

        @Override
        public void report(String compId, ExecutionReport report) {
            bh.consume(report);
        }
    }
}
