package io.fluxfix.venue;

import io.fluxfix.kraken.ApiSecret;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.SelfTradePrevention;
import io.fluxfix.model.config.ConfigException;
import io.fluxfix.model.config.ConfigKey;
import io.fluxfix.model.config.ConfigSource;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One venue account: its CompIDs on the two engines, its FIX API key and secret, its rate tier and what it
 * holds. The local venue's demo accounts are public test values; a real secret never goes into a file in
 * the repository.
 *
 * @param balances     Spot balances by asset
 * @param collateral   Derivatives collateral in the settlement asset
 * @param derivativesStp Derivatives self-trade prevention, set per account (Kraken: by REST)
 * @param domain       the master/sub-account domain whose pooled Spot rate counter it shares; empty = none
 * @param otherSpotCompIds further SenderCompIDs of the account's Spot sessions (one account, several sessions)
 */
public record AccountConfig(String name, String spotCompId, String derivativesCompId, String apiKey, ApiSecret apiSecret,
                            RateTier tier, Map<String, Decimal> balances, Decimal collateral,
                            SelfTradePrevention derivativesStp, String domain, List<String> otherSpotCompIds) {

    public static final ConfigKey<String> SPOT_COMP_ID = ConfigKey.string("spot-comp-id", null,
            "SenderCompID of the account's Spot sessions.");
    public static final ConfigKey<String> DERIVATIVES_COMP_ID = ConfigKey.string("derivatives-comp-id", "",
            "SenderCompID of the account's Derivatives sessions (Kraken gives these a DRV suffix); empty = none.");
    public static final ConfigKey<String> API_KEY = ConfigKey.string("api-key", null, "FIX API key (553).");
    public static final ConfigKey<String> API_SECRET = ConfigKey.string("api-secret", null,
            "FIX API secret, base64, as Kraken issues it; only public test values belong in committed files.");
    public static final ConfigKey<RateTier> TIER = ConfigKey.enumeration("tier", RateTier.class, RateTier.STARTER,
            "Spot rate-limit tier.");
    public static final ConfigKey<Decimal> COLLATERAL = ConfigKey.decimal("collateral", "0", "0",
            "Derivatives collateral, in the settlement asset (USD).");
    public static final ConfigKey<SelfTradePrevention> DERIVATIVES_STP = ConfigKey.enumeration("derivatives-stp",
            SelfTradePrevention.class, SelfTradePrevention.CANCEL_NEWEST,
            "Self-trade prevention of the account's Derivatives orders.");
    public static final ConfigKey<String> OTHER_SPOT_COMP_IDS = ConfigKey.string("other-spot-comp-ids", "",
            "Further SenderCompIDs for Spot sessions of this account, comma-separated: one account may run several sessions, which share its balances and rate counters.");
    public static final ConfigKey<String> DOMAIN = ConfigKey.string("domain", "",
            "Master/sub-account domain: accounts naming the same one (all of one tier) also share a pooled Spot rate counter per pair; empty = none.");

    /** Spot balances go under {@code balances.<ASSET>}, e.g. {@code balances.USD: 1000000}. */
    public static final String BALANCES = "balances";

    public static final List<ConfigKey<?>> KEYS = List.of(SPOT_COMP_ID, DERIVATIVES_COMP_ID, API_KEY, API_SECRET, TIER,
            COLLATERAL, DERIVATIVES_STP, DOMAIN, OTHER_SPOT_COMP_IDS);

    public AccountConfig {
        Objects.requireNonNull(name, "name");
        balances = Map.copyOf(balances);
        otherSpotCompIds = List.copyOf(otherSpotCompIds);
    }

    /** Every SenderCompID of the account's Spot sessions: {@code spot-comp-id} first. */
    public List<String> spotCompIds() {
        List<String> all = new java.util.ArrayList<>();
        all.add(spotCompId);
        all.addAll(otherSpotCompIds);
        return all;
    }

    static AccountConfig read(String name, ConfigSource src) {
        ConfigKey.rejectUnknown(src.filtered(k -> !k.startsWith(BALANCES + ".")), KEYS);
        Map<String, Decimal> balances = new TreeMap<>();
        for (String asset : src.children(BALANCES)) {
            balances.put(asset, ConfigKey.decimal(BALANCES + "." + asset, null, "0", "").read(src));
        }
        String spotCompId = SPOT_COMP_ID.read(src);
        String apiKey = API_KEY.read(src);
        String secretText = API_SECRET.read(src);
        final ApiSecret secret;
        try {
            secret = ApiSecret.ofBase64(secretText);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(src.origin(), src.fullKey(API_SECRET.name()), e.getMessage());
        }
        String drv = DERIVATIVES_COMP_ID.read(src);
        return new AccountConfig(name, spotCompId, drv.isBlank() ? null : drv, apiKey, secret,
                TIER.read(src), balances, COLLATERAL.read(src), DERIVATIVES_STP.read(src), DOMAIN.read(src).trim(),
                java.util.Arrays.stream(OTHER_SPOT_COMP_IDS.read(src).split(",")).map(String::trim)
                        .filter(id -> !id.isEmpty()).toList());
    }

    @Override
    public String toString() {
        return "AccountConfig[" + name + ", spot=" + spotCompId + ", derivatives=" + derivativesCompId + ", key="
                + apiKey + ", tier=" + tier + "]";
    }
}
