package io.fluxfix.testkit.fix;

import java.time.Instant;

/** Where a test's hand-moved venue clock starts. */
public final class VenueClocks {

    private static final long DAY = 86_400;
    private static final long ROLLOVER = 22 * 3600;

    private VenueClocks() {
    }

    /**
     * {@code t}, unless it is in the ten minutes before Kraken's 22:00 UTC rollover or in its window (to 22:01): then
     * 22:01 of that day. Tests move a venue's clock by seconds (31 s past a rollover they ask for, a minute for an
     * order's expiry), and started just before 22:00 they crossed the daily rollover now and then (a logon refused
     * "rollover in progress": a CI run at 21:59 UTC failed so). Tests about the daily rollover move the clock there
     * themselves.
     */
    public static Instant awayFromTheDailyRollover(Instant t) {
        long second = Math.floorMod(t.getEpochSecond(), DAY);
        if (second >= ROLLOVER - 600 && second < ROLLOVER + 60) {
            return Instant.ofEpochSecond(t.getEpochSecond() - second + ROLLOVER + 60);
        }
        return t;
    }
}
