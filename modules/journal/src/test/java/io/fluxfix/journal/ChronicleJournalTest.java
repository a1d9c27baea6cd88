package io.fluxfix.journal;

import io.fluxfix.model.Side;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.Stamp;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChronicleJournalTest {

    private static final long DAY_MILLIS = 86_400_000L;
    /** 2026-04-07T12:00:00Z */
    private static final long NOON_MILLIS = 1_775_563_200_000L;

    @TempDir
    Path dir;

    private static MarketDataIncrement increment(long seq, int day, long nanos) {
        return new MarketDataIncrement(new Stamp(nanos, day, seq), "md-1", "BTC/USD",
                List.of(Samples.richEntry()), 1234L);
    }

    private static List<JournalRecord> readAll(Path dir, ReplayFilter filter) {
        try (JournalReader reader = JournalReader.open(dir)) {
            return reader.replay(filter).collectList().block();
        }
    }

    @Test
    void holdsInboundKnowsWhatWasAppendedAndStillKnowsAfterReopening() {
        try (ChronicleJournal journal = ChronicleJournal.open(dir)) {
            for (long seq = 1; seq <= 5; seq++) {
                journal.appendInbound("spot-md", increment(seq, Samples.DAY, Samples.T0 + seq));
            }
            journal.appendInbound("spot-md", increment(9, Samples.DAY, Samples.T0 + 9));
            journal.appendOutbound("spot-trading", Samples.T0, Samples.DAY, 7, Samples.commands().get(0));

            assertThat(journal.holdsInbound("spot-md", Samples.DAY, 3)).isTrue();
            assertThat(journal.holdsInbound("spot-md", Samples.DAY, 9)).isTrue();
            assertThat(journal.holdsInbound("spot-md", Samples.DAY, 6)).isFalse();
            assertThat(journal.holdsInbound("spot-md", Samples.DAY + 1, 3)).isFalse();
            assertThat(journal.holdsInbound("spot-trading", Samples.DAY, 7)).as("outbound is not inbound").isFalse();
        }
        try (ChronicleJournal reopened = ChronicleJournal.open(dir)) {
            assertThat(reopened.holdsInbound("spot-md", Samples.DAY, 1)).isTrue();
            assertThat(reopened.holdsInbound("spot-md", Samples.DAY, 5)).isTrue();
            assertThat(reopened.holdsInbound("spot-md", Samples.DAY, 9)).isTrue();
            assertThat(reopened.holdsInbound("spot-md", Samples.DAY, 7)).isFalse();
            assertThat(reopened.holdsInbound("spot-trading", Samples.DAY, 7)).isFalse();
            assertThat(reopened.holdsInbound("other", Samples.DAY, 1)).isFalse();
        }
    }

    /**
     * On open the index is rebuilt from the newest days only ({@code indexCycles} day files by date, a missing day
     * included): days 0, 1, 3 and 4 written, day 2 missing, three indexed days are 2 to 4 — so day 1's records are
     * not held, days 3's and 4's are; and with no days to index nothing is held until appended again.
     */
    @Test
    void reopeningIndexesTheNewestDaysOnlyAndADayWithoutAFileCountsAsOne() {
        SetTimeProvider clock = new SetTimeProvider(NOON_MILLIS * 1_000_000L);
        int[] days = {0, 1, 3, 4};
        for (int day : days) {
            clock.currentTimeMillis(NOON_MILLIS + day * DAY_MILLIS);
            try (ChronicleJournal journal = ChronicleJournal.builder(dir).timeProvider(clock).open()) {
                for (long seq = 1; seq <= 300; seq++) {
                    journal.appendInbound("spot-md", increment(seq, 20_000 + day, clock.currentTimeNanos()));
                }
                journal.appendOutbound("spot-trading", clock.currentTimeNanos(), 20_000 + day, 1,
                        Samples.commands().get(0));
            }
        }
        try (ChronicleJournal reopened = ChronicleJournal.builder(dir).timeProvider(clock).indexCycles(3).open()) {
            for (long seq : new long[] {1, 150, 300}) {
                assertThat(reopened.holdsInbound("spot-md", 20_000, seq)).as("day 0, %d", seq).isFalse();
                assertThat(reopened.holdsInbound("spot-md", 20_001, seq)).as("day 1, %d", seq).isFalse();
                assertThat(reopened.holdsInbound("spot-md", 20_003, seq)).as("day 3, %d", seq).isTrue();
                assertThat(reopened.holdsInbound("spot-md", 20_004, seq)).as("day 4, %d", seq).isTrue();
            }
            assertThat(reopened.holdsInbound("spot-md", 20_004, 301)).isFalse();
            assertThat(reopened.holdsInbound("spot-trading", 20_004, 1)).as("outbound is not inbound").isFalse();
        }
        try (ChronicleJournal reopened = ChronicleJournal.builder(dir).timeProvider(clock).indexCycles(5).open()) {
            assertThat(reopened.holdsInbound("spot-md", 20_000, 300)).as("five days reach day 0").isTrue();
        }
        try (ChronicleJournal reopened = ChronicleJournal.builder(dir).timeProvider(clock).indexCycles(0).open()) {
            assertThat(reopened.holdsInbound("spot-md", 20_004, 1)).isFalse();
            reopened.appendInbound("spot-md", increment(1, 20_004, clock.currentTimeNanos()));
            assertThat(reopened.holdsInbound("spot-md", 20_004, 1)).isTrue();
        }
    }

    /**
     * Records of every size, small, larger than the appender's staging buffer (which then grows), small again,
     * read back whole and in order: the staging copy never leaves a previous record's bytes or length behind.
     */
    @Test
    void recordsLargerAndSmallerThanTheLastReadBackWhole() {
        int[] textLengths = {0, 5, 700, 3, 5_000, 1, 600, 20_000, 2};
        List<Event> written = new ArrayList<>();
        try (ChronicleJournal journal = ChronicleJournal.open(dir)) {
            long seq = 1;
            for (int length : textLengths) {
                Event e = new io.fluxfix.model.event.MarketDataReject(Samples.stamp(seq++), "md-" + length,
                        io.fluxfix.model.event.MdRejectReason.UNKNOWN_SYMBOL, "x".repeat(length));
                journal.appendInbound("spot-md", e);
                written.add(e);
            }
        }
        assertThat(readAll(dir, ReplayFilter.ALL)).extracting(JournalRecord::payload).containsExactlyElementsOf(written);
    }

    @Test
    void sessionsAppendingFromTheirOwnThreadsConcurrentlyLoseNothingAndKeepTheirOrder() throws Exception {
        int sessions = 4;
        int perSession = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(sessions, r -> new Thread(r, "journal-test-session"));
        try (ChronicleJournal journal = ChronicleJournal.open(dir)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                String name = "session-" + s;
                done.add(pool.submit(() -> {
                    start.await();
                    for (long seq = 1; seq <= perSession; seq++) {
                        journal.appendInbound(name, increment(seq, Samples.DAY, Samples.T0 + seq));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
            for (int s = 0; s < sessions; s++) {
                assertThat(journal.holdsInbound("session-" + s, Samples.DAY, perSession)).isTrue();
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        List<JournalRecord> all = readAll(dir, ReplayFilter.ALL);
        assertThat(all).hasSize(sessions * perSession);
        for (int s = 0; s < sessions; s++) {
            String name = "session-" + s;
            List<Long> seqs = all.stream().filter(r -> r.session().equals(name)).map(JournalRecord::seqNum).toList();
            assertThat(seqs).hasSize(perSession).isSorted();
        }
    }

    @Test
    void appendersOfThreadsThatEndedAreClosedWhenANewThreadAppends() throws Exception {
        try (ChronicleJournal journal = ChronicleJournal.open(dir)) {
            for (int reconnect = 1; reconnect <= 3; reconnect++) {
                long seq = reconnect;
                Thread sessionThread = new Thread(() -> journal.appendInbound("spot-md",
                        increment(seq, Samples.DAY, Samples.T0 + seq)), "journal-test-reconnect-" + reconnect);
                sessionThread.start();
                sessionThread.join(10_000);
                assertThat(sessionThread.isAlive()).isFalse();
                assertThat(journal.openAppenders()).as("after reconnect %d", reconnect).isEqualTo(1);
            }
        }
        assertThat(readAll(dir, ReplayFilter.ALL)).extracting(JournalRecord::seqNum).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aJournalWrittenAcrossADayRollReplaysInTheOriginalOrder() {
        SetTimeProvider clock = new SetTimeProvider(NOON_MILLIS * 1_000_000L);
        List<Event> written = new ArrayList<>();
        try (ChronicleJournal journal = ChronicleJournal.builder(dir).timeProvider(clock).open()) {
            for (int day = 0; day < 3; day++) {
                clock.currentTimeMillis(NOON_MILLIS + day * DAY_MILLIS);
                for (long seq = 1; seq <= 10; seq++) {
                    // journal time deliberately not monotonic: replay follows the journal, not the time field
                    Event e = increment(seq, Samples.DAY + day, Samples.T0 - day * 1000 - seq);
                    journal.appendInbound("spot-md", e);
                    written.add(e);
                }
            }
        }
        assertThat(cycleFiles()).hasSize(3);
        assertThat(readAll(dir, ReplayFilter.ALL)).extracting(JournalRecord::event).containsExactlyElementsOf(written);
    }

    @Test
    void retentionDeletesDayFilesOlderThanTheWindowOnRollAndOnOpen() {
        SetTimeProvider clock = new SetTimeProvider(NOON_MILLIS * 1_000_000L);
        try (ChronicleJournal journal = ChronicleJournal.builder(dir).timeProvider(clock).retentionDays(2).open()) {
            for (int day = 0; day < 4; day++) {
                clock.currentTimeMillis(NOON_MILLIS + day * DAY_MILLIS);
                journal.appendInbound("spot-md", increment(1, Samples.DAY + day, Samples.T0 + day));
                assertThat(cycleFiles()).as("after day %d", day).hasSize(Math.min(day + 1, 2));
            }
        }
        assertThat(readAll(dir, ReplayFilter.ALL)).extracting(JournalRecord::sessionDay)
                .containsExactly(Samples.DAY + 2, Samples.DAY + 3);

        clock.currentTimeMillis(NOON_MILLIS + 10 * DAY_MILLIS);
        try (ChronicleJournal reopened = ChronicleJournal.builder(dir).timeProvider(clock).retentionDays(3).open()) {
            assertThat(cycleFiles()).as("both kept days are now too old").isEmpty();
            assertThat(reopened.holdsInbound("spot-md", Samples.DAY + 3, 1)).isFalse();
        }
    }

    @Test
    void withoutRetentionEveryDayIsKept() {
        SetTimeProvider clock = new SetTimeProvider(NOON_MILLIS * 1_000_000L);
        try (ChronicleJournal journal = ChronicleJournal.builder(dir).timeProvider(clock).open()) {
            for (int day = 0; day < 4; day++) {
                clock.currentTimeMillis(NOON_MILLIS + day * DAY_MILLIS);
                journal.appendInbound("spot-md", increment(1, Samples.DAY + day, Samples.T0 + day));
            }
        }
        assertThat(cycleFiles()).hasSize(4);
    }

    @Test
    void replayIsDeterministicAndFiltersByTypeSessionAndTime() {
        try (ChronicleJournal journal = ChronicleJournal.open(dir)) {
            Samples.events(1).forEach(e -> journal.appendInbound("spot-trading", e));
            for (long seq = 100; seq < 110; seq++) {
                journal.appendInbound("spot-md", increment(seq, Samples.DAY, Samples.T0 + seq * 1_000_000L));
            }
            journal.appendOutbound("spot-trading", Samples.T0 + 5, Samples.DAY, 3,
                    new CancelOrder("c-1", null, "O-1", "BTC/USD", Side.BUY, Stamp.NO_TIME));
        }
        List<JournalRecord> first = readAll(dir, ReplayFilter.ALL);
        List<JournalRecord> second = readAll(dir, ReplayFilter.ALL);
        assertThat(second).isEqualTo(first);
        assertThat(second.stream().map(Object::toString).toList())
                .isEqualTo(first.stream().map(Object::toString).toList());

        List<JournalRecord> executions = readAll(dir, ReplayFilter.ALL.types(RecordType.EXECUTION_REPORT));
        assertThat(executions).hasSize(2).allSatisfy(r -> assertThat(r.event()).isInstanceOf(ExecutionReport.class));

        List<JournalRecord> md = readAll(dir, ReplayFilter.ALL.sessions("spot-md"));
        assertThat(md).hasSize(10).allSatisfy(r -> assertThat(r.session()).isEqualTo("spot-md"));

        List<JournalRecord> outbound = readAll(dir, ReplayFilter.ALL.sessions("spot-trading")
                .types(RecordType.CANCEL_ORDER, RecordType.NEW_ORDER));
        assertThat(outbound).singleElement().satisfies(r -> {
            assertThat(r.direction()).isEqualTo(Journal.Direction.OUT);
            assertThat(r.command()).isInstanceOf(CancelOrder.class);
        });

        long from = Samples.T0 + 102 * 1_000_000L;
        long to = Samples.T0 + 104 * 1_000_000L;
        List<JournalRecord> window = readAll(dir, ReplayFilter.ALL.sessions("spot-md").fromNanos(from).toNanos(to));
        assertThat(window).extracting(JournalRecord::seqNum).containsExactly(102L, 103L, 104L);
        List<JournalRecord> expected = first.stream().filter(r -> r.timeNanos() >= from && r.timeNanos() <= to)
                .toList();
        assertThat(readAll(dir, ReplayFilter.ALL.fromNanos(from).toNanos(to))).isEqualTo(expected);
    }

    @Test
    void aRecordOfAnotherFormatVersionIsSkippedAndCountedNotFatal() {
        try (ChronicleJournal journal = ChronicleJournal.open(dir)) {
            journal.appendInbound("spot-md", increment(1, Samples.DAY, Samples.T0));
        }
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile())
                .rollCycle(RollCycles.FAST_DAILY).build();
             ExcerptAppender appender = queue.createAppender()) {
            try (DocumentContext dc = appender.writingDocument()) {
                dc.wire().bytes().writeByte((byte) 99).writeLong(42); // a future version
            }
            try (DocumentContext dc = appender.writingDocument()) {
                dc.wire().bytes().writeByte((byte) 1).writeByte((byte) 6); // version 1, cut short
            }
        }
        try (ChronicleJournal journal = ChronicleJournal.open(dir)) {
            journal.appendInbound("spot-md", increment(2, Samples.DAY, Samples.T0 + 1));
        }
        try (JournalReader reader = JournalReader.open(dir)) {
            assertThat(reader.replay().collectList().block()).extracting(JournalRecord::seqNum)
                    .containsExactly(1L, 2L);
            assertThat(reader.skipped()).isEqualTo(2);
        }
    }

    @Test
    void aClosedJournalRefusesAppends() {
        ChronicleJournal journal = ChronicleJournal.open(dir);
        journal.close();
        assertThatThrownBy(() -> journal.appendInbound("s", increment(1, 1, 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void theReaderRefusesWhatIsNotAJournal() throws IOException {
        assertThatThrownBy(() -> JournalReader.open(dir.resolve("missing")))
                .isInstanceOf(JournalException.class).hasMessageContaining("no journal directory");
        Files.writeString(dir.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> JournalReader.open(dir))
                .isInstanceOf(JournalException.class).hasMessageContaining("is not a journal");
    }

    private List<Path> cycleFiles() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".cq4")).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
