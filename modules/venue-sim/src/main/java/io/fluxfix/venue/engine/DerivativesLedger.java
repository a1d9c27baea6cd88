package io.fluxfix.venue.engine;

import io.fluxfix.model.Decimal;

import java.util.Map;
import java.util.TreeMap;

/**
 * Derivatives collateral and positions of every account. Linear contracts with a multiplier of 1: PnL and fees
 * settle into collateral in the settlement asset. A simple initial-margin check guards new orders; there is no
 * liquidation.
 */
final class DerivativesLedger {

    /** One account's derivatives state. */
    static final class Account {
        Decimal collateral = Decimal.ZERO;
        Decimal marginHeld = Decimal.ZERO;
        final Map<String, Position> positions = new TreeMap<>();

        Decimal available() {
            return collateral.subtract(marginHeld);
        }
    }

    /** A net position: signed quantity (mantissa at the instrument's qty precision) and its entry cost. */
    static final class Position {
        long qty;
        /** |qty| × average entry price, at price precision + qty precision. */
        long entryCost;
        Decimal realizedPnl = Decimal.ZERO;
    }

    private final Map<String, Account> accounts = new TreeMap<>();

    Account account(String name) {
        return accounts.computeIfAbsent(name, n -> new Account());
    }

    Position position(String account, String symbol) {
        return account(account).positions.computeIfAbsent(symbol, s -> new Position());
    }

    Map<String, Account> all() {
        return accounts;
    }
}
