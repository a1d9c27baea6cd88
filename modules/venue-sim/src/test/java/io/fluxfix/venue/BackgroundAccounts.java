package io.fluxfix.venue;

import java.util.LinkedHashMap;
import java.util.Map;

/** The two accounts a test venue's background market trades from, funded with {@code usd} and {@code btc}. */
public final class BackgroundAccounts {

    private BackgroundAccounts() {
    }

    public static Map<String, String> config(String usd, String btc) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String[] a : new String[][]{{"market-maker", "MARKET-MAKER", "bWFya2V0LW1ha2Vy"},
                {"market-taker", "MARKET-TAKER", "bWFya2V0LXRha2Vy"}}) {
            String k = "accounts." + a[0] + ".";
            m.put(k + "spot-comp-id", a[1]);
            m.put(k + "api-key", a[0] + "-key");
            m.put(k + "api-secret", a[2]);
            m.put(k + "balances.USD", usd);
            m.put(k + "balances.BTC", btc);
        }
        return m;
    }
}
