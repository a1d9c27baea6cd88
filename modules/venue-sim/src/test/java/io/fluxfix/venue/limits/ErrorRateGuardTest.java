package io.fluxfix.venue.limits;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The error-rate safeguard's rolling second, on the venue clock. */
class ErrorRateGuardTest {

    private static final long T = 1_775_572_325_000_000_000L;
    private static final long MS = 1_000_000L;

    @Test
    void theErrorThatMakesElevenInOneSecondTripsOnceUntilTheNextLogon() {
        ErrorRateGuard g = new ErrorRateGuard(10);
        for (int i = 0; i < 10; i++) {
            assertThat(g.error("S", T + i * 99 * MS)).isFalse();
        }
        assertThat(g.error("S", T + 999 * MS)).as("the 11th within (T-1s, T+999ms]").isTrue();
        assertThat(g.error("S", T + 999 * MS)).as("once per connection").isFalse();
        g.loggedOn("S");
        assertThat(g.error("S", T + 1000 * MS)).isFalse();
        assertThat(g.state(T + 1000 * MS)).singleElement().satisfies(s -> {
            assertThat(s.total()).isEqualTo(13);
            assertThat(s.disconnects()).isEqualTo(1);
            assertThat(s.lastSecond()).isEqualTo(1);
        });
    }

    @Test
    void theWindowIsOneSecondExactlyAndSessionsAreCountedApart() {
        ErrorRateGuard g = new ErrorRateGuard(10);
        for (int i = 0; i < 10; i++) {
            g.error("S", T);
            g.error("OTHER", T);
        }
        assertThat(g.error("S", T + 1000 * MS)).as("the first ten fell out of the window").isFalse();
        ErrorRateGuard h = new ErrorRateGuard(10);
        for (int i = 0; i < 10; i++) {
            h.error("S", T);
        }
        assertThat(h.error("S", T + 1000 * MS - 1)).as("1 ns short of a second: still inside").isTrue();
    }

    @Test
    void zeroTurnsTheSafeguardOff() {
        ErrorRateGuard g = new ErrorRateGuard(0);
        for (int i = 0; i < 1000; i++) {
            assertThat(g.error("S", T)).isFalse();
        }
        assertThat(g.state(T)).singleElement().satisfies(s -> assertThat(s.total()).isEqualTo(1000));
    }
}
