package io.fluxfix.orders;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.Market;
import io.fluxfix.model.Side;
import io.fluxfix.model.event.Fee;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Positions, balance changes and fees from this process's fills: per instrument the net quantity bought
 * (sold negative); per asset (Spot: base and quote of the pair) what the fills moved; per currency the fees
 * paid. Balances are changes since the sink started (or since the journal it rebuilt from began), not the
 * account's totals, which FIX does not report. Not thread-safe: the sink updates it under its lock.
 */
final class Portfolio {

    private final Map<String, Decimal> positions = new TreeMap<>();
    private final Map<String, Decimal> balances = new TreeMap<>();
    private final Map<String, Decimal> fees = new TreeMap<>();

    void fill(String symbol, Side side, Decimal qty, Decimal px) {
        Decimal signed = side == Side.BUY ? qty : qty.negate();
        positions.merge(symbol, signed, Decimal::add);
        int slash = symbol.indexOf('/');
        if (Market.ofSymbol(symbol) == Market.SPOT && slash > 0 && px != null) {
            balances.merge(symbol.substring(0, slash), signed, Decimal::add);
            balances.merge(symbol.substring(slash + 1), signed.multiply(px).negate(), Decimal::add);
        }
    }

    /** Fees of one order grow cumulatively on Kraken: {@code previous} and {@code now} are the order's totals. */
    void fees(List<Fee> previous, List<Fee> now) {
        for (Fee f : now) {
            Decimal before = Decimal.ZERO;
            for (Fee p : previous) {
                if (p.type() == f.type() && java.util.Objects.equals(p.currency(), f.currency())) {
                    before = p.amount();
                }
            }
            Decimal delta = f.amount().subtract(before);
            if (!delta.isZero()) {
                String ccy = f.currency() == null ? "?" : f.currency();
                fees.merge(ccy, delta, Decimal::add);
                balances.merge(ccy, delta.negate(), Decimal::add);
            }
        }
    }

    Decimal position(String symbol) {
        return positions.getOrDefault(symbol, Decimal.ZERO);
    }

    Map<String, Decimal> positions() {
        return Map.copyOf(positions);
    }

    Map<String, Decimal> balances() {
        return Map.copyOf(balances);
    }

    Map<String, Decimal> fees() {
        return Map.copyOf(fees);
    }
}
