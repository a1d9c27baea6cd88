package io.fluxfix.bench;

import io.fluxfix.journal.ChronicleJournal;
import io.fluxfix.journal.JournalReader;
import io.fluxfix.journal.JournalRecord;
import io.fluxfix.journal.ReplayFilter;
import io.fluxfix.journal.internal.RecordCodec;
import io.fluxfix.journal.internal.RecordWriter;
import io.fluxfix.kraken.DecodeException;
import io.fluxfix.kraken.FastIncrementalDecoder;
import io.fluxfix.kraken.KrakenDecoder;
import io.fluxfix.kraken.KrakenFixParser;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.Liquidity;
import io.fluxfix.model.OrdStatus;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.Fee;
import io.fluxfix.model.event.FeeBasis;
import io.fluxfix.model.event.FeeType;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MdUpdateAction;
import io.fluxfix.model.event.Stamp;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the journal costs:
 * <ul>
 *   <li>{@code appendIncrement}, {@code appendExecutionReport}: one {@code appendInbound} of a ready model event
 *       (an L2 increment of two entries; a fill with a fee), every append timed ({@link EveryCall}: the
 *       {@code :p50}/{@code :p99}/... secondary results are the percentiles); run with {@code -prof gc} for the
 *       bytes allocated per append (target: 0);</li>
 *   <li>{@code read}: records decoded per second by a cursor over a journal of {@value #READ_RECORDS} increments;</li>
 *   <li>{@code decodeAndJournal}: a 35=X as raw bytes through {@code FastIncrementalDecoder} (one pass over the
 *       bytes, the same checks and result as the QuickFIX/J path) and the append — the raw-FIX import/replay
 *       path; the {@code entries} counter gives market-data entries per second;</li>
 *   <li>{@code decodeIncrement}: that decode alone (its share of {@code decodeAndJournal});</li>
 *   <li>{@code decodeAndJournalQfj}: the same 35=X as text through {@code KrakenFixParser} (QuickFIX/J parse and
 *       validation with Kraken's dictionary), {@code KrakenDecoder} and the append — the session's inbound path
 *       without the socket, for comparison.</li>
 * </ul>
 * Each append benchmark writes into a fresh journal per iteration in a temporary directory, deleted after the
 * iteration, so disk use stays at one iteration's records. Figures in {@code docs/benchmarks.md}.
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2)
public class JournalBenchmark {

    static final long T0 = 1_775_572_325_000_000_000L;
    static final int DAY = 20_550;
    static final int EVENTS = 1024;
    static final int READ_RECORDS = 200_000;

    Path dir;
    ChronicleJournal journal;
    final MarketDataIncrement[] increments = new MarketDataIncrement[EVENTS];
    final ExecutionReport[] reports = new ExecutionReport[EVENTS];
    int next;

    final KrakenFixParser parser = new KrakenFixParser();
    final KrakenDecoder decoder = new KrakenDecoder();
    final FastIncrementalDecoder fastDecoder = new FastIncrementalDecoder();
    long seq;

    final RecordWriter buffer = new RecordWriter();
    JournalReader reader;
    JournalReader.Cursor cursor;
    Path readDir;

    /** Market-data entries journaled, per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Entries {
        public long entries;

        @Setup(Level.Iteration)
        public void clean() {
            entries = 0;
        }
    }

    /** The 35=X text {@code decodeAndJournal} decodes, with {@link #entries} entries. */
    @State(Scope.Thread)
    public static class IncrementText {
        @Param({"2", "10"})
        public int entries;
        String fix;
        byte[] bytes;

        @Setup(Level.Trial)
        public void build() {
            fix = incrementFix(entries);
            bytes = fix.getBytes(StandardCharsets.US_ASCII);
        }
    }

    @Setup(Level.Trial)
    public void events() throws IOException {
        for (int i = 0; i < EVENTS; i++) {
            long s = i + 1;
            Stamp stamp = new Stamp(T0 + s * 1000, DAY, s);
            increments[i] = new MarketDataIncrement(stamp, "md-1", "BTC/USD", List.of(
                    MdEntry.update(MdUpdateAction.CHANGE, MdEntryType.BID, "B84000.1", Decimal.of(840_001 + i, 1),
                            Decimal.of(50_000_000L + i, 8), 52_347_208_000_000L),
                    MdEntry.update(MdUpdateAction.DELETE, MdEntryType.OFFER, "O84002.5", Decimal.of(840_025, 1),
                            Decimal.of(0, 8), 52_347_208_000_000L)), 3_254_665_545L);
            reports[i] = new ExecutionReport(stamp, "1744036325000000", null, "OQNCZM-NVAVC-AVD2LO",
                    "EXEC003:TRD00" + i, "1", ExecType.TRADE, OrdStatus.PARTIALLY_FILLED, "BTC/USD", Side.BUY,
                    OrdType.LIMIT, TimeInForce.GOOD_TILL_CANCEL, Decimal.parse("0.002"), Decimal.parse("84000"), null,
                    null, null, Decimal.parse("84000"), Decimal.parse("0.001"), Decimal.parse("84000"),
                    Decimal.parse("0.001"), Decimal.parse("0.001"), Decimal.parse("84"), Decimal.parse("84"),
                    List.of(new Fee(Decimal.parse("0.168"), "USD", FeeType.EXCHANGE, FeeBasis.PERCENTAGE)),
                    "TRADE-001", Liquidity.TAKER, T0, Stamp.NO_TIME, null, -1, null);
        }
        // the read benchmark's journal, written once
        readDir = Files.createTempDirectory("fluxfix-journal-bench-read");
        try (ChronicleJournal j = ChronicleJournal.open(readDir)) {
            for (int i = 0; i < READ_RECORDS; i++) {
                j.appendInbound("spot-md", increments[i % EVENTS]);
            }
        }
        reader = JournalReader.open(readDir);
        cursor = reader.cursor(ReplayFilter.ALL);
    }

    /** Bytes the journal's background thread keeps touched ahead of the writer; 0 = off (appends take the faults). */
    @Param({"1048576"})
    public long touchAhead = ChronicleJournal.DEFAULT_TOUCH_AHEAD_BYTES;

    @Setup(Level.Iteration)
    public void openJournal() throws IOException {
        dir = Files.createTempDirectory("fluxfix-journal-bench");
        journal = ChronicleJournal.builder(dir).touchAheadBytes(touchAhead).open();
    }

    @TearDown(Level.Iteration)
    public void closeJournal() {
        journal.close();
        delete(dir);
    }

    @TearDown(Level.Trial)
    public void closeReader() {
        cursor.close();
        reader.close();
        delete(readDir);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void appendIncrement(EveryCall latency) {
        append("spot-md", increments, latency);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void appendExecutionReport(EveryCall latency) {
        append("spot-trading", reports, latency);
    }

    /** The record encoding alone, into a reused buffer: the codec's share of an append. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public long encodeIncrement(EveryCall latency) {
        return encode("spot-md", increments, latency);
    }

    /** The fill's record encoding alone: the codec's share of {@code appendExecutionReport}. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public long encodeExecutionReport(EveryCall latency) {
        return encode("spot-trading", reports, latency);
    }

    /** The next of {@code events} journaled, the append timed. */
    private void append(String session, Event[] events, EveryCall latency) {
        long t0 = System.nanoTime();
        journal.appendInbound(session, events[next++ & (EVENTS - 1)]);
        latency.record(System.nanoTime() - t0);
    }

    /** The next of {@code events} encoded into the reused buffer, the encode timed; its length. */
    private long encode(String session, Event[] events, EveryCall latency) {
        long t0 = System.nanoTime();
        buffer.clear();
        RecordCodec.writeInbound(buffer, session, events[next++ & (EVENTS - 1)]);
        int length = buffer.length();
        latency.record(System.nanoTime() - t0);
        return length;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public JournalRecord read() {
        JournalRecord r = cursor.next();
        if (r == null) { // at the end: start over
            cursor.close();
            cursor = reader.cursor(ReplayFilter.ALL);
            r = cursor.next();
        }
        return r;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Event decodeAndJournal(IncrementText text, Entries counter) throws DecodeException {
        MarketDataIncrement e = decodeIncrement(text, counter);
        journal.appendInbound("spot-md", e);
        return e;
    }

    /** The decode of {@code decodeAndJournal} alone: its share of that benchmark, measured rather than inferred. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public MarketDataIncrement decodeIncrement(IncrementText text, Entries counter) throws DecodeException {
        long s = ++seq;
        MarketDataIncrement e = fastDecoder.decode(text.bytes, 0, text.bytes.length, new Stamp(T0 + s, DAY, s));
        counter.entries += e.entries().size();
        return e;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Event decodeAndJournalQfj(IncrementText text, Entries counter) throws DecodeException {
        long s = ++seq;
        Event e = decoder.decode(parser.parse(text.fix), new Stamp(T0 + s, DAY, s));
        journal.appendInbound("spot-md", e);
        counter.entries += ((MarketDataIncrement) e).entries().size();
        return e;
    }

    /** A Kraken Spot L2 35=X with {@code n} entries, framed with a correct BodyLength and CheckSum. */
    static String incrementFix(int n) {
        StringBuilder body = new StringBuilder("35=X|34=100|49=KRAKEN-MD|56=MYCOMPID|52=20230707-13:42:27.230|"
                + "55=BTC/USD|262=1|268=" + n + "|");
        for (int i = 0; i < n; i++) {
            String side = i % 2 == 0 ? "0" : "1";
            String px = (i % 2 == 0 ? "30300." : "30400.") + (i + 1);
            body.append("279=").append(i % 3 == 0 ? 2 : 1).append("|269=").append(side).append("|278=")
                    .append(i % 2 == 0 ? "B" : "O").append(px).append("|270=").append(px).append("|271=0.00")
                    .append(31 + i).append("|273=13:42:27.208|");
        }
        String b = body.toString().replace('|', '\u0001');
        String head = "8=FIX.4.4\u00019=" + b.getBytes(StandardCharsets.US_ASCII).length + "\u0001";
        int sum = 0;
        for (byte x : (head + b).getBytes(StandardCharsets.US_ASCII)) {
            sum += x & 0xFF;
        }
        return head + b + "10=" + String.format("%03d", sum % 256) + "\u0001";
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
