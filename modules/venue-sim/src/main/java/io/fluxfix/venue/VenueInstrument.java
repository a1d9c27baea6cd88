package io.fluxfix.venue;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.Instrument;
import io.fluxfix.model.InstrumentStatus;
import io.fluxfix.model.Market;
import io.fluxfix.model.config.ConfigException;
import io.fluxfix.model.config.ConfigKey;
import io.fluxfix.model.config.ConfigSource;

import java.util.List;
import java.util.Objects;

/**
 * An instrument the venue trades: Kraken's instrument definition plus what the engine needs to settle it.
 *
 * @param base  Spot: the asset bought and sold; Derivatives: the underlying (informational)
 * @param quote Spot: the asset paid; Derivatives: the settlement asset of collateral, PnL and fees
 */
public record VenueInstrument(Instrument instrument, String base, String quote, Decimal referencePrice) {

    public static final ConfigKey<Decimal> REFERENCE_PRICE = ConfigKey.decimal("reference-price", "0", "0",
            "Where the synthetic market starts its mid price; 0 = no background market on this instrument.");

    public static final ConfigKey<Integer> PRICE_PRECISION = ConfigKey.integer("price-precision", null, 0, 12,
            "Price decimals (Kraken 2349); also the checksum's price precision.");
    public static final ConfigKey<Integer> QTY_PRECISION = ConfigKey.integer("qty-precision", null, 0, 12,
            "Quantity decimals (Kraken 5010).");
    public static final ConfigKey<Decimal> TICK_SIZE = ConfigKey.decimal("tick-size", null, "0", "Price increment (5022).");
    public static final ConfigKey<Decimal> QTY_MIN = ConfigKey.decimal("qty-min", null, "0", "Minimum order quantity (5011).");
    public static final ConfigKey<Decimal> QTY_MAX = ConfigKey.decimal("qty-max", "0", "0",
            "Maximum order quantity (5012); 0 = no maximum.");
    public static final ConfigKey<Decimal> COST_MIN = ConfigKey.decimal("cost-min", "0", "0",
            "Minimum price × quantity (5013); 0 = none.");
    public static final ConfigKey<Integer> MD_PRICE_PRECISION = ConfigKey.integer("md-price-precision", -1, -1, 12,
            "Price decimals on market data (5052); -1 = not sent.");
    public static final ConfigKey<InstrumentStatus> STATUS = ConfigKey.enumeration("status", InstrumentStatus.class,
            InstrumentStatus.ONLINE, "Trading status at start (5032).");
    public static final ConfigKey<String> BASE = ConfigKey.string("base", "",
            "Base asset; empty = the part before '/' (Spot) or the underlying from the venue id (Derivatives).");
    public static final ConfigKey<String> QUOTE = ConfigKey.string("quote", "",
            "Quote asset (Spot) or settlement asset (Derivatives); empty = the part after '/', or USD.");

    public static final List<ConfigKey<?>> KEYS = List.of(PRICE_PRECISION, QTY_PRECISION, TICK_SIZE, QTY_MIN, QTY_MAX,
            COST_MIN, MD_PRICE_PRECISION, STATUS, BASE, QUOTE, REFERENCE_PRICE);

    public VenueInstrument {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(quote, "quote");
    }

    public String symbol() {
        return instrument.symbol();
    }

    public Market market() {
        return instrument.market();
    }

    public int pricePrecision() {
        return instrument.pricePrecision();
    }

    public int qtyPrecision() {
        return instrument.qtyPrecision();
    }

    /** This instrument with another trading status. */
    public VenueInstrument withStatus(InstrumentStatus status) {
        Instrument i = instrument;
        return new VenueInstrument(new Instrument(i.symbol(), i.minTradeVol(), i.qtyPrecision(), i.qtyMin(), i.qtyMax(),
                i.minCost(), i.pricePrecision(), i.mdPricePrecision(), i.tickSize(), status), base, quote, referencePrice);
    }

    static VenueInstrument read(String symbol, ConfigSource src) {
        ConfigKey.rejectUnknown(src, KEYS);
        int pp = PRICE_PRECISION.read(src);
        int qp = QTY_PRECISION.read(src);
        Decimal tick = TICK_SIZE.read(src);
        Decimal qtyMin = QTY_MIN.read(src);
        checkPrecision(src, TICK_SIZE, tick, pp);
        checkPrecision(src, QTY_MIN, qtyMin, qp);
        if (tick.signum() <= 0) {
            throw new ConfigException(src.origin(), src.fullKey(TICK_SIZE.name()), "must be above 0");
        }
        Decimal qtyMax = QTY_MAX.read(src);
        Decimal costMin = COST_MIN.read(src);
        Market market = Market.ofSymbol(symbol);
        String base = BASE.read(src);
        String quote = QUOTE.read(src);
        if (market == Market.SPOT) {
            int slash = symbol.indexOf('/');
            base = base.isBlank() ? symbol.substring(0, slash) : base;
            quote = quote.isBlank() ? symbol.substring(slash + 1) : quote;
        } else {
            base = base.isBlank() ? symbol : base;
            quote = quote.isBlank() ? "USD" : quote;
        }
        Instrument i = new Instrument(symbol, Decimal.of(1, qp), qp, qtyMin, qtyMax.isZero() ? null : qtyMax,
                costMin.isZero() ? null : costMin, pp, MD_PRICE_PRECISION.read(src), tick, STATUS.read(src));
        Decimal reference = REFERENCE_PRICE.read(src);
        checkPrecision(src, REFERENCE_PRICE, reference, pp);
        return new VenueInstrument(i, base, quote, reference.signum() > 0 ? reference : null);
    }

    private static void checkPrecision(ConfigSource src, ConfigKey<Decimal> key, Decimal value, int precision) {
        try {
            value.unscaledAt(precision);
        } catch (ArithmeticException e) {
            throw new ConfigException(src.origin(), src.fullKey(key.name()),
                    value + " has more decimals than the precision " + precision);
        }
    }
}
