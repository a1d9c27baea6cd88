package io.fluxfix.runner;

import io.fluxfix.testkit.net.FreePorts;

import java.nio.file.Path;
import java.time.LocalTime;
import java.util.Map;
import java.util.TreeMap;

/** Venue configuration for tests that record the local venue's living market: BTC/USD quoted and traded. */
final class LivingMarket {

    /** The venue's daily rollover (on the machine's clock: hours away); the clients' sessions take it too. */
    static final LocalTime ROLLOVER = RealClockConfig.ROLLOVER;

    private LivingMarket() {
    }

    /**
     * A venue on free ports with its synthetic market on BTC/USD (one price decimal, eight quantity decimals,
     * reference price 50000), run by the accounts {@code mm} and {@code mt} ({@code <compId>-MM} / {@code -MT}),
     * nothing persisted, rolling over at {@link #ROLLOVER}; the caller adds its own account and TLS settings.
     */
    static Map<String, String> venue(Path dataDir, String compId, int seed, int actionsPerSecond) {
        Map<String, String> c = new TreeMap<>();
        c.put("venue.port-base", Integer.toString(FreePorts.venueBase()));
        c.put("venue.data-dir", dataDir.toString());
        c.put("venue.persistence", "false");
        c.put("venue.rollover-time", ROLLOVER.toString());
        c.put("venue.market.synthetic", "true");
        c.put("venue.market.seed", Integer.toString(seed));
        c.put("venue.market.actions-per-second", Integer.toString(actionsPerSecond));
        c.put("venue.market.maker-account", "mm");
        c.put("venue.market.taker-account", "mt");
        for (String account : new String[] {"mm", "mt"}) {
            String k = "accounts." + account + ".";
            c.put(k + "spot-comp-id", compId + "-" + account.toUpperCase(java.util.Locale.ROOT));
            c.put(k + "api-key", account + "-key");
            c.put(k + "api-secret", java.util.Base64.getEncoder().encodeToString((account + "-secret").getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII)));
            c.put(k + "balances.USD", "100000000");
            c.put(k + "balances.BTC", "1000000");
        }
        c.put("instruments.BTC/USD.price-precision", "1");
        c.put("instruments.BTC/USD.qty-precision", "8");
        c.put("instruments.BTC/USD.tick-size", "0.1");
        c.put("instruments.BTC/USD.qty-min", "0.0001");
        c.put("instruments.BTC/USD.reference-price", "50000");
        return c;
    }
}
