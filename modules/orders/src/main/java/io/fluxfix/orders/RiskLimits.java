package io.fluxfix.orders;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.config.ConfigKey;
import io.fluxfix.model.config.ConfigSource;

import java.util.List;

/**
 * Pre-trade limits of one instrument (or the defaults for every instrument), under {@code orders.risk.default.}
 * and {@code orders.risk.instruments.<symbol>.}. Zero means "no limit".
 *
 * @param maxOrderQty   largest quantity of one order
 * @param maxNotional   largest price × quantity of one order (the limit price, or the reference price for
 *                      orders without one)
 * @param maxOpenOrders open orders on the instrument, all sessions together
 * @param maxPosition   largest absolute position the order could lead to if it and every open order on its side
 *                      filled
 * @param priceBand     fat-finger guard: a limit price further than this fraction from the reference price
 *                      (last trade or mid) is refused; skipped while no reference price is known
 */
public record RiskLimits(Decimal maxOrderQty, Decimal maxNotional, int maxOpenOrders, Decimal maxPosition,
                         Decimal priceBand) {

    public static final ConfigKey<Decimal> MAX_ORDER_QTY = ConfigKey.decimal("max-order-qty", "0", "0",
            "Largest quantity of one order; 0 = no limit.");
    public static final ConfigKey<Decimal> MAX_NOTIONAL = ConfigKey.decimal("max-notional", "0", "0",
            "Largest price x quantity of one order (limit price, else the reference price); 0 = no limit.");
    public static final ConfigKey<Integer> MAX_OPEN_ORDERS = ConfigKey.integer("max-open-orders", 0, 0, 1_000_000,
            "Open orders on the instrument, every session together; 0 = no limit (the venue's cap per pair still applies).");
    public static final ConfigKey<Decimal> MAX_POSITION = ConfigKey.decimal("max-position", "0", "0",
            "Largest absolute position if the order and every open order on its side filled; 0 = no limit.");
    public static final ConfigKey<Decimal> PRICE_BAND = ConfigKey.decimal("price-band", "0", "0",
            "Fat-finger guard: refuse a limit or stop price further than this fraction from the reference price (last trade or mid), e.g. 0.05; 0 = off.");

    public static final List<ConfigKey<?>> KEYS = List.of(MAX_ORDER_QTY, MAX_NOTIONAL, MAX_OPEN_ORDERS, MAX_POSITION,
            PRICE_BAND);

    public static final RiskLimits NONE = new RiskLimits(Decimal.ZERO, Decimal.ZERO, 0, Decimal.ZERO, Decimal.ZERO);

    static RiskLimits read(ConfigSource src, RiskLimits defaults) {
        ConfigKey.rejectUnknown(src, KEYS);
        return new RiskLimits(or(src, MAX_ORDER_QTY, defaults.maxOrderQty), or(src, MAX_NOTIONAL, defaults.maxNotional),
                src.get(MAX_OPEN_ORDERS.name()).isPresent() ? MAX_OPEN_ORDERS.read(src) : defaults.maxOpenOrders,
                or(src, MAX_POSITION, defaults.maxPosition), or(src, PRICE_BAND, defaults.priceBand));
    }

    private static Decimal or(ConfigSource src, ConfigKey<Decimal> key, Decimal fallback) {
        return src.get(key.name()).isPresent() ? key.read(src) : fallback;
    }
}
