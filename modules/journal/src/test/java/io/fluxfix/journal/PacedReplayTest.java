package io.fluxfix.journal;

import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.Stamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Paced replay keeps the journal's gaps between records, scaled by the speed, on the scheduler's clock. */
class PacedReplayTest {

    @TempDir
    Path dir;

    private JournalReader reader;

    @BeforeEach
    void writeThreeRecordsOneAndThreeSecondsApart() {
        try (ChronicleJournal journal = ChronicleJournal.open(dir)) {
            long[] offsets = {0, 1_000_000_000L, 4_000_000_000L};
            for (int i = 0; i < offsets.length; i++) {
                journal.appendInbound("spot-md", new MarketDataIncrement(
                        new Stamp(Samples.T0 + offsets[i], Samples.DAY, i + 1), "md", "BTC/USD", List.of(), 1));
            }
        }
        reader = JournalReader.open(dir);
    }

    @AfterEach
    void close() {
        reader.close();
    }

    @Test
    void realTimeKeepsTheRecordedGaps() {
        StepVerifier.withVirtualTime(() -> reader.replayPaced(ReplayFilter.ALL, 1.0,
                        VirtualTimeScheduler.get()).map(JournalRecord::seqNum))
                .expectSubscription()
                .expectNext(1L)
                .expectNoEvent(Duration.ofMillis(999))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(2L)
                .expectNoEvent(Duration.ofMillis(2_999))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(3L)
                .verifyComplete();
    }

    @Test
    void aMultiplierShortensTheGaps() {
        StepVerifier.withVirtualTime(() -> reader.replayPaced(ReplayFilter.ALL, 4.0,
                        VirtualTimeScheduler.get()).map(JournalRecord::seqNum))
                .expectSubscription()
                .expectNext(1L)
                .expectNoEvent(Duration.ofMillis(249))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(2L)
                .expectNoEvent(Duration.ofMillis(749))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(3L)
                .verifyComplete();
    }

    @Test
    void asFastAsPossibleNeedsNoTime() {
        StepVerifier.create(reader.replay().map(JournalRecord::seqNum))
                .expectNext(1L, 2L, 3L)
                .verifyComplete();
    }

    @Test
    void speedMustBePositive() {
        assertThatThrownBy(() -> reader.replayPaced(ReplayFilter.ALL, 0, Schedulers.immediate()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
