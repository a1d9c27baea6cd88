package io.fluxfix.venue;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.config.ConfigException;
import io.fluxfix.model.config.ConfigKey;
import io.fluxfix.model.config.ConfigSource;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Kraken's Spot trading rate limits as the venue enforces them ({@code ../shared/kraken/fix-dialect.md} §6.1,
 * Kraken's "Trading rate limits" page): per tier a counter threshold, a decay per second and a cap on open
 * orders per pair; what each transaction adds (an add, an amend and a cancel, the last two by the order's age);
 * and the pooled limit of a master account's domain. The Derivatives bucket's parameters are
 * {@code dialect.derivatives-bucket.*} (Kraken does not document them), the error-rate safeguard's
 * {@code dialect.error-rate.*}.
 *
 * @param tiers            the three tiers' numbers
 * @param amendAgeCosts    what an amend adds on top of {@code amendCost}, by the order's age
 * @param cancelAgeCosts   what a cancel adds, by the order's age (a cancel has no fixed cost)
 * @param domainMultiplier a domain's pooled counter has this many times its tier's threshold and decay
 */
public record RateLimitConfig(boolean spotEnabled, Map<RateTier, Tier> tiers, int addCost, int amendCost,
                              AgeCosts amendAgeCosts, AgeCosts cancelAgeCosts, int domainMultiplier,
                              boolean derivativesEnabled) {

    /** One tier: the counter decays by {@code decayPerSecond}, refuses above {@code threshold}. */
    public record Tier(Decimal decayPerSecond, int threshold, int maxOpenOrders) {
    }

    /**
     * Costs by an order's age (since it was placed or last amended): the first bracket whose bound the age is
     * strictly below applies — an order exactly 5 s old is in the "&lt; 10 s" bracket — and an older order costs 0.
     */
    public record AgeCosts(List<Bracket> brackets) {

        public record Bracket(int belowSeconds, int cost) {
        }

        public AgeCosts {
            brackets = List.copyOf(brackets);
        }

        public int cost(long ageNanos) {
            for (Bracket b : brackets) {
                if (ageNanos < b.belowSeconds() * 1_000_000_000L) {
                    return b.cost();
                }
            }
            return 0;
        }

        /** {@code "5:3, 10:2, 15:1"}: age-below-seconds:cost pairs, bounds ascending. */
        static AgeCosts parse(String text) {
            List<Bracket> out = new ArrayList<>();
            int last = 0;
            for (String pair : text.split(",")) {
                String[] p = pair.trim().split(":");
                final int below;
                final int cost;
                try {
                    if (p.length != 2) {
                        throw new NumberFormatException();
                    }
                    below = Integer.parseInt(p[0].trim());
                    cost = Integer.parseInt(p[1].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected age-below-seconds:cost pairs such as '5:3, 10:2', got '"
                            + pair.trim() + "'");
                }
                if (below <= last || cost < 0) {
                    throw new IllegalArgumentException("'" + pair.trim()
                            + "': bounds must be positive and ascending, costs at least 0");
                }
                last = below;
                out.add(new Bracket(below, cost));
            }
            return new AgeCosts(out);
        }
    }

    private static final String SPOT = "venue.rate-limits.spot.";

    public static final ConfigKey<Boolean> SPOT_ENABLED = ConfigKey.bool(SPOT + "enabled", true,
            "Enforce Kraken's Spot trading rate limits: a counter per account and pair, the open-order cap per pair.");
    public static final ConfigKey<Decimal> STARTER_DECAY = decay(RateTier.STARTER, "1");
    public static final ConfigKey<Integer> STARTER_THRESHOLD = threshold(RateTier.STARTER, 60);
    public static final ConfigKey<Integer> STARTER_MAX_OPEN = maxOpen(RateTier.STARTER, 60);
    public static final ConfigKey<Decimal> INTERMEDIATE_DECAY = decay(RateTier.INTERMEDIATE, "2.34");
    public static final ConfigKey<Integer> INTERMEDIATE_THRESHOLD = threshold(RateTier.INTERMEDIATE, 125);
    public static final ConfigKey<Integer> INTERMEDIATE_MAX_OPEN = maxOpen(RateTier.INTERMEDIATE, 80);
    public static final ConfigKey<Decimal> PRO_DECAY = decay(RateTier.PRO, "3.75");
    public static final ConfigKey<Integer> PRO_THRESHOLD = threshold(RateTier.PRO, 180);
    public static final ConfigKey<Integer> PRO_MAX_OPEN = maxOpen(RateTier.PRO, 225);
    public static final ConfigKey<Integer> ADD_COST = ConfigKey.integer(SPOT + "add-cost", 1, 0, 1000,
            "What a NewOrderSingle adds to the counter.");
    public static final ConfigKey<Integer> AMEND_COST = ConfigKey.integer(SPOT + "amend-cost", 1, 0, 1000,
            "What an amend (35=G) adds to the counter before its age cost.");
    public static final ConfigKey<String> AMEND_AGE_COSTS = ConfigKey.string(SPOT + "amend-age-costs", "5:3, 10:2, 15:1",
            "What an amend adds by the order's age: age-below-seconds:cost pairs, the first that applies counts.");
    public static final ConfigKey<String> CANCEL_AGE_COSTS = ConfigKey.string(SPOT + "cancel-age-costs",
            "5:8, 10:6, 15:5, 45:4, 90:2, 300:1",
            "What a cancel adds by the order's age (nothing for an order already filled or gone).");
    public static final ConfigKey<Integer> DOMAIN_MULTIPLIER = ConfigKey.integer(SPOT + "domain-multiplier", 5, 1, 1000,
            "Accounts of one domain (accounts.<name>.domain) also share a counter per pair with this many times their tier's threshold and decay.");
    public static final ConfigKey<Boolean> DERIVATIVES_ENABLED = ConfigKey.bool("venue.rate-limits.derivatives.enabled",
            true, "Enforce the token bucket of each Derivatives trading CompID (dialect.derivatives-bucket.*).");

    public static final List<ConfigKey<?>> KEYS = List.of(SPOT_ENABLED, STARTER_DECAY, STARTER_THRESHOLD,
            STARTER_MAX_OPEN, INTERMEDIATE_DECAY, INTERMEDIATE_THRESHOLD, INTERMEDIATE_MAX_OPEN, PRO_DECAY,
            PRO_THRESHOLD, PRO_MAX_OPEN, ADD_COST, AMEND_COST, AMEND_AGE_COSTS, CANCEL_AGE_COSTS, DOMAIN_MULTIPLIER,
            DERIVATIVES_ENABLED);

    /** Kraken's numbers. */
    public static final RateLimitConfig DEFAULTS = read(ConfigSource.empty("defaults"));

    public RateLimitConfig {
        tiers = Map.copyOf(tiers);
    }

    public Tier tier(RateTier t) {
        return tiers.get(t);
    }

    static RateLimitConfig read(ConfigSource src) {
        Map<RateTier, Tier> tiers = new EnumMap<>(RateTier.class);
        tiers.put(RateTier.STARTER, tier(src, STARTER_DECAY, STARTER_THRESHOLD, STARTER_MAX_OPEN));
        tiers.put(RateTier.INTERMEDIATE, tier(src, INTERMEDIATE_DECAY, INTERMEDIATE_THRESHOLD, INTERMEDIATE_MAX_OPEN));
        tiers.put(RateTier.PRO, tier(src, PRO_DECAY, PRO_THRESHOLD, PRO_MAX_OPEN));
        return new RateLimitConfig(SPOT_ENABLED.read(src), tiers, ADD_COST.read(src), AMEND_COST.read(src),
                ageCosts(src, AMEND_AGE_COSTS), ageCosts(src, CANCEL_AGE_COSTS), DOMAIN_MULTIPLIER.read(src),
                DERIVATIVES_ENABLED.read(src));
    }

    private static Tier tier(ConfigSource src, ConfigKey<Decimal> decay, ConfigKey<Integer> threshold,
                             ConfigKey<Integer> maxOpen) {
        Decimal d = decay.read(src);
        if (d.scale() > MICROS_SCALE) {
            throw new ConfigException(src.origin(), src.fullKey(decay.name()),
                    "at most " + MICROS_SCALE + " decimals, got " + d);
        }
        return new Tier(d, threshold.read(src), maxOpen.read(src));
    }

    /** Counters are kept in millionths of a unit: decays and thresholds must be exact at that scale. */
    public static final int MICROS_SCALE = 6;

    private static AgeCosts ageCosts(ConfigSource src, ConfigKey<String> key) {
        try {
            return AgeCosts.parse(key.read(src));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(src.origin(), src.fullKey(key.name()), e.getMessage());
        }
    }

    private static String tierName(RateTier t) {
        return t.name().toLowerCase(Locale.ROOT);
    }

    private static ConfigKey<Decimal> decay(RateTier t, String value) {
        return ConfigKey.decimal(SPOT + tierName(t) + ".decay", value, "0",
                "What the counter of a " + tierName(t) + "-tier account loses per second.");
    }

    private static ConfigKey<Integer> threshold(RateTier t, int value) {
        return ConfigKey.integer(SPOT + tierName(t) + ".threshold", value, 1, 1_000_000,
                "The counter's maximum for the " + tierName(t) + " tier: a transaction that would pass it (or reach it: dialect.rate-limit.reject-at) is refused.");
    }

    private static ConfigKey<Integer> maxOpen(RateTier t, int value) {
        return ConfigKey.integer(SPOT + tierName(t) + ".max-open-orders", value, 1, 1_000_000,
                "Open orders an account of the " + tierName(t) + " tier may have per pair.");
    }
}
