package io.fluxfix.journal;

import io.fluxfix.journal.internal.RecordCodec;
import io.fluxfix.journal.internal.RecordWriter;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.testkit.jvm.ForkedJvm;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.onoes.ExceptionKey;
import net.openhft.chronicle.core.onoes.LogLevel;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Kill -9 of a process appending from two threads, then a restart that appends on the same journal: every record
 * the killed process had finished appending (it prints each record's key once the append has returned) is still
 * in the journal exactly once after the restart, and the restarted process's records follow them. The sequence of
 * {@code RestartE2ETest} in the orders module (a sink thread journaling outbound commands, QuickFIX/J's thread
 * journaling inbound reports, a SIGKILL mid-burst, a read-only reader in another process, then a restarted
 * journal that reads and appends), without the venue, repeated at random kill points.
 *
 * <p>Each variant runs {@value #DEFAULT_KILLS} kills by default; {@code -Dfluxfix.journal.kills=N} (through
 * {@code -Dfluxfix.jvm.flags.extra}) runs N, {@code -Dfluxfix.journal.kills.seed=S} replays a seed, {@code -Dfluxfix.journal.kills.variants=A,B} runs only those
 * variants.
 */
class KillRestartTest {

    static final int DEFAULT_KILLS = 2;
    private static final int KILLS = Integer.getInteger("fluxfix.journal.kills", DEFAULT_KILLS);
    /** Records the restarted process appends per thread. */
    private static final int RESTART_APPENDS = 500;
    /** The kill lands once the parent has read between 1 and this many printed keys. */
    private static final int MAX_LINES_BEFORE_KILL = 20_000;
    private static final String OUT = "kill-out";
    private static final String IN = "kill-in";
    private static final String AGAIN_OUT = "again-out";
    private static final String AGAIN_IN = "again-in";

    @TempDir
    Path tmp;

    /** What happens around the kill and the restart. */
    enum Variant {
        /** Default settings (touch-ahead on); a reader reads the dead journal, then the journal opens, reads, appends. */
        AS_THE_E2E_TEST(ChronicleJournal.DEFAULT_TOUCH_AHEAD_BYTES, false, true, 0),
        /**
         * As above, each thread pausing ~50 µs after each append (the orders test's rate): the kill lands mostly
         * between appends, with the touch-ahead thread running ahead of an idle writer.
         */
        PACED(ChronicleJournal.DEFAULT_TOUCH_AHEAD_BYTES, false, true, 50_000),
        /** As the first with touch-ahead off in both processes. */
        TOUCH_AHEAD_OFF(0, false, true, 0),
        /** The restarted journal appends before any reader has opened the dead journal. */
        APPEND_BEFORE_ANY_READER(ChronicleJournal.DEFAULT_TOUCH_AHEAD_BYTES, false, false, 0),
        /**
         * The kill lands while a third thread holds the queue's write lock in the middle of a document (its
         * header says "not complete"): the two appending threads wait on the lock when the kill comes.
         */
        KILLED_HOLDING_THE_WRITE_LOCK(ChronicleJournal.DEFAULT_TOUCH_AHEAD_BYTES, true, true, 0);

        final long touchAheadBytes;
        final boolean hold;
        final boolean readerFirst;
        final long paceNanos;

        Variant(long touchAheadBytes, boolean hold, boolean readerFirst, long paceNanos) {
            this.touchAheadBytes = touchAheadBytes;
            this.hold = hold;
            this.readerFirst = readerFirst;
            this.paceNanos = paceNanos;
        }

        int maxLinesBeforeKill() {
            return paceNanos > 0 ? MAX_LINES_BEFORE_KILL / 10 : MAX_LINES_BEFORE_KILL;
        }
    }

    /**
     * The killed process. Args: journal dir, touch-ahead bytes, hold-after (0: never), pause after each append in
     * nanoseconds (0: none). Two threads append as fast as they can (or paced) — outbound NewOrders ({@code O n}) and inbound execution reports ({@code I n}) — and print each
     * record's number once its append has returned. With hold-after {@code h > 0}, once both threads have passed
     * {@code h} records, a third thread opens a document on the queue, writes part of it, prints {@code HELD} and
     * stops there, with the write lock held.
     */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            long touch = Long.parseLong(args[1]);
            long holdAfter = Long.parseLong(args[2]);
            long pace = Long.parseLong(args[3]);
            ChronicleJournal journal = ChronicleJournal.builder(dir).touchAheadBytes(touch).open();
            CountDownLatch bothPassed = new CountDownLatch(2);
            Thread out = appending("sink", "O ", pace, holdAfter, bothPassed,
                    n -> journal.appendOutbound(OUT, System.nanoTime(), Samples.DAY, n, newOrder("c" + n)));
            Thread in = appending("qfj", "I ", pace, holdAfter, bothPassed,
                    n -> journal.appendInbound(IN, Samples.executionReport(n, (n & 1) == 0)));
            out.start();
            in.start();
            if (holdAfter > 0) {
                bothPassed.await();
                SingleChronicleQueue q = SingleChronicleQueueBuilder.single(dir.toFile())
                        .rollCycle(RollCycles.FAST_DAILY).build();
                ExcerptAppender appender = q.createAppender();
                DocumentContext dc = appender.writingDocument();
                // a whole record, longer than those the restart appends first, its header never completed: what a
                // kill between the copy of a record's bytes and the completion of its header leaves behind
                RecordWriter record = new RecordWriter();
                RecordCodec.writeInbound(record, "held", Samples.executionReport(holdAfter, true));
                dc.wire().bytes().write(record.array(), 0, record.length());
                System.out.println("HELD");
                System.out.flush();
                LockSupport.park(); // until killed: dc stays open, the write lock held
            }
            Thread.currentThread().join(); // until killed
        }
    }

    /** A thread appending records 1, 2, 3 ... and printing {@code prefix + n} once each append has returned. */
    private static Thread appending(String name, String prefix, long pace, long holdAfter, CountDownLatch passed,
                                    LongConsumer append) {
        return new Thread(() -> {
            for (long n = 1; ; n++) {
                append.accept(n);
                System.out.println(prefix + n);
                if (pace > 0) {
                    LockSupport.parkNanos(pace);
                }
                if (n == holdAfter) {
                    passed.countDown();
                }
            }
        }, name);
    }

    static NewOrder newOrder(String clOrdId) {
        return NewOrder.limit(clOrdId, "BTC/USD", Side.BUY, Samples.d("0.001"), Samples.d("1000.5"),
                TimeInForce.GOOD_TILL_CANCEL, null, Samples.T0);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyRecordTheKilledProcessFinishedSurvivesTheRestartExactlyOnceAndTheNewRecordsFollow(Variant variant)
            throws Exception {
        String only = System.getProperty("fluxfix.journal.kills.variants", "");
        assumeTrue(only.isEmpty() || List.of(only.split(",")).contains(variant.name()), "not in " + only);
        long seed = Long.getLong("fluxfix.journal.kills.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        int kills = variant.hold ? Math.max(1, KILLS / 3) : KILLS;
        long printed = 0;
        for (int k = 0; k < kills; k++) {
            Path dir = tmp.resolve(variant.name().toLowerCase() + "-" + k);
            try {
                printed += killAndRestart(dir, variant, random);
            } catch (AssertionError e) {
                throw new AssertionError("kill " + k + " of " + kills + " (" + variant + ", seed " + seed
                        + ", journal kept in " + dir + "): " + e.getMessage(), e);
            }
        }
        System.out.println("kill-restart " + variant + ": " + kills + " kills, " + printed
                + " printed records all present once after the restart (seed " + seed + ")");
    }

    /** One kill and restart; returns how many records the killed process had printed. */
    private static long killAndRestart(Path dir, Variant variant, SplittableRandom random) throws Exception {
        Files.createDirectories(dir);
        int killAt = 1 + random.nextInt(variant.maxLinesBeforeKill());
        long holdAfter = variant.hold ? 1 + random.nextInt(variant.maxLinesBeforeKill() / 2) : 0;
        Process child = new ProcessBuilder(ForkedJvm.command(Child.class, dir.toString(),
                Long.toString(variant.touchAheadBytes), Long.toString(holdAfter), Long.toString(variant.paceNanos)))
                .redirectError(dir.resolve("child.err").toFile()).start();
        List<Long> outs = new ArrayList<>();
        List<Long> ins = new ArrayList<>();
        CountDownLatch killNow = new CountDownLatch(1);
        AtomicReference<Throwable> readFailure = new AtomicReference<>();
        Thread lines = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                int read = 0;
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.equals("HELD")) {
                        killNow.countDown();
                    } else if (line.startsWith("O ")) {
                        outs.add(Long.parseLong(line, 2, line.length(), 10));
                    } else if (line.startsWith("I ")) {
                        ins.add(Long.parseLong(line, 2, line.length(), 10));
                    } // a line cut by the kill is neither: its record is not claimed
                    if (++read == killAt && !variant.hold) {
                        killNow.countDown();
                    }
                }
            } catch (IOException | RuntimeException e) {
                readFailure.set(e);
            } finally {
                killNow.countDown();
            }
        }, "kill-restart-lines");
        lines.start();
        try {
            assertThat(killNow.await(60, TimeUnit.SECONDS)).as("the child got going (%s)", dir.resolve("child.err"))
                    .isTrue();
        } finally {
            // SIGKILL, through the handle: Process.destroyForcibly also closes our end of its stdout, losing the
            // keys of records appended before the kill that are still in the pipe
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            lines.join(30_000);
        }
        assertThat(lines.isAlive()).isFalse();
        assertThat(readFailure.get()).isNull();
        assertThat(outs.size() + ins.size()).as("records printed before the kill (%s)", dir.resolve("child.err"))
                .isPositive();

        Path journalDir = dir;
        Map<ExceptionKey, Integer> warnings = Jvm.recordExceptions(); // Chronicle's recovery says what it did
        try {
            restart(journalDir, variant, outs, ins);
        } finally {
            Jvm.resetExceptionHandlers();
        }
        List<String> said = warnings.keySet().stream().filter(k -> k.level() == LogLevel.WARN
                || k.level() == LogLevel.ERROR).map(k -> k.level() + " " + k.message()).toList();
        if (!said.isEmpty()) {
            System.out.println("kill-restart " + variant + " " + dir.getFileName() + ": Chronicle said " + said);
        }
        checkIndexes(journalDir);
        return outs.size() + ins.size();
    }

    private static void restart(Path journalDir, Variant variant, List<Long> outs, List<Long> ins)
            throws InterruptedException {
        int before = -1;
        if (variant.readerFirst) { // the parent of the e2e test reads the dead process's journal first
            before = checkPrinted(read(journalDir), outs, ins, "read after the kill").size();
        }
        try (ChronicleJournal journal = ChronicleJournal.builder(journalDir).touchAheadBytes(variant.touchAheadBytes)
                .open()) {
            if (variant.readerFirst) { // the restarted sink rebuilds from the journal before it appends
                try (JournalReader r = journal.reader()) {
                    assertThat(r.replay().count().block()).isEqualTo(before);
                }
            }
            appendFromTwoThreads(journal);
        }
        List<JournalRecord> after = read(journalDir);
        Map<String, Integer> at = checkPrinted(after, outs, ins, "read after the restart");
        if (before >= 0) {
            assertThat(after).as("records after the restart: those before it and the new ones")
                    .hasSize(before + 2 * RESTART_APPENDS);
        }
        int lastOld = -1;
        int firstNew = Integer.MAX_VALUE;
        int newOnes = 0;
        for (int i = 0; i < after.size(); i++) {
            String s = after.get(i).session();
            if (s.equals(AGAIN_OUT) || s.equals(AGAIN_IN)) {
                firstNew = Math.min(firstNew, i);
                newOnes++;
            } else {
                lastOld = i;
            }
        }
        assertThat(newOnes).as("the restarted process's records").isEqualTo(2 * RESTART_APPENDS);
        assertThat(firstNew).as("the restarted process's records follow the killed one's").isGreaterThan(lastOld);
        assertThat(at).as("keys").hasSize(after.size());
    }

    /**
     * Chronicle's own view after the restart: data records numbered without gaps or repeats in journal order, and
     * the index finding each record where the sequential read found it (an appender that restarted from a wrong
     * end would number its records wrongly and index them over the dead process's).
     */
    private static void checkIndexes(Path dir) {
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.single(dir.toFile()).rollCycle(RollCycles.FAST_DAILY)
                .readOnly(true).build();
             ExcerptTailer seq = q.createTailer();
             ExcerptTailer random = q.createTailer()) {
            List<long[]> found = new ArrayList<>(); // index, hash of the bytes
            while (true) {
                try (DocumentContext dc = seq.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    if (dc.isData()) {
                        found.add(new long[]{dc.index(), hash(dc)});
                    }
                }
            }
            for (int i = 1; i < found.size(); i++) {
                assertThat(found.get(i)[0]).as("index of data record %d", i).isEqualTo(found.get(i - 1)[0] + 1);
            }
            for (int i = 0; i < found.size(); i += 1 + (i % 5)) {
                long[] f = found.get(i);
                assertThat(random.moveToIndex(f[0])).as("moveToIndex(%x), record %d", f[0], i).isTrue();
                try (DocumentContext dc = random.readingDocument()) {
                    assertThat(dc.isPresent()).isTrue();
                    assertThat(hash(dc)).as("record %d at index %x", i, f[0]).isEqualTo(f[1]);
                }
            }
        }
    }

    private static long hash(DocumentContext dc) {
        Bytes<?> b = dc.wire().bytes();
        long h = 1;
        for (long p = b.readPosition(); p < b.readLimit(); p++) {
            h = 31 * h + b.readByte(p);
        }
        return h;
    }

    private static void appendFromTwoThreads(ChronicleJournal journal) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread a = new Thread(() -> {
            try {
                for (long n = 1; n <= RESTART_APPENDS; n++) {
                    journal.appendOutbound(AGAIN_OUT, System.nanoTime(), Samples.DAY, n, newOrder("again-" + n));
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "again-sink");
        Thread b = new Thread(() -> {
            try {
                for (long n = 1; n <= RESTART_APPENDS; n++) {
                    journal.appendInbound(AGAIN_IN, Samples.executionReport(n, false));
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "again-qfj");
        a.start();
        b.start();
        a.join();
        b.join();
        if (failure.get() != null) {
            throw new AssertionError("restarted append failed", failure.get());
        }
    }

    private static List<JournalRecord> read(Path dir) {
        try (JournalReader r = JournalReader.open(dir)) {
            List<JournalRecord> records = r.replay().collectList().block();
            assertThat(r.skipped()).as("records the reader could not decode").isZero();
            return records;
        }
    }

    /**
     * Checks that every printed record is in {@code records} exactly once, that no key is there twice and each
     * thread's records are in its order; returns each key's position.
     */
    private static Map<String, Integer> checkPrinted(List<JournalRecord> records, List<Long> outs, List<Long> ins,
                                                     String when) {
        Map<String, Integer> at = new HashMap<>();
        Map<String, Long> lastSeq = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            JournalRecord r = records.get(i);
            String key = r.session() + "#" + r.seqNum();
            Integer was = at.put(key, i);
            if (was != null) {
                fail(when + ": " + key + " twice, at " + was + " and " + i);
            }
            long prev = lastSeq.getOrDefault(r.session(), 0L);
            if (r.seqNum() != prev + 1) {
                fail(when + ": " + r.session() + " goes from " + prev + " to " + r.seqNum() + " at " + i
                        + " (records lost or reordered)");
            }
            lastSeq.put(r.session(), r.seqNum());
            if (r.session().equals(OUT)) {
                assertThat(((NewOrder) r.payload()).clOrdId()).isEqualTo("c" + r.seqNum());
            }
        }
        List<String> missing = new ArrayList<>();
        for (long n : outs) {
            if (!at.containsKey(OUT + "#" + n)) {
                missing.add("O " + n);
            }
        }
        for (long n : ins) {
            if (!at.containsKey(IN + "#" + n)) {
                missing.add("I " + n);
            }
        }
        if (!missing.isEmpty()) {
            fail(when + ": " + missing.size() + " records the killed process had appended are missing: "
                    + (missing.size() > 20 ? missing.subList(0, 20) + " ..." : missing) + "; journal holds "
                    + records.size() + " records, printed " + outs.size() + " O and " + ins.size() + " I");
        }
        return at;
    }
}
