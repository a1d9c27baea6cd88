package io.fluxfix.research;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.Side;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What a replay produced. Everything but {@link Speed} comes from the events alone (no wall clock, no host), so
 * two replays of the same inputs give equal results; {@link Speed} is measured and belongs only in the report's
 * speed section.
 *
 * @param options   what ran
 * @param firstNanos time of the first record replayed (epoch nanoseconds), 0 when none
 * @param lastNanos  time of the last
 * @param events     records replayed
 * @param bookLevel  the book built: L2 or L3
 * @param commands   commands the strategy's orders sent, by type ({@code NewOrder}, {@code AmendOrder}, ...)
 * @param refusals   commands the order sink refused before they left (rate limits, risk)
 * @param rejects    venue refusals: rejected orders, cancel rejects, business rejects
 * @param fills      every fill, in order
 * @param symbols    per instrument: position, cash, fees, PnL at the last mid, and its time series
 * @param parity     recorded fills only: how the strategy's commands compared with the journal's
 * @param digest     SHA-256 over the output journal's records (their canonical JSON lines), hex
 * @param speed      wall-clock speed of this replay (not deterministic; never in summary.json)
 */
public record ReplayResult(ReplayOptions options, long firstNanos, long lastNanos, long events, String bookLevel,
                           Map<String, Long> commands, long refusals, long rejects, List<Fill> fills,
                           Map<String, SymbolResult> symbols, Parity parity, String digest, Speed speed) {

    /**
     * One fill of the strategy's orders.
     *
     * @param source what filled it: {@code taker} (it crossed the recorded book), {@code book} (the recorded book
     *               traded through it), {@code tape} (a recorded trade reached it), {@code recorded} (the journal's)
     */
    public record Fill(long timeNanos, String symbol, Side side, Decimal qty, Decimal price, Decimal fee,
                       String feeCurrency, String liquidity, String orderId, String clOrdId, String execId,
                       String source) {
    }

    /** Fills by {@link Fill#source()}, sorted by source. */
    public Map<String, Long> fillSources() {
        Map<String, Long> m = new java.util.TreeMap<>();
        for (Fill f : fills) {
            m.merge(f.source(), 1L, Long::sum);
        }
        return m;
    }

    /** One sample of an instrument's state over time (for the plots). */
    public record Point(long timeNanos, double mid, double position, double pnl, double fees) {
    }

    /**
     * An instrument's outcome: net position (base), cash moved by fills (quote; buys negative), fees paid (quote),
     * PnL = cash − fees + position × last mid (quote).
     */
    public record SymbolResult(String symbol, BigDecimal position, BigDecimal cash, BigDecimal fees,
                               BigDecimal lastMid, BigDecimal pnl, long buys, long sells, List<Point> series) {
    }

    /**
     * The recorded replay's check: commands compared, and the first that differs (null when none).
     *
     * @param recorded commands of the session in the journal
     * @param replayed commands the strategy sent in the replay
     */
    public record Parity(String session, long recorded, long replayed, Divergence first) {
        public boolean holds() {
            return first == null && recorded == replayed;
        }
    }

    /**
     * The first command that differs: its position (0-based), the time of the event the strategy was reacting to,
     * and the two commands as text (either may be null when one side ran out).
     */
    public record Divergence(long index, long atNanos, String expected, String actual) {
    }

    /**
     * Wall-clock speed.
     *
     * @param wallNanos          the whole replay loop
     * @param decisionNanos      per market-data event that made the strategy send something: from handing the event
     *                           to the book until its commands were handed to the venue, sorted
     */
    public record Speed(long wallNanos, long[] decisionNanos) {
        public double eventsPerSecond(long events) {
            return wallNanos == 0 ? 0 : events * 1e9 / wallNanos;
        }

        /** The {@code p}-th percentile (0..100) of the decision latencies, 0 when none. */
        public long decisionPercentile(double p) {
            if (decisionNanos.length == 0) {
                return 0;
            }
            int i = (int) Math.ceil(p / 100.0 * decisionNanos.length) - 1;
            return decisionNanos[Math.max(0, Math.min(decisionNanos.length - 1, i))];
        }
    }

    /** Total commands sent. */
    public long commandCount() {
        return commands.values().stream().mapToLong(Long::longValue).sum();
    }
}
