package io.fluxfix.orders;

import java.time.Instant;
import java.time.InstantSource;

/**
 * The order sink's clock: nanoseconds since the epoch, read without making an {@link Instant}. The sink reads its
 * clock once per command and once per report; an {@code InstantSource} makes an {@code Instant} per reading.
 * A {@code SinkClock} is itself an {@code InstantSource}, so it goes wherever {@link OrderSink.Options} takes
 * one (a test's manual clock, a virtual venue clock, a benchmark's stepped time); any other source is read
 * through {@link #of}, one {@code Instant} per reading as before.
 */
@FunctionalInterface
public interface SinkClock extends InstantSource {

    /** Now, in nanoseconds since the epoch. */
    long nanos();

    @Override
    default Instant instant() {
        return Instant.ofEpochSecond(0, nanos());
    }

    @Override
    default long millis() {
        return Math.floorDiv(nanos(), 1_000_000L);
    }

    /** {@code source} itself when it is a {@code SinkClock}, else a reader of its {@code Instant}s. */
    static SinkClock of(InstantSource source) {
        if (source instanceof SinkClock c) {
            return c;
        }
        return new Reader(source);
    }

    /** An {@code InstantSource} read as nanoseconds (one {@code Instant} per reading). */
    record Reader(InstantSource source) implements SinkClock {
        @Override
        public long nanos() {
            Instant i = source.instant();
            return i.getEpochSecond() * 1_000_000_000L + i.getNano();
        }

        @Override
        public Instant instant() {
            return source.instant();
        }

        @Override
        public long millis() {
            return source.millis();
        }
    }
}
