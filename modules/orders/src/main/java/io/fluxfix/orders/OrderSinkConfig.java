package io.fluxfix.orders;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.config.ConfigException;
import io.fluxfix.model.config.ConfigKey;
import io.fluxfix.model.config.ConfigSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order sink's configuration, under {@code orders.}: Kraken's limits as the client models them (the same
 * numbers the local venue enforces, fix-dialect.md §6), what to do with a command a limit holds, the error-rate
 * guard, timeouts and recovery, the kill switch's state at start, and pre-trade risk per instrument
 * ({@link RiskLimits}).
 */
public record OrderSinkConfig(SpotTier tier, Decimal spotSafetyMargin, int addCost, int amendCost,
                              AgeCosts amendAgeCosts, AgeCosts cancelAgeCosts, RejectAt rejectAt, Decay decay,
                              MassCancelCost massCancelCost, int maxOpenOrdersPerPair,
                              int bucketCapacity, int bucketRefillPerSecond, int bucketSafetyMargin,
                              int costNewOrder, int costCancel, int costAmend, int costMassCancel, int costOrderStatus,
                              Policy policy, int queueMax, int venueErrorsPerSecond, Decimal guardPauseFraction,
                              boolean guardCountsInFlight,
                              Duration ackTimeout, boolean derivativesStatusRequests, boolean cancelOnDisconnect,
                              PreviousOrders previousOrders,
                              KillSwitch killSwitch, SpotClOrdIds spotClOrdIds, Duration pumpInterval,
                              RiskLimits defaultRisk, Map<String, RiskLimits> risk) {

    /** When the Spot counter refuses (the venue's {@code dialect.rate-limit.reject-at}). */
    public enum RejectAt { EXCEEDS, REACHED }

    /** How the Spot counter decays (the venue's {@code dialect.rate-limit.decay}). */
    public enum Decay { CONTINUOUS, PER_SECOND }

    /** What a mass cancel adds to the Spot counter (the venue's {@code dialect.rate-limit.mass-cancel-cost}). */
    public enum MassCancelCost { PER_PAIR, PER_ORDER }

    /** What happens to a new order or an amend that a limit holds. */
    public enum Policy {
        /** It waits in the queue (behind cancels and risk-reducing commands) until the limit allows it. */
        QUEUE,
        /** It is refused at once, with the time until it would be allowed. */
        REFUSE
    }

    /** What the sink does with orders still open from an earlier connection after a new logon. */
    public enum PreviousOrders {
        /** Cancel them with OrderMassCancelRequest 530=7 before any new order leaves. */
        MASS_CANCEL,
        /** Keep them; a 35=F or 35=G for one of them is refused locally (Kraken could not reach it). */
        KEEP
    }

    /** The format of the ClOrdIDs the sink issues on Spot ({@link OrderSink#nextClOrdId}); Derivatives is always COMB. */
    public enum SpotClOrdIds { NUMERIC, COMB }

    private static final String P = "orders.";

    public static final ConfigKey<SpotTier> TIER = ConfigKey.enumeration(P + "spot.tier", SpotTier.class, SpotTier.STARTER,
            "The account's Spot rate-limit tier (Kraken: from verification, not volume; the logon does not tell it).");
    public static final ConfigKey<Decimal> SPOT_SAFETY_MARGIN = ConfigKey.decimal(P + "spot.safety-margin", "5", "0",
            "Counter units kept free below the tier's threshold: the model sends only while counter + cost <= threshold - margin.");
    public static final ConfigKey<Integer> ADD_COST = ConfigKey.integer(P + "spot.add-cost", 1, 0, 1000,
            "What a NewOrderSingle adds to the counter (as venue.rate-limits.spot.add-cost).");
    public static final ConfigKey<Integer> AMEND_COST = ConfigKey.integer(P + "spot.amend-cost", 1, 0, 1000,
            "What an amend adds before its age cost.");
    public static final ConfigKey<String> AMEND_AGE_COSTS = ConfigKey.string(P + "spot.amend-age-costs",
            "5:3, 10:2, 15:1", "What an amend adds by the order's age: age-below-seconds:cost pairs.");
    public static final ConfigKey<String> CANCEL_AGE_COSTS = ConfigKey.string(P + "spot.cancel-age-costs",
            "5:8, 10:6, 15:5, 45:4, 90:2, 300:1", "What a cancel adds by the order's age.");
    public static final ConfigKey<RejectAt> REJECT_AT = ConfigKey.enumeration(P + "spot.reject-at", RejectAt.class,
            RejectAt.EXCEEDS, "Model the venue refusing when counter + cost exceeds (>) or reaches (>=) the threshold.");
    public static final ConfigKey<Decay> DECAY = ConfigKey.enumeration(P + "spot.decay", Decay.class, Decay.CONTINUOUS,
            "Model the counter decaying continuously (Kraken's SDK) or in whole-second steps.");
    public static final ConfigKey<MassCancelCost> MASS_CANCEL_COST = ConfigKey.enumeration(P + "spot.mass-cancel-cost",
            MassCancelCost.class, MassCancelCost.PER_PAIR,
            "Model 35=q adding +1 per pair with open orders, or each cancelled order's age cost.");
    public static final ConfigKey<Integer> MAX_OPEN_PER_PAIR = ConfigKey.integer(P + "spot.max-open-orders", 0, 0, 1_000_000,
            "Open orders per pair before new ones are held; 0 = the tier's cap (Starter 60, Intermediate 80, Pro 225).");
    public static final ConfigKey<Integer> BUCKET_CAPACITY = ConfigKey.integer(P + "derivatives.capacity", 500, 1, 1_000_000,
            "Tokens in each Derivatives session's bucket (as dialect.derivatives-bucket.capacity).");
    public static final ConfigKey<Integer> BUCKET_REFILL = ConfigKey.integer(P + "derivatives.refill-per-second", 50, 1,
            1_000_000, "Tokens added per second, continuously, up to the capacity.");
    public static final ConfigKey<Integer> BUCKET_MARGIN = ConfigKey.integer(P + "derivatives.safety-margin", 0, 0,
            1_000_000, "Tokens the sink leaves in the bucket.");
    public static final ConfigKey<Integer> COST_NEW = ConfigKey.integer(P + "derivatives.cost-new-order", 10, 0, 1_000_000,
            "Tokens a NewOrderSingle takes.");
    public static final ConfigKey<Integer> COST_CANCEL = ConfigKey.integer(P + "derivatives.cost-cancel", 10, 0, 1_000_000,
            "Tokens an OrderCancelRequest takes.");
    public static final ConfigKey<Integer> COST_AMEND = ConfigKey.integer(P + "derivatives.cost-amend", 10, 0, 1_000_000,
            "Tokens an OrderCancelReplaceRequest takes.");
    public static final ConfigKey<Integer> COST_MASS_CANCEL = ConfigKey.integer(P + "derivatives.cost-mass-cancel", 25, 0,
            1_000_000, "Tokens an OrderMassCancelRequest takes.");
    public static final ConfigKey<Integer> COST_STATUS = ConfigKey.integer(P + "derivatives.cost-order-status", 1, 0,
            1_000_000, "Tokens an OrderStatusRequest takes.");
    public static final ConfigKey<Policy> POLICY = ConfigKey.enumeration(P + "rate-limit.policy", Policy.class, Policy.QUEUE,
            "A new order or amend that a limit holds: waits in the queue, or is refused with the time until allowed. Cancels always wait.");
    public static final ConfigKey<Integer> QUEUE_MAX = ConfigKey.integer(P + "rate-limit.queue-max", 10_000, 1, 10_000_000,
            "Commands that may wait; a new order or amend beyond this is refused (QUEUE_FULL).");
    public static final ConfigKey<Integer> VENUE_ERRORS = ConfigKey.integer(P + "error-rate.venue-max-per-second", 10, 1,
            1_000_000, "The venue's error-rate disconnect threshold per session (as dialect.error-rate.max-per-second).");
    public static final ConfigKey<Decimal> GUARD_FRACTION = ConfigKey.decimal(P + "error-rate.pause-fraction", "0.5", "0",
            "New orders pause while the session's rejects in the last second reach this fraction of the venue's threshold.");
    public static final ConfigKey<Boolean> GUARD_IN_FLIGHT = ConfigKey.bool(P + "error-rate.count-in-flight", true,
            "Also hold new orders while rejects in the last second plus unanswered commands would reach the venue's threshold (each could still be refused).");
    public static final ConfigKey<Duration> ACK_TIMEOUT = ConfigKey.duration(P + "ack-timeout", Duration.ofSeconds(5),
            "A command unanswered this long stays pending and the order's status is asked (35=H, Spot), again each period.");
    public static final ConfigKey<Boolean> DERIVATIVES_STATUS = ConfigKey.bool(P + "derivatives.status-requests", false,
            "Ask about unanswered Derivatives orders with 35=H too (Kraken's pages disagree on whether it works there: as the venue's dialect.derivatives.order-status).");
    public static final ConfigKey<Boolean> CANCEL_ON_DISCONNECT = ConfigKey.bool(P + "cancel-on-disconnect", true,
            "The sessions log on with cancel-on-disconnect: a dropped session's open orders become cancel-pending.");
    public static final ConfigKey<PreviousOrders> PREVIOUS_ORDERS = ConfigKey.enumeration(P + "reconnect.previous-orders",
            PreviousOrders.class, PreviousOrders.MASS_CANCEL,
            "Orders still open from an earlier connection after a logon: cancel them with 35=q 530=7, or keep them.");
    public static final ConfigKey<KillSwitch> KILL_SWITCH = ConfigKey.enumeration(P + "kill-switch", KillSwitch.class,
            KillSwitch.ACTIVE, "The kill switch at start: active, reducing (cancels and position-reducing orders only) or halted.");
    public static final ConfigKey<SpotClOrdIds> SPOT_CLORDIDS = ConfigKey.enumeration(P + "spot.clordid", SpotClOrdIds.class,
            SpotClOrdIds.NUMERIC, "Format of the ClOrdIDs the sink issues on Spot: numeric (microseconds) or COMB UUID.");
    public static final ConfigKey<Duration> PUMP_INTERVAL = ConfigKey.duration(P + "pump-interval", Duration.ofMillis(10),
            "How often waiting commands, timeouts and the guard are looked at when nothing else happens; 0 = only when called.");

    public static final List<ConfigKey<?>> KEYS = List.of(TIER, SPOT_SAFETY_MARGIN, ADD_COST, AMEND_COST, AMEND_AGE_COSTS,
            CANCEL_AGE_COSTS, REJECT_AT, DECAY, MASS_CANCEL_COST, MAX_OPEN_PER_PAIR, BUCKET_CAPACITY, BUCKET_REFILL,
            BUCKET_MARGIN, COST_NEW, COST_CANCEL, COST_AMEND, COST_MASS_CANCEL, COST_STATUS, POLICY, QUEUE_MAX,
            VENUE_ERRORS, GUARD_FRACTION, GUARD_IN_FLIGHT, ACK_TIMEOUT, DERIVATIVES_STATUS, CANCEL_ON_DISCONNECT, PREVIOUS_ORDERS, KILL_SWITCH, SPOT_CLORDIDS,
            PUMP_INTERVAL);

    public static final OrderSinkConfig DEFAULTS = read(ConfigSource.empty("defaults"));

    public OrderSinkConfig {
        risk = Map.copyOf(risk);
    }

    /** The limits of {@code symbol}: its own block, else the defaults. */
    public RiskLimits risk(String symbol) {
        return risk.getOrDefault(symbol, defaultRisk);
    }

    /** The open-order cap per pair the sink keeps. */
    public int openOrderCap() {
        return maxOpenOrdersPerPair > 0 ? maxOpenOrdersPerPair : tier.maxOpenOrders();
    }

    /** Reads the {@code orders.*} keys of {@code src}; an unknown or bad key stops with one line naming it. */
    public static OrderSinkConfig read(ConfigSource src) {
        ConfigKey.rejectUnknown(src.filtered(k -> k.startsWith(P) && !k.startsWith(P + "risk.")), KEYS);
        RiskLimits defaults = RiskLimits.read(src.under(P + "risk.default"), RiskLimits.NONE);
        Map<String, RiskLimits> risk = new HashMap<>();
        for (String symbol : src.children(P + "risk.instruments")) {
            risk.put(symbol, RiskLimits.read(src.under(P + "risk.instruments." + symbol), defaults));
        }
        for (String k : src.keys()) {
            if (k.startsWith(P + "risk.") && !k.startsWith(P + "risk.default.") && !k.startsWith(P + "risk.instruments.")) {
                throw new ConfigException(src.origin(), src.fullKey(k), "unknown key (risk limits go under "
                        + P + "risk.default. or " + P + "risk.instruments.<symbol>.)");
            }
        }
        Decimal fraction = GUARD_FRACTION.read(src);
        if (fraction.compareTo(Decimal.ofLong(1)) > 0) {
            throw new ConfigException(src.origin(), src.fullKey(GUARD_FRACTION.name()), "expected at most 1, got " + fraction);
        }
        return new OrderSinkConfig(TIER.read(src), SPOT_SAFETY_MARGIN.read(src), ADD_COST.read(src), AMEND_COST.read(src),
                ageCosts(src, AMEND_AGE_COSTS), ageCosts(src, CANCEL_AGE_COSTS), REJECT_AT.read(src), DECAY.read(src),
                MASS_CANCEL_COST.read(src), MAX_OPEN_PER_PAIR.read(src), BUCKET_CAPACITY.read(src),
                BUCKET_REFILL.read(src), BUCKET_MARGIN.read(src), COST_NEW.read(src), COST_CANCEL.read(src),
                COST_AMEND.read(src), COST_MASS_CANCEL.read(src), COST_STATUS.read(src), POLICY.read(src),
                QUEUE_MAX.read(src), VENUE_ERRORS.read(src), fraction, GUARD_IN_FLIGHT.read(src), ACK_TIMEOUT.read(src),
                DERIVATIVES_STATUS.read(src), CANCEL_ON_DISCONNECT.read(src), PREVIOUS_ORDERS.read(src), KILL_SWITCH.read(src),
                SPOT_CLORDIDS.read(src), PUMP_INTERVAL.read(src), defaults, risk);
    }

    private static AgeCosts ageCosts(ConfigSource src, ConfigKey<String> key) {
        try {
            return AgeCosts.parse(key.read(src));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(src.origin(), src.fullKey(key.name()), e.getMessage());
        }
    }

    /** The number of rejects in a second at which new orders pause: the fraction of the venue's threshold, at least 1. */
    public int guardPauseAt() {
        long v = Decimal.ofLong(venueErrorsPerSecond).multiply(guardPauseFraction).toBigDecimal()
                .setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
        return (int) Math.max(1, Math.min(v, venueErrorsPerSecond));
    }
}
