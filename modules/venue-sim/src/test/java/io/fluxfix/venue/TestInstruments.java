package io.fluxfix.venue;

import java.util.LinkedHashMap;
import java.util.Map;

/** The instruments most venue tests trade, as config entries: Kraken's precisions for BTC/USD, ETH/USD, PF_XBTUSD. */
public final class TestInstruments {

    private static final Map<String, String[]> KNOWN = Map.of(
            "BTC/USD", new String[]{"1", "8", "0.1", "0.0001"},
            "ETH/USD", new String[]{"2", "8", "0.01", "0.001"},
            "PF_XBTUSD", new String[]{"0", "4", "1", "0.0001"});

    private TestInstruments() {
    }

    /** {@code instruments.<symbol>.price-precision / qty-precision / tick-size / qty-min} for each symbol. */
    public static Map<String, String> config(String... symbols) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String symbol : symbols) {
            String[] v = KNOWN.get(symbol);
            if (v == null) {
                throw new IllegalArgumentException("no test definition for " + symbol + " (known: " + KNOWN.keySet() + ")");
            }
            String k = "instruments." + symbol + ".";
            m.put(k + "price-precision", v[0]);
            m.put(k + "qty-precision", v[1]);
            m.put(k + "tick-size", v[2]);
            m.put(k + "qty-min", v[3]);
        }
        return m;
    }
}
