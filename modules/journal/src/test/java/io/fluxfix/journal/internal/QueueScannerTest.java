package io.fluxfix.journal.internal;

import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.UnsafeMemory;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
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
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scanner returns exactly the data documents a Chronicle tailer returns, with the same indexes, in the same
 * order, over queues shaped the ways a journal can be: several cycle files (with gaps and a cycle holding only
 * meta-data), documents crossing chunk boundaries (up to nearly a whole chunk), a torn tail, a writer appending while it reads, nothing at
 * all. Documents are compared byte for byte; the journal-level tests (ScanEquivalenceTest) compare records.
 */
class QueueScannerTest {

    private static final long DAY_MILLIS = 86_400_000L;
    /** 2026-04-07T12:00:00Z */
    private static final long NOON_MILLIS = 1_775_563_200_000L;
    /**
     * Small chunks, for the writer and the reader alike (the reader maps with its own block size), so that the
     * scanner moves from chunk to chunk many times; Chronicle takes a document up to about one block, so the
     * largest here are nearly that.
     */
    private static final long SMALL_BLOCK = 1 << 16;

    @TempDir
    Path dir;

    /** One data document: its queue index and bytes. */
    record Doc(long index, byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Doc d && d.index == index && Arrays.equals(d.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(index) * 31 + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Doc[" + Long.toHexString(index) + ", " + bytes.length + " bytes]";
        }
    }

    private SingleChronicleQueue writable(SetTimeProvider clock) {
        return SingleChronicleQueueBuilder.single(dir.toFile()).rollCycle(RollCycles.FAST_DAILY)
                .blockSize(SMALL_BLOCK).timeProvider(clock).build();
    }

    private SingleChronicleQueue readOnly() {
        return SingleChronicleQueueBuilder.single(dir.toFile()).rollCycle(RollCycles.FAST_DAILY).readOnly(true)
                .blockSize(SMALL_BLOCK).build();
    }

