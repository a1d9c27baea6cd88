package io.fluxfix.bench;

import io.fluxfix.book.BookEvent;
import io.fluxfix.book.BookReplay;
import io.fluxfix.book.Books;
import io.fluxfix.journal.ChronicleJournal;
import io.fluxfix.journal.JournalReader;
import io.fluxfix.journal.JournalRecord;
import io.fluxfix.journal.ReplayFilter;
import io.fluxfix.journal.internal.QueueScanner;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.MarketDataIncrement;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A replay through the L2 book: {@value BookBenchmark#EVENTS} Kraken-like increments (book-10 of BTC/USD, one or
 * two entries each, every one with its checksum, which the operator verifies):
 * <ul>
 *   <li>{@code operatorInMemory}: ready events through the {@code Books.l2()} operator — the book's share;</li>
 *   <li>{@code checksums=false}: the same stream without checksums, to show what the CRC costs;</li>
 *   <li>{@code journalReplay}: the same events read back from a Chronicle journal by
 *       {@code JournalReader.replay()} and through the operator — a research replay end to end;</li>
 *   <li>{@code journalFastReplay}: the same journal read by {@code JournalReader.replayMarketData} straight
 *       into a {@code BookReplay} (no model objects per event) — the same books and checksum verdicts;</li>
 *   <li>{@code journalDocumentsOnly}: a diagnostic — only Chronicle's document reads (a tailer's
 *       {@code readingDocument()}) and the copy of each record, no decode, no book (the floor of a tailer's
 *       replay);</li>
 *   <li>{@code journalScanOnly}: the same diagnostic through the {@code QueueScanner} that
 *       {@code JournalReader} reads with from the start: document headers walked over the mapped cycle files,
 *       each record copied (the floor of {@code journalFastReplay} since branch {@code scan}).</li>
 * </ul>
 * Events per second; figures in {@code docs/benchmarks.md}.
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2)
public class BookReplayBenchmark {

    /** Whether each increment carries its checksum (Kraken's do); false shows the book's cost without the CRC. */
    @Param({"true", "false"})
    public boolean checksums = true;

    List<Event> events;
    Function<Flux<? extends Event>, Flux<BookEvent>> operator;
    Path dir;
    JournalReader reader;
    BookReplay replay;
    long emitted;
    SingleChronicleQueue queue;
    final byte[] copy = new byte[4096];

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        events = BookBenchmark.kraken(new Random(7));
        if (!checksums) {
            events.replaceAll(e -> e instanceof MarketDataIncrement m ? new MarketDataIncrement(m.stamp(), m.mdReqId(),
                    m.symbol(), m.entries(), MarketDataIncrement.NO_CHECKSUM) : e);
        }
        operator = Books.l2().precision(BookBenchmark.SYMBOL, 1, 8).build();
        dir = Files.createTempDirectory("fluxfix-book-bench");
        try (ChronicleJournal j = ChronicleJournal.open(dir)) {
            for (Event e : events) {
                j.appendInbound("spot-md", e);
            }
        }
        reader = JournalReader.open(dir);
        queue = SingleChronicleQueueBuilder.single(dir.toFile()).rollCycle(RollCycles.FAST_DAILY).readOnly(true).build();
        replay = Books.l2().precision(BookBenchmark.SYMBOL, 1, 8).replay(e -> emitted++);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        queue.close();
        reader.close();
        JournalBenchmark.delete(dir);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BookBenchmark.EVENTS)
    public long operatorInMemory() {
        return Flux.fromIterable(events).transform(operator::apply).count().block();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BookBenchmark.EVENTS)
    public long journalReplay() {
        return reader.replay().map(JournalRecord::event).transform(operator::apply).count().block();
    }

    /**
     * Diagnostic, not a replay: Chronicle's part of reading the same journal — each document opened with
     * {@code readingDocument()} and copied into a reused array as {@code JournalReader} does — with no decode
     * and no book. Returns the bytes read.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BookBenchmark.EVENTS)
    public long journalDocumentsOnly() {
        long bytes = 0;
        try (ExcerptTailer tailer = queue.createTailer()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return bytes;
                    }
                    Bytes<?> in = dc.wire().bytes();
                    int n = (int) in.readRemaining();
                    in.read(copy, 0, n);
                    bytes += n + copy[0];
                }
            }
        }
    }

    /**
     * Diagnostic, not a replay: {@link #journalDocumentsOnly} through the {@link QueueScanner} that
     * {@code JournalReader} reads a journal with from its start — each data document found by its header in the
     * mapped cycle file and copied into a reused array — with no decode and no book. Returns the bytes read.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BookBenchmark.EVENTS)
    public long journalScanOnly() {
        long bytes = 0;
        try (QueueScanner scanner = new QueueScanner(queue)) {
            while (scanner.next()) {
                Bytes<?> in = scanner.bytes();
                int n = (int) in.readRemaining();
                in.read(copy, 0, n);
                bytes += n + copy[0];
            }
        }
        return bytes;
    }

    /** Book events emitted (as {@link #journalReplay} counts them); the books start again at the snapshot. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BookBenchmark.EVENTS)
    public long journalFastReplay() {
        long before = emitted;
        reader.replayMarketData(ReplayFilter.ALL, replay);
        return emitted - before;
    }
}
