package io.fluxfix.research;

import io.fluxfix.model.Decimal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a research replay runs.
 *
 * @param journal   the journal to read (recorded live, imported, or written by the local venue)
 * @param strategy  a built-in strategy's name ({@code quoter}, {@code twap})
 * @param params    the strategy's parameters ({@code size=0.01}); unknown or bad ones are refused
 * @param symbols   the instruments it trades; empty = every instrument with market data in the journal
 * @param fromNanos first record time (epoch nanoseconds), {@link Long#MIN_VALUE} = the start
 * @param toNanos   last record time (exclusive), {@link Long#MAX_VALUE} = the end
 * @param fills     where executions come from
 * @param book      which book the market data builds: L2, L3, or decided from the journal
 * @param balances  the strategy account's balances per asset (simulated fills; others are ample)
 * @param makerFee  maker fee rate of the simulated venue (Kraken Spot's starter tier by default)
 * @param takerFee  taker fee rate of the simulated venue
 * @param out       the output directory (created; must be empty or absent)
 * @param progress  told about progress now and then (wall-clock; never in the outputs); may be null
 * @param tapeWindowNanos simulated fills: how long quantity that left the recorded book waits for the recorded
 *                  trade that explains it, so that the two are counted once ({@code SimulatedVenue}; [INF])
 */
public record ReplayOptions(Path journal, String strategy, Map<String, String> params, List<String> symbols,
                            long fromNanos, long toNanos, Fills fills, BookLevel book, Map<String, Decimal> balances,
                            Decimal makerFee, Decimal takerFee, Path out, Consumer<Progress> progress,
                            long tapeWindowNanos) {

    /** Where a replay's executions come from. */
    public enum Fills {
        /** The venue's matching engine against the recorded book. */
        SIMULATED,
        /** The journal's own execution reports; the strategy's commands are checked against the journal's. */
        RECORDED
    }

    /** The book the market data builds. */
    public enum BookLevel { AUTO, L2, L3 }

    /** Kraken Spot's starter-tier fees, the local venue's defaults. */
    public static final Decimal DEFAULT_MAKER_FEE = Decimal.parse("0.0016");
    public static final Decimal DEFAULT_TAKER_FEE = Decimal.parse("0.0026");

    /**
     * The default tape window, 50 ms: a few times the gap seen between the local venue's L3 message and the L2
     * message with the trades of the same match (0.6 to 14 ms over loopback on a loaded 2-core host, either first).
     */
    public static final long DEFAULT_TAPE_WINDOW_NANOS = 50_000_000L;

    public ReplayOptions {
        Objects.requireNonNull(journal, "journal");
        if (tapeWindowNanos < 0) {
            throw new IllegalArgumentException("the tape window cannot be negative: " + tapeWindowNanos + " ns");
        }
        Objects.requireNonNull(strategy, "strategy");
        params = Map.copyOf(params);
        symbols = List.copyOf(symbols);
        Objects.requireNonNull(fills, "fills");
        Objects.requireNonNull(book, "book");
        balances = Map.copyOf(balances);
        Objects.requireNonNull(makerFee, "makerFee");
        Objects.requireNonNull(takerFee, "takerFee");
        Objects.requireNonNull(out, "out");
    }

    /** A replay of {@code journal} with {@code strategy} into {@code out}: everything else at its default. */
    public static ReplayOptions of(Path journal, String strategy, Map<String, String> params, Path out) {
        return new ReplayOptions(journal, strategy, params, List.of(), Long.MIN_VALUE, Long.MAX_VALUE, Fills.SIMULATED,
                BookLevel.AUTO, Map.of(), DEFAULT_MAKER_FEE, DEFAULT_TAKER_FEE, out, null, DEFAULT_TAPE_WINDOW_NANOS);
    }

    public ReplayOptions withFills(Fills f) {
        return new ReplayOptions(journal, strategy, params, symbols, fromNanos, toNanos, f, book, balances, makerFee,
                takerFee, out, progress, tapeWindowNanos);
    }

    public ReplayOptions withOut(Path o) {
        return new ReplayOptions(journal, strategy, params, symbols, fromNanos, toNanos, fills, book, balances, makerFee,
                takerFee, o, progress, tapeWindowNanos);
    }

    public ReplayOptions withRange(long from, long to) {
        return new ReplayOptions(journal, strategy, params, symbols, from, to, fills, book, balances, makerFee,
                takerFee, out, progress, tapeWindowNanos);
    }

    public ReplayOptions withProgress(Consumer<Progress> p) {
        return new ReplayOptions(journal, strategy, params, symbols, fromNanos, toNanos, fills, book, balances,
                makerFee, takerFee, out, p, tapeWindowNanos);
    }

    public ReplayOptions withBook(BookLevel b) {
        return new ReplayOptions(journal, strategy, params, symbols, fromNanos, toNanos, fills, b, balances, makerFee,
                takerFee, out, progress, tapeWindowNanos);
    }

    public ReplayOptions withTapeWindow(long nanos) {
        return new ReplayOptions(journal, strategy, params, symbols, fromNanos, toNanos, fills, book, balances,
                makerFee, takerFee, out, progress, nanos);
    }

    /**
     * How far a replay is (wall-clock figures: for the console only).
     *
     * @param done     records replayed
     * @param total    records to replay
     * @param perSecond records per second of wall-clock time so far
     * @param etaNanos wall-clock time left at that rate
     */
    public record Progress(long done, long total, double perSecond, long etaNanos) {

        /** One console line: {@code 120000/500000 events (24%), 61234 events/s, ETA 6 s}. */
        public String line() {
            long pct = total == 0 ? 100 : done * 100 / total;
            return String.format(java.util.Locale.ROOT, "replay: %d/%d events (%d%%), %.0f events/s, ETA %d s", done,
                    total, pct, perSecond, Math.max(0, etaNanos / 1_000_000_000L));
        }
    }
}
