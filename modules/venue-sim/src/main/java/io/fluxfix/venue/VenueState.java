package io.fluxfix.venue;

import io.fluxfix.model.Decimal;

import java.util.List;
import java.util.Map;

/**
 * What {@code GET /state} shows: the venue's trading mode, its sessions, each instrument's status and top of
 * book, the open orders by account and instrument, every account's balances and positions, and the state of
 * Kraken's limits.
 */
public record VenueState(String time, String tradingMode, List<Map<String, Object>> sessions,
                         Map<String, Instrument> instruments,
                         Map<String, Map<String, List<OpenOrder>>> openOrders,
                         Map<String, Account> accounts,
                         Limits limits) {

    /**
     * Kraken's limits as they stand: every Spot rate counter (per account, or {@code domain:<name>}, and pair:
     * value now, threshold, decay, all it has charged today, requests it refused), every Derivatives bucket (per
     * CompID: tokens left, capacity, refusals), and the error-rate safeguard per session (errors in the last
     * second, in all, forced disconnects).
     */
    public record Limits(List<io.fluxfix.venue.limits.SpotRateLimits.CounterState> spotCounters,
                         List<io.fluxfix.venue.limits.DerivativesBuckets.BucketState> derivativesBuckets,
                         int errorRateMaxPerSecond,
                         List<io.fluxfix.venue.limits.ErrorRateGuard.SessionErrors> errorRates) {
    }

    /** One instrument: status and the best levels of each side (price, total quantity). */
    /** @param indexPrice what 388=1 orders watch: the operator's index price, else the last trade; null before any */
    public record Instrument(String market, String status, Decimal indexPrice, List<Level> bids, List<Level> asks) {
    }

    public record Level(Decimal price, Decimal qty) {
    }

    /**
     * @param type       what the order is now (a fired stop-loss shows "market")
     * @param stopPx     trigger price or trailing distance (99) of trigger orders
     * @param displayQty iceberg display quantity (1138)
     */
    public record OpenOrder(String orderId, String clOrdId, String compId, long session, String side, String type,
                            String timeInForce, Decimal price, Decimal stopPx, Decimal displayQty, Decimal qty,
                            Decimal filled, Decimal leaves, String status) {
    }

    /** Spot balances (asset → total and available) and the Derivatives ledger. */
    public record Account(Map<String, Balance> balances, Derivatives derivatives) {
    }

    public record Balance(Decimal total, Decimal available) {
    }

    public record Derivatives(Decimal collateral, Decimal marginHeld, Map<String, Decimal> positions) {
    }
}
