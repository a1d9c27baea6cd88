package io.fluxfix.testkit.fix;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** A test venue's clock never starts, and a real-clock test never runs, within reach of the daily rollover. */
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

    @Test
    void aRealClockRolloverIsKrakensAwayFromItAndTwelveHoursLaterNearIt() {
        assertThat(VenueClocks.rolloverAwayFrom(Instant.parse("2026-11-22T12:00:00Z"))).isEqualTo(LocalTime.of(22, 0));
        assertThat(VenueClocks.rolloverAwayFrom(Instant.parse("2026-11-22T19:59:59Z"))).isEqualTo(LocalTime.of(22, 0));
        assertThat(VenueClocks.rolloverAwayFrom(Instant.parse("2026-11-22T20:00:01Z"))).isEqualTo(LocalTime.of(10, 0));
        assertThat(VenueClocks.rolloverAwayFrom(Instant.parse("2026-11-22T21:59:30Z"))).isEqualTo(LocalTime.of(10, 0));
        assertThat(VenueClocks.rolloverAwayFrom(Instant.parse("2026-11-22T23:30:00Z"))).isEqualTo(LocalTime.of(10, 0));
        assertThat(VenueClocks.rolloverAwayFrom(Instant.parse("2026-11-23T00:00:01Z"))).isEqualTo(LocalTime.of(22, 0));
    }

    @Test
    void everyMinuteOfTheDayGetsARolloverAtLeastTwoHoursAwayEvenIfAnotherProcessChoseAMinuteEarlier() {
        Instant midnight = Instant.parse("2026-11-22T00:00:00Z");
        for (int minute = 0; minute < 24 * 60; minute++) {
            Instant now = midnight.plus(Duration.ofMinutes(minute));
            for (Instant chosenAt : new Instant[]{now, now.minus(Duration.ofMinutes(1))}) {
                LocalTime rollover = VenueClocks.rolloverAwayFrom(chosenAt);
                long at = rollover.toSecondOfDay();
                long t = now.atOffset(ZoneOffset.UTC).toLocalTime().toSecondOfDay();
                long apart = Math.min(Math.abs(at - t), 86_400 - Math.abs(at - t));
                assertThat(apart).as("%s chosen at %s", rollover, chosenAt).isGreaterThanOrEqualTo(2 * 3600 - 60);
            }
        }
    }
}
