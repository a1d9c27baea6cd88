package io.fluxfix.journal;

import io.fluxfix.journal.internal.TouchAhead;
import io.fluxfix.model.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal's touch-ahead thread runs ahead of the writer in the newest day file, leaves every record as it
 * was written, and is gone when the journal is closed.
 */
class TouchAheadTest {

    @TempDir
    Path dir;

    @Test
    void touchesAheadOfTheWriterWithoutChangingARecordAndStopsOnClose() {
        List<Event> appended = new ArrayList<>();
        TouchAhead touch;
        try (ChronicleJournal journal = ChronicleJournal.builder(dir).touchAheadBytes(256 * 1024).open()) {
            touch = journal.touchAhead();
            assertThat(touch).isNotNull();
            for (int round = 0; round < 40; round++) {
                for (Event e : Samples.events(round * 100L + 1)) {
                    journal.appendInbound("spot-md", e);
                    appended.add(e);
                }
                if (round == 0) {
                    // the day file exists now: the thread reaches the window in front of the writer
                    awaitTrue(() -> touch.touchedTo() >= 256 * 1024, "touch-ahead reached 256 KiB");
                }
            }
            try (JournalReader reader = journal.reader()) {
                List<JournalRecord> read = reader.replay().collectList().block();
                assertThat(read).extracting(JournalRecord::event).containsExactlyElementsOf(appended);
            }
        }
        assertThat(touch.running()).isFalse();
    }

    @Test
    void zeroTurnsItOff() {
        try (ChronicleJournal journal = ChronicleJournal.builder(dir).touchAheadBytes(0).open()) {
            assertThat(journal.touchAhead()).isNull();
        }
    }

    /** Polls {@code condition} until it holds or 10 s pass (an async result: no fixed sleep). */
    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
