package io.fluxfix.model;

/** Kraken runs two separate trading engines with their own sessions, rules and rate limits. */
public enum Market {
    /** Spot pairs such as {@code BTC/USD}. */
    SPOT,
    /** Kraken Derivatives (Futures) contracts such as {@code PF_XBTUSD}. */
    DERIVATIVES;

    /** Spot symbols are {@code BASE/QUOTE}; Derivatives venue ids ({@code PF_XBTUSD}) have no slash. */
    public static Market ofSymbol(CharSequence symbol) {
        for (int i = 0; i < symbol.length(); i++) {
            if (symbol.charAt(i) == '/') {
                return SPOT;
            }
        }
        return DERIVATIVES;
    }
}
