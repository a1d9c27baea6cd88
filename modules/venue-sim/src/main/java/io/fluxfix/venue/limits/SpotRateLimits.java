package io.fluxfix.venue.limits;

import io.fluxfix.kraken.DialectOptions;
import io.fluxfix.model.Decimal;
import io.fluxfix.venue.AccountConfig;
import io.fluxfix.venue.RateLimitConfig;
import io.fluxfix.venue.RateTier;
import io.fluxfix.venue.engine.EngineError;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kraken's Spot trading rate counters (§6.1 of the dialect notes): one per account and pair, shared by every
 * session of the account; what a transaction adds is charged when it arrives, a counter decays every second,
 * and a transaction that would take it past its tier's threshold is refused with {@code EOrder:Rate limit
 * exceeded}. Accounts of one domain (a master and its sub-accounts) also share a pooled counter per pair.
 *
 * <p>A counter is kept exactly, in millionths of a unit: {@code max(0, value − decay × elapsed)} as Kraken's SDK
 * models it ({@code dialect.rate-limit.decay = continuous}), or the decay in whole steps at each second of the
 * venue clock ({@code per-second}). It may pass its threshold when a refused transaction's fixed cost is still
 * charged. (It is a leaky counter, not a token bucket: Bucket4j, which the Derivatives bucket uses, cannot hold
 * a decay of 0 or a debt that takes longer than its horizon to repay, so this is plain long arithmetic, checked
 * against Kraken's worked examples.) Single-threaded: the trading gateway calls it under the Spot market's lock,
 * on the venue clock.
 */
public final class SpotRateLimits {

    private static final long MICROS = 1_000_000L;
    private static final long NANOS = 1_000_000_000L;

    /** One counter, with what it has charged and refused (for {@code /state} and the metrics). */
    private final class Counter {
        final long thresholdMicros;
        final long decayMicros;
        final Decimal decay;
        long valueMicros;
        long lastNanos;
        long chargedMicros;
        long refused;

        Counter(long thresholdMicros, long decayMicros, Decimal decay, long now) {
            this.thresholdMicros = thresholdMicros;
            this.decayMicros = decayMicros;
            this.decay = decay;
            this.lastNanos = now;
        }

        /** The value at {@code now} (never moving back in time). */
        long valueAt(long now) {
            if (now > lastNanos) {
                long elapsed = now - lastNanos;
                // whole seconds of decay (continuous: elapsed whole seconds, then the rest floored at a millionth;
                // per-second: the second boundaries of the venue clock passed)
                long seconds = continuous ? elapsed / NANOS : Math.floorDiv(now, NANOS) - Math.floorDiv(lastNanos, NANOS);
                long drop;
                if (decayMicros == 0) {
                    drop = 0;
                } else if (seconds > valueMicros / decayMicros) {
                    drop = valueMicros; // empty (and decay × seconds need not be computed: it may not fit)
                } else {
                    long rest = continuous ? elapsed % NANOS : 0;
                    drop = decayMicros * seconds + decayMicros / NANOS * rest + decayMicros % NANOS * rest / NANOS;
                }
                valueMicros = Math.max(0, valueMicros - drop);
                lastNanos = now;
            }
            return valueMicros;
        }

        boolean allows(int cost, long now) {
            long after = valueAt(now) + cost * MICROS;
            return refuseAtReach ? after < thresholdMicros : after <= thresholdMicros;
        }

        void add(int cost, long now) {
            valueAt(now);
            valueMicros += cost * MICROS;
            chargedMicros += cost * MICROS;
        }
    }

    /** What {@code /state} shows of one counter: its value now, all it has charged today, what it refused. */
    public record CounterState(String owner, String symbol, Decimal value, int threshold, Decimal decayPerSecond,
                               Decimal charged, long refused) {
    }

    private final RateLimitConfig config;
    private final boolean refuseAtReach;
    private final boolean chargeRefused;
    private final boolean continuous;
    /** Account (or "domain:" + name) → pair → counter. */
    private final Map<String, Map<String, Counter>> counters = new HashMap<>();

    public SpotRateLimits(RateLimitConfig config, DialectOptions dialect) {
        this.config = config;
        this.refuseAtReach = dialect.rateLimitRejectAt() == DialectOptions.RejectAt.REACHED;
        this.chargeRefused = dialect.rateLimitChargeRejected();
        this.continuous = dialect.rateLimitDecay() == DialectOptions.Decay.CONTINUOUS;
    }

    public boolean enabled() {
        return config.spotEnabled();
    }

    /** What a NewOrderSingle adds. */
    public int addCost() {
        return config.addCost();
    }

    /** What an amend of an order placed or last amended at {@code since} adds ({@code since} −1: no open order). */
    public int amendCost(long since, long now) {
        return config.amendCost() + (since < 0 ? 0 : config.amendAgeCosts().cost(now - since));
    }

    /** What a cancel adds; nothing when no open order is cancelled (unknown, or ended by a fill). */
    public int cancelCost(long since, long now) {
        return since < 0 ? 0 : config.cancelAgeCosts().cost(now - since);
    }

    /** The open orders an account may have per pair. */
    public int maxOpenOrders(AccountConfig account) {
        return config.tier(account.tier()).maxOpenOrders();
    }

    /**
     * A transaction of {@code account} on {@code symbol} that adds {@code cost} ({@code fixedCost} of it whatever
     * happens) arrives at {@code now}: charged and allowed (null), or refused — {@link EngineError#RATE_LIMIT} by
     * the account's counter, {@link EngineError#DOMAIN_RATE_LIMIT} by its domain's — with the fixed cost still
     * charged when {@code dialect.rate-limit.charge-rejected} says so.
     */
    public EngineError charge(AccountConfig account, String symbol, int cost, int fixedCost, long now) {
        Counter own = counter(account.name(), account.tier(), 1, symbol, now);
        Counter domain = account.domain().isEmpty() ? null
                : counter("domain:" + account.domain(), account.tier(), config.domainMultiplier(), symbol, now);
        EngineError refusal = !own.allows(cost, now) ? EngineError.RATE_LIMIT
                : domain != null && !domain.allows(cost, now) ? EngineError.DOMAIN_RATE_LIMIT : null;
        int charged = refusal == null ? cost : chargeRefused ? fixedCost : 0;
        own.add(charged, now);
        if (domain != null) {
            domain.add(charged, now);
        }
        if (refusal != null) {
            (refusal == EngineError.RATE_LIMIT ? own : domain).refused++;
        }
        return refusal;
    }

    /** Charges {@code cost} without refusing (a mass cancel: never refused, so that a client can always get out). */
    public void chargeAnyway(AccountConfig account, String symbol, int cost, long now) {
        counter(account.name(), account.tier(), 1, symbol, now).add(cost, now);
        if (!account.domain().isEmpty()) {
            counter("domain:" + account.domain(), account.tier(), config.domainMultiplier(), symbol, now).add(cost, now);
        }
    }

    /** The account's counter on {@code symbol} now (0 before its first transaction). */
    public Decimal value(String account, String symbol, long now) {
        Counter c = counters.getOrDefault(account, Map.of()).get(symbol);
        return c == null ? Decimal.ZERO : micros(c.valueAt(now));
    }

    /** Every counter, by owner and pair, as it stands at {@code now}. */
    public List<CounterState> state(long now) {
        List<CounterState> out = new ArrayList<>();
        new TreeMap<>(counters).forEach((owner, bySymbol) -> new TreeMap<>(bySymbol).forEach((symbol, c) ->
                out.add(new CounterState(owner, symbol, micros(c.valueAt(now)),
                        (int) (c.thresholdMicros / MICROS), c.decay, micros(c.chargedMicros), c.refused))));
        return out;
    }

    private Counter counter(String owner, RateTier tier, int multiplier, String symbol, long now) {
        Map<String, Counter> bySymbol = counters.computeIfAbsent(owner, k -> new HashMap<>());
        Counter c = bySymbol.get(symbol);
        if (c == null) {
            RateLimitConfig.Tier t = config.tier(tier);
            c = new Counter(t.threshold() * MICROS * multiplier,
                    t.decayPerSecond().unscaledAt(RateLimitConfig.MICROS_SCALE) * multiplier,
                    t.decayPerSecond().multiply(Decimal.of(multiplier, 0)), now);
            bySymbol.put(symbol, c);
        }
        return c;
    }

    private static Decimal micros(long micros) {
        return Decimal.of(micros, RateLimitConfig.MICROS_SCALE).stripTrailingZeros();
    }
}
