package io.fluxfix.model;

import java.util.Objects;

/**
 * One tradable instrument as Kraken's instrument list describes it. Prices and quantities of this
 * instrument are carried as mantissas at {@link #pricePrecision()} and {@link #qtyPrecision()}, the
 * precisions Kraken's book checksum also uses.
 *
 * @param symbol            {@code BTC/USD} (Spot) or {@code PF_XBTUSD} (Derivatives)
 * @param minTradeVol       smallest quantity increment
 * @param qtyPrecision      quantity decimals
 * @param qtyMin            minimum order quantity
 * @param qtyMax            maximum order quantity, or null when Kraken sends none
 * @param minCost           minimum price × quantity, or null
 * @param pricePrecision    price decimals
 * @param mdPricePrecision  price decimals on market data, or -1 when not sent (then {@code pricePrecision})
 * @param tickSize          price increment
 * @param status            trading status of the pair
 */
public record Instrument(
        String symbol,
        Decimal minTradeVol,
        int qtyPrecision,
        Decimal qtyMin,
        Decimal qtyMax,
        Decimal minCost,
        int pricePrecision,
        int mdPricePrecision,
        Decimal tickSize,
        InstrumentStatus status) {

    public Instrument {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(status, "status");
        checkPrecision(qtyPrecision, "qtyPrecision");
        checkPrecision(pricePrecision, "pricePrecision");
        if (mdPricePrecision != -1) {
            checkPrecision(mdPricePrecision, "mdPricePrecision");
        }
    }

    public Market market() {
        return Market.ofSymbol(symbol);
    }

    /** Precision of prices on market data: {@link #mdPricePrecision()} when sent, else {@link #pricePrecision()}. */
    public int effectiveMdPricePrecision() {
        return mdPricePrecision >= 0 ? mdPricePrecision : pricePrecision;
    }

    private static void checkPrecision(int p, String what) {
        if (p < 0 || p > Decimal.MAX_SCALE) {
            throw new IllegalArgumentException(what + " " + p + " outside 0.." + Decimal.MAX_SCALE);
        }
    }
}
