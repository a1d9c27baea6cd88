package io.fluxfix.testkit;

import static io.fluxfix.testkit.SampleRun.assertPassed;
import static io.fluxfix.testkit.SampleRun.failureMessages;
import static io.fluxfix.testkit.SampleRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class ChronicleQueueLeakCheckTest {

    @Test
    void failsATestThatLeavesAQueueOpen() {
        EngineExecutionResults results = run(LeavesQueueOpenSample.class);

        assertThat(failureMessages(results.testEvents())).singleElement().asString()
                .contains("Chronicle closeables left open")
                .contains("SingleChronicleQueue");
        // The check closes what it reports, so the class (and the next test) starts clean.
        results.containerEvents().assertStatistics(s -> s.failed(0));
    }

    @Test
    void passesATestThatClosesItsQueue() {
        assertPassed(run(ClosesQueueSample.class), 1);
    }

    @Test
    void passesAClassThatClosesInAfterAllTheQueueItsTestsShare() {
        assertPassed(run(SharesQueueClosedInAfterAllSample.class), 2);
    }

    @Test
    void failsAClassThatLeavesTheQueueItOpenedInBeforeAllOpen() {
        EngineExecutionResults results = run(SharesQueueNeverClosedSample.class);

        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        assertThat(failureMessages(results.containerEvents())).singleElement().asString()
                .contains("class " + SharesQueueNeverClosedSample.class.getName())
                .contains("SingleChronicleQueue");
    }

    static ChronicleQueue openQueue(Path dir) {
        return SingleChronicleQueueBuilder.single(dir.toFile()).build();
    }

    static void writeAndRead(ChronicleQueue queue, String text) {
        try (ExcerptAppender appender = queue.createAppender()) {
            appender.writeText(text);
        }
        try (ExcerptTailer tailer = queue.createTailer()) {
            assertThat(tailer.readText()).isNotNull();
        }
    }

    @LeakSample
    static class LeavesQueueOpenSample {
        @Test
        void opensAQueueAndKeepsIt(@TempDir Path dir) {
            writeAndRead(openQueue(dir), "left open");
        }
    }

    @LeakSample
    static class ClosesQueueSample {
        @Test
        void opensAQueueAndClosesIt(@TempDir Path dir) {
            try (ChronicleQueue queue = openQueue(dir)) {
                writeAndRead(queue, "closed");
            }
        }
    }

    /** A journal the class opens once and its tests write to; fine per test, as long as @AfterAll closes it. */
    static class SharesQueueSample {
        @TempDir
        static Path dir;
        static ChronicleQueue queue;

        @BeforeAll
        static void openJournal() {
            queue = openQueue(dir);
        }

        @Test
        void first() {
            writeAndRead(queue, "first");
        }

        @Test
        void second() {
            writeAndRead(queue, "second");
        }
    }

    @LeakSample
    static class SharesQueueClosedInAfterAllSample extends SharesQueueSample {
        @AfterAll
        static void closeJournal() {
            queue.close();
        }
    }

    @LeakSample
    static class SharesQueueNeverClosedSample extends SharesQueueSample {
    }
}
