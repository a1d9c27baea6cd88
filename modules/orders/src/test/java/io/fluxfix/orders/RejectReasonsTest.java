package io.fluxfix.orders;

import io.fluxfix.model.command.NewOrder;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The venue-reject metric's {@code reason} tag stays a bounded set whatever texts the venue sends. */
class RejectReasonsTest {

    @Test
    void numbersInATextDoNotMakeNewSeries() {
        try (SinkFixture f = new SinkFixture()) {
            for (int i = 0; i < 30; i++) {
                f.advance(Duration.ofSeconds(1)); // below the error-rate guard's pace
                NewOrder n = f.buy("1", "80000");
                assertThat(f.sink.submit("spot", n).sent()).isTrue();
                f.spot.emit(f.spot.businessReject(n.clOrdId(), "Unknown instrument " + (1000 + i * 37)));
            }
            assertThat(f.meter("fluxfix.orders.venue.rejects", "layer", "business", "reason",
                    "Unknown instrument #")).isEqualTo(30.0);
            assertThat(f.meters.find("fluxfix.orders.venue.rejects").counters()).hasSize(1);
        }
    }

    @Test
    void pastTheLimitNewTextsAreCountedAsOther() {
        try (SinkFixture f = new SinkFixture()) {
            int texts = RejectReasons.MAX_REASONS + 20;
            for (int i = 0; i < texts; i++) {
                f.advance(Duration.ofSeconds(1)); // below the error-rate guard's pace
                NewOrder n = f.buy("1", "80000");
                assertThat(f.sink.submit("spot", n).sent()).isTrue();
                f.spot.emit(f.spot.businessReject(n.clOrdId(), "EOrder:reason " + letters(i)));
            }
            assertThat(f.meters.find("fluxfix.orders.venue.rejects").counters())
                    .hasSize(RejectReasons.MAX_REASONS + 1);
            assertThat(f.meter("fluxfix.orders.venue.rejects", "layer", "business", "reason", RejectReasons.OTHER))
                    .isEqualTo(20.0);
            // a text seen before the limit keeps its own series
            NewOrder n = f.buy("1", "80000");
            f.sink.submit("spot", n);
            f.spot.emit(f.spot.businessReject(n.clOrdId(), "EOrder:reason " + letters(0)));
            assertThat(f.meter("fluxfix.orders.venue.rejects", "layer", "business", "reason",
                    "EOrder:reason " + letters(0))).isEqualTo(2.0);
        }
    }

    @Test
    void aLongTextIsCut() {
        assertThat(RejectReasons.normalise("x".repeat(500))).hasSize(RejectReasons.MAX_LENGTH);
        assertThat(RejectReasons.normalise("field=44, value 12.5")).isEqualTo("field=#, value #.#");
    }

    private static String letters(int i) {
        return "" + (char) ('a' + i % 26) + (char) ('a' + i / 26 % 26);
    }
}
