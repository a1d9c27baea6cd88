package io.fluxfix.model.kraken;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;

/**
 * Kraken's logical trading day. Sessions roll over every day at 22:00 UTC and sequence numbers restart;
 * the trading day is numbered by the UTC date on which it ends, so the day that runs from
 * 2026-04-06 22:00 UTC to 2026-04-07 22:00 UTC is 2026-04-07 (as days since the Unix epoch).
 */
public final class TradingDay {

    /** Kraken's documented rollover time. */
    public static final LocalTime KRAKEN_ROLLOVER_UTC = LocalTime.of(22, 0);

    public static final TradingDay KRAKEN = new TradingDay(KRAKEN_ROLLOVER_UTC);

    private static final long NANOS_PER_DAY = 86_400L * 1_000_000_000L;

    private final LocalTime rollover;
    private final long shiftNanos;

    public TradingDay(LocalTime rolloverUtc) {
        this.rollover = Objects.requireNonNull(rolloverUtc, "rolloverUtc");
        this.shiftNanos = NANOS_PER_DAY - rolloverUtc.toNanoOfDay();
    }

    public LocalTime rollover() {
        return rollover;
    }

    /** The trading day containing {@code epochNanos}, as days since the epoch. */
    public int dayOf(long epochNanos) {
        if (rollover.toNanoOfDay() == 0) {
            return Math.toIntExact(Math.floorDiv(epochNanos, NANOS_PER_DAY));
        }
        return Math.toIntExact(Math.floorDiv(epochNanos + shiftNanos, NANOS_PER_DAY));
    }

    /** The first rollover strictly after {@code epochNanos}, in epoch nanos. */
    public long nextRollover(long epochNanos) {
        long dayStart = Math.floorDiv(epochNanos, NANOS_PER_DAY) * NANOS_PER_DAY;
        long candidate = dayStart + rollover.toNanoOfDay();
        return candidate > epochNanos ? candidate : candidate + NANOS_PER_DAY;
    }

    public static LocalDate toDate(int day) {
        return LocalDate.ofEpochDay(day);
    }
}
