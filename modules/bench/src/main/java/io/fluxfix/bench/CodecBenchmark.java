package io.fluxfix.bench;

import io.fluxfix.kraken.DecodeException;
import io.fluxfix.kraken.KrakenDecoder;
import io.fluxfix.kraken.KrakenDictionary;
import io.fluxfix.kraken.KrakenEncoder;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.Stamp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import quickfix.DataDictionary;
import quickfix.InvalidMessage;
import quickfix.Message;
import quickfix.UtcTimestampPrecision;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import java.util.concurrent.TimeUnit;

/**
 * What FluxFix's codec costs on top of QuickFIX/J, measured in one run:
 * <ul>
 *   <li>{@code erParseQfj}: QuickFIX/J parses a Kraken fill ExecutionReport with Kraken's dictionary — what every
 *       received message costs anyway;</li>
 *   <li>{@code erParseAndDecode}: the same parse, then {@link KrakenDecoder} turns it into the model's
 *       {@code ExecutionReport};</li>
 *   <li>{@code erDecodeOnly}: the decode alone, on a message QuickFIX/J parsed once — the codec's own share,
 *       measured directly instead of as the difference of two noisy totals;</li>
 *   <li>{@code erParseValidateQfj}: the parse plus the dictionary validation a live QuickFIX/J session does on
 *       every incoming message — the real baseline of a session, for context;</li>
 *   <li>{@code nosParseQfj}: QuickFIX/J parses a Kraken NewOrderSingle (the same bytes {@code nosEncode} writes);</li>
 *   <li>{@code nosBuildQfjTyped}: QuickFIX/J builds and serialises the order from typed values (BigDecimal
 *       prices, a LocalDateTime, char codes) through its own setters — what sending costs a QuickFIX/J user;</li>
 *   <li>{@code nosBuildQfjStrings}: the same with every value already a string — the floor, nothing formatted;</li>
 *   <li>{@code nosEncode}: {@link KrakenEncoder} builds it from the model's {@code NewOrder}, then serialises;</li>
 *   <li>{@code nosEncodeOnly}: the build from the model alone, without QuickFIX/J's serialisation.</li>
 * </ul>
 * The target: the codec adds at most 20% on top of QuickFIX/J's own work. Figures and the command are
 * in {@code docs/benchmarks.md}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 5)
public class CodecBenchmark {

    /** Kraken's documented Spot fill (fix-dialect.md §2.6), completed with its header. */
    static final String EXECUTION_REPORT = ("8=FIX.4.4|9=307|35=8|34=4|49=KRAKEN-TRD|56=CLIENT|52=20260407-14:32:07.000|"
            + "6=84000|11=1744036325000000|14=0.001|17=EXEC003:TRD001|31=84000|32=0.001|37=OQNCZM-NVAVC-AVD2LO|38=0.001|"
            + "39=2|40=2|44=84000|54=1|55=BTC/USD|59=1|60=20260407-14:32:07.000|118=84|136=1|137=0.168|138=USD|139=4|"
            + "150=F|151=0|381=84|1003=TRADE-001|5050=1|10=107|").replace('|', '\u0001');

    /** Kraken's documented Spot limit order (fix-dialect.md §2.1). */
    static final String NEW_ORDER_SINGLE = ("8=FIX.4.4|9=148|35=D|34=2|49=CLIENT|56=KRAKEN-TRD|52=20260407-14:32:05.000|"
            + "11=1744036325000000|55=BTC/USD|54=1|40=2|44=84000|38=0.001|59=1|60=20260407-14:32:05.000|10=141|")
            .replace('|', '\u0001');

    static final long TRANSACT_TIME = 1_775_572_325_000_000_000L;

    private final DataDictionary dictionary = KrakenDictionary.get();
    private final KrakenDecoder decoder = new KrakenDecoder();
    private final KrakenEncoder encoder = new KrakenEncoder();
    private final Stamp stamp = new Stamp(TRANSACT_TIME, 20_551, 4);
    // Typed inputs of the QuickFIX/J baseline, made once like the model's NewOrder.
    private final String clOrdId = "1744036325000000";
    private final String symbol = "BTC/USD";
    private final BigDecimal price = new BigDecimal("84000");
    private final BigDecimal qty = new BigDecimal("0.001");
    private final LocalDateTime transactTime = LocalDateTime.ofEpochSecond(TRANSACT_TIME / 1_000_000_000L, 0,
            ZoneOffset.UTC);
    private Message parsedExecutionReport;

    private final NewOrder order = NewOrder.limit("1744036325000000", "BTC/USD", Side.BUY, Decimal.parse("0.001"),
            Decimal.parse("84000"), TimeInForce.GOOD_TILL_CANCEL, ExecInstructions.NONE, TRANSACT_TIME);

    @Benchmark
    public Message erParseQfj() throws InvalidMessage {
        return parse(EXECUTION_REPORT);
    }

    @Benchmark
    public Event erParseAndDecode() throws InvalidMessage, DecodeException {
        return decoder.decode(parse(EXECUTION_REPORT), stamp);
    }

    @Benchmark
    public Event erDecodeOnly() throws DecodeException {
        return decoder.decode(parsedExecutionReport, stamp);
    }

    @Benchmark
    public Message erParseValidateQfj() throws Exception {
        Message m = parse(EXECUTION_REPORT);
        dictionary.validate(m);
        return m;
    }

    @Benchmark
    public Message nosParseQfj() throws InvalidMessage {
        return parse(NEW_ORDER_SINGLE);
    }

    @Benchmark
    public String nosBuildQfjTyped() {
        Message m = new Message();
        m.getHeader().setString(35, "D");
        m.setString(11, clOrdId);
        m.setString(55, symbol);
        m.setChar(54, '1');
        m.setChar(40, '2');
        m.setDecimal(44, price);
        m.setDecimal(38, qty);
        m.setChar(59, '1');
        m.setUtcTimeStamp(60, transactTime, UtcTimestampPrecision.MILLIS);
        return m.toString();
    }

    @Benchmark
    public String nosBuildQfjStrings() {
        Message m = new Message();
        m.getHeader().setString(35, "D");
        m.setString(11, "1744036325000000");
        m.setString(55, "BTC/USD");
        m.setString(54, "1");
        m.setString(40, "2");
        m.setString(44, "84000");
        m.setString(38, "0.001");
        m.setString(59, "1");
        m.setString(60, "20260407-14:32:05.000");
        return m.toString();
    }

    @Benchmark
    public String nosEncode() {
        return encoder.encode(order).toString();
    }

    @Benchmark
    public Message nosEncodeOnly() {
        return encoder.encode(order);
    }

    @Setup
    public void parseOnce() throws InvalidMessage {
        parsedExecutionReport = parse(EXECUTION_REPORT);
    }

    private Message parse(String raw) throws InvalidMessage {
        Message m = new Message();
        m.fromString(raw, dictionary, false);
        return m;
    }
}
