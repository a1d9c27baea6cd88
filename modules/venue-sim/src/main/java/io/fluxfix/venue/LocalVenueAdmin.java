package io.fluxfix.venue;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.InstrumentStatus;
import io.fluxfix.model.Market;
import io.fluxfix.model.Side;
import io.fluxfix.model.TradingStatus;
import io.fluxfix.venue.admin.VenueAdmin;
import io.fluxfix.venue.engine.MatchingEngine;
import io.fluxfix.venue.engine.Order;
import io.fluxfix.venue.fix.TradingGateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The admin endpoint's handle on a running {@link LocalVenue}. */
final class LocalVenueAdmin implements VenueAdmin {

    private static final int BOOK_LEVELS = 10;

    private final LocalVenue venue;
    private final TradingGateway gateway;

    LocalVenueAdmin(LocalVenue venue) {
        this.venue = venue;
        this.gateway = venue.gateway();
    }

    @Override
    public Object state() {
        Map<String, VenueState.Instrument> instruments = new TreeMap<>();
        Map<String, Map<String, List<VenueState.OpenOrder>>> open = new TreeMap<>();
        Map<String, VenueState.Account> accounts = new TreeMap<>();
        Map<String, Map<String, VenueState.Balance>> balances = new TreeMap<>();
        Map<String, VenueState.Derivatives> derivatives = new TreeMap<>();
        String mode = gateway.withLock(Market.SPOT, () -> venue.engine(Market.SPOT).tradingStatus().name());
        for (Market m : Market.values()) {
            MatchingEngine e = venue.engine(m);
            gateway.withLock(m, () -> {
                for (String symbol : e.symbols()) {
                    instruments.put(symbol, new VenueState.Instrument(m.name().toLowerCase(Locale.ROOT),
                            e.instrument(symbol).instrument().status().name().toLowerCase(Locale.ROOT),
                            e.indexPrice(symbol),
                            levels(e, symbol, Side.BUY), levels(e, symbol, Side.SELL)));
                }
                for (Order o : e.openOrders()) {
                    VenueInstrument i = e.instrument(o.symbol());
                    open.computeIfAbsent(o.origin().account(), a -> new TreeMap<>())
                            .computeIfAbsent(o.symbol(), s -> new ArrayList<>())
                            .add(new VenueState.OpenOrder(o.orderId(), o.clOrdId(), o.origin().compId(),
                                    o.origin().sessionInstance(), lower(o.side()), lower(o.ordType()),
                                    lower(o.timeInForce()),
                                    o.ordType().hasLimitPrice() ? dec(o.price(), i.pricePrecision()) : null,
                                    o.stopPx() == 0 ? null : dec(o.stopPx(), i.pricePrecision()),
                                    o.displayQty() == 0 ? null : dec(o.displayQty(), i.qtyPrecision()),
                                    dec(o.qty(), i.qtyPrecision()), dec(o.filled(), i.qtyPrecision()),
                                    dec(o.leaves(), i.qtyPrecision()), lower(o.status())));
                }
                if (m == Market.SPOT) {
                    e.balances().forEach((account, assets) -> {
                        Map<String, VenueState.Balance> b = new TreeMap<>();
                        assets.forEach((asset, v) -> b.put(asset, new VenueState.Balance(v[0], v[1])));
                        balances.put(account, b);
                    });
                } else {
                    e.derivativesAccounts().forEach((account, d) -> derivatives.put(account,
                            new VenueState.Derivatives(d.collateral(), d.marginHeld(), positions(e, d))));
                }
                return null;
            });
        }
        for (AccountConfig a : venue.config().accounts()) {
            accounts.put(a.name(), new VenueState.Account(balances.getOrDefault(a.name(), Map.of()),
                    derivatives.get(a.name())));
        }
        long now = venue.nowNanos();
        VenueState.Limits limits = new VenueState.Limits(gateway.spotRateCounters(now), gateway.derivativesBuckets(now),
                venue.config().dialect().errorRateMaxPerSecond(), venue.application().errorRates());
        return new VenueState(java.time.Instant.now().toString(), mode.toLowerCase(Locale.ROOT), gateway.sessions(),
                instruments, open, accounts, limits);
    }

    @Override
    public void rolloverNow() {
        venue.rolloverNow();
    }

    @Override
    public void setInstrumentStatus(String symbol, String status) {
        Market m = Market.ofSymbol(symbol);
        if (venue.engine(m).instrument(symbol) == null) {
            throw new IllegalArgumentException("unknown instrument " + symbol);
        }
        gateway.setInstrumentStatus(symbol, parse(InstrumentStatus.class, status, "instrument status"),
                venue.nowNanos());
    }

    @Override
    public void setTradingMode(String mode) {
        gateway.setTradingStatus(parse(TradingStatus.class, mode, "trading mode"), venue.nowNanos());
    }

    @Override
    public void setIndexPrice(String symbol, String price) {
        Market m = Market.ofSymbol(symbol);
        VenueInstrument i = venue.engine(m).instrument(symbol);
        if (i == null) {
            throw new IllegalArgumentException("unknown instrument " + symbol);
        }
        Decimal px = null;
        if (!price.trim().equals("last")) {
            try {
                px = Decimal.parse(price.trim());
                px.unscaledAt(i.pricePrecision());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("index price '" + price + "' is not a price of " + symbol + " (at most "
                        + i.pricePrecision() + " decimals), nor \"last\"");
            }
            if (px.signum() <= 0) {
                throw new IllegalArgumentException("index price must be positive: " + price);
            }
        }
        gateway.setIndexPrice(symbol, px, venue.nowNanos());
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text, String what) {
        String wanted = text == null ? "" : text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(wanted) && !e.name().equals("UNKNOWN")) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            if (!e.name().equals("UNKNOWN")) {
                names.add(e.name().toLowerCase(Locale.ROOT));
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + text + "' (one of " + String.join(", ", names) + ")");
    }

    private static List<VenueState.Level> levels(MatchingEngine e, String symbol, Side side) {
        List<VenueState.Level> out = new ArrayList<>();
        for (Decimal[] l : e.levels(symbol, side, BOOK_LEVELS)) {
            out.add(new VenueState.Level(l[0], l[1]));
        }
        return out;
    }

    private static Map<String, Decimal> positions(MatchingEngine e, io.fluxfix.venue.engine.DerivativesView d) {
        Map<String, Decimal> out = new TreeMap<>();
        d.positions().forEach((symbol, qty) -> {
            VenueInstrument i = e.instrument(symbol);
            out.put(symbol, dec(qty, i.qtyPrecision()));
        });
        return out;
    }

    private static Decimal dec(long mantissa, int scale) {
        return Decimal.of(mantissa, scale).stripTrailingZeros();
    }

    private static String lower(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT);
    }
}
