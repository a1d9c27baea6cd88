package io.fluxfix.venue.engine;

import io.fluxfix.model.Decimal;

import java.util.Map;
import java.util.TreeMap;

/**
 * Spot balances of every account: per asset, the total and the part reserved by open orders. Amounts are
 * exact {@link Decimal}s; a balance never goes below what settled trades left it.
 */
final class SpotLedger {

    /** One asset's balance of one account. */
    static final class Balance {
        Decimal total = Decimal.ZERO;
        Decimal reserved = Decimal.ZERO;

        Decimal available() {
            return total.subtract(reserved);
        }
    }

    private final Map<String, Map<String, Balance>> accounts = new TreeMap<>();

    void deposit(String account, String asset, Decimal amount) {
        Balance b = balance(account, asset);
        b.total = b.total.add(amount);
    }

    Balance balance(String account, String asset) {
        return accounts.computeIfAbsent(account, a -> new TreeMap<>()).computeIfAbsent(asset, a -> new Balance());
    }

    boolean canReserve(String account, String asset, Decimal amount) {
        return balance(account, asset).available().compareTo(amount) >= 0;
    }

    void reserve(String account, String asset, Decimal amount) {
        Balance b = balance(account, asset);
        b.reserved = b.reserved.add(amount);
    }

    void release(String account, String asset, Decimal amount) {
        Balance b = balance(account, asset);
        b.reserved = b.reserved.subtract(amount);
    }

    void debit(String account, String asset, Decimal amount) {
        Balance b = balance(account, asset);
        b.total = b.total.subtract(amount);
    }

    void credit(String account, String asset, Decimal amount) {
        Balance b = balance(account, asset);
        b.total = b.total.add(amount);
    }

    Map<String, Map<String, Balance>> all() {
        return accounts;
    }
}
