package io.fluxfix.venue.limits;

import io.github.bucket4j.TimeMeter;

/**
 * The venue clock as Bucket4j's time source: the time of the request being handled, set by the caller before
 * each use. Buckets then refill on the venue's (injectable, journaled) time, never the wall clock, so tests run
 * on virtual time and a journal replay rebuilds the same counters.
 */
final class VenueTime implements TimeMeter {

    /** A refill period no test or trading day reaches (a century: within what a long counts in nanoseconds). */
    static final java.time.Duration NEVER = java.time.Duration.ofDays(36_500);

    private long now;

    void set(long nanos) {
        if (nanos > now) {
            now = nanos; // never backwards: a bucket's refill must not be undone
        }
    }

    @Override
    public long currentTimeNanos() {
        return now;
    }

    @Override
    public boolean isWallClockBased() {
        return false;
    }
}