    private static List<Doc> viaTailer(SingleChronicleQueue queue) {
        List<Doc> docs = new ArrayList<>();
        try (ExcerptTailer tailer = queue.createTailer()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return docs;
                    }
                    if (dc.isData()) {
                        docs.add(new Doc(dc.index(), dc.wire().bytes().toByteArray()));
                    }
                }
            }
        }
    }

    private static List<Doc> viaScanner(QueueScanner scanner) {
        List<Doc> docs = new ArrayList<>();
        while (scanner.next()) {
            docs.add(new Doc(scanner.lastIndex(), scanner.bytes().toByteArray()));
        }
        return docs;
    }

    private List<Doc> viaScanner() {
        try (SingleChronicleQueue queue = readOnly(); QueueScanner scanner = new QueueScanner(queue)) {
            return viaScanner(scanner);
        }
    }

    private List<Doc> viaTailer() {
        try (SingleChronicleQueue queue = readOnly()) {
            return viaTailer(queue);
        }
    }

    private static byte[] payload(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    private static void write(ExcerptAppender appender, byte[] bytes) {
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().write(bytes);
        }
    }

    private static void writeMetaData(ExcerptAppender appender, String text) {
        try (DocumentContext dc = appender.writingDocument(true)) {
            dc.wire().write("note").text(text);
        }
    }

    @Test
    void manySmallAndLargeDocumentsOverSeveralCycleFilesComeOutAsTheTailerReadsThem() {
        long seed = System.nanoTime();
        System.out.println("QueueScannerTest seed " + seed);
        Random random = new Random(seed);
        SetTimeProvider clock = new SetTimeProvider(NOON_MILLIS * 1_000_000L);
        List<byte[]> written = new ArrayList<>();
        try (SingleChronicleQueue queue = writable(clock); ExcerptAppender appender = queue.createAppender()) {
            long day = 0;
            for (int file = 0; file < 4; file++) {
                day += 1 + random.nextInt(3); // sometimes a day with no file between two that have one
                clock.currentTimeMillis(NOON_MILLIS + day * DAY_MILLIS);
                int docs = 200 + random.nextInt(2_000); // enough for several index meta-data documents
                for (int i = 0; i < docs; i++) {
                    int roll = random.nextInt(100);
                    int length = roll < 90 ? 1 + random.nextInt(200)     // the usual record
                            : roll < 99 ? 1 + random.nextInt(8_000)       // crosses 64 KiB chunks now and then
                            : 30_000 + random.nextInt(30_000);            // up to nearly a whole chunk
                    byte[] b = payload(random, length);
                    write(appender, b);
                    written.add(b);
                    if (random.nextInt(500) == 0) {
                        writeMetaData(appender, "meta-data among the data " + i);
                    }
                }
            }
        }
        assertThat(cycleFiles()).hasSize(4);

        List<Doc> scanned = viaScanner();
        assertThat(scanned).isEqualTo(viaTailer());
        assertThat(scanned).extracting(Doc::bytes).containsExactlyElementsOf(written);

        // Where a document lies wholly in the chunk mapped now, its address reads the same bytes in place.
        int inPlace = 0;
        int copiedOnly = 0;
        try (SingleChronicleQueue queue = readOnly(); QueueScanner scanner = new QueueScanner(queue)) {
            for (int i = 0; scanner.next(); i++) {
                long address = scanner.address();
                if (address == 0) {
                    copiedOnly++;
                    assertThat(scanner.bytes().toByteArray()).as("document %d", i).isEqualTo(written.get(i));
                } else {
                    inPlace++;
                    byte[] b = new byte[scanner.length()];
                    UnsafeMemory.MEMORY.copyMemory(address, b, Jvm.arrayByteBaseOffset(), b.length);
                    assertThat(b).as("document %d", i).isEqualTo(written.get(i));
                }
            }
        }
        System.out.println("QueueScannerTest: " + inPlace + " documents read in place, " + copiedOnly
                + " across a chunk's end");
        // Every document here is shorter than Chronicle's overlap (64 KiB at this block size), and a header is only
        // read in a chunk's safe range, so each one ends inside the chunk's mapping: none needs a copy. (Before the
        // scanner moved on to the next chunk by address, the documents in each overlap — half of them — did.)
        assertThat(copiedOnly).isZero();
    }

    @Test
    void aCycleWithOnlyMetaDataIsSteppedOverAndOneAloneHoldsNothing() {
        SetTimeProvider clock = new SetTimeProvider(NOON_MILLIS * 1_000_000L);
        try (SingleChronicleQueue queue = writable(clock); ExcerptAppender appender = queue.createAppender()) {
            writeMetaData(appender, "only meta-data here");
        }
        assertThat(cycleFiles()).hasSize(1);
        assertThat(viaScanner()).isEmpty();
        assertThat(viaTailer()).isEmpty();

        try (SingleChronicleQueue queue = writable(clock); ExcerptAppender appender = queue.createAppender()) {
            clock.currentTimeMillis(NOON_MILLIS + DAY_MILLIS); // rolls: the first day's file gets its end marker
            write(appender, new byte[]{1, 2, 3});
            clock.currentTimeMillis(NOON_MILLIS + 2 * DAY_MILLIS);
            writeMetaData(appender, "a day with meta-data only");
            clock.currentTimeMillis(NOON_MILLIS + 3 * DAY_MILLIS);
            write(appender, new byte[]{4, 5});
        }
        assertThat(cycleFiles()).hasSize(4);
        List<Doc> scanned = viaScanner();
        assertThat(scanned).isEqualTo(viaTailer());
        assertThat(scanned).extracting(d -> d.bytes().length).containsExactly(3, 2);
    }

    @Test
    void anEmptyQueueHasNoDocumentsAndTheFirstOneWrittenLaterIsSeen() {
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile())
                .rollCycle(RollCycles.FAST_DAILY).build();
             QueueScanner scanner = new QueueScanner(queue)) {
            assertThat(scanner.next()).as("no cycle file yet").isFalse();
            try (ExcerptAppender appender = queue.createAppender()) {
                write(appender, new byte[]{7});
            }
            assertThat(scanner.next()).as("the file appeared since").isTrue();
            assertThat(scanner.bytes().toByteArray()).containsExactly(7);
            assertThat(scanner.next()).isFalse();
            try (ExcerptAppender appender = queue.createAppender()) {
                write(appender, new byte[]{8});
            }
            scanner.close();
            assertThat(scanner.next()).as("closed: nothing more, no exception").isFalse();
        }
    }

    @Test
    void aDocumentStillBeingWrittenIsThePresentEndAndIsReadOnceItIsComplete() {
        SetTimeProvider clock = new SetTimeProvider(NOON_MILLIS * 1_000_000L);
        try (SingleChronicleQueue queue = writable(clock); ExcerptAppender appender = queue.createAppender();
             SingleChronicleQueue reading = readOnly(); QueueScanner scanner = new QueueScanner(reading)) {
            write(appender, new byte[]{1});
            DocumentContext open = appender.writingDocument();
            open.wire().bytes().write(new byte[]{2, 2});
            // The header of the open document says "not complete": the scanner, like a tailer, stops before it.
            assertThat(viaScanner(scanner)).extracting(d -> d.bytes().length).containsExactly(1);
            assertThat(viaTailer(reading)).extracting(d -> d.bytes().length).containsExactly(1);
            assertThat(scanner.next()).as("asked again, still not complete").isFalse();
            open.close();
            write(appender, new byte[]{3, 3, 3});
            assertThat(viaScanner(scanner)).extracting(d -> d.bytes().length).containsExactly(2, 3);
        }
        assertThat(viaScanner()).isEqualTo(viaTailer());
    }

    @Test
    void aWriterAppendingAcrossDaysWhileTheScannerReadsIsFollowedToItsPresentEndNeverPastIt() throws Exception {
        long seed = System.nanoTime();
        System.out.println("QueueScannerTest live seed " + seed);
        int total = 20_000;
        SetTimeProvider clock = new SetTimeProvider(NOON_MILLIS * 1_000_000L);
        List<Doc> seen = new ArrayList<>();
        try (SingleChronicleQueue queue = writable(clock)) {
            Thread writer = new Thread(() -> {
                Random r = new Random(seed + 1);
                try (ExcerptAppender appender = queue.createAppender()) {
                    for (int i = 0; i < total; i++) {
                        if (i % 5_000 == 4_999) {
                            clock.currentTimeMillis(clock.currentTimeMillis() + DAY_MILLIS);
                        }
                        // Each document says its own number and length, so a torn one would show.
                        int length = 8 + r.nextInt(i % 1000 == 0 ? 20_000 : 100);
                        byte[] b = new byte[length];
                        java.nio.ByteBuffer.wrap(b).putInt(i).putInt(length);
                        write(appender, b);
                    }
                }
            }, "QueueScannerTest-writer");
            try (SingleChronicleQueue reading = readOnly(); QueueScanner scanner = new QueueScanner(reading)) {
                writer.start();
                int passes = 0;
                while (seen.size() < total) {
                    passes++;
                    seen.addAll(viaScanner(scanner)); // to the present end, then again from there
                    if (!writer.isAlive() && seen.size() < total) {
                        seen.addAll(viaScanner(scanner));
                        break;
                    }
                    Thread.onSpinWait();
                }
                writer.join(30_000);
                System.out.println("QueueScannerTest live: read in " + passes + " passes");
            }
        }
        assertThat(seen).hasSize(total);
        for (int i = 0; i < total; i++) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(seen.get(i).bytes());
            assertThat(b.getInt()).as("document %d", i).isEqualTo(i);
            assertThat(b.getInt()).as("length of document %d", i).isEqualTo(seen.get(i).bytes().length);
        }
        assertThat(seen).isEqualTo(viaTailer());
    }

    private List<Path> cycleFiles() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".cq4")).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
