package io.fluxfix.model.kraken;

import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/** Issues new ClOrdIDs; every id it returns is one it never returned before. Thread-safe. */
public interface ClOrdIdGenerator {

    String next();

    /**
     * Spot numeric ids: the current time in microseconds, or one more than the previous id when the clock
     * has not moved on. Because they start from the wall clock, ids keep increasing across restarts as
     * long as the process issued fewer than a million per second on average before it stopped.
     */
    static ClOrdIdGenerator numeric(InstantSource clock) {
        Objects.requireNonNull(clock, "clock");
        AtomicLong last = new AtomicLong();
        return () -> {
            long now = micros(clock);
            return Long.toString(last.updateAndGet(prev -> Math.max(prev + 1, now)));
        };
    }

    /**
     * COMB UUIDs (required on Derivatives): 48 bits of time in 10-µs units, then version 4, then random bits
     * with the RFC 4122 variant. The time part never goes backwards, so ids sort by creation.
     */
    static ClOrdIdGenerator combUuid(InstantSource clock, RandomGenerator random) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        AtomicLong lastTick = new AtomicLong();
        return () -> {
            long now = micros(clock) / 10;
            long tick = lastTick.updateAndGet(prev -> Math.max(prev, now));
            long rnd;
            long low;
            synchronized (random) {
                rnd = random.nextLong();
                low = random.nextLong();
            }
            long high = (tick & 0xFFFF_FFFF_FFFFL) << 16 | 0x4000L | (rnd & 0x0FFFL);
            low = (low & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
            return uuidText(high, low);
        };
    }

    private static long micros(InstantSource clock) {
        var i = clock.instant();
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
    }

    private static String uuidText(long high, long low) {
        char[] c = new char[36];
        int p = 0;
        for (int i = 0; i < 32; i++) {
            if (i == 8 || i == 12 || i == 16 || i == 20) {
                c[p++] = '-';
            }
            long word = i < 16 ? high : low;
            int shift = (15 - (i % 16)) * 4;
            c[p++] = Character.forDigit((int) (word >>> shift) & 0xF, 16);
        }
        return new String(c);
    }
}
