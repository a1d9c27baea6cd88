package io.fluxfix.runner.run;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.Side;
import io.fluxfix.orders.OrderView;
import io.fluxfix.runner.hooks.Views;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Positions and PnL per instrument from the order sink's fills, average-cost method, in the quote currency:
 * each fill is the growth of an order's {@code cumQty} between two of its views, at the price that moves its
 * {@code avgPx} from one to the other. A fill in the position's direction moves the average price; one against
 * it realises {@code (fill price − average) × quantity} (sign of the position). Unrealised PnL marks what is
 * left at the book's mid. Fees are not deducted (the sink keeps them per currency). Exposed as
 * {@code fluxfix_position{symbol}} and {@code fluxfix_pnl{symbol,kind=realised|unrealised}}.
 *
 * <p>Fed from one thread at a time (the sink's view stream); read from HTTP threads.
 */
final class Positions {

    private static final MathContext MC = MathContext.DECIMAL64;
    /** Orders remembered (far more than can be open at once: Kraken caps open orders per pair at 225). */
    static final int MAX_ORDERS = 100_000;

    private static final class Position {
        BigDecimal qty = BigDecimal.ZERO;
        BigDecimal avg = BigDecimal.ZERO;
        BigDecimal realised = BigDecimal.ZERO;
    }

    /** What an order had filled at its previous view: quantity and quantity × average price. */
    private record Filled(BigDecimal qty, BigDecimal notional) {
    }

    private final MeterRegistry registry;
    private final Function<String, Decimal> mid;
    private final Map<String, Position> bySymbol = new TreeMap<>();
    /** Per order, what it had filled; terminal orders stay (a repeated view adds nothing), the oldest go first. */
    private final Map<String, Filled> filled = new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Filled> eldest) {
            return size() > MAX_ORDERS;
        }
    };

    Positions(MeterRegistry registry, Function<String, Decimal> mid) {
        this.registry = registry;
        this.mid = mid;
    }

    /** Shows {@code symbol} (flat) from now on, so its series exist before its first fill. */
    synchronized void track(String symbol) {
        bySymbol.computeIfAbsent(symbol, this::register);
    }

    void onOrder(OrderView v) {
        if (v.cumQty() == null || v.symbol() == null || v.side() == null) {
            return;
        }
        BigDecimal cum = v.cumQty().toBigDecimal();
        BigDecimal notional = v.avgPx() == null ? null : cum.multiply(v.avgPx().toBigDecimal(), MC);
        synchronized (this) {
            Filled before = filled.getOrDefault(v.clOrdId(), new Filled(BigDecimal.ZERO, BigDecimal.ZERO));
            BigDecimal qty = cum.subtract(before.qty());
            if (qty.signum() > 0) {
                BigDecimal price = notional != null ? notional.subtract(before.notional()).divide(qty, MC)
                        : v.price() == null ? null : v.price().toBigDecimal();
                if (price != null) {
                    fill(v.symbol(), v.side() == Side.BUY ? qty : qty.negate(), price);
                }
                filled.put(v.clOrdId(), new Filled(cum, notional != null ? notional
                        : before.notional().add(qty.multiply(price == null ? BigDecimal.ZERO : price, MC))));
            }
        }
    }

    /** Applies a fill of signed quantity {@code q} (buys positive) at {@code price}. */
    private void fill(String symbol, BigDecimal q, BigDecimal price) {
        Position p = bySymbol.computeIfAbsent(symbol, this::register);
        if (p.qty.signum() == 0 || p.qty.signum() == q.signum()) {
            BigDecimal total = p.qty.add(q);
            p.avg = p.qty.abs().multiply(p.avg, MC).add(q.abs().multiply(price, MC)).divide(total.abs(), MC);
            p.qty = total;
            return;
        }
        BigDecimal closed = q.abs().min(p.qty.abs());
        p.realised = p.realised.add(price.subtract(p.avg).multiply(closed, MC).multiply(
                BigDecimal.valueOf(p.qty.signum()), MC));
        BigDecimal total = p.qty.add(q);
        if (total.signum() != 0 && total.signum() != p.qty.signum()) {
            p.avg = price;  // flipped: what is left was opened at this fill's price
        } else if (total.signum() == 0) {
            p.avg = BigDecimal.ZERO;
        }
        p.qty = total;
    }

    private Position register(String symbol) {
        Position p = new Position();
        Gauge.builder("fluxfix.position", this, x -> x.value(symbol, 0)).tag("symbol", symbol)
                .description("Net position from this process's fills (buys positive), base currency")
                .register(registry);
        Gauge.builder("fluxfix.pnl", this, x -> x.value(symbol, 1)).tag("symbol", symbol).tag("kind", "realised")
                .description("Profit and loss in the quote currency, average-cost method, before fees")
                .register(registry);
        Gauge.builder("fluxfix.pnl", this, x -> x.value(symbol, 2)).tag("symbol", symbol).tag("kind", "unrealised")
                .description("Profit and loss in the quote currency, average-cost method, before fees")
                .register(registry);
        return p;
    }

    private synchronized double value(String symbol, int what) {
        Position p = bySymbol.get(symbol);
        if (p == null) {
            return 0;
        }
        return switch (what) {
            case 0 -> p.qty.doubleValue();
            case 1 -> p.realised.doubleValue();
            default -> {
                BigDecimal u = unrealised(symbol, p);
                yield u == null ? Double.NaN : u.doubleValue();
            }
        };
    }

    private BigDecimal unrealised(String symbol, Position p) {
        if (p.qty.signum() == 0) {
            return BigDecimal.ZERO;
        }
        Decimal m = mid.apply(symbol);
        return m == null ? null : m.toBigDecimal().subtract(p.avg).multiply(p.qty, MC);
    }

    synchronized List<Views.Position> views() {
        List<Views.Position> out = new ArrayList<>();
        for (Map.Entry<String, Position> e : bySymbol.entrySet()) {
            Position p = e.getValue();
            BigDecimal u = unrealised(e.getKey(), p);
            out.add(new Views.Position(e.getKey(), plain(p.qty), plain(p.avg), plain(p.realised.setScale(8,
                    java.math.RoundingMode.HALF_EVEN)), u == null ? "" : plain(u.setScale(8,
                    java.math.RoundingMode.HALF_EVEN))));
        }
        return out;
    }

    private static String plain(BigDecimal d) {
        String s = d.stripTrailingZeros().toPlainString();
        return s.equals("0.0") ? "0" : s;
    }
}
