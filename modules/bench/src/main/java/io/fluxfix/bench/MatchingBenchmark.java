package io.fluxfix.bench;

import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.venue.engine.Execution;
import io.fluxfix.venue.engine.MatchingEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
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
 * Both run with each of two sinks ({@code sink} parameter):
 * <ul>
 *   <li>{@code view} — the engine's own work: matching, holds and settlement, order and trade ids, ExecID numbers,
 *       and every report handed out as the engine's {@link Execution} view, whose fields the sink reads (ids,
 *       status, quantities, prices, costs) into a {@link Blackhole}. The target (at least 1 M requests per
 *       second) is for this figure;</li>
 *   <li>{@code reports} — the same, plus {@link Execution#toExecutionReport()} for every report, each consumed:
 *       what the venue pays per request before FIX encoding (decimals, average price, ExecID and description
 *       text, the record).</li>
 * </ul>
 * The requests themselves are built beforehand. Figures and the command are in {@code docs/benchmarks.md}.
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
        /** {@code view}: the engine's work; {@code reports}: plus each report converted to an ExecutionReport. */
        @Param({VIEW, REPORTS})
        public String sink = VIEW;
        MatchingWorkload workload;
        MatchingEngine engine;
        BlackholeOutput out;

        @Setup(Level.Trial)
        public void generate() {
            workload = MatchingWorkload.generate(MatchingWorkload.DEFAULT_SEED);
            out = sink(sink);
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
        @Param({VIEW, REPORTS})
        public String sink = VIEW;
        MatchingWorkload workload;
        MatchingEngine engine;
        int next;
        BlackholeOutput out;

        @Setup(Level.Trial)
        public void generate() {
            workload = MatchingWorkload.generate(MatchingWorkload.DEFAULT_SEED);
            out = sink(sink);
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

    static final String VIEW = "view";
    static final String REPORTS = "reports";

    static final MatchingEngine.Output DISCARD = (compId, execution) -> { };

    static BlackholeOutput sink(String name) {
        switch (name) {
            case VIEW:
                return new ViewSink();
            case REPORTS:
                return new ReportSink();
            default:
                throw new IllegalArgumentException("sink " + name + ": expected " + VIEW + " or " + REPORTS);
        }
    }

    /** A sink whose reports go to a {@link Blackhole}; counts them (the test checks that reports happen). */
    abstract static class BlackholeOutput implements MatchingEngine.Output {
        Blackhole bh;
        long reports;
    }

    /**
     * Reads what the engine reports — the view's ids, status, quantities, prices and costs — into the Blackhole,
     * so none of the engine's work for them can be skipped; converts nothing.
     */
    static final class ViewSink extends BlackholeOutput {
        @Override
        public void report(String compId, Execution e) {
            reports++;
            bh.consume(compId);
            bh.consume(e.order().orderId());
            bh.consume(e.clOrdId());
            bh.consume(e.origClOrdId());
            bh.consume(e.execType());
            bh.consume(e.ordStatus());
            bh.consume(e.tradeId());
            bh.consume(e.liquidity());
            bh.consume(e.execIdValue() ^ e.transactTime() ^ e.cumQty() * 31 ^ e.leavesQty() * 37 ^ e.cumCost() * 41
                    ^ e.lastQty() * 43 ^ e.lastPx() * 47 ^ e.lastCost() * 53 ^ e.tradeSeq() * 59);
        }
    }

    /** Converts every report to the model's {@link ExecutionReport}, as the venue does before encoding it. */
    static final class ReportSink extends BlackholeOutput {
        @Override
        public void report(String compId, Execution e) {
            reports++;
            bh.consume(compId);
            bh.consume(e.toExecutionReport());
        }
    }
}
