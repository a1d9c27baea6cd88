package io.fluxfix.orders;

import io.fluxfix.model.Decimal;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client's model of Kraken's Spot trading rate counters (fix-dialect.md §6.1): one per pair for the whole
 * account, shared by every session of the account in this process. Each transaction adds its cost when it is
 * sent; a counter decays by the tier's rate per second (continuously, as Kraken's SDK models it, or in
 * whole-second steps); a transaction may go only while {@code counter + cost <= threshold − margin}
 * ({@code <} when the venue refuses at "reached"). Kept exactly, in millionths of a unit, in plain long
 * arithmetic. Not thread-safe: the sink calls it under its lock, on its clock.
 */
public final class SpotRateCounters {

    static final long MICROS = 1_000_000L;
    private static final long NANOS = 1_000_000_000L;

    /** One pair's counter. */
    static final class Counter {
        long valueMicros;
        long lastNanos;
        long chargedMicros;

        Counter(long now) {
            lastNanos = now;
        }
    }

    private final long thresholdMicros;
    private final long limitMicros;
    private final long decayMicros;
    private final boolean continuous;
    private final boolean refuseAtReach;
    private final Map<String, Counter> counters = new HashMap<>();

    /**
     * @param threshold      the tier's threshold
     * @param decayPerSecond what a counter loses per second (at most 6 decimals)
     * @param safetyMargin   units kept free below the threshold
     */
    public SpotRateCounters(int threshold, Decimal decayPerSecond, Decimal safetyMargin, OrderSinkConfig.Decay decay,
                            OrderSinkConfig.RejectAt rejectAt) {
        this.thresholdMicros = threshold * MICROS;
        this.limitMicros = thresholdMicros - safetyMargin.roundHalfUp(6).unscaledAt(6);
        this.decayMicros = decayPerSecond.unscaledAt(6);
        this.continuous = decay == OrderSinkConfig.Decay.CONTINUOUS;
        this.refuseAtReach = rejectAt == OrderSinkConfig.RejectAt.REACHED;
    }

    static SpotRateCounters of(OrderSinkConfig c) {
        return new SpotRateCounters(c.tier().threshold(), c.tier().decayPerSecond(), c.spotSafetyMargin(), c.decay(),
                c.rejectAt());
    }

    /**
     * How long, in nanoseconds from {@code now}, until {@code cost} may be added to {@code symbol}'s counter
     * within the margin: 0 when it may now; {@link Long#MAX_VALUE} when it never may (a cost above the limit).
     */
    public long waitNanos(String symbol, int cost, long now) {
        return waitNanos(counter(symbol, now), cost, now);
    }

    /** {@link #waitNanos(String, int, long)} of a pair's counter ({@link #counter}) the caller holds. */
    long waitNanos(Counter c, int cost, long now) {
        long after = value(c, now) + cost * MICROS;
        long excess = refuseAtReach ? after - limitMicros + 1 : after - limitMicros;
        if (excess <= 0) {
            return 0;
        }
        if (decayMicros == 0 || cost * MICROS > limitMicros) {
            return Long.MAX_VALUE;
        }
        // continuous: the nanoseconds whose decay covers the excess, rounded up; per-second: up to the whole
        // second boundaries of the clock that take off enough
        long nanos = (excess * NANOS + decayMicros - 1) / decayMicros;
        if (!continuous) {
            long steps = (excess + decayMicros - 1) / decayMicros;
            long nextSecond = (Math.floorDiv(now, NANOS) + steps) * NANOS;
            nanos = nextSecond - now;
        }
        return nanos;
    }

    /** Whether {@code cost} may be added now. */
    public boolean allows(String symbol, int cost, long now) {
        return waitNanos(symbol, cost, now) == 0;
    }

    /** Adds {@code cost} to {@code symbol}'s counter at {@code now} (the sink sent the transaction). */
    public void charge(String symbol, int cost, long now) {
        charge(counter(symbol, now), cost, now);
    }

    /** {@link #charge(String, int, long)} of a pair's counter ({@link #counter}) the caller holds. */
    void charge(Counter c, int cost, long now) {
        if (now > c.lastNanos) {
            c.valueMicros = value(c, now);
            c.lastNanos = now;
        }
        c.valueMicros += cost * MICROS;
        c.chargedMicros += cost * MICROS;
    }

    /** {@code symbol}'s counter at {@code now}, in counter units (0 before its first transaction). */
    public Decimal value(String symbol, long now) {
        Counter c = counters.get(symbol);
        return c == null ? Decimal.ZERO : Decimal.of(value(c, now), 6).stripTrailingZeros();
    }

    /** The same in millionths of a unit (0 before its first transaction), for a gauge. */
    long valueMicros(String symbol, long now) {
        Counter c = counters.get(symbol);
        return c == null ? 0 : value(c, now);
    }

    /** Every pair's counter at {@code now}. */
    public Map<String, Decimal> values(long now) {
        Map<String, Decimal> out = new TreeMap<>();
        counters.keySet().forEach(s -> out.put(s, value(s, now)));
        return out;
    }

    public int threshold() {
        return (int) (thresholdMicros / MICROS);
    }

    /** {@code symbol}'s counter, made (empty, at {@code now}) on first use; a pair's counter is never replaced. */
    Counter counter(String symbol, long now) {
        Counter c = counters.get(symbol);
        if (c == null) {
            c = new Counter(now);
            counters.put(symbol, c);
        }
        return c;
    }

    /**
     * The counter at {@code now}, decayed from its last charge. Reading does not move it: the decay is always
     * reckoned from the charge times, as the venue does, so frequent reads do not round it away from the venue's.
     */
    long value(Counter c, long now) {
        long v = c.valueMicros;
        if (now > c.lastNanos) {
            long elapsed = now - c.lastNanos;
            long seconds = continuous ? elapsed / NANOS : Math.floorDiv(now, NANOS) - Math.floorDiv(c.lastNanos, NANOS);
            long drop;
            if (decayMicros == 0) {
                drop = 0;
            } else if (seconds > v / decayMicros) {
                drop = v;
            } else {
                long rest = continuous ? elapsed % NANOS : 0;
                drop = decayMicros * seconds + decayMicros / NANOS * rest + decayMicros % NANOS * rest / NANOS;
            }
            v = Math.max(0, v - drop);
        }
        return v;
    }
}
