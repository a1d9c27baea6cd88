package io.fluxfix.orders;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Kraken's Derivatives FIX rate limit as the client models it: a Bucket4j token bucket per session (Kraken: "each
 * FIX session has its own token bucket", at the CompID level), with the venue's capacity, greedy refill and
 * per-message costs from config, on the sink's clock. A safety margin of tokens is never spent. Not
 * thread-safe: the sink calls it under its lock.
 */
public final class DerivativesRateBuckets {

    /** The sink's clock as Bucket4j's time source, set before each use, never moving back. */
    private static final class SinkTime implements TimeMeter {
        long now;

        @Override
        public long currentTimeNanos() {
            return now;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    private final OrderSinkConfig config;
    private final SinkTime time = new SinkTime();
    private final Map<String, Bucket> buckets = new HashMap<>();

    public DerivativesRateBuckets(OrderSinkConfig config) {
        this.config = config;
    }

    /** How long from {@code now} until {@code session} may spend {@code tokens} (0: now). */
    public long waitNanos(String session, int tokens, long now) {
        set(now);
        if (tokens == 0) {
            return 0;
        }
        EstimationProbe p = bucket(session).estimateAbilityToConsume(tokens + (long) config.bucketSafetyMargin());
        return p.canBeConsumed() ? 0 : p.getNanosToWaitForRefill();
    }

    /** Spends {@code tokens} of {@code session}'s bucket (the sink sent the message). */
    public void take(String session, int tokens, long now) {
        set(now);
        if (tokens > 0) {
            bucket(session).consumeIgnoringRateLimits(tokens);
        }
    }

    /** Tokens left in {@code session}'s bucket at {@code now}. */
    public long available(String session, long now) {
        set(now);
        Bucket b = buckets.get(session);
        return b == null ? config.bucketCapacity() : b.getAvailableTokens();
    }

    private void set(long now) {
        if (now > time.now) {
            time.now = now;
        }
    }

    private Bucket bucket(String session) {
        Bucket b = buckets.get(session);
        if (b == null) {
            int capacity = config.bucketCapacity();
            b = Bucket.builder()
                    .addLimit(limit -> limit.capacity(capacity)
                            .refillGreedy(config.bucketRefillPerSecond(), Duration.ofSeconds(1))
                            .initialTokens(capacity))
                    .withCustomTimePrecision(time)
                    .build();
            buckets.put(session, b);
        }
        return b;
    }
}
