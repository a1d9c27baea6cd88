package io.fluxfix.journal;

import io.fluxfix.journal.internal.QueueScanner;
import io.fluxfix.journal.internal.RecordCodec;
import io.fluxfix.journal.internal.RecordSource;
import io.fluxfix.model.command.Command;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.MarketDataFrame;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataVisitor;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MdUpdateAction;
import io.fluxfix.model.event.Stamp;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JournalReader}'s cursor from the start reads the cycle files with a scanner rather than a Chronicle
 * tailer; here its records are compared with those a tailer gives, decoded by the same codec: every record type
 * in both directions over several days, records the codec cannot read (skipped and counted alike), a tail torn
 * by a killed writer, a journal appended to while a cursor reads it, an empty journal.
 */
class ScanEquivalenceTest {

    private static final long DAY_MILLIS = 86_400_000L;
    /** 2026-04-07T12:00:00Z */
    private static final long NOON_MILLIS = 1_775_563_200_000L;

    @TempDir
    Path dir;

    /** What a tailer over the whole journal gives: the records it decodes and how many it could not. */
    private record ViaTailer(List<JournalRecord> records, long skipped) {
    }

    private ViaTailer viaTailer() {
        List<JournalRecord> records = new ArrayList<>();
        long skipped = 0;
        RecordSource source = new RecordSource();
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile())
                .rollCycle(RollCycles.FAST_DAILY).readOnly(true).build();
             ExcerptTailer tailer = queue.createTailer()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return new ViaTailer(records, skipped);
                    }
                    if (dc.isData()) {
                        try {
                            JournalRecord r = RecordCodec.read(source.load(dc.wire().bytes()));
                            if (r == null) {
                                skipped++;
                            } else {
                                records.add(r);
                            }
                        } catch (RuntimeException undecodable) {
                            skipped++;
                        }
                    }
                }
            }
        }
    }

    private void assertScanEqualsTailer(int atLeast) {
        ViaTailer expected = viaTailer();
        assertThat(expected.records()).hasSizeGreaterThanOrEqualTo(atLeast);
        try (JournalReader reader = JournalReader.open(dir)) {
            assertThat(reader.replay().collectList().block()).isEqualTo(expected.records());
            assertThat(reader.skipped()).isEqualTo(expected.skipped());
        }
    }

    @Test
    void everyRecordTypeInBothDirectionsOverSeveralDaysWithUndecodableOnesAmongThem() {
        List<Event> events = Samples.events(1);
        SetTimeProvider clock = new SetTimeProvider(NOON_MILLIS * 1_000_000L);
        long seed = System.nanoTime();
        System.out.println("ScanEquivalenceTest seed " + seed);
        Random random = new Random(seed);
        List<Command> commands = Samples.commands();
        int written = 0;
        for (int day = 0; day < 3; day++) {
            clock.currentTimeMillis(NOON_MILLIS + day * DAY_MILLIS);
            try (ChronicleJournal journal = ChronicleJournal.builder(dir).timeProvider(clock).open()) {
                for (int i = 0; i < 500 + random.nextInt(500); i++) {
                    if (random.nextBoolean()) {
                        journal.appendInbound("spot-md", events.get(random.nextInt(events.size())));
                    } else {
                        journal.appendOutbound("spot-trading", Samples.T0 + i, Samples.DAY, i,
                                commands.get(random.nextInt(commands.size())));
                    }
                    written++;
                }
                // A large increment: many entries, several KiB.
                List<MdEntry> entries = new ArrayList<>();
                for (int e = 0; e < 2_000; e++) {
                    entries.add(Samples.richEntry());
                }
                journal.appendInbound("spot-md", new MarketDataIncrement(Samples.stamp(9_999), "md-1", "BTC/USD",
                        entries, 7));
                written++;
            }
            // Records of a future format version and one cut short, between the journal's own.
            try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile())
                    .rollCycle(RollCycles.FAST_DAILY).timeProvider(clock).build();
                 ExcerptAppender appender = queue.createAppender()) {
                try (DocumentContext dc = appender.writingDocument()) {
                    dc.wire().bytes().writeByte((byte) 99).writeLong(42);
                }
                try (DocumentContext dc = appender.writingDocument()) {
                    dc.wire().bytes().writeByte((byte) 1).writeByte((byte) 6);
                }
            }
        }
        assertScanEqualsTailer(written);
        try (JournalReader reader = JournalReader.open(dir)) {
            assertThat(reader.dayFiles()).isEqualTo(3);
            reader.replay().blockLast();
            assertThat(reader.skipped()).isEqualTo(6);
        }
    }

    @Test
    void aTailTornByAKilledWriterEndsBothReadsAtTheSameRecord() throws Exception {
        TornTailTest.writeUntilKilled(dir);
        assertScanEqualsTailer(10_000); // (TornTailTest checks that these are every complete record, in order)
    }

    @Test
    void aCursorReadingWhileTheJournalIsAppendedToSeesEveryRecordOnceInOrderAndNoneTorn() throws Exception {
        int total = 20_000;
        try (ChronicleJournal journal = ChronicleJournal.open(dir);
             JournalReader reader = JournalReader.open(dir);
             JournalReader.Cursor cursor = reader.cursor(ReplayFilter.ALL)) {
            Thread writer = new Thread(() -> {
                for (long seq = 1; seq <= total; seq++) {
                    journal.appendInbound("spot-md", new MarketDataIncrement(Samples.stamp(seq), "md-1", "BTC/USD",
                            List.of(Samples.richEntry()), 42));
                }
            }, "ScanEquivalenceTest-writer");
            writer.start();
            List<JournalRecord> seen = new ArrayList<>();
            int reads = 0;
            boolean writerDone = false;
            while (seen.size() < total) {
                writerDone = !writer.isAlive(); // before the read: a read after the writer ended sees it all
                reads++;
                for (JournalRecord r = cursor.next(); r != null; r = cursor.next()) {
                    seen.add(r);
                }
                if (writerDone) {
                    break;
                }
                Thread.onSpinWait();
            }
            writer.join(30_000);
            System.out.println("ScanEquivalenceTest: " + total + " records in " + reads + " reads to the present end");
            assertThat(seen).hasSize(total);
            for (int i = 0; i < total; i++) {
                assertThat(seen.get(i).seqNum()).isEqualTo(i + 1);
            }
            assertThat(reader.skipped()).as("nothing half-written was decoded").isZero();
        }
        assertScanEqualsTailer(total);
    }

    @Test
    void recordsCrossingTheEndOfAMappedChunkAreReadThroughACopyAndDecodeTheSame() {
        // Read with small mapping chunks (128 KiB safe, 64 KiB overlap with this block size): a record that starts in
        // one chunk's safe range and ends past its overlap — here an increment of 2,500 entries, ~110 KiB — cannot
        // be decoded where it lies, so the cursor copies it out. The small ones around it are read in place.
        long seed = System.nanoTime();
        System.out.println("ScanEquivalenceTest seed " + seed);
        Random random = new Random(seed);
        List<MarketDataIncrement> written = new ArrayList<>();
        try (ChronicleJournal journal = ChronicleJournal.open(dir)) {
            for (int seq = 1; seq <= 3_000; seq++) {
                List<MdEntry> entries = new ArrayList<>();
                int n = seq % 100 == 0 ? 2_500 : 1 + random.nextInt(3);
                for (int e = 0; e < n; e++) {
                    entries.add(random.nextBoolean() ? Samples.richEntry()
                            : MdEntry.update(MdUpdateAction.NEW, MdEntryType.BID, "B" + seq, Samples.d(seq + ".5"),
                                    Samples.d("0." + e), seq));
                }
                MarketDataIncrement inc = new MarketDataIncrement(Samples.stamp(seq), "md-1", "BTC/USD", entries,
                        random.nextInt(1 << 20));
                journal.appendInbound("spot-md", inc);
                written.add(inc);
            }
        }
        long smallChunk = 1 << 16;
        int crossing = 0;
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile())
                .rollCycle(RollCycles.FAST_DAILY).readOnly(true).blockSize(smallChunk).build();
             QueueScanner scanner = new QueueScanner(queue)) {
            while (scanner.next()) {
                if (scanner.address() == 0) {
                    crossing++;
                    assertThat(scanner.length()).as("only a record larger than the overlap is copied")
                            .isGreaterThan(1 << 16);
                }
            }
        }
        System.out.println("ScanEquivalenceTest: " + crossing + " of " + written.size() + " records cross a chunk's end");
        assertThat(crossing).as("records that cross a mapped chunk's end").isPositive();

        try (JournalReader reader = JournalReader.open(dir, smallChunk)) {
            assertThat(reader.replay().map(JournalRecord::payload).collectList().block())
                    .containsExactlyElementsOf(written);
            List<MarketDataIncrement> visited = new ArrayList<>();
            reader.replayMarketData(ReplayFilter.ALL, new MarketDataVisitor() {
                @Override
                public void onMarketData(String session, MarketDataFrame frame) {
                    List<MdEntry> entries = new ArrayList<>();
                    for (int i = 0; i < frame.entryCount(); i++) {
                        entries.add(frame.entry(i));
                    }
                    Stamp w = written.get(visited.size()).stamp(); // a frame has no session day or sequence
                    visited.add(new MarketDataIncrement(new Stamp(frame.receivedNanos(), w.sessionDay(), w.seqNum()),
                            frame.mdReqId(), frame.symbol(), entries, frame.checksum()));
                }

                @Override
                public void onEvent(String session, Event event) {
                    throw new AssertionError("only market data was written: " + event);
                }
            });
            assertThat(visited).containsExactlyElementsOf(written);
            assertThat(reader.skipped()).isZero();
        }
    }

    @Test
    void anEmptyJournalHasNoRecords() {
        try (ChronicleJournal journal = ChronicleJournal.open(dir)) {
            assertThat(journal).isNotNull();
        }
        try (JournalReader reader = JournalReader.open(dir)) {
            assertThat(reader.replay().collectList().block()).isEmpty();
            assertThat(reader.replayMarketData(ReplayFilter.ALL, new MarketDataVisitor() {
                @Override
                public void onMarketData(String session, MarketDataFrame frame) {
                    throw new AssertionError("nothing to hand over");
                }

                @Override
                public void onEvent(String session, Event event) {
                    throw new AssertionError("nothing to hand over");
                }
            })).isZero();
        }
        assertThat(viaTailer().records()).isEmpty();
    }
}
