package io.fluxfix.orders;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.InstantSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The sink's clock reads any InstantSource as nanoseconds, and is one itself. */
class SinkClockTest {

    @Test
    void anInstantSourceIsReadAsNanosecondsAndASinkClockAsItself() {
        Instant t = Instant.parse("2026-11-22T18:00:00.123456789Z");
        SinkClock read = SinkClock.of(InstantSource.fixed(t));
        assertThat(read.nanos()).isEqualTo(t.getEpochSecond() * 1_000_000_000L + 123_456_789);
        assertThat(read.instant()).isEqualTo(t);
        long[] now = {1_775_572_325_000_000_123L};
        SinkClock stepped = () -> now[0];
        assertThat(SinkClock.of(stepped)).isSameAs(stepped);
        assertThat(stepped.instant()).isEqualTo(Instant.ofEpochSecond(1_775_572_325L, 123));
        assertThat(stepped.millis()).isEqualTo(1_775_572_325_000L);
        now[0] += 3_000_000_000L;
        assertThat(stepped.instant()).isEqualTo(Instant.ofEpochSecond(1_775_572_328L, 123));
    }
}
