package io.fluxfix.runner;

import io.fluxfix.journal.JournalException;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.config.ConfigException;
import io.fluxfix.model.config.ConfigKey;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.research.Replay;
import io.fluxfix.research.ReplayOptions;
import io.fluxfix.research.ReplayResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code fluxfix replay}: a strategy over a journal, deterministically, with simulated or recorded fills. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a strategy over a journal (recorded live, imported with 'import kraken-ws', or written by "
                + "the local venue), with time taken from the events: 'simulated' fills come from the venue's "
                + "matching engine against the recorded book; 'recorded' fills are the journal's own, and the "
                + "strategy's commands are checked against the journal's.",
                "Writes into --out: journal/, summary.json, fills.csv, report.html (+ PNG plots). Progress on stderr.",
                "Exit code 0; 3 when a recorded replay diverges from the journal; 1 for bad input; 2 for usage."})
final class ReplayCommand implements Callable<Integer> {

    static final int EXIT_INPUT = 1;
    static final int EXIT_DIVERGED = 3;

    @Spec
    private CommandSpec spec;

    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "The journal to replay.")
    private Path journal;

    @Option(names = "--strategy", required = true, paramLabel = "NAME", description = "A built-in strategy: quoter, twap.")
    private String strategy;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "A strategy parameter (repeat for more).")
    private Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--symbol", split = ",", paramLabel = "SYMBOL",
            description = "Instruments to trade (default: every one with market data in the journal).")
    private List<String> symbols = List.of();

    @Option(names = "--from", paramLabel = "TIME", description = "First record time, ISO-8601 UTC (2023-08-30T17:09:00Z).")
    private String from;

    @Option(names = "--to", paramLabel = "TIME", description = "End of the records (exclusive), ISO-8601 UTC.")
    private String to;

    @Option(names = "--fills", paramLabel = "MODE", defaultValue = "simulated",
            description = "simulated (default) or recorded.")
    private String fills;

    @Option(names = "--book", paramLabel = "LEVEL", defaultValue = "auto",
            description = "The book the market data builds: auto (L3 when the journal has L3 data), l2 or l3.")
    private String book;

    @Option(names = "--balance", paramLabel = "ASSET=AMOUNT",
            description = "The simulated account's balance of an asset (default 100000000 of each).")
    private Map<String, String> balances = new LinkedHashMap<>();

    @Option(names = "--maker-fee", paramLabel = "RATE", defaultValue = "0.0016", description = "Simulated maker fee rate.")
    private String makerFee;

    @Option(names = "--taker-fee", paramLabel = "RATE", defaultValue = "0.0026", description = "Simulated taker fee rate.")
    private String takerFee;

    @Option(names = "--tape-window", paramLabel = "DURATION", defaultValue = "50ms",
            description = "Simulated fills: how long quantity that left the recorded book waits for the recorded "
                    + "trade that explains it, so the two are counted once (0ms: within one timestamp only).")
    private String tapeWindow;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (new or empty).")
    private Path out;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ReplayOptions options = new ReplayOptions(journal, strategy, params, symbols, time("--from", from,
                    Long.MIN_VALUE), time("--to", to, Long.MAX_VALUE), choice("--fills", fills,
                    ReplayOptions.Fills.class), choice("--book", book, ReplayOptions.BookLevel.class),
                    decimals(balances), decimal("--maker-fee", makerFee), decimal("--taker-fee", takerFee), out,
                    p -> {
                        err.println(p.line());
                        err.flush();
                    }, duration("--tape-window", tapeWindow));
            ReplayResult r = Replay.run(options);
            stdout.printf(Locale.ROOT, "replayed %d events (%s to %s), book %s, fills %s%n", r.events(),
                    Instant.ofEpochSecond(0, r.firstNanos()), Instant.ofEpochSecond(0, r.lastNanos()), r.bookLevel(),
                    options.fills().name().toLowerCase(Locale.ROOT));
            stdout.printf(Locale.ROOT, "commands %s, sink refusals %d, venue rejects %d, fills %d %s%n",
                    r.commands(), r.refusals(), r.rejects(), r.fills().size(), r.fillSources());
            for (ReplayResult.SymbolResult s : r.symbols().values()) {
                stdout.printf(Locale.ROOT, "%s: position %s, PnL %s (fees %s)%n", s.symbol(),
                        s.position().toPlainString(), s.pnl().toPlainString(), s.fees().toPlainString());
            }
            stdout.println("record digest " + r.digest());
            stdout.println("report " + out.resolve("report.html"));
            if (r.parity() != null) {
                if (r.parity().holds()) {
                    stdout.printf(Locale.ROOT, "parity holds: %d commands, as recorded in session %s%n",
                            r.parity().replayed(), r.parity().session());
                } else {
                    ReplayResult.Divergence d = r.parity().first();
                    err.printf(Locale.ROOT, "fluxfix: parity broken at command %d (event time %s): recorded %s, "
                                    + "replayed %s%n", d.index(), Instant.ofEpochSecond(0, d.atNanos()), d.expected(),
                            d.actual());
                    return EXIT_DIVERGED;
                }
            }
            return 0;
        } catch (ConfigException | IllegalArgumentException | JournalException | UncheckedIOException e) {
            err.println("fluxfix: " + String.valueOf(e.getMessage()).strip().replaceAll("\\s*\\R\\s*", "; "));
            return EXIT_INPUT;
        } finally {
            stdout.flush();
            err.flush();
        }
    }

    private static long duration(String option, String text) {
        try {
            return ConfigKey.duration("d", null, "").read(ConfigSource.of(option, Map.of("d", text))).toNanos();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a duration such as 10ms or 1s");
        }
    }

    private static long time(String option, String text, long none) {
        if (text == null) {
            return none;
        }
        try {
            Instant i = Instant.parse(text);
            return i.getEpochSecond() * 1_000_000_000L + i.getNano();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not an ISO-8601 UTC time "
                    + "such as 2023-08-30T17:09:00Z");
        }
    }

    private static <E extends Enum<E>> E choice(String option, String text, Class<E> type) {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " '" + text + "': expected one of "
                    + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                    .toList());
        }
    }

    private static Decimal decimal(String option, String text) {
        try {
            new BigDecimal(text);
            return Decimal.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a decimal number");
        }
    }

    private static Map<String, Decimal> decimals(Map<String, String> m) {
        Map<String, Decimal> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, decimal("--balance " + k, v)));
        return out;
    }
}
