package io.fluxfix.research;

import io.fluxfix.book.BookEvent;
import io.fluxfix.book.BookMetrics;
import io.fluxfix.book.BookView;
import io.fluxfix.book.Books;
import io.fluxfix.journal.ChronicleJournal;
import io.fluxfix.journal.Journal;
import io.fluxfix.journal.JournalJson;
import io.fluxfix.journal.JournalReader;
import io.fluxfix.journal.JournalRecord;
import io.fluxfix.journal.RecordType;
import io.fluxfix.journal.ReplayFilter;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.Market;
import io.fluxfix.model.Side;
import io.fluxfix.model.command.AmendOrder;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.MarketDataRequest;
import io.fluxfix.model.command.MassCancel;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.command.OrderCommand;
import io.fluxfix.model.command.SubscriptionType;
import io.fluxfix.model.config.ConfigException;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.model.event.BusinessReject;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.MarketDataEvent;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.OrderCancelReject;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.model.kraken.TradingDay;
import io.fluxfix.model.OrdStatus;
import io.fluxfix.orders.OrderSink;
import io.fluxfix.orders.OrderSinkConfig;
import io.fluxfix.orders.SinkEvent;
import io.fluxfix.strategy.Strategies;
import io.fluxfix.strategy.Strategy;
import io.fluxfix.strategy.StrategyFactory;
import io.fluxfix.strategy.StrategyRuntime;
import io.fluxfix.strategy.Trade;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * A research replay: a journal's market data, in journal order, through the book operator into a strategy run by
 * the same {@link StrategyRuntime} and {@link OrderSink} as live; the sink's session is a {@link ReplayPort} whose
 * other end is the venue's matching engine ({@link SimulatedVenue}, {@code simulated} fills) or the journal's own
 * execution reports ({@code recorded} fills, every command checked against the journal's).
 *
 * <p><b>Time.</b> One thread, one {@link ReplayClock}: before a record is handed on, the clock moves to its time,
 * running the strategy's timers and the sink's pump that fall due on the way; then everything the record set off
 * runs to quiescence at that time (the strategy's reaction, the venue's reports, the strategy's reaction to those).
 * No wall clock reaches the strategy, the sink, the venue or the outputs, so two replays of the same inputs write
 * the same records.
 *
 * <p><b>Outputs</b> in {@code --out}: {@code journal/} (every market-data record replayed, every command sent and
 * every report received, under their sessions), {@code summary.json}, {@code fills.csv} and {@code report.html}
 * with its plots ({@link ReplayReport}).
 */
public final class Replay {

    /** The session name the strategy's commands and reports are journaled under in a simulated replay. */
    public static final String SIMULATED_SESSION = "research";

    private static final int PROGRESS_EVERY = 4096;
    private static final int SERIES_POINTS = 600;

    private final ReplayOptions options;

    private Replay(ReplayOptions options) {
        this.options = options;
    }

    /**
     * Runs the replay and writes its outputs.
     *
     * @throws ConfigException for an unknown strategy or a bad parameter (one line naming the key)
     * @throws IllegalArgumentException for an output directory that is not empty, or a journal with no market data
     */
    public static ReplayResult run(ReplayOptions options) {
        ReplayResult r = new Replay(options).replay();
        ReplayReport.write(r, options.out());
        return r;
    }

    // ---- the scan: what is in the journal -----------------------------------------------------------------------

    /** Instruments with market data (and their scales), the trading session and its commands, the record count. */
    private static final class Scan {
        final Map<String, int[]> scales = new TreeMap<>();
        final Map<String, int[]> listed = new TreeMap<>();
        /** Sessions with book data, by what they carry: L3 (per order) or L2 (per price level). */
        final Set<String> l3Sessions = new TreeSet<>();
        final Set<String> l2Sessions = new TreeSet<>();
        /** Sessions whose journaled MarketDataRequest said which level they subscribed. */
        final Set<String> requested = new TreeSet<>();
        long records;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        String tradingSession;
        final List<OrderCommand> recordedCommands = new ArrayList<>();
    }

    private Scan scan(JournalReader reader, ReplayFilter filter) {
        Scan s = new Scan();
        try (JournalReader.Cursor c = reader.cursor(filter)) {
            for (JournalRecord r = c.next(); r != null; r = c.next()) {
                s.records++;
                s.first = Math.min(s.first, r.timeNanos());
                s.last = Math.max(s.last, r.timeNanos());
                if (r.type() == RecordType.INSTRUMENT_LIST) {
                    for (io.fluxfix.model.Instrument i : ((io.fluxfix.model.event.InstrumentList) r.event()).instruments()) {
                        s.listed.put(i.symbol(), new int[] {i.effectiveMdPricePrecision(), i.qtyPrecision()});
                    }
                } else if (r.type() == RecordType.MARKET_DATA_SNAPSHOT) {
                    MarketDataSnapshot snap = (MarketDataSnapshot) r.event();
                    widen(s, snap.symbol(), snap.entries());
                    if (!s.requested.contains(r.session()) && !snap.entries().isEmpty()) {
                        (level3(snap.entries()) ? s.l3Sessions : s.l2Sessions).add(r.session());
                    }
                } else if (r.direction() == Journal.Direction.OUT && r.payload() instanceof MarketDataRequest req
                        && req.subscriptionType() != SubscriptionType.UNSUBSCRIBE) {
                    s.requested.add(r.session());
                    (req.isLevel3() ? s.l3Sessions : s.l2Sessions).add(r.session());
                    (req.isLevel3() ? s.l2Sessions : s.l3Sessions).remove(r.session());
                } else if (r.type() == RecordType.MARKET_DATA_INCREMENTAL) {
                    MarketDataIncrement inc = (MarketDataIncrement) r.event();
                    if (inc.symbol() != null && s.scales.containsKey(inc.symbol())) {
                        widen(s, inc.symbol(), inc.entries());
                    }
                } else if (r.direction() == Journal.Direction.OUT && r.payload() instanceof OrderCommand cmd
                        && comparable(cmd)) {
                    if (s.tradingSession == null) {
                        s.tradingSession = r.session();
                    }
                    if (s.tradingSession.equals(r.session())) {
                        s.recordedCommands.add(cmd);
                    }
                }
            }
        }
        // Precisions the venue listed win over decimals inferred from what was written (a price of 50000 says
        // nothing about the instrument's one decimal, and the checksum needs the instrument's precision).
        s.listed.forEach((symbol, sc) -> s.scales.computeIfPresent(symbol, (k, v) -> sc));
        return s;
    }

    /**
     * Whether a snapshot (of a session whose subscription is not in the journal) is per order: its entries carry
     * L3's event or queue times (5060/5273), or ids that are not L2's {@code B<price>} / {@code O<price>}.
     */
    static boolean level3(List<MdEntry> entries) {
        for (MdEntry e : entries) {
            if (e.timestamp() != Stamp.NO_TIME || e.queueTime() != Stamp.NO_TIME) {
                return true;
            }
            String id = e.entryId();
            if (id != null && !levelId(id, e.price())) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code id} is L2's {@code B<price>} / {@code O<price>} of {@code price}. */
    private static boolean levelId(String id, Decimal price) {
        if (price == null || id.length() < 2 || id.charAt(0) != 'B' && id.charAt(0) != 'O') {
            return false;
        }
        try {
            return Decimal.parse(id, 1, id.length()).compareTo(price) == 0;
        } catch (NumberFormatException notAPrice) {
            return false;
        }
    }

    /** Widens an instrument's inferred scales to the decimals written in {@code entries}. */
    private static void widen(Scan s, String symbol, List<MdEntry> entries) {
        int[] sc = s.scales.computeIfAbsent(symbol, k -> new int[2]);
        for (MdEntry e : entries) {
            if (e.price() != null) {
                sc[0] = Math.max(sc[0], e.price().scale());
            }
            if (e.size() != null) {
                sc[1] = Math.max(sc[1], e.size().scale());
            }
        }
    }

    /** Commands a strategy decides (status requests are the sink's own business). */
    private static boolean comparable(OrderCommand cmd) {
        return cmd instanceof NewOrder || cmd instanceof AmendOrder || cmd instanceof CancelOrder
                || cmd instanceof MassCancel;
    }

    // ---- the replay ---------------------------------------------------------------------------------------------

    private ReplayResult replay() {
        StrategyFactory factory = Strategies.named(options.strategy()).orElseThrow(() -> new IllegalArgumentException(
                "unknown strategy '" + options.strategy() + "' (built in: "
                        + Strategies.builtIn().stream().map(StrategyFactory::name).toList() + ")"));
        prepareOut(options.out());
        ReplayFilter filter = ReplayFilter.ALL.fromNanos(options.fromNanos()).toNanos(options.toNanos());
        try (JournalReader reader = JournalReader.open(options.journal())) {
            Scan scan = scan(reader, filter);
            if (scan.scales.isEmpty()) {
                throw new IllegalArgumentException("journal " + options.journal() + " has no market-data snapshot"
                        + (options.fromNanos() != Long.MIN_VALUE || options.toNanos() != Long.MAX_VALUE
                        ? " in the time range given" : ""));
            }
            boolean recorded = options.fills() == ReplayOptions.Fills.RECORDED;
            if (recorded && scan.tradingSession == null) {
                throw new IllegalArgumentException("journal " + options.journal()
                        + " holds no order commands: nothing to replay with --fills recorded");
            }
            List<String> symbols = options.symbols().isEmpty() ? List.copyOf(scan.scales.keySet()) : options.symbols();
            for (String s : symbols) {
                if (!scan.scales.containsKey(s)) {
                    throw new IllegalArgumentException("no market data for " + s + " in " + options.journal()
                            + " (it has " + scan.scales.keySet() + ")");
                }
            }
            ConfigSource params = ConfigSource.of("--param", prefixed(options.params())).under("params");
            Strategy strategy = factory.create(symbols, params);
            boolean l3 = options.book() == ReplayOptions.BookLevel.L3
                    || options.book() == ReplayOptions.BookLevel.AUTO && !scan.l3Sessions.isEmpty();
            if (l3 && scan.l3Sessions.isEmpty()) {
                throw new IllegalArgumentException("journal " + options.journal() + " has no L3 market data "
                        + "(sessions " + scan.l2Sessions + " are L2): use --book l2 or auto");
            }
            if (!l3 && scan.l2Sessions.isEmpty()) {
                throw new IllegalArgumentException("journal " + options.journal() + " has only L3 market data "
                        + "(sessions " + scan.l3Sessions + "): use --book l3 or auto");
            }
            try (ChronicleJournal out = ChronicleJournal.builder(options.out().resolve("journal"))
                    .touchAheadBytes(0).open()) {
                Run run = new Run(scan, symbols, strategy, params, l3, recorded, out);
                run.loop(reader, filter);
                out.close();
                String digest = digest(options.out().resolve("journal"));
                return run.result(digest);
            }
        }
    }

    private static Map<String, String> prefixed(Map<String, String> params) {
        Map<String, String> m = new TreeMap<>();
        params.forEach((k, v) -> m.put("params." + k, v));
        return m;
    }

    private static void prepareOut(Path out) {
        try {
            if (Files.exists(out)) {
                if (!Files.isDirectory(out)) {
                    throw new IllegalArgumentException(out + " is not a directory");
                }
                try (var list = Files.list(out)) {
                    if (list.findAny().isPresent()) {
                        throw new IllegalArgumentException(out + " is not empty: give a new or empty --out directory");
                    }
                }
            }
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
    }

    /** SHA-256 over the canonical JSON line of every record of the journal in {@code dir}, in journal order. */
    public static String digest(Path dir) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (JournalReader r = JournalReader.open(dir); JournalReader.Cursor c = r.cursor(ReplayFilter.ALL)) {
            for (JournalRecord rec = c.next(); rec != null; rec = c.next()) {
                md.update(JournalJson.line(rec).getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The state of one replay; touched only on the loop's thread. */
    private final class Run {
        final Scan scan;
        final List<String> symbols;
        final boolean l3;
        /** The sessions whose market data builds the book (trades come from every session). */
        final Set<String> bookSessions;
        final boolean recorded;
        final ChronicleJournal out;
        final String session;
        final ReplayClock clock;
        final SimulatedVenue venue;
        final ReplayPort port;
        final OrderSink sink;
        final StrategyRuntime runtime;
        final Sinks.Many<MarketDataEvent> marketData = Sinks.many().unicast().onBackpressureBuffer();
        final Sinks.Many<BookEvent> books = Sinks.many().multicast().onBackpressureBuffer(1 << 16, false);
        final Sinks.Many<Trade> trades = Sinks.many().multicast().onBackpressureBuffer(1 << 16, false);
        final Disposable bookSubscription;
        final Disposable refusalSubscription;
        final ArrayDeque<Event> recordedReports = new ArrayDeque<>();
        final Map<String, Long> commands = new TreeMap<>();
        final List<ReplayResult.Fill> fills = new ArrayList<>();
        final Map<String, Ledger> ledgers = new TreeMap<>();
        final long[] latencies = new long[1 << 10];
        long[] decisions = latencies;
        int decisionCount;
        long events;
        long refusals;
        long rejects;
        long seqOut;
        long sent;
        long replayedCommands;
        ReplayResult.Divergence divergence;
        long currentEventNanos;
        final long sampleEvery;
        long nextSample;
        /** Recorded fills: the ClOrdIDs the live run used, handed out in the same order. */
        final ArrayDeque<String> recordedClOrdIds = new ArrayDeque<>();

        Run(Scan scan, List<String> symbols, Strategy strategy, ConfigSource params, boolean l3, boolean recorded,
            ChronicleJournal out) {
            this.scan = scan;
            this.symbols = symbols;
            this.l3 = l3;
            // L3: the L3 sessions only (an L2 session beside them brings the trades, which L3 cannot carry)
            this.bookSessions = l3 ? scan.l3Sessions : scan.l2Sessions;
            this.recorded = recorded;
            this.out = out;
            this.session = recorded ? scan.tradingSession : SIMULATED_SESSION;
            this.clock = new ReplayClock(scan.first);
            this.sampleEvery = Math.max(1, (scan.last - scan.first) / SERIES_POINTS);
            this.nextSample = scan.first;
            for (String s : symbols) {
                ledgers.put(s, new Ledger(s));
            }
            Map<String, int[]> instruments = new TreeMap<>();
            symbols.forEach(s -> instruments.put(s, scan.scales.get(s)));
            this.venue = recorded ? null : new SimulatedVenue(instruments, options.balances(), options.makerFee(),
                    options.takerFee(), options.tapeWindowNanos());
            if (recorded) {
                for (OrderCommand c : scan.recordedCommands) {
                    recordedClOrdIds.add(c.clOrdId());
                }
            }
            this.port = new ReplayPort(session, this::onCommand);
            OrderSinkConfig sinkConfig = OrderSinkConfig.read(ConfigSource.empty("research replay"));
            this.sink = new OrderSink(sinkConfig, List.of(port), new OrderSink.Options(clock, clock,
                    new SimpleMeterRegistry(), null, new java.util.SplittableRandom(1)));
            Supplier<String> ids = recorded
                    ? () -> recordedClOrdIds.isEmpty() ? sink.nextClOrdId(Market.SPOT) : recordedClOrdIds.poll()
                    : () -> sink.nextClOrdId(Market.SPOT);
            Books.Builder bookBuilder = l3 ? Books.l3() : Books.l2();
            symbols.forEach(s -> bookBuilder.precision(s, scan.scales.get(s)[0], scan.scales.get(s)[1]));
            this.bookSubscription = marketData.asFlux().transform(bookBuilder.build()).subscribe(this::onBook);
            this.refusalSubscription = sink.events().subscribe(e -> {
                if (e instanceof SinkEvent.Refused) {
                    refusals++;
                }
            });
            StrategyRuntime.Inputs inputs = new StrategyRuntime.Inputs(books.asFlux(), trades.asFlux(), sink.orders(),
                    s -> sink.positions().getOrDefault(s, Decimal.ZERO), Map.of(), ids);
            sink.start();
            this.runtime = new StrategyRuntime("replay", options.strategy(), strategy, symbols, params, inputs,
                    cmd -> sink.submit(session, cmd), clock, new SimpleMeterRegistry(), new BookMetrics());
            runtime.start(clock);
            settle();
        }

        void loop(JournalReader reader, ReplayFilter filter) {
            long wallStart = System.nanoTime();
            long lastReport = wallStart;
            try (JournalReader.Cursor c = reader.cursor(filter)) {
                for (JournalRecord r = c.next(); r != null; r = c.next()) {
                    events++;
                    clock.advanceTo(r.timeNanos());
                    settle();
                    currentEventNanos = clock.nanos();
                    onRecord(r);
                    if (events % PROGRESS_EVERY == 0 && options.progress() != null) {
                        long now = System.nanoTime();
                        if (now - lastReport >= 1_000_000_000L) {
                            lastReport = now;
                            double rate = events * 1e9 / Math.max(1, now - wallStart);
                            long eta = (long) ((scan.records - events) / Math.max(rate, 1e-9) * 1e9);
                            options.progress().accept(new ReplayOptions.Progress(events, scan.records, rate, eta));
                        }
                    }
                }
            }
            settle();
            sample(true);
            wall = System.nanoTime() - wallStart;
            if (options.progress() != null) {
                options.progress().accept(new ReplayOptions.Progress(events, scan.records,
                        events * 1e9 / Math.max(1, wall), 0));
            }
            runtime.close();
            sink.close();
            bookSubscription.dispose();
            refusalSubscription.dispose();
            port.complete();
            clock.dispose();
        }

        long wall;

        private void onRecord(JournalRecord r) {
            if (r.type() == RecordType.MARKET_DATA_SNAPSHOT || r.type() == RecordType.MARKET_DATA_INCREMENTAL) {
                MarketDataEvent md = (MarketDataEvent) r.event();
                String symbol = md instanceof MarketDataSnapshot snap ? snap.symbol()
                        : ((MarketDataIncrement) md).symbol();
                if (symbol != null && !symbols.contains(symbol)) {
                    return;
                }
                out.appendInbound(r.session(), md);
                long t0 = System.nanoTime();
                long sentBefore = sent;
                List<Trade> tape = Trade.of(md);
                if (venue != null) {
                    // A message's trades come before the book changes they caused (as Kraken writes them), so the
                    // venue takes each trade from the front of the queue before the book shows it gone.
                    for (Trade t : tape) {
                        venue.trade(t, clock.nanos());
                    }
                }
                if (bookSessions.contains(r.session())) {
                    marketData.tryEmitNext(md);
                }
                for (Trade t : tape) {
                    trades.tryEmitNext(t);
                }
                settle();
                if (sent != sentBefore) {
                    latency(System.nanoTime() - t0);
                }
                sample(false);
            } else if (recorded && r.direction() == Journal.Direction.IN && r.session().equals(session)
                    && (r.type() == RecordType.EXECUTION_REPORT || r.type() == RecordType.ORDER_CANCEL_REJECT
                    || r.type() == RecordType.BUSINESS_REJECT)) {
                recordedReports.add(r.event());
                settle();
            }
        }

        /** The book operator's output: the simulated venue's mirror first (the market moved), then the strategy. */
        private void onBook(BookEvent e) {
            if (e instanceof BookView v) {
                Ledger l = ledgers.get(v.symbol());
                if (l != null && v.isTwoSided()) {
                    l.mid = v.mid().toBigDecimal();
                }
                if (venue != null) {
                    venue.book(v.symbol(), v, clock.nanos());
                }
            }
            books.tryEmitNext(e);
        }

        /** What the sink sends: journaled, then to the venue (or checked against the journal's). */
        private void onCommand(OrderCommand cmd) {
            long now = clock.nanos();
            out.appendOutbound(session, now, TradingDay.KRAKEN.dayOf(now), ++seqOut, cmd);
            if (!comparable(cmd)) {
                return;
            }
            sent++;
            commands.merge(RecordType.of(cmd).wireName(), 1L, Long::sum);
            if (recorded) {
                long i = replayedCommands++;
                OrderCommand expected = i < scan.recordedCommands.size() ? scan.recordedCommands.get((int) i) : null;
                if (divergence == null && (expected == null || !canonical(expected).equals(canonical(cmd)))) {
                    divergence = new ReplayResult.Divergence(i, currentEventNanos,
                            expected == null ? null : canonical(expected), canonical(cmd));
                }
            } else {
                venue.command(cmd, now);
            }
        }

        /** Runs everything due now until nothing is left: strategy, sink, venue answers, strategy again. */
        private void settle() {
            for (int guard = 0; guard < 1_000_000; guard++) {
                clock.runDue();
                List<Event> reports = venue != null ? venue.drainReports() : drainRecorded();
                if (reports.isEmpty() && clock.nextDue() > clock.nanos()) {
                    return;
                }
                if (venue != null) {
                    venue.timePassed(clock.nanos());
                }
                for (Event e : reports) {
                    out.appendInbound(session, e);
                    account(e);
                    port.deliver(e);
                }
            }
            throw new IllegalStateException("replay did not settle at " + clock.instant()
                    + ": the strategy and the venue keep answering each other");
        }

        private List<Event> drainRecorded() {
            if (recordedReports.isEmpty()) {
                return List.of();
            }
            List<Event> r = new ArrayList<>(recordedReports);
            recordedReports.clear();
            return r;
        }

        private void account(Event e) {
            if (e instanceof ExecutionReport er) {
                if (er.ordStatus() == OrdStatus.REJECTED) {
                    rejects++;
                }
                if (er.isFill() && er.lastQty() != null && er.lastPx() != null) {
                    Decimal fee = Decimal.ZERO;
                    String currency = "";
                    if (!er.fees().isEmpty()) {
                        fee = er.fees().get(0).amount();
                        currency = er.fees().get(0).currency() == null ? "" : er.fees().get(0).currency();
                    }
                    // The report carries the order's total fee so far; the fill's share is the difference.
                    Ledger l = ledgers.computeIfAbsent(er.symbol(), Ledger::new);
                    BigDecimal total = fee.toBigDecimal();
                    BigDecimal prev = l.feeByOrder.getOrDefault(er.orderId(), BigDecimal.ZERO);
                    BigDecimal thisFee = total.subtract(prev);
                    l.feeByOrder.put(er.orderId(), total);
                    ReplayResult.Fill f = new ReplayResult.Fill(er.stamp().receivedNanos(), er.symbol(), er.side(),
                            er.lastQty(), er.lastPx(), Decimal.parse(thisFee.stripTrailingZeros().toPlainString()),
                            currency, er.liquidity() == null ? "" : er.liquidity().name(), er.orderId(),
                            er.clOrdId(), er.execId(), source(er));
                    fills.add(f);
                    l.fill(f);
                    sample(true);
                }
            } else if (e instanceof OrderCancelReject || e instanceof BusinessReject) {
                rejects++;
            }
        }

        /** What filled the strategy: {@code recorded} in a recorded replay, else the simulated venue's source. */
        private String source(ExecutionReport er) {
            if (venue == null) {
                return "recorded";
            }
            SimulatedVenue.Source s = venue.source(er.execId());
            return s == null ? "" : s.label();
        }

        private void latency(long nanos) {
            if (decisionCount == decisions.length) {
                decisions = Arrays.copyOf(decisions, decisions.length * 2);
            }
            decisions[decisionCount++] = nanos;
        }

        private void sample(boolean force) {
            long now = clock.nanos();
            if (!force && now < nextSample) {
                return;
            }
            nextSample = now + sampleEvery;
            for (Ledger l : ledgers.values()) {
                l.sample(now);
            }
        }

        ReplayResult result(String digest) {
            Map<String, ReplayResult.SymbolResult> bySymbol = new LinkedHashMap<>();
            for (Ledger l : ledgers.values()) {
                bySymbol.put(l.symbol, l.result());
            }
            long[] d = Arrays.copyOf(decisions, decisionCount);
            Arrays.sort(d);
            ReplayResult.Parity parity = recorded ? new ReplayResult.Parity(session, scan.recordedCommands.size(),
                    replayedCommands, divergence == null && replayedCommands < scan.recordedCommands.size()
                    ? new ReplayResult.Divergence(replayedCommands, scan.last,
                    canonical(scan.recordedCommands.get((int) replayedCommands)), null)
                    : divergence) : null;
            return new ReplayResult(options, events == 0 ? 0 : scan.first, events == 0 ? 0 : scan.last, events,
                    l3 ? "L3" : "L2", commands, refusals, rejects, List.copyOf(fills), bySymbol, parity, digest,
                    new ReplayResult.Speed(wall, d));
        }
    }

    /** A command as compared in a recorded replay: every field a strategy decides, not the time it was stamped. */
    static String canonical(OrderCommand cmd) {
        if (cmd instanceof NewOrder o) {
            return "NewOrder " + o.clOrdId() + " " + o.symbol() + " " + o.side() + " " + o.ordType() + " "
                    + o.orderQty() + " @ " + o.price() + " stop " + o.stopPx() + " " + o.timeInForce() + " "
                    + o.execInstructions();
        } else if (cmd instanceof AmendOrder o) {
            return "AmendOrder " + o.clOrdId() + " of " + o.origClOrdId() + " " + o.symbol() + " " + o.side() + " "
                    + o.orderQty() + " @ " + o.price() + " postOnly " + o.postOnly();
        } else if (cmd instanceof CancelOrder o) {
            return "CancelOrder " + o.clOrdId() + " of " + o.origClOrdId() + " " + o.symbol() + " " + o.side();
        } else if (cmd instanceof MassCancel o) {
            return "MassCancel " + o.clOrdId() + " " + o.scope() + " " + o.symbol();
        }
        return cmd.toString();
    }

    /** One instrument's running position, cash and fees (BigDecimal: report arithmetic, off the hot path). */
    private final class Ledger {
        final String symbol;
        final Map<String, BigDecimal> feeByOrder = new HashMap<>();
        final List<ReplayResult.Point> series = new ArrayList<>();
        BigDecimal position = BigDecimal.ZERO;
        BigDecimal cash = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        BigDecimal mid;
        long buys;
        long sells;

        final String base;

        Ledger(String symbol) {
            this.symbol = symbol;
            this.base = SimulatedVenue.pair(symbol)[0];
        }

        void fill(ReplayResult.Fill f) {
            BigDecimal qty = f.qty().toBigDecimal();
            BigDecimal notional = qty.multiply(f.price().toBigDecimal());
            if (f.side() == Side.BUY) {
                position = position.add(qty);
                cash = cash.subtract(notional);
                buys++;
            } else {
                position = position.subtract(qty);
                cash = cash.add(notional);
                sells++;
            }
            // Kraken may charge the fee in the base currency (a sell's proceeds, or 18=d); count it in quote.
            BigDecimal fee = f.fee().toBigDecimal();
            fees = fees.add(base.equals(f.feeCurrency()) ? fee.multiply(f.price().toBigDecimal()) : fee);
        }

        BigDecimal pnl() {
            BigDecimal m = mid == null ? BigDecimal.ZERO : mid;
            return cash.subtract(fees).add(position.multiply(m));
        }

        void sample(long now) {
            if (mid == null) {
                return;
            }
            series.add(new ReplayResult.Point(now, mid.doubleValue(), position.doubleValue(), pnl().doubleValue(),
                    fees.doubleValue()));
        }

        ReplayResult.SymbolResult result() {
            return new ReplayResult.SymbolResult(symbol, position.stripTrailingZeros(), cash.stripTrailingZeros(),
                    fees.stripTrailingZeros(), mid == null ? null : mid.stripTrailingZeros(),
                    pnl().stripTrailingZeros(), buys, sells, List.copyOf(series));
        }
    }

    static Set<String> sortedKeys(Map<String, ?> m) {
        return new TreeSet<>(m.keySet());
    }
}
