package io.fluxfix.orders;

import java.util.Arrays;

/**
 * The client's error-rate guard for one session (Kraken disconnects a session that "generates too many errors
 * per second", fix-dialect.md §6.4; the local venue: more than {@code dialect.error-rate.max-per-second} 35=3/35=j
 * in a rolling second). It counts the rejects the session receives in the last second of the sink's clock and
 * the commands still unanswered (each could become a reject): new orders pause while the rejects reach the
 * pause level, or while rejects plus unanswered commands would reach the venue's threshold. Cancels are never
 * held by it. Not thread-safe: the sink calls it under its lock.
 */
final class ErrorRateGuard {

    private static final long SECOND = 1_000_000_000L;

    private final int pauseAt;
    private final int venueMax;
    private long[] times = new long[16];
    private int head;
    private int size;
    private int inFlight;
    private boolean paused;

    private final boolean countInFlight;

    ErrorRateGuard(int pauseAt, int venueMax, boolean countInFlight) {
        this.pauseAt = pauseAt;
        this.venueMax = venueMax;
        this.countInFlight = countInFlight;
    }

    void reject(long now) {
        if (size == times.length) {
            long[] t = new long[times.length * 2];
            for (int i = 0; i < size; i++) {
                t[i] = times[(head + i) % times.length];
            }
            times = t;
            head = 0;
        }
        times[(head + size) % times.length] = now;
        size++;
    }

    void sent() {
        inFlight++;
    }

    void answered() {
        if (inFlight > 0) {
            inFlight--;
        }
    }

    /** The session logged on again: nothing is in flight any more, and the venue's window starts empty. */
    void reset() {
        inFlight = 0;
        size = 0;
        head = 0;
    }

    int rejectsLastSecond(long now) {
        while (size > 0 && times[head] <= now - SECOND) {
            head = (head + 1) % times.length;
            size--;
        }
        return size;
    }

    int inFlight() {
        return inFlight;
    }

    /** Whether a new order may go now. */
    boolean allowsNew(long now) {
        int r = rejectsLastSecond(now);
        return r < pauseAt && (!countInFlight || r + inFlight + 1 < venueMax);
    }

    /** How long until the oldest reject of the window ages out (0 when none). */
    long waitNanos(long now) {
        return rejectsLastSecond(now) == 0 ? 0 : times[head] + SECOND - now;
    }

    /** Updates the paused flag; returns true when it changed. */
    boolean update(long now) {
        int r = rejectsLastSecond(now);
        boolean p = r >= pauseAt;
        if (p != paused) {
            paused = p;
            return true;
        }
        return false;
    }

    boolean paused() {
        return paused;
    }

    @Override
    public String toString() {
        return "ErrorRateGuard" + Arrays.toString(new int[] {size, inFlight});
    }
}
