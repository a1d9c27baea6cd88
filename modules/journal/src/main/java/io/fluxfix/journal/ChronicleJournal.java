package io.fluxfix.journal;

import io.fluxfix.journal.internal.InboundIndex;
import io.fluxfix.journal.internal.QueueScanner;
import io.fluxfix.journal.internal.RecordCodec;
import io.fluxfix.journal.internal.RecordSource;
import io.fluxfix.journal.internal.RecordWriter;
import io.fluxfix.journal.internal.TouchAhead;
import io.fluxfix.journal.internal.Utf8Cache;
import io.fluxfix.model.command.Command;
import io.fluxfix.model.event.Event;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.UnsafeMemory;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link Journal} on Chronicle Queue: one binary record per event or command (format in
 * {@link RecordCodec}), one cycle file per UTC day ({@link RollCycles#FAST_DAILY}).
 *
 * <p>Threads: Chronicle appenders belong to one thread, so each appending thread gets its own appender on
 * first use (a session appends from its own thread; sessions append concurrently and Chronicle orders their
 * records under its write lock). Steady-state appends allocate nothing.
 *
 * <p>Retention: with {@code retentionDays = N > 0}, cycle files older than the newest N days are deleted on
 * open and by the first append into a new day's file.
 *
 * <p>{@link #holdsInbound} answers from memory: inbound keys are indexed as they are appended, and on open
 * from the newest {@value #DEFAULT_INDEX_CYCLES} daily cycles of the existing journal (a Kraken session day
 * runs 22:00 to 22:00 UTC, so three UTC days cover the current and the previous session day).
 */
public final class ChronicleJournal implements Journal {

    private static final Logger LOG = LoggerFactory.getLogger(ChronicleJournal.class);

    /** UTC-day cycles indexed on open. */
    public static final int DEFAULT_INDEX_CYCLES = 3;

    /**
     * Bytes of the day file kept touched in front of the write position by a background thread (1 MiB: some
     * 9,000 increments), so that appends do not take the page faults of first touches; 0 turns it off.
     */
    public static final long DEFAULT_TOUCH_AHEAD_BYTES = 1L << 20;
    private static final long TOUCH_PAUSE_NANOS = 200_000;

    private final SingleChronicleQueue queue;
    private final Path dir;
    private final int retentionDays;
    private final InboundIndex index = new InboundIndex();
    private final TouchAhead touchAhead;
    private final ThreadLocal<Writer> writers = new ThreadLocal<>();
    /**
     * The first appending thread's writer (the next one once that thread has ended), checked before the
     * ThreadLocal: the usual journal has one hot appending thread. Written only in {@link #newWriter}, so
     * concurrent sessions do not bounce it between their caches; a stale read fails the owner check.
     */
    private volatile Writer first;
    private final List<Writer> allWriters = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    /** The cycle retention last ran for; an append into a newer cycle runs it again. */
    private volatile int prunedAt;

    private ChronicleJournal(Builder b) {
        this.dir = b.dir;
        this.retentionDays = b.retentionDays;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create journal directory " + dir, e);
        }
        this.queue = SingleChronicleQueueBuilder.single(dir.toFile())
                .rollCycle(RollCycles.FAST_DAILY)
                .timeProvider(b.timeProvider)
                .build();
        try {
            prunedAt = queue.cycle();
            prune(prunedAt);
            indexRecent(b.indexCycles);
        } catch (RuntimeException e) {
            queue.close();
            throw e;
        }
        this.touchAhead = b.touchAheadBytes > 0
                ? new TouchAhead(queue, b.touchAheadBytes, TOUCH_PAUSE_NANOS, "fluxfix-journal-touch " + dir.getFileName())
                : null;
    }

    /** Opens (or creates) the journal in {@code dir} with defaults: no retention limit, the system clock. */
    public static ChronicleJournal open(Path dir) {
        return builder(dir).open();
    }

    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    @Override
    public void appendInbound(String session, Event event) {
        Writer w = writer();
        w.record.clear();
        RecordCodec.writeInbound(w.record, session, event);
        w.append();
        index.add(w.indexHint, session, event.stamp().sessionDay(), event.stamp().seqNum());
        afterAppend(w.appender);
    }

    @Override
    public void appendOutbound(String session, long sentNanos, int sessionDay, long msgSeqNum, Command command) {
        Writer w = writer();
        w.record.clear();
        RecordCodec.writeOutbound(w.record, session, sentNanos, sessionDay, msgSeqNum, command);
        w.append();
        afterAppend(w.appender);
    }

    /** The first append into a new day's file applies retention. */
    private void afterAppend(ExcerptAppender appender) {
        int cycle = appender.cycle();
        if (cycle > prunedAt && retentionDays > 0) {
            synchronized (this) {
                if (cycle > prunedAt) {
                    prunedAt = cycle;
                    prune(cycle);
                }
            }
        }
    }

    @Override
    public boolean holdsInbound(String session, int sessionDay, long msgSeqNum) {
        return index.contains(session, sessionDay, msgSeqNum);
    }

    /** A reader over this journal's directory; close it before the journal. */
    public JournalReader reader() {
        return JournalReader.open(dir);
    }

    public Path dir() {
        return dir;
    }

    /** The touch-ahead, or null when turned off. */
    TouchAhead touchAhead() {
        return touchAhead;
    }

    /** Appenders open now: one per thread that appended and is still alive (or has not been noticed ended). */
    int openAppenders() {
        return allWriters.size();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (touchAhead != null) {
            touchAhead.close(); // before the queue: it holds the newest cycle's store
        }
        for (Writer w : allWriters) {
            w.close();
        }
        allWriters.clear();
        queue.close();
    }

    private Writer writer() {
        if (closed) {
            throw new IllegalStateException("journal " + dir + " is closed");
        }
        Writer w = first;
        if (w != null && w.owner == Thread.currentThread() && !w.appender.isClosed()) {
            return w;
        }
        w = writers.get();
        if (w == null || w.appender.isClosed()) {
            w = newWriter();
        }
        return w;
    }

    /**
     * A new thread appends (a session's first append, or QuickFIX/J's new thread after a reconnect): give it its
     * own appender, and close those of threads that have ended so that reconnects do not pile appenders up.
     */
    private synchronized Writer newWriter() {
        for (Writer old : allWriters) {
            if (!old.owner.isAlive()) {
                old.close();
                allWriters.remove(old);
            }
        }
        Writer w = new Writer(queue.createAppender(), Thread.currentThread());
        writers.set(w);
        allWriters.add(w);
        Writer f = first;
        if (f == null || !f.owner.isAlive() || f.appender.isClosed()) {
            first = w;
        }
        return w;
    }

    /**
     * One appending thread's appender and the buffer its records are encoded into: encoding into a private
     * array then copying it into the queue in one piece is several times cheaper than encoding field by field
     * into the memory-mapped file, and a failed encode leaves nothing in the queue.
     */
    private static final class Writer {
        final ExcerptAppender appender;
        final Thread owner;
        final RecordWriter record = new RecordWriter();
        /** This thread's last (session, day) in the inbound index: the next number extends it without hashing. */
        final InboundIndex.Hint indexHint = new InboundIndex.Hint();

        Writer(ExcerptAppender appender, Thread owner) {
            this.appender = appender;
            this.owner = owner;
            // One appender per thread by construction; close() runs on another thread.
            appender.singleThreadedCheckDisabled(true);
            staging.singleThreadedCheckDisabled(true);
        }

        /**
         * The record staged in native memory: Chronicle copies a native source into the mapped file with one
         * memory copy, while a heap source goes through its generic byte-wise loop (a stack profile showed that
         * loop costing more than the rescan below saves).
         */
        private final Bytes<Void> staging = Bytes.allocateElasticDirect(512);

        /**
         * One document holding the encoded record. {@code writeBytes} rather than {@code writingDocument()}: the
         * latter re-derives the last sequence number from the store on every call (a scan from the last index
         * entry), while {@code writeBytes} does so only when another appender wrote since this one did. The
         * document is written the same way either way (header marked incomplete, bytes, header completed).
         */
        void append() {
            Bytes<Void> st = staging;
            int n = record.length();
            if (n <= st.realCapacity()) { // one memory copy to its address, then the readable range set in one call
                UnsafeMemory.MEMORY.copyMemory(record.array(), 0, st.addressForWrite(0), n);
                st.readPositionRemaining(0, n);
            } else { // a record larger than any before: the elastic write grows the staging buffer
                st.clear();
                st.write(record.array(), 0, n);
            }
            appender.writeBytes((BytesStore<?, ?>) st);
        }

        void close() {
            appender.close();
            staging.releaseLast();
        }
    }

    private void indexRecent(int cycles) {
        if (cycles <= 0 || queue.firstIndex() == Long.MAX_VALUE) {
            return;
        }
        int from = Math.max(queue.firstCycle(), queue.lastCycle() - cycles + 1);
        // Only the headers are read, where they lie in the mapped files (the scanner, as a replay reads), and
        // session names are shared: an open reads a few days of records, millions in a busy journal.
        RecordCodec.Header h = new RecordCodec.Header(new Utf8Cache());
        RecordSource source = new RecordSource();
        // (Integer.MIN_VALUE when the files cannot be listed: then from the first, as a scan always can)
        try (QueueScanner scanner = new QueueScanner(queue, firstCycleFrom(from))) {
            while (scanner.next()) {
                try {
                    if (h.read(source.load(scanner)) && h.direction == Direction.IN) {
                        index.add(h.session, h.sessionDay, h.seqNum);
                    }
                } catch (RuntimeException damaged) {
                    LOG.warn("journal {}: unreadable record while indexing: {}", dir, damaged.toString());
                }
            }
        }
    }

    private int firstCycleFrom(int from) {
        try {
            int first = queue.firstCycle();
            if (from <= first) {
                return first;
            }
            int c = queue.nextCycle(from - 1, TailerDirection.FORWARD);
            return c < 0 ? Integer.MIN_VALUE : c;
        } catch (ParseException e) {
            return Integer.MIN_VALUE;
        }
    }

    /** Deletes the cycle files older than the retention window ending at {@code currentCycle}. */
    private void prune(int currentCycle) {
        if (retentionDays <= 0) {
            return;
        }
        int oldestKept = currentCycle - retentionDays + 1;
        File[] files = dir.toFile().listFiles((d, name) -> name.endsWith(SingleChronicleQueue.SUFFIX));
        if (files == null) {
            return;
        }
        boolean deleted = false;
        for (File f : files) {
            int cycle = cycleOf(queue.rollCycle(), f.getName());
            if (cycle != Integer.MIN_VALUE && cycle < oldestKept) {
                if (f.delete()) {
                    deleted = true;
                    LOG.info("journal retention: deleted {} (keeping {} days)", f, retentionDays);
                } else {
                    LOG.warn("journal retention: could not delete {}", f);
                }
            }
        }
        if (deleted) {
            queue.refreshDirectoryListing();
        }
    }

    /** The daily cycle (days since the epoch) a cycle file's name stands for, or MIN_VALUE. */
    static int cycleOf(RollCycle rollCycle, String fileName) {
        String stem = fileName.substring(0, fileName.length() - SingleChronicleQueue.SUFFIX.length());
        try {
            return (int) LocalDate.parse(stem, DateTimeFormatter.ofPattern(rollCycle.format())).toEpochDay();
        } catch (RuntimeException e) {
            return Integer.MIN_VALUE;
        }
    }

    /** Options of a {@link ChronicleJournal}. */
    public static final class Builder {
        private final Path dir;
        private int retentionDays;
        private TimeProvider timeProvider = SystemTimeProvider.INSTANCE;
        private int indexCycles = DEFAULT_INDEX_CYCLES;
        private long touchAheadBytes = DEFAULT_TOUCH_AHEAD_BYTES;

        private Builder(Path dir) {
            this.dir = Objects.requireNonNull(dir, "dir");
        }

        /** Keep this many days of cycle files, deleting older ones; 0 (the default) keeps everything. */
        public Builder retentionDays(int days) {
            if (days < 0) {
                throw new IllegalArgumentException("retentionDays " + days + " < 0");
            }
            this.retentionDays = days;
            return this;
        }

        /** The clock that decides which day's cycle file a record goes to (tests move it across days). */
        public Builder timeProvider(TimeProvider timeProvider) {
            this.timeProvider = Objects.requireNonNull(timeProvider, "timeProvider");
            return this;
        }

        /** How many of the newest daily cycles are read on open to answer {@link #holdsInbound}. */
        public Builder indexCycles(int cycles) {
            this.indexCycles = cycles;
            return this;
        }

        /**
         * Bytes of the day file a background thread keeps touched ahead of the writers (default
         * {@link ChronicleJournal#DEFAULT_TOUCH_AHEAD_BYTES}); 0 turns the thread off and appends take the page faults.
         */
        public Builder touchAheadBytes(long bytes) {
            if (bytes != 0 && bytes < 4096) {
                throw new IllegalArgumentException("touchAheadBytes " + bytes + ": 0 or at least one page (4096)");
            }
            this.touchAheadBytes = bytes;
            return this;
        }

        public ChronicleJournal open() {
            return new ChronicleJournal(this);
        }
    }
}
