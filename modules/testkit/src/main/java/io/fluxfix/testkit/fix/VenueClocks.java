package io.fluxfix.testkit.fix;

import java.time.Instant;
import java.time.LocalTime;

/**
 * Keeps tests away from Kraken's daily 22:00 UTC rollover, which logs every session out for half a minute: where a
 * test's hand-moved venue clock starts, and which rollover time a venue and client on the machine's clock use.
 */
public final class VenueClocks {

    private static final long DAY = 86_400;
    private static final long ROLLOVER = 22 * 3600;
    private static final long AWAY = 2 * 3600;
    /** Kraken's daily rollover time (UTC). */
    public static final LocalTime KRAKEN_ROLLOVER = LocalTime.of(22, 0);
    /** The rollover time used instead within {@link #AWAY} of Kraken's: twelve hours from it. */
    static final LocalTime FAR_FROM_KRAKENS = LocalTime.of(10, 0);

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

    /**
     * The daily rollover time for a venue and a client that run on the machine's clock: Kraken's 22:00 UTC, unless
     * {@code now} is within two hours before it or after it; then 10:00. A test that runs for minutes on the real
     * clock then never sees a rollover (a runner test at 21:59 UTC would see its sessions logged out for half a
     * minute), and two processes that choose independently, seconds apart, get times that are both at least two
     * hours away even when they straddle a boundary. Set it on both sides (the venue's {@code venue.rollover-time},
     * the session's {@code rollover-time}).
     */
    public static LocalTime rolloverAwayFrom(Instant now) {
        long second = Math.floorMod(now.getEpochSecond(), DAY);
        long fromKrakens = Math.abs(second - ROLLOVER);
        return Math.min(fromKrakens, DAY - fromKrakens) < AWAY ? FAR_FROM_KRAKENS : KRAKEN_ROLLOVER;
    }
}
