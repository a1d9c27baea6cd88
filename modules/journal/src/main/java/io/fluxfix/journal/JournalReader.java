package io.fluxfix.journal;

import io.fluxfix.journal.internal.QueueScanner;
import io.fluxfix.journal.internal.RecordCodec;
import io.fluxfix.journal.internal.RecordFrame;
import io.fluxfix.journal.internal.RecordSource;
import io.fluxfix.journal.internal.Utf8Cache;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.MarketDataFrame;
import io.fluxfix.model.event.MarketDataVisitor;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Reads a journal directory: records in journal order (the order they were appended, across day files), as a
 * {@link Cursor} or as a Reactor {@link Flux}, filtered by time, type and session, as fast as possible or
 * paced on a {@link Scheduler}. Opens the queue read-only, so it can read a journal another process is
 * writing.
 *
 * <p>A torn tail (a writer killed mid-record) ends the readable records: the incomplete record is never
 * returned and never makes the reader throw. A record this version cannot decode is skipped and counted
 * ({@link #skipped()}).
 */
public final class JournalReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JournalReader.class);

    private final SingleChronicleQueue queue;
    private final Path dir;
    private volatile long skipped;

    private JournalReader(SingleChronicleQueue queue, Path dir) {
        this.queue = queue;
        this.dir = dir;
    }

    /**
     * Opens the journal in {@code dir} for reading.
     *
     * @throws JournalException when {@code dir} does not exist or holds no journal
     */
    public static JournalReader open(Path dir) {
        return open(dir, 0);
    }

    /**
     * {@link #open(Path)} with Chronicle's mapping chunk of {@code blockSize} bytes (0: Chronicle's default, tens
     * of MiB). Tests use a small one so that records cross the end of a mapped chunk, which the default makes
     * rare.
     */
    static JournalReader open(Path dir, long blockSize) {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            throw new JournalException("no journal directory " + dir);
        }
        if (!Files.exists(dir.resolve("metadata.cq4t"))) {
            throw new JournalException(dir + " is not a journal (no Chronicle Queue metadata)");
        }
        try {
            SingleChronicleQueueBuilder b = SingleChronicleQueueBuilder.single(dir.toFile())
                    .rollCycle(RollCycles.FAST_DAILY)
                    .readOnly(true);
            SingleChronicleQueue q = (blockSize > 0 ? b.blockSize(blockSize) : b).build();
            return new JournalReader(q, dir);
        } catch (RuntimeException e) {
            throw new JournalException(dir + " is not a readable journal: " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Total bytes of the journal's day files. */
    public long sizeBytes() {
        File[] files = dir.toFile().listFiles((d, name) -> name.endsWith(SingleChronicleQueue.SUFFIX));
        long size = 0;
        if (files != null) {
            for (File f : files) {
                size += f.length();
            }
        }
        return size;
    }

    /** How many day files the journal has. */
    public int dayFiles() {
        File[] files = dir.toFile().listFiles((d, name) -> name.endsWith(SingleChronicleQueue.SUFFIX));
        return files == null ? 0 : files.length;
    }

    /** Records skipped so far because this version could not decode them. */
    public long skipped() {
        return skipped;
    }

    /**
     * A cursor at the start of the journal. Close it (before the reader). It reads the cycle files straight
     * through (a {@link QueueScanner}), not through a Chronicle tailer: the same records in the same order, and
     * like a tailer it stops at the present end (an unfinished or torn record) and sees later appends on a later
     * call.
     */
    public Cursor cursor(ReplayFilter filter) {
        return new Cursor(filter, false);
    }

    /**
     * A cursor after the last record present now: it sees only what is appended later. This one reads through a
     * Chronicle tailer, whose {@code toEnd()} finds the end from the queue's index.
     */
    public Cursor cursorAtEnd(ReplayFilter filter) {
        return new Cursor(filter, true);
    }

    /** Every record, in journal order, as fast as the subscriber takes them. */
    public Flux<JournalRecord> replay() {
        return replay(ReplayFilter.ALL);
    }

    /** The records {@code filter} accepts, in journal order, as fast as the subscriber takes them. */
    public Flux<JournalRecord> replay(ReplayFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return Flux.generate(() -> cursor(filter), (cursor, sink) -> {
            JournalRecord r = cursor.next();
            if (r == null) {
                sink.complete();
            } else {
                sink.next(r);
            }
            return cursor;
        }, Cursor::close);
    }

    /**
     * Reads the journal from the start to its present end, handing the inbound events {@code filter} accepts to
     * {@code visitor} on the calling thread: market-data snapshots and increments as one reused
     * {@link MarketDataFrame} (decoded straight from the record bytes: no object per message or entry), every
     * other event as its model object; outbound commands are not read. The fast path of a research replay
     * through the books ({@code BookReplay} in the book module). Undecodable records are skipped and counted as
     * by {@link #replay}.
     *
     * @return how many events were handed to {@code visitor}
     */
    public long replayMarketData(ReplayFilter filter, MarketDataVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        long events = 0;
        try (Cursor cursor = cursor(filter)) {
            while (cursor.visitNext(visitor)) {
                events++;
            }
        }
        return events;
    }

    /**
     * The records {@code filter} accepts, each emitted on {@code scheduler} when as much scheduler time has
     * passed since the first as journal time passed between them, divided by {@code speed} (1 = real time,
     * 10 = ten times as fast). Records whose journal time goes backwards (sessions interleaved) go at once.
     */
    public Flux<JournalRecord> replayPaced(ReplayFilter filter, double speed, Scheduler scheduler) {
        Objects.requireNonNull(scheduler, "scheduler");
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed " + speed + " must be positive and finite");
        }
        return Flux.defer(() -> {
            long[] origin = {0, 0}; // journal time of the first record, scheduler time it went out
            boolean[] started = {false};
            return replay(filter).concatMap(r -> {
                long now = scheduler.now(TimeUnit.NANOSECONDS);
                if (!started[0]) {
                    started[0] = true;
                    origin[0] = r.timeNanos();
                    origin[1] = now;
                }
                long due = origin[1] + (long) ((r.timeNanos() - origin[0]) / speed);
                long wait = due - now;
                return wait <= 0 ? Mono.just(r) : Mono.delay(Duration.ofNanos(wait), scheduler).thenReturn(r);
            }, 1);
        });
    }

    @Override
    public void close() {
        queue.close();
    }

    /**
     * Reads records one at a time; {@link #next()} returns null when nothing more is there now (a live journal
     * may have more later). Use it from one thread at a time.
     */
    public final class Cursor implements AutoCloseable {
        /** Exactly one of {@code scanner} (a cursor from the start) and {@code tailer} (one from the end). */
        private final QueueScanner scanner;
        private final ExcerptTailer tailer;
        private final ReplayFilter filter;
        private final Utf8Cache strings = new Utf8Cache();
        private final RecordCodec.Header header = new RecordCodec.Header(strings);
        private final RecordSource source = new RecordSource();
        private RecordFrame frame;

        private Cursor(ReplayFilter filter, boolean atEnd) {
            this.filter = Objects.requireNonNull(filter, "filter");
            if (atEnd) {
                this.scanner = null;
                this.tailer = queue.createTailer();
                // A Flux may be requested from different threads, one at a time.
                this.tailer.singleThreadedCheckDisabled(true);
                tailer.toEnd();
            } else {
                this.scanner = new QueueScanner(queue);
                this.tailer = null;
            }
        }

        /** The next accepted record, or null when there is none (yet). */
        public JournalRecord next() {
            while (advance(false)) {
                try {
                    return RecordCodec.readBody(source, header);
                } catch (RuntimeException e) {
                    skip(e.toString());
                }
            }
            return null;
        }

        /**
         * Hands the next accepted inbound event to {@code visitor} (see {@link #replayMarketData}); false when
         * there is none (yet).
         */
        public boolean visitNext(MarketDataVisitor visitor) {
            Event event = null;
            boolean found = false;
            while (!found && advance(true)) {
                try {
                    if (header.type == RecordType.MARKET_DATA_INCREMENTAL
                            || header.type == RecordType.MARKET_DATA_SNAPSHOT) {
                        if (frame == null) {
                            frame = new RecordFrame();
                        }
                        RecordCodec.readMarketData(source, header, frame);
                        event = null;
                    } else {
                        event = RecordCodec.readBody(source, header).event();
                    }
                    found = true;
                } catch (RuntimeException e) {
                    skip(e.toString());
                }
            }
            if (!found) {
                return false;
            }
            // Outside the decoding's try: the visitor's own exceptions are not the record's fault.
            if (event == null) {
                visitor.onMarketData(header.session, frame);
            } else {
                visitor.onEvent(header.session, event);
            }
            return true;
        }

        /**
         * Moves {@code source} to the next record the filter accepts (inbound only if asked) and reads its
         * header; false when there is none (yet). From the scanner, {@code source} reads the record where it
         * lies in the mapped file (it stays mapped until the scanner moves on); from the tailer, it reads a copy,
         * as the body is decoded after the queue's document is closed.
         */
        private boolean advance(boolean inboundOnly) {
            if (scanner != null) {
                while (scanner.next()) {
                    // Read where it lies in the mapped file (nearly always), else copied out.
                    try {
                        source.load(scanner);
                    } catch (RuntimeException e) {
                        skip(e.toString());
                        continue;
                    }
                    if (acceptLoaded(inboundOnly)) {
                        return true;
                    }
                }
                return false;
            }
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return false;
                    }
                    if (dc.isData() && accept(dc.wire().bytes(), inboundOnly)) {
                        return true;
                    }
                }
            }
        }

        /** Copies one document into {@code source}, reads its header; whether the filter takes the record. */
        private boolean accept(BytesIn<?> document, boolean inboundOnly) {
            try {
                source.load(document);
            } catch (RuntimeException e) {
                skip(e.toString());
                return false;
            }
            return acceptLoaded(inboundOnly);
        }

        private boolean acceptLoaded(boolean inboundOnly) {
            try {
                if (!header.read(source)) {
                    skip("unknown version or type");
                    return false;
                }
            } catch (RuntimeException e) {
                skip(e.toString());
                return false;
            }
            return (!inboundOnly || header.direction == Journal.Direction.IN)
                    && filter.accepts(header.type, header.session, header.timeNanos);
        }

        private void skip(String why) {
            skipped++;
            // The scanner's or tailer's last read index is the record's (also after a document was closed).
            long index = scanner != null ? scanner.lastIndex() : tailer.lastReadIndex();
            LOG.warn("journal {}: skipped a record at index {}: {}", dir, Long.toHexString(index), why);
        }

        @Override
        public void close() {
            source.clear(); // before the scanner unmaps what it may point at
            if (scanner != null) {
                scanner.close();
            } else {
                tailer.close();
            }
        }
    }
}
