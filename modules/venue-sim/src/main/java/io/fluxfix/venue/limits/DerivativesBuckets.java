package io.fluxfix.venue.limits;

import io.fluxfix.kraken.DialectOptions;
import io.fluxfix.model.command.AmendOrder;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.MassCancel;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.command.OrderCommand;
import io.fluxfix.model.command.OrderStatusRequest;
import io.github.bucket4j.Bucket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kraken's Derivatives FIX rate limit: a token bucket per trading CompID ("each FIX session has its own token
 * bucket", G-INTRO; "done at the CompID level", G-FRL). Capacity, refill and the cost of each message are not
 * documented; {@code dialect.derivatives-bucket.*} sets them, by default after the Futures REST budget (500
 * every 10 s, 10 per order message). The bucket belongs to the CompID, not to one connection: logging on again
 * does not refill it. A message that finds too few tokens takes none and is refused. Single-threaded: the
 * trading gateway calls it under the Derivatives market's lock, on the venue clock.
 */
public final class DerivativesBuckets {

    /** What {@code /state} shows of one bucket. */
    public record BucketState(String compId, long tokens, int capacity, long refused) {
    }

    private final DialectOptions dialect;
    private final VenueTime time = new VenueTime();
    private final Map<String, Bucket> buckets = new HashMap<>();
    private final Map<String, long[]> refused = new HashMap<>();

    public DerivativesBuckets(DialectOptions dialect) {
        this.dialect = dialect;
    }

    /** The tokens {@code cmd} takes. */
    public int cost(OrderCommand cmd) {
        if (cmd instanceof NewOrder) {
            return dialect.derivativesBucketCostNewOrder();
        }
        if (cmd instanceof CancelOrder) {
            return dialect.derivativesBucketCostCancel();
        }
        if (cmd instanceof AmendOrder) {
            return dialect.derivativesBucketCostAmend();
        }
        if (cmd instanceof MassCancel) {
            return dialect.derivativesBucketCostMassCancel();
        }
        if (cmd instanceof OrderStatusRequest) {
            return dialect.derivativesBucketCostOrderStatus();
        }
        return 0;
    }

    /** Takes {@code tokens} from {@code compId}'s bucket at {@code now}; false (nothing taken) when it has too few. */
    public boolean tryTake(String compId, int tokens, long now) {
        time.set(now);
        if (tokens == 0) {
            return true;
        }
        boolean taken = bucket(compId).tryConsume(tokens);
        if (!taken) {
            refused.computeIfAbsent(compId, k -> new long[1])[0]++;
        }
        return taken;
    }

    /** Every bucket that has been used, by CompID, as it stands at {@code now}. */
    public List<BucketState> state(long now) {
        time.set(now);
        List<BucketState> out = new ArrayList<>();
        new TreeMap<>(buckets).forEach((compId, b) -> out.add(new BucketState(compId, b.getAvailableTokens(),
                dialect.derivativesBucketCapacity(), refused.getOrDefault(compId, new long[1])[0])));
        return out;
    }

    private Bucket bucket(String compId) {
        Bucket b = buckets.get(compId);
        if (b == null) {
            int capacity = dialect.derivativesBucketCapacity();
            int refill = dialect.derivativesBucketRefillPerSecond();
            b = Bucket.builder()
                    .addLimit(limit -> limit.capacity(capacity)
                            .refillGreedy(refill == 0 ? 1 : refill, refill == 0 ? VenueTime.NEVER
                                    : Duration.ofSeconds(1))
                            .initialTokens(capacity))
                    .withCustomTimePrecision(time)
                    .build();
            buckets.put(compId, b);
        }
        return b;
    }
}
