package io.fluxfix.bench;

import io.fluxfix.journal.internal.InboundIndex;
import io.fluxfix.journal.internal.TouchAhead;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The parts of a journal append, timed apart (issue 7: which one keeps the append's median near 1 µs):
 * <ul>
 *   <li>{@code chronicleWrite}: Chronicle's document write alone — a fixed pre-encoded record of
 *       {@link #RECORD_BYTES} bytes (an increment's size) copied into {@code writingDocument()} with one
 *       {@code bytes.write(byte[], 0, n)}, as the journal does, on a FAST_DAILY queue with the journal's
 *       touch-ahead;</li>
 *   <li>{@code chronicleWriteBytes}: the same through {@code appender.writeBytes(BytesStore)};</li>
 *   <li>{@code indexAdd}: the in-memory inbound sequence index update ({@code InboundIndex.add}, the next
 *       number of one session's day); {@code indexAddHinted} the same through the thread's
 *       {@code InboundIndex.Hint}, as the journal now does it.</li>
 * </ul>
 * The encode alone is {@code JournalBenchmark.encodeIncrement}. Every call is timed ({@link EveryCall}).
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2)
public class JournalPartsBenchmark {

    static final int RECORD_BYTES = 116;

    @Param({"1048576"})
    public long touchAhead = 1L << 20;

    final byte[] record = new byte[RECORD_BYTES];
    final Bytes<?> recordBytes = Bytes.allocateElasticOnHeap(RECORD_BYTES);
    Path dir;
    SingleChronicleQueue queue;
    TouchAhead toucher;
    ExcerptAppender appender;
    InboundIndex index;
    final InboundIndex.Hint hint = new InboundIndex.Hint();
    long seq;

    @Setup(Level.Iteration)
    public void open() throws IOException {
        for (int i = 0; i < RECORD_BYTES; i++) {
            record[i] = (byte) (i * 31 + 7);
        }
        recordBytes.clear();
        recordBytes.write(record);
        dir = Files.createTempDirectory("fluxfix-journal-parts");
        queue = SingleChronicleQueueBuilder.single(dir.toFile()).rollCycle(RollCycles.FAST_DAILY).build();
        toucher = touchAhead > 0 ? new TouchAhead(queue, touchAhead, 200_000, "bench-touch") : null;
        appender = queue.createAppender();
        index = new InboundIndex();
        hint.reset();
        seq = 0;
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        appender.close();
        if (toucher != null) {
            toucher.close();
        }
        queue.close();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void chronicleWrite(EveryCall latency) {
        long t0 = System.nanoTime();
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().write(record, 0, RECORD_BYTES);
        }
        latency.record(System.nanoTime() - t0);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void chronicleWriteBytes(EveryCall latency) {
        long t0 = System.nanoTime();
        appender.writeBytes(recordBytes);
        latency.record(System.nanoTime() - t0);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void indexAdd(EveryCall latency) {
        long t0 = System.nanoTime();
        index.add("spot-md", 20_550, ++seq);
        latency.record(System.nanoTime() - t0);
    }

    /** The index update as the journal makes it: through the appending thread's hint (no hash lookups). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void indexAddHinted(EveryCall latency) {
        long t0 = System.nanoTime();
        index.add(hint, "spot-md", 20_550, ++seq);
        latency.record(System.nanoTime() - t0);
    }
}
