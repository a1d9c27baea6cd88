package io.fluxfix.venue.engine;

import io.fluxfix.model.Decimal;

import java.util.HashMap;
import java.util.Map;

/**
 * Spot balances of every account: per asset, the total and the part reserved by open orders. Each amount is an
 * exact decimal held as a {@code long} mantissa and its scale, with {@link Decimal}'s arithmetic (a sum has the
 * larger scale of its terms; overflow throws) but no object per operation. An order looks its balances up once
 * and keeps them. A balance never goes below what settled trades left it.
 */
final class SpotLedger {

    /** One asset's balance of one account. */
    static final class Balance {
        long total;
        int totalScale;
        long reserved;
        int reservedScale;

        Decimal total() {
            return Decimal.of(total, totalScale);
        }

        Decimal available() {
            int s = Math.max(totalScale, reservedScale);
            return Decimal.of(availableAt(s), s);
        }

        private long availableAt(int s) {
            return Math.subtractExact(Decimal.rescale(total, totalScale, s), Decimal.rescale(reserved, reservedScale, s));
        }

        /** Whether {@code unscaled × 10^-scale} is available. */
        boolean canReserve(long unscaled, int scale) {
            int s = Math.max(totalScale, reservedScale);
            return Decimal.compare(availableAt(s), s, unscaled, scale) >= 0;
        }

        void reserve(long unscaled, int scale) {
            int s = Math.max(reservedScale, scale);
            reserved = Math.addExact(Decimal.rescale(reserved, reservedScale, s), Decimal.rescale(unscaled, scale, s));
            reservedScale = s;
        }

        void release(long unscaled, int scale) {
            reserve(Math.negateExact(unscaled), scale);
        }

        void credit(long unscaled, int scale) {
            int s = Math.max(totalScale, scale);
            total = Math.addExact(Decimal.rescale(total, totalScale, s), Decimal.rescale(unscaled, scale, s));
            totalScale = s;
        }

        void debit(long unscaled, int scale) {
            credit(Math.negateExact(unscaled), scale);
        }
    }

    /** One account's balances by asset, and those of each book's base and quote once opened. */
    static final class Account {
        final Map<String, Balance> assets = new HashMap<>();
        /** By book: [2 × book] its base, [2 × book + 1] its quote. */
        private final Balance[] byBook;

        private Account(int books) {
            byBook = new Balance[2 * books];
        }

        /** The balance, opened at zero on first use (it then shows in {@link #all()}). */
        Balance balance(String asset) {
            return assets.computeIfAbsent(asset, a -> new Balance());
        }

        Balance base(OrderBook book) {
            Balance b = byBook[2 * book.index];
            return b != null ? b : (byBook[2 * book.index] = balance(book.base));
        }

        Balance quote(OrderBook book) {
            Balance b = byBook[2 * book.index + 1];
            return b != null ? b : (byBook[2 * book.index + 1] = balance(book.quote));
        }
    }

    private final int books;
    private final Map<String, Account> accounts = new HashMap<>();

    /** A ledger for an engine with {@code books} books (numbered by {@link OrderBook#index}). */
    SpotLedger(int books) {
        this.books = books;
    }

    void deposit(String account, String asset, Decimal amount) {
        account(account).balance(asset).credit(amount.unscaled(), amount.scale());
    }

    Account account(String name) {
        Account a = accounts.get(name);
        if (a == null) {
            a = new Account(books);
            accounts.put(name, a);
        }
        return a;
    }

    /** Every account's opened balances, by asset (unordered). */
    Map<String, Account> all() {
        return accounts;
    }
}
