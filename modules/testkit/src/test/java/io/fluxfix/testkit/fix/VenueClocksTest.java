package io.fluxfix.testkit.fix;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A test venue's clock never starts within reach of the daily 22:00 UTC rollover. */
class VenueClocksTest {

    @Test
    void startsAfterTheRolloverWindowWhenTheMachineIsJustBeforeIt() {
        assertThat(VenueClocks.awayFromTheDailyRollover(Instant.parse("2026-11-22T21:59:45Z")))
                .isEqualTo(Instant.parse("2026-11-22T22:01:00Z"));
        assertThat(VenueClocks.awayFromTheDailyRollover(Instant.parse("2026-11-22T21:50:00Z")))
                .isEqualTo(Instant.parse("2026-11-22T22:01:00Z"));
        assertThat(VenueClocks.awayFromTheDailyRollover(Instant.parse("2026-11-22T22:00:20Z")))
                .isEqualTo(Instant.parse("2026-11-22T22:01:00Z"));
    }

    @Test
    void keepsTheMachinesTimeAwayFromIt() {
        for (String t : new String[]{"2026-11-22T21:49:59Z", "2026-11-22T22:01:00Z", "2026-11-22T12:00:00Z",
                "2026-11-22T00:00:00Z"}) {
            assertThat(VenueClocks.awayFromTheDailyRollover(Instant.parse(t))).isEqualTo(Instant.parse(t));
        }
    }
}
